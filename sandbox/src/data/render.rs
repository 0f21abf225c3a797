//! Renders claims as ExplanationOfBenefit JSON for v1 (STU3), v2 (R4) and
//! v3 (BFD server-ng) shapes.

use serde_json::{json, Value};

use super::claims::{Claim, ClaimType};
use super::dates::{fmt_date, fmt_instant};
use super::{patient_id, Version};

const BB: &str = "https://bluebutton.cms.gov/resources";
const V3CS: &str = "https://bluebutton.cms.gov/fhir/CodeSystem";

fn money(cents: u64, v: Version) -> Value {
    let value = cents as f64 / 100.0;
    match v {
        Version::V1 => json!({"value": value, "system": "urn:iso:std:iso:4217", "code": "USD"}),
        _ => json!({"value": value, "currency": "USD"}),
    }
}

fn period(start: i64, end: i64) -> Value {
    json!({"start": fmt_date(start), "end": fmt_date(end)})
}

fn type_coding(c: &Claim, v: Version) -> Value {
    let (fcode, fdisp) = c.kind.fhir_type();
    match v {
        Version::V3 => json!({"coding": [
            {"system": format!("{V3CS}/CLM-TYPE-CD"), "code": c.nch_code},
            {"system": "http://terminology.hl7.org/CodeSystem/claim-type", "code": fcode},
            {"system": format!("{V3CS}/EOB-TYPE"), "code": c.kind.upper()}
        ]}),
        _ => {
            let mut coding = vec![
                json!({"system": format!("{BB}/codesystem/eob-type"), "code": c.kind.upper()}),
            ];
            coding.push(json!({"system": "http://terminology.hl7.org/CodeSystem/claim-type", "code": fcode, "display": fdisp}));
            if c.kind != ClaimType::Pde {
                coding.insert(0, json!({"system": format!("{BB}/variables/nch_clm_type_cd"), "code": c.nch_code}));
            }
            json!({ "coding": coding })
        }
    }
}

fn adjudication(cat: &str, display: &str, cents: u64, v: Version) -> Value {
    let system = match v {
        Version::V1 => format!("{BB}/codesystem/adjudication"),
        _ => "http://terminology.hl7.org/CodeSystem/adjudication".to_string(),
    };
    json!({"category": {"coding": [{"system": system, "code": cat, "display": display}]}, "amount": money(cents, v)})
}

fn item(c: &Claim, i: usize, v: Version) -> Value {
    let l = &c.lines[i];
    let service = if c.kind == ClaimType::Pde {
        json!({"coding": [{"system": "http://hl7.org/fhir/sid/ndc", "code": l.code, "display": l.display}]})
    } else {
        json!({"coding": [{"system": format!("{BB}/codesystem/hcpcs"), "code": l.code, "display": l.display}]})
    };
    let adj = vec![
        adjudication("submitted", "Submitted Amount", l.submitted, v),
        adjudication("eligible", "Eligible Amount", l.allowed, v),
        adjudication("benefit", "Benefit Amount", l.paid, v),
    ];
    let mut m = json!({
        "sequence": i + 1,
        "quantity": {"value": l.quantity},
        "adjudication": adj,
    });
    let (svc_key, ct_key, dx_key) = match v {
        Version::V1 => ("service", "careTeamLinkId", "diagnosisLinkId"),
        _ => ("productOrService", "careTeamSequence", "diagnosisSequence"),
    };
    m[svc_key] = service;
    m[ct_key] = json!([1]);
    if c.kind != ClaimType::Pde {
        m[dx_key] = json!([1]);
    }
    if c.start == c.end || c.kind == ClaimType::Pde {
        m["servicedDate"] = json!(fmt_date(l.day));
    } else {
        m["servicedPeriod"] = period(c.start, c.end);
    }
    m
}

