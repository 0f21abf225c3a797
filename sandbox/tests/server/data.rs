//! Synthetic data, raw-gzip export, timing; FHIR rules of `../shared/docs/bluebutton-api.md` §6, §7, §11.

use crate::common::*;
use serde_json::Value;

fn token(s: &Server, v: &str, c: &Choice) -> String {
    login(s, v, c)["access_token"].as_str().unwrap().to_string()
}

// Synthetic data: ids per version, user 0 empty, heavy user has every type, shapes per version.
#[test]
fn synthetic_data_shapes() {
    let s = start();
    let t0 = token(&s, "v2", &Choice::user(0));
    let b = get_auth(&format!("{}/v2/fhir/ExplanationOfBenefit/", s.base), &t0).json();
    assert_eq!(b["total"], 0);
    assert!(b.get("entry").is_none());
    // A new consent replaces the app's earlier tokens (§12.5): ask v3 first, then v1.
    let t3 = login(&s, "v3", &Choice::user(1));
    assert_eq!(t3["patient"], "-30000000000001");
    let t1 = login(&s, "v1", &Choice::user(1));
    assert_eq!(t1["patient"], "-20000000000001");
    let tok = t1["access_token"].as_str().unwrap();
    let v1 = get_auth(
        &format!("{}/v1/fhir/ExplanationOfBenefit/?_count=50", s.base),
        tok,
    )
    .json();
    let item = &v1["entry"][0]["resource"]["item"][0];
    assert!(item.get("service").is_some() && item.get("productOrService").is_none());
    let tok2 = token(&s, "v2", &Choice::user(1));
    let mut types = std::collections::BTreeSet::new();
    for t in [
        "carrier",
        "dme",
        "hha",
        "hospice",
        "inpatient",
        "outpatient",
        "pde",
        "snf",
    ] {
        let b = get_auth(
            &format!("{}/v2/fhir/ExplanationOfBenefit/?type={t}&_count=1", s.base),
            &tok2,
        )
        .json();
        let r = &b["entry"][0]["resource"];
        assert_eq!(
            r["type"]["coding"]
                .as_array()
                .unwrap()
                .iter()
                .find(|c| c["system"] == "https://bluebutton.cms.gov/resources/codesystem/eob-type")
                .unwrap()["code"],
            t.to_uppercase()
        );
        assert!(r["payment"]["amount"]["value"].as_f64().is_some());
        assert!(r["total"].as_array().is_some_and(|a| !a.is_empty()));
        assert!(r["billablePeriod"]["start"].as_str().is_some());
        types.insert(t);
    }
    assert_eq!(types.len(), 8);
    let cov = get_auth(&format!("{}/v2/fhir/Coverage/", s.base), &tok2).json();
    assert_eq!(cov["total"], 4);
    assert_eq!(cov["entry"][0]["resource"]["id"], "part-a--20000000000001");
}

// Determinism: same seed, same data; another seed differs.
#[test]
fn deterministic_by_seed() {
    let grab = |seed: u64| {
        let s = start_with(bluebutton_sandbox::config::Config {
            seed,
            ..Default::default()
        });
        let tok = token(&s, "v2", &Choice::user(42));
        let mut b = get_auth(
            &format!("{}/v2/fhir/ExplanationOfBenefit/?_count=50", s.base),
            &tok,
        )
        .json();
        b["id"] = Value::Null;
        b["meta"] = Value::Null;
        b["link"] = Value::Null;
        b
    };
    assert_eq!(grab(7), grab(7));
    assert_ne!(grab(7), grab(8));
}

// The raw-gzip export: Content-Type application/gzip, no Content-Encoding.
#[test]
fn export_is_raw_gzip() {
    use std::io::Read;
    let s = start();
    let tok = token(&s, "v2", &Choice::user(3));
    let r = get(
        &format!("{}/v2/fhir/ExplanationOfBenefit/$export.json.gz", s.base),
        &[
            ("authorization", &format!("Bearer {tok}")),
            ("accept-encoding", "gzip"),
        ],
    );
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-type"), Some("application/gzip"));
    assert!(r.header("content-encoding").is_none());
    assert_eq!(&r.body[..2], &[0x1f, 0x8b]);
    let mut out = String::new();
    flate2::read::GzDecoder::new(&r.body[..])
        .read_to_string(&mut out)
        .unwrap();
    let b: Value = serde_json::from_str(&out).unwrap();
    let total = get_auth(&format!("{}/v2/fhir/ExplanationOfBenefit/", s.base), &tok).json()
        ["total"]
        .clone();
    assert_eq!(b["total"], total);
    assert_eq!(
        get(
            &format!("{}/v2/fhir/ExplanationOfBenefit/$export.json.gz", s.base),
            &[]
        )
        .status,
        401
    );
}

/// Timing: the heavy user's full history at `_count=50`.
/// Run: `cargo test -p bluebutton-sandbox --release --test server -- --ignored --nocapture heavy_user_timing`
#[test]
#[ignore]
fn heavy_user_timing() {
    let s = start();
    let tok = token(&s, "v2", &Choice::user(1));
    let t = std::time::Instant::now();
    let (seen, total, pages) = page_all(
        &format!("{}/v2/fhir/ExplanationOfBenefit?_count=50", s.base),
        &tok,
    );
    let el = t.elapsed();
    assert_eq!(Some(seen as u64), total);
    println!("heavy user: {seen} EOBs in {pages} pages, {el:?} wall (client + server)");
}
