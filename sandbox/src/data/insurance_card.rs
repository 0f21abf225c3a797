//! The v3 Digital Insurance Card of a synthetic user: the `collection` Bundle that
//! `GET /v3/fhir/Patient/$generate-insurance-card` answers (doc §12.2), in BFD server-ng's
//! shape (`PatientCoverageC4DICSearchIT` snapshots): the C4DIC Patient, one CMS Organization,
//! then one Coverage per part the user has, in the order Part A, B, C, D, Dual.
//!
//! Deterministic per user and seed. Every user has Parts A and B; user 1 (the heavy user)
//! has every part; others have Part C, Part D and Dual eligibility by chance, and a Part C
//! may have ended (status `cancelled` with an end date). As on the real server the
//! resources carry no `id`: each `fullUrl` is `urn:uuid:<id>` and references are
//! `Patient/<id>` and `Organization/<id>`. The ids are stable per user (the real server
//! makes fresh UUIDs per call for the Patient, the Organization and Parts A, B and Dual);
//! Part C/D ids are `part-c-<beneficiary>-<contract>-<pbp>` as on the real server.

use serde_json::{json, Value};

use super::dates::{days_from_civil, fmt_date, fmt_instant};
use super::patient::person;
use super::{patient_id, Rng, Version, HEAVY_USER};

const PROFILE: &str = "http://hl7.org/fhir/us/insurance-card/StructureDefinition/C4DIC-";
const CLASS_SYSTEM: &str = "http://terminology.hl7.org/CodeSystem/coverage-class";
const SOPT: &str = "https://nahdo.org/sopt";
const BB_EXT: &str = "https://bluebutton.cms.gov/fhir/StructureDefinition/";
const BB_CS: &str = "https://bluebutton.cms.gov/fhir/CodeSystem/";

/// The Organization's name (BFD `OrganizationFactory`).
pub const CMS_NAME: &str = "Centers for Medicare and Medicaid Services";
/// The phones and web address on the card (BFD `OrganizationFactory`).
pub const CMS_TELECOM: [(&str, &str); 3] = [
    ("phone", "1-800-633-4227"),
    ("phone", "TTY: 1-877-486-2048"),
    ("url", "www.medicare.gov"),
];

/// The fixed notice of every Coverage (BFD `BeneficiaryCoverage`), English then Spanish.
pub const CARD_TEXT: &str = "You may be asked to show this card when you get health care services. Only give your personal Medicare information to health care providers, or people you trust who work with Medicare on your behalf. WARNING: Intentionally misusing this card may be considered fraud and/or other violation of federal law and is punishable by law.\n\nEs posible que le pidan que muestre esta tarjeta cuando reciba servicios de cuidado médico. Solamente dé su información personal de Medicare a los proveedores de salud, sus aseguradores o personas de su confianza que trabajan con Medicare en su nombre. ¡ADVERTENCIA! El mal uso intencional de esta tarjeta puede ser considerado como fraude y/u otra violación de la ley federal y es sancionada por la ley.";

/// The parts a user has, with what the card needs to draw them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parts {
    /// Part C: (contract, PBP, start day, end day if it ended).
    pub c: Option<(String, String, i64, Option<i64>)>,
    /// Part D: (contract, PBP, start day, plan member id).
    pub d: Option<(String, String, i64, String)>,
    /// Dual eligibility start day.
    pub dual: Option<i64>,
    /// Part A entitlement start day (Part B starts the same day).
    pub ab_start: i64,
}