fn care_team(c: &Claim, v: Version) -> Value {
    let role = if c.kind == ClaimType::Pde {
        "prescribing"
    } else {
        "referring"
    };
    let ident = |npi: u64| match v {
        Version::V1 => {
            json!({"system": "http://hl7.org/fhir/sid/us-npi", "value": npi.to_string()})
        }
        _ => json!({"system": "http://hl7.org/fhir/sid/us-npi",
            "type": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v2-0203", "code": "NPI"}]},
            "value": npi.to_string()}),
    };
    let role_sys = match v {
        Version::V1 => "http://hl7.org/fhir/claimcareteamrole",
        _ => "http://hl7.org/fhir/us/carin-bb/CodeSystem/C4BBClaimCareTeamRole",
    };
    json!([
        {"sequence": 1, "provider": {"identifier": ident(c.other_npi)},
         "role": {"coding": [{"system": role_sys, "code": role}]}},
        {"sequence": 2, "provider": {"identifier": ident(c.npi)},
         "role": {"coding": [{"system": role_sys, "code": if c.kind == ClaimType::Carrier { "performing" } else { "primary" }}]}}
    ])
}

fn diagnoses(c: &Claim) -> Value {
    Value::Array(
        c.diagnoses
            .iter()
            .enumerate()
            .map(|(i, (code, display))| {
                let mut d = json!({"sequence": i + 1, "diagnosisCodeableConcept": {"coding": [
                    {"system": "http://hl7.org/fhir/sid/icd-10", "code": code, "display": display}]}});
                if i == 0 {
                    d["type"] = json!([{"coding": [{"system": format!("{BB}/codesystem/diagnosis-type"), "code": "principal"}]}]);
                }
                d
            })
            .collect(),
    )
}

/// Renders one claim of user `n` as an ExplanationOfBenefit for version `v`.
pub fn eob(c: &Claim, n: u32, v: Version) -> Value {
    let pid = patient_id(n, v);
    let part = match c.kind {
        ClaimType::Pde => "part-d",
        ClaimType::Carrier | ClaimType::Dme | ClaimType::Outpatient => "part-b",
        _ => "part-a",
    };
    let items: Vec<Value> = (0..c.lines.len()).map(|i| item(c, i, v)).collect();
    let mut m = json!({
        "resourceType": "ExplanationOfBenefit",
        "id": if v == Version::V3 { c.claim_id.to_string() } else { c.eob_id() },
        "meta": {"lastUpdated": fmt_instant(c.last_updated)},
        "identifier": [
            {"system": format!("{BB}/variables/{}", if c.kind == ClaimType::Pde { "pde_id" } else { "clm_id" }), "value": c.claim_id.to_string()},
            {"system": format!("{BB}/identifier/claim-group"), "value": c.group_id.to_string()}
        ],
        "status": "active",
        "type": type_coding(c, v),
        "patient": {"reference": format!("Patient/{pid}")},
        "billablePeriod": period(c.start, c.end),
        "provider": {"identifier": {"system": "http://hl7.org/fhir/sid/us-npi", "value": c.npi.to_string()}},
        "careTeam": care_team(c, v),
        "diagnosis": diagnoses(c),
        "insurance": [{"coverage": {"reference": format!("Coverage/{part}-{pid}")}}],
        "item": items,
        "payment": {"amount": money(c.paid(), v)},
    });
    if c.kind == ClaimType::Pde {
        m["diagnosis"] = json!([]);
    }
    match v {
        Version::V1 => {
            m["totalCost"] = money(c.submitted(), v);
        }
        _ => {
            m["use"] = json!("claim");
            m["outcome"] = json!("complete");
            m["created"] = json!(fmt_date(c.end));
            m["insurer"] = json!({"identifier": {"value": "CMS"}});
            m["total"] = json!([
                adjudication("submitted", "Submitted Amount", c.submitted(), v),
                adjudication("eligible", "Eligible Amount", c.allowed(), v),
                adjudication("benefit", "Benefit Amount", c.paid(), v),
            ]);
            m["insurance"][0]["focal"] = json!(true);
        }
    }
    if v == Version::V3 {
        m["meta"]["source"] = json!(c.source.as_str());
        m["meta"]["tag"] = json!([
            {"system": format!("{V3CS}/System-Type"), "code": c.source.system_type()},
            {"system": format!("{V3CS}/Final-Action"),
             "code": if c.final_action { "FinalAction" } else { "NotFinalAction" }}
        ]);
        m["outcome"] = json!(c.outcome);
        if c.samhsa {
            m["meta"]["security"] = json!([{"system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": "42CFRPart2"}]);
        }
    }
    m
}
