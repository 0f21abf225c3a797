//! Patient, Coverage and userinfo documents for a synthetic user.

use serde_json::{json, Value};

use super::dates::{civil_from_days, days_from_civil, fmt_date, fmt_instant};
use super::names::{FAMILY, GIVEN_FEMALE, GIVEN_MALE, PLACES, STREETS};
use super::{patient_id, Rng, Version};

/// Demographics of one synthetic user.
///
/// Plausible for Medicare: the given name agrees with the gender (55% women); most people are
/// 65 to 95 when the claims begin (2021-01-01; younger ages more common), and about 8% are 30
/// to 64 then and entitled through disability; everyone is entitled before their first claim;
/// the street, city, state and ZIP agree (a real city / state / ZIP-prefix triple).
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
    /// Street line, e.g. `1432 Maple Ave`.
    pub line: String,
    /// City.
    pub city: &'static str,
    /// Two-letter state.
    pub state: &'static str,
    /// Five-digit ZIP.
    pub zip: String,
    /// Medicare Beneficiary Identifier (synthetic: starts with `1S`, the
    /// synthetic MBI prefix convention).
    pub mbi: String,
    /// True when entitled through disability (under 65), not age.
    pub disabled: bool,
    /// First day of Part A and B entitlement (days since epoch): the month of the 65th
    /// birthday, or for disability some years after the 20s.
    pub medicare_start: i64,
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
    let female = r.chance(55);
    let given = if female {
        r.pick::<&str>(GIVEN_FEMALE)
    } else {
        r.pick::<&str>(GIVEN_MALE)
    };
    let disabled = r.chance(8);
    // Age on 2021-01-01, when the claims begin: the lesser of two draws over 65..=95 (half
    // are under 75, one in eight is 85 or older, as among Medicare's aged), or 30..=64 with a
    // disability.
    let age = if disabled {
        r.range(30, 64)
    } else {
        r.range(65, 95).min(r.range(65, 95))
    } as i64;
    let year = 2020 - age;
    let birth = r.range(
        days_from_civil(year, 1, 1) as u64,
        days_from_civil(year, 12, 31) as u64,
    ) as i64;
    let (y, m, _) = civil_from_days(birth);
    let medicare_start = if disabled {
        // Entitled after 24 months of disability benefits, at 28 or later, by 2020.
        let from = (y + 28).clamp(2000, 2020);
        days_from_civil(r.range(from as u64, 2020) as i64, r.range(1, 12) as u32, 1)
    } else {
        days_from_civil(y + 65, m, 1)
    };
    Person {
        given,
        family: r.pick::<&str>(FAMILY),
        gender: if female { "female" } else { "male" },
        birth,
        line: format!("{} {}", r.range(100, 9899), r.pick::<&str>(STREETS)),
        city,
        state,
        zip: format!("{zip3}{:02}", r.range(1, 39)),
        mbi,
        disabled,
        medicare_start,
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
        "address": [{"line": [p.line], "city": p.city, "state": p.state, "postalCode": p.zip}]
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
