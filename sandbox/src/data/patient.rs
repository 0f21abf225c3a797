//! Patient, Coverage and userinfo documents for a synthetic user.

use serde_json::{json, Value};

use super::codes::{FAMILY, GIVEN, PLACES};
use super::dates::{days_from_civil, fmt_date, fmt_instant};
use super::{patient_id, Rng, Version};

/// Demographics of one synthetic user.
#[derive(Debug, Clone)]
pub struct Person {
    /// Given name.
    pub given: &'static str,
    /// Family name.
    pub family: &'static str,
    /// `male` or `female`.
    pub gender: &'static str,
    /// Birth date, days since epoch.
    pub birth: i64,
    /// City, state, ZIP.
    pub city: &'static str,
    /// Two-letter state.
    pub state: &'static str,
    /// Five-digit ZIP.
    pub zip: String,
    /// Medicare Beneficiary Identifier (synthetic: starts with `1S`, the
    /// synthetic MBI prefix convention).
    pub mbi: String,
}

/// The demographics of user `n` under `seed`.
pub fn person(n: u32, seed: u64) -> Person {
    let mut r = Rng::new(&[seed, u64::from(n), 0x9A7]);
    let (city, state, zip3) = *r.pick(PLACES);
    let letters = b"ACDEFGHJKMNPQRTUVWXY";
    let mut mbi = format!("1S{:02}", r.below(100));
    for _ in 0..3 {
        mbi.push(char::from(*r.pick(letters)));
    }
    mbi.push_str(&format!("{:04}", n % 10_000));
    Person {
        given: r.pick::<&str>(GIVEN),
        family: r.pick::<&str>(FAMILY),
        gender: if r.chance(50) { "female" } else { "male" },
        birth: r.range(
            days_from_civil(1930, 1, 1) as u64,
            days_from_civil(1958, 12, 31) as u64,
        ) as i64,
        city,
        state,
        zip: format!("{zip3}{:02}", r.below(100)),
        mbi,
    }
}

/// The Patient resource of user `n`.
pub fn patient(n: u32, seed: u64, v: Version) -> Value {
    let p = person(n, seed);
    let id = patient_id(n, v);
    let mbi_system = "http://hl7.org/fhir/sid/us-mbi";
    json!({
        "resourceType": "Patient",
        "id": id,
        "meta": {"lastUpdated": fmt_instant(days_from_civil(2024, 1, 2) * 86_400 + i64::from(n % 86_400))},
        "identifier": [
            {"system": "https://bluebutton.cms.gov/resources/variables/bene_id", "value": id.trim_start_matches('-')},
            {"system": mbi_system, "value": p.mbi}
        ],
        "name": [{"use": "usual", "family": p.family, "given": [p.given]}],
        "gender": p.gender,
        "birthDate": fmt_date(p.birth),
        "address": [{"city": p.city, "state": p.state, "postalCode": p.zip}]
    })
}

/// The Coverage resources (parts A, B, C and D) of user `n`.
pub fn coverages(n: u32, v: Version) -> Vec<Value> {
    let pid = patient_id(n, v);
    let parts = [
        ("part-a", "Part A"),
        ("part-b", "Part B"),
        ("part-c", "Part C"),
        ("part-d", "Part D"),
    ];
    parts
        .iter()
        .map(|(code, name)| {
            let mut c = json!({
                "resourceType": "Coverage",
                "id": format!("{code}-{pid}"),
                "meta": {"lastUpdated": fmt_instant(days_from_civil(2024, 1, 2) * 86_400)},
                "status": "active",
                "type": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": "SUBSIDIZ"}]},
                "beneficiary": {"reference": format!("Patient/{pid}")},
                "payor": [{"identifier": {"value": "Centers for Medicare and Medicaid Services"}}],
                "period": {"start": "2015-01-01"},
            });
            if v == Version::V1 {
                c["grouping"] = json!({"subGroup": "Medicare", "subPlan": name});
            } else {
                c["subscriberId"] = json!(pid.trim_start_matches('-'));
                c["relationship"] = json!({"coding": [{"system": "http://terminology.hl7.org/CodeSystem/subscriber-relationship", "code": "self"}]});
                c["class"] = json!([
                    {"type": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/coverage-class", "code": "group"}]}, "value": "Medicare"},
                    {"type": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/coverage-class", "code": "plan"}]}, "value": name}
                ]);
            }
            c
        })
        .collect()
}

/// The userinfo document of user `n` (doc §8).
pub fn userinfo(n: u32, seed: u64, v: Version) -> Value {
    let p = person(n, seed);
    let id = patient_id(n, v);
    json!({
        "sub": id,
        "name": format!("{} {}", p.given, p.family),
        "given_name": p.given,
        "family_name": p.family,
        "email": format!("bbuser{n:05}@example.com"),
        "iat": "2024-01-02T00:00:00.000Z",
        "patient": id
    })
}
