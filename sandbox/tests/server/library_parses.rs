//! The generated data parses with the library's own parser, for every version, and the
//! library's summary agrees with an independent count of the JSON (issue: "The generated
//! bundles must parse with the library's own parser").

use crate::common::*;
use bluebutton_wasm::core::fhir::{parse_bundle, summarize_claims, ClaimType};

#[test]
fn every_version_and_resource_parses_with_the_library() {
    let s = start();
    for v in ["v1", "v2", "v3"] {
        for user in [1u32, 5, 42] {
            let tok = login(&s, v, &Choice::user(user))["access_token"]
                .as_str()
                .unwrap()
                .to_string();
            for path in ["ExplanationOfBenefit/?_count=50", "Coverage/", "Patient/"] {
                let url = format!("{}/{v}/fhir/{path}", s.base);
                let resp = get_auth(&url, &tok);
                let body = resp.text().into_bytes();
                let bundle = parse_bundle(&body).unwrap_or_else(|e| panic!("{url}: {e}"));
                let raw: serde_json::Value = serde_json::from_slice(&body).unwrap();
                let entries = raw["entry"].as_array().map_or(0, Vec::len);
                assert_eq!(bundle.entry.len(), entries, "{url}");
                if path.starts_with("Explanation") {
                    let summary = summarize_claims(&body).unwrap();
                    let items: u64 = raw["entry"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|e| e["resource"]["item"].as_array().map_or(0, Vec::len) as u64)
                        .sum();
                    assert_eq!(summary.claims, entries as u64, "{url}");
                    assert_eq!(summary.lines, items, "{url}");
                    assert!(
                        bundle.eobs().all(|e| e.claim_type != ClaimType::Unknown),
                        "{url}: every generated claim has a known type"
                    );
                }
            }
        }
    }
}
