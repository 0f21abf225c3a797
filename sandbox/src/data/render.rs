//! Renders claims as ExplanationOfBenefit JSON for v1 (STU3), v2 (R4) and
//! v3 (BFD server-ng) shapes.

use serde_json::{json, Value};

use super::claims::Claim;
use super::dates::{fmt_date, fmt_instant};
use super::kinds::ClaimType;
use super::names::{
    FAMILY, GIVEN_FEMALE, GIVEN_MALE, HOME_HEALTH, HOSPICES, HOSPITALS, NURSING_FACILITIES,
};
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
        // As in the real data, HCPCS codings carry no `display`.
        json!({"coding": [{"system": format!("{BB}/codesystem/hcpcs"), "code": l.code}]})
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
    let mut team = json!([
        {"sequence": 1, "provider": {"identifier": ident(c.other_npi)},
         "role": {"coding": [{"system": role_sys, "code": role}]}},
        {"sequence": 2, "provider": {"identifier": ident(c.npi)},
         "role": {"coding": [{"system": role_sys, "code": if c.kind == ClaimType::Carrier { "performing" } else { "primary" }}]}}
    ]);
    // Doctors' names as the real data gives them: v3 `Family, Given` on care team members
    // (BFD server-ng fixtures); v1/v2 only the prescriber of a drug fill, `DR. GIVEN FAMILY MD`.
    let (given, family) = doctor_name(c.other_npi);
    match v {
        Version::V3 => {
            team[0]["provider"]["display"] = json!(format!("{family}, {given}"));
            if c.kind == ClaimType::Carrier {
                let (given, family) = doctor_name(c.npi);
                team[1]["provider"]["display"] = json!(format!("{family}, {given}"));
            }
        }
        _ if c.kind == ClaimType::Pde => {
            let name = format!("DR. {given} {family} MD").to_uppercase();
            team[0]["provider"]["display"] = json!(name);
        }
        _ => {}
    }
    team
}

/// A doctor's (given, family) name, fixed by the NPI.
fn doctor_name(npi: u64) -> (&'static str, &'static str) {
    let given = if npi.is_multiple_of(2) {
        GIVEN_FEMALE[(npi / 2 % GIVEN_FEMALE.len() as u64) as usize]
    } else {
        GIVEN_MALE[(npi / 2 % GIVEN_MALE.len() as u64) as usize]
    };
    (given, FAMILY[(npi / 97 % FAMILY.len() as u64) as usize])
}

/// The name of the facility of an institutional claim, fixed by its NPI.
fn facility_name(c: &Claim) -> Option<&'static str> {
    let list = match c.kind {
        ClaimType::Inpatient | ClaimType::Outpatient => HOSPITALS,
        ClaimType::Snf => NURSING_FACILITIES,
        ClaimType::Hha => HOME_HEALTH,
        ClaimType::Hospice => HOSPICES,
        _ => return None,
    };
    Some(list[(c.npi % list.len() as u64) as usize])
}

/// Diagnoses: v1/v2 name each code in upper case (`display`), as BFD does; v3 gives codes
/// only (BFD server-ng fixtures).
fn diagnoses(c: &Claim, v: Version) -> Value {
    Value::Array(
        c.diagnoses
            .iter()
            .enumerate()
            .map(|(i, (code, display))| {
                let mut coding = json!({"system": "http://hl7.org/fhir/sid/icd-10", "code": code});
                if v != Version::V3 {
                    coding["display"] = json!(display.to_uppercase());
                }
                let mut d = json!({"sequence": i + 1, "diagnosisCodeableConcept": {"coding": [coding]}});
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
        "diagnosis": diagnoses(c, v),
        "insurance": [{"coverage": {"reference": format!("Coverage/{part}-{pid}")}}],
        "item": items,
        "payment": {"amount": money(c.paid(), v)},
    });
    if c.kind == ClaimType::Pde {
        m["diagnosis"] = json!([]);
    }
    // Institutional claims name the facility: v1 as the `organization` (BFD STU3), v2/v3 on
    // the billing provider.
    if let Some(name) = facility_name(c) {
        if v == Version::V1 {
            m["organization"] = json!({"identifier": {"system": "http://hl7.org/fhir/sid/us-npi", "value": c.npi.to_string()}, "display": name});
        } else {
            m["provider"]["display"] = json!(name);
        }
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