/// The parts of user `n` under `seed`.
pub fn parts(n: u32, seed: u64) -> Parts {
    let p = person(n, seed);
    let mut r = Rng::new(&[seed, u64::from(n), 0xCA4D]);
    let all = n == HEAVY_USER;
    // Entitlement starts the first of the month of the 65th birthday, or (disability)
    // when the person's disability entitlement began.
    let ab_start = p.medicare_start;
    // A plan starts no earlier than Parts A and B.
    let enrolled = |r: &mut Rng| {
        days_from_civil(r.range(2016, 2024) as i64, r.range(1, 12) as u32, 1).max(ab_start)
    };
    let c = (all || r.chance(35)).then(|| {
        let contract = format!("H{:04}", r.range(1000, 9999));
        let pbp = format!("{:03}", r.range(1, 30));
        let start = enrolled(&mut r);
        let end = (!all && r.chance(25))
            .then(|| days_from_civil(2023, 12, 31))
            .filter(|end| *end > start);
        (contract, pbp, start, end)
    });
    let d = (all || r.chance(55)).then(|| {
        let (contract, pbp) = match &c {
            Some((contract, pbp, _, None)) => (contract.clone(), pbp.clone()),
            _ => (
                format!("S{:04}", r.range(1000, 9999)),
                format!("{:03}", r.range(1, 30)),
            ),
        };
        let member = format!("{:09}", r.range(100_000_000, 999_999_999));
        (contract, pbp, enrolled(&mut r), member)
    });
    let dual = (all || r.chance(15)).then(|| enrolled(&mut r));
    Parts {
        c,
        d,
        dual,
        ab_start,
    }
}

/// A stable UUID-shaped id for user `n` and a role number.
fn uuid(n: u32, role: u64) -> String {
    let mut r = Rng::new(&[u64::from(n), role, 0x0C4D_1C00]);
    let (a, b) = (r.next_u64(), r.next_u64());
    format!(
        "{:08x}-{:04x}-4{:03x}-8{:03x}-{:012x}",
        a >> 32,
        (a >> 16) & 0xffff,
        a & 0xfff,
        b >> 52,
        b & 0xffff_ffff_ffff
    )
}

fn entry(id: &str, resource: Value) -> Value {
    json!({ "fullUrl": format!("urn:uuid:{id}"), "resource": resource })
}

fn class(code: &str, value: &str) -> Value {
    json!({"type": {"coding": [{"code": code, "system": CLASS_SYSTEM}]}, "value": value})
}

