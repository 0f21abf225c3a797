//! `GET /v3/fhir/Patient/$generate-insurance-card` (doc §12.2): the scope rules (every
//! Patient-read × Coverage-search pair is allowed, anything less is 403), v3 only, the C4DIC
//! Bundle's shape, and the library reading the sandbox's card.

use crate::common::*;
use bluebutton_wasm::core::fhir::insurance_card::{parse_insurance_card, CoverageStatus, PartKind};
use serde_json::{json, Value};

const NO_PERMISSION: &str = "You do not have permission to perform this action.";

/// A token for `user` on `version` with exactly `scope` (the sandbox-only token route).
fn token_with(s: &Server, user: u32, version: &str, scope: &str) -> String {
    let body = json!({"user": user, "version": version, "scope": scope}).to_string();
    let r = request(
        "POST",
        &format!("{}/sandbox/token", s.base),
        &[("content-type", "application/json")],
        Some(body.as_bytes()),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    r.json()["access_token"].as_str().unwrap().to_owned()
}

fn card_url(s: &Server, v: &str) -> String {
    format!("{}/{v}/fhir/Patient/$generate-insurance-card", s.base)
}

const PATIENT_READ: [&str; 3] = [
    "patient/Patient.read",
    "patient/Patient.r",
    "patient/Patient.rs",
];
const COVERAGE_SEARCH: [&str; 3] = [
    "patient/Coverage.read",
    "patient/Coverage.s",
    "patient/Coverage.rs",
];

// BB2 test_insurancecard.py: all 9 pairs give 200; any single scope gives 403.
#[test]
fn every_scope_pair_is_allowed_and_any_single_scope_is_403() {
    let s = start();
    for p in PATIENT_READ {
        for c in COVERAGE_SEARCH {
            let tok = token_with(&s, 7, "v3", &format!("openid {p} {c}"));
            let r = get_auth(&card_url(&s, "v3"), &tok);
            assert_eq!(r.status, 200, "{p} {c}: {}", r.text());
            assert_eq!(r.json()["type"], "collection", "{p} {c}");
        }
    }
    let singles = PATIENT_READ.iter().chain(COVERAGE_SEARCH.iter());
    let near_misses = [
        "patient/Patient.s patient/Coverage.rs", // Patient search is not a read
        "patient/Patient.rs patient/Coverage.r", // Coverage read is not a search
        "patient/Patient.rs patient/ExplanationOfBenefit.rs",
        "openid profile",
    ];
    for scope in singles.copied().chain(near_misses) {
        let tok = token_with(&s, 7, "v3", scope);
        let r = get_auth(&card_url(&s, "v3"), &tok);
        assert_eq!(r.status, 403, "{scope}: {}", r.text());
        assert_eq!(r.json(), json!({"detail": NO_PERMISSION}), "{scope}");
    }
}

#[test]
fn v3_only_get_only_and_authenticated() {
    let s = start();
    for v in ["v1", "v2"] {
        let tok = token_with(&s, 3, v, "patient/Patient.read patient/Coverage.read");
        let r = get_auth(&card_url(&s, v), &tok);
        assert_eq!(r.status, 404, "{v}: {}", r.text());
    }
    let tok = token_with(&s, 3, "v3", "patient/Patient.rs patient/Coverage.rs");
    assert_eq!(get(&card_url(&s, "v3"), &[]).status, 401);
    assert_eq!(get_auth(&card_url(&s, "v3"), "not-a-token").status, 401);
    let auth = format!("Bearer {tok}");
    let post = request(
        "POST",
        &card_url(&s, "v3"),
        &[("authorization", &auth)],
        Some(b""),
    );
    assert_eq!(post.status, 405, "{}", post.text());
    // Trailing slash and the percent-encoded `$` reach the same operation.
    let plain = get_auth(&card_url(&s, "v3"), &tok).body;
    let slash = get_auth(&format!("{}/", card_url(&s, "v3")), &tok);
    assert_eq!(slash.status, 200);
    assert_eq!(slash.body, plain, "deterministic per user");
    let encoded = format!("{}/v3/fhir/Patient/%24generate-insurance-card", s.base);
    assert_eq!(get_auth(&encoded, &tok).body, plain);
    // Strict mode refuses any parameter but count and _format (empty schema, doc §12.5).
    let strict = get(
        &format!("{}?hello=1&_format=json", card_url(&s, "v3")),
        &[("authorization", &auth), ("prefer", "handling=strict")],
    );
    assert_eq!(strict.status, 400);
    assert_eq!(
        strict.json(),
        json!({"error": "Invalid parameters: ['hello']"})
    );
    let lenient = get(
        &format!("{}?hello=1", card_url(&s, "v3")),
        &[("authorization", &auth)],
    );
    assert_eq!(lenient.status, 200);
}

/// A withheld-demographics consent leaves no Patient scope, so the card is refused.
#[test]
fn withheld_demographics_means_403() {
    let s = start();
    let mut c = Choice::user(4);
    c.demographics = false;
    let tok = login(&s, "v3", &c)["access_token"]
        .as_str()
        .unwrap()
        .to_owned();
    let r = get_auth(&card_url(&s, "v3"), &tok);
    assert_eq!(r.status, 403, "{}", r.text());
}

fn ids_of(b: &Value) -> Vec<String> {
    b["entry"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["fullUrl"].as_str().unwrap().to_owned())
        .collect()
}

// The C4DIC shape of doc §12.2: Patient, Organization, then the parts in order; no `id`,
// `urn:uuid:` fullUrls, references by `Organization/<id>`.
#[test]
fn bundle_shape() {
    let s = start();
    let tok = token_with(&s, 1, "v3", "patient/Patient.rs patient/Coverage.rs");
    let b = get_auth(&card_url(&s, "v3"), &tok).json();
    assert_eq!(b["resourceType"], "Bundle");
    assert_eq!(b["type"], "collection");
    assert!(b["meta"]["lastUpdated"].is_string());
    assert!(b.get("total").is_none() && b.get("link").is_none() && b.get("id").is_none());
    let entries = b["entry"].as_array().unwrap();
    let types: Vec<&str> = entries
        .iter()
        .map(|e| e["resource"]["resourceType"].as_str().unwrap())
        .collect();
    assert_eq!(
        types,
        [
            "Patient",
            "Organization",
            "Coverage",
            "Coverage",
            "Coverage",
            "Coverage",
            "Coverage"
        ]
    );
    let plans: Vec<&str> = entries[2..]
        .iter()
        .map(|e| e["resource"]["class"][0]["value"].as_str().unwrap())
        .collect();
    assert_eq!(
        plans,
        [
            "Part A",
            "Part B",
            "Part C",
            "Part D",
            "Dual Medicare/Medicaid"
        ]
    );
    let urls = ids_of(&b);
    assert!(urls.iter().all(|u| u.starts_with("urn:uuid:")));
    assert!(
        urls[4].starts_with("urn:uuid:part-c-30000000000001-H"),
        "{}",
        urls[4]
    );
    assert!(
        urls[5].starts_with("urn:uuid:part-d-30000000000001-"),
        "{}",
        urls[5]
    );
    assert!(entries.iter().all(|e| e["resource"].get("id").is_none()));
    let org_id = urls[1].trim_start_matches("urn:uuid:");
    let patient_id = urls[0].trim_start_matches("urn:uuid:");
    for e in &entries[2..] {
        let c = &e["resource"];
        assert_eq!(c["payor"][0]["reference"], format!("Organization/{org_id}"));
        assert_eq!(
            c["beneficiary"]["reference"],
            format!("Patient/{patient_id}")
        );
        assert!(c["meta"]["profile"][0]
            .as_str()
            .unwrap()
            .ends_with("C4DIC-Coverage"));
    }
    let org = &entries[1]["resource"];
    assert_eq!(org["name"], "Centers for Medicare and Medicaid Services");
    let telecom: Vec<&str> = org["contact"][0]["telecom"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["value"].as_str().unwrap())
        .collect();
    assert_eq!(
        telecom,
        ["1-800-633-4227", "TTY: 1-877-486-2048", "www.medicare.gov"]
    );
    // Part D carries the plan member id (no system) and the pharmacy classes.
    let d = &entries[5]["resource"];
    assert!(d["identifier"][0].get("system").is_none());
    let codes: Vec<&str> = d["class"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["type"]["coding"][0]["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["plan", "rxid", "rxgroup", "rxpcn", "rxbin"]);
}

/// The library reads the sandbox's card for many users: Parts A and B always, parts in order,
/// the MBI and name of the user's v3 Patient, CMS's phones on every part.
#[test]
fn library_parses_the_sandbox_card() {
    let s = start();
    let (mut with_c, mut with_d, mut with_dual, mut cancelled) = (0, 0, 0, 0);
    for user in 0..40u32 {
        let tok = token_with(&s, user, "v3", "patient/Patient.rs patient/Coverage.rs");
        let body = get_auth(&card_url(&s, "v3"), &tok).body;
        let card = parse_insurance_card(&body).unwrap_or_else(|e| panic!("user {user}: {e}"));
        let kinds: Vec<PartKind> = card.parts.iter().map(|p| p.kind).collect();
        assert_eq!(
            &kinds[..2],
            [PartKind::PartA, PartKind::PartB],
            "user {user}"
        );
        assert!(
            kinds.windows(2).all(|w| w[0] < w[1]),
            "user {user}: {kinds:?}"
        );
        with_c += usize::from(kinds.contains(&PartKind::PartC));
        with_d += usize::from(kinds.contains(&PartKind::PartD));
        with_dual += usize::from(kinds.contains(&PartKind::Dual));
        cancelled += card
            .parts
            .iter()
            .filter(|p| p.status == CoverageStatus::Cancelled)
            .count();
        for p in &card.parts {
            let payer = p
                .payer
                .as_ref()
                .unwrap_or_else(|| panic!("user {user}: payer"));
            assert_eq!(payer.phone.as_deref(), Some("1-800-633-4227"));
            assert_eq!(payer.tty.as_deref(), Some("1-877-486-2048"));
            assert_eq!(payer.url.as_deref(), Some("www.medicare.gov"));
            assert!(p.start.is_some() && p.card_text.is_some());
            if matches!(p.kind, PartKind::PartC | PartKind::PartD) {
                assert!(p.contract.is_some() && p.plan.is_some(), "user {user}");
            }
        }
        // The same person as the v3 Patient read.
        let pid = format!("-{}", 30_000_000_000_000u64 + u64::from(user));
        let patient = get_auth(&format!("{}/v3/fhir/Patient/{pid}", s.base), &tok).json();
        let mbi = patient["identifier"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["system"] == "http://hl7.org/fhir/sid/us-mbi")
            .unwrap()["value"]
            .clone();
        assert_eq!(card.medicare_number.as_deref(), mbi.as_str(), "user {user}");
        assert_eq!(
            card.family.as_deref(),
            patient["name"][0]["family"].as_str()
        );
        assert_eq!(card.birth_date.as_deref(), patient["birthDate"].as_str());
    }
    assert!(with_c > 0 && with_d > 0 && with_dual > 0 && cancelled > 0,
        "some users have C ({with_c}), D ({with_d}), Dual ({with_dual}), an ended part ({cancelled})");
    assert!(
        with_c < 40 && with_d < 40 && with_dual < 40,
        "not every user has every part"
    );
}