/// The insurance card Bundle of user `n` (v3 only).
pub fn card(n: u32, seed: u64) -> Value {
    let p = person(n, seed);
    let parts = parts(n, seed);
    let updated = fmt_instant(days_from_civil(2024, 1, 2) * 86_400 + i64::from(n % 86_400));
    let patient_ref = format!("Patient/{}", uuid(n, 1));
    let org_id = uuid(n, 2);
    let org_ref = format!("Organization/{org_id}");
    let bene = patient_id(n, Version::V3)
        .trim_start_matches('-')
        .to_owned();
    let mbi_identifier = json!([{
        "assigner": {"reference": org_ref},
        "system": "http://hl7.org/fhir/sid/us-mbi",
        "type": {"coding": [{"code": "MB", "system": "http://terminology.hl7.org/CodeSystem/v2-0203"}]},
        "value": p.mbi,
    }]);
    let coverage = |plan: &str, sopt: (&str, &str), start: i64, end: Option<i64>| {
        let mut period = json!({"start": fmt_date(start)});
        if let Some(end) = end {
            period["end"] = json!(fmt_date(end));
        }
        let ended = end.is_some_and(|e| e < days_from_civil(2099, 1, 1));
        json!({
            "resourceType": "Coverage",
            "meta": {"lastUpdated": updated, "profile": [format!("{PROFILE}Coverage")]},
            "extension": [{
                "url": format!("{PROFILE}AdditionalCardInformation-extension"),
                "valueAnnotation": {"text": CARD_TEXT},
            }],
            "status": if ended { "cancelled" } else { "active" },
            "type": {"coding": [{"code": sopt.0, "display": sopt.1, "system": SOPT}]},
            "subscriber": {"reference": patient_ref},
            "subscriberId": p.mbi,
            "beneficiary": {"reference": patient_ref},
            "relationship": {"coding": [{"code": "self", "display": "Self", "system": "http://terminology.hl7.org/CodeSystem/subscriber-relationship"}]},
            "period": period,
            "payor": [{"reference": org_ref}],
            "class": [class("plan", plan)],
            "identifier": mbi_identifier,
        })
    };
    let far = Some(days_from_civil(2099, 12, 31));
    let mut entries = vec![
        entry(&uuid(n, 1), patient(n, seed, &updated)),
        entry(&org_id, organization()),
    ];
    for (plan, sopt, role) in [
        ("Part A", ("1", "MEDICARE"), 3),
        ("Part B", ("121", "MEDICARE FFS"), 4),
    ] {
        let mut c = coverage(plan, sopt, parts.ab_start, far);
        if let Some(x) = c["extension"].as_array_mut() {
            x.push(json!({
                "url": format!("{BB_EXT}BENE-MDCR-ENTLMT-RSN-CD"),
                "valueCoding": {"code": if p.disabled { "1" } else { "0" }, "system": format!("{BB_CS}BENE-MDCR-ENTLMT-RSN-CD")},
            }));
        }
        entries.push(entry(&uuid(n, role), c));
    }
    if let Some((contract, pbp, start, end)) = &parts.c {
        let sopt = (
            "11",
            "MEDICARE MANAGED CARE (Includes Medicare Advantage Plans)",
        );
        let c = coverage("Part C", sopt, *start, *end);
        entries.push(entry(&format!("part-c-{bene}-{contract}-{pbp}"), c));
    }
    if let Some((contract, pbp, start, member)) = &parts.d {
        let mut c = coverage("Part D", ("122", "Medicare Drug Benefit"), *start, None);
        let mut r = Rng::new(&[seed, u64::from(n), 0xD0C4]);
        c["class"] = json!([
            class("plan", "Part D"),
            class("rxid", member),
            class("rxgroup", &r.range(100, 999).to_string()),
            class("rxpcn", &r.range(100_000, 999_999).to_string()),
            class("rxbin", &r.range(100_000, 999_999).to_string()),
        ]);
        c["identifier"] = json!([{
            "type": {"coding": [{"code": "MB", "system": "http://terminology.hl7.org/CodeSystem/v2-0203"}]},
            "value": member,
        }]);
        entries.push(entry(&format!("part-d-{bene}-{contract}-{pbp}"), c));
    }
    if let Some(start) = parts.dual {
        let sopt = ("14", "Dual Eligibility Medicare/Medicaid Organization");
        let c = coverage("Dual Medicare/Medicaid", sopt, start, None);
        entries.push(entry(&uuid(n, 5), c));
    }
    json!({
        "resourceType": "Bundle",
        "type": "collection",
        "meta": {"lastUpdated": updated},
        "entry": entries,
    })
}

fn patient(n: u32, seed: u64, updated: &str) -> Value {
    let p = person(n, seed);
    json!({
        "resourceType": "Patient",
        "meta": {"lastUpdated": updated, "profile": [format!("{PROFILE}Patient")]},
        "name": [{"family": p.family, "given": [p.given]}],
        "gender": p.gender,
        "birthDate": fmt_date(p.birth),
        "address": [{"postalCode": p.zip, "state": p.state}],
    })
}

fn organization() -> Value {
    let telecom: Vec<Value> = CMS_TELECOM
        .iter()
        .map(|(system, value)| json!({"system": system, "value": value}))
        .collect();
    json!({
        "resourceType": "Organization",
        "meta": {"profile": [format!("{PROFILE}Organization")]},
        "active": true,
        "name": CMS_NAME,
        "contact": [{
            "purpose": {"coding": [{"code": "PATINF", "display": "Patient", "system": "http://terminology.hl7.org/CodeSystem/contactentity-type"}]},
            "telecom": telecom,
        }],
    })
}
