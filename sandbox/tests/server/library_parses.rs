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

/// v3 with `includeNotFinal` (the library's own search URL): the library's summary keeps the
/// recent claims not final yet and the prior authorizations apart from the final claims and
/// their paid totals, and agrees with an independent reading of the JSON.
#[test]
fn v3_summaries_keep_not_final_claims_and_prior_authorizations_apart() {
    use bluebutton_wasm::core::api::search::{Endpoints, EobSearch};
    use bluebutton_wasm::core::fhir::{ClaimKind, SummaryBuilder};

    let s = start();
    let endpoints = Endpoints::new(&format!("{}/v3/fhir/", s.base)).unwrap();
    let search = EobSearch::new().include_not_final().count(50).unwrap();
    let first = endpoints.eob_search(&search).unwrap().to_string();
    for user in [1u32, 5, 42] {
        let tok = login(&s, "v3", &Choice::user(user))["access_token"]
            .as_str()
            .unwrap()
            .to_string();
        let mut builder = SummaryBuilder::new();
        let (mut finals, mut not_final, mut prior) = (0u64, 0u64, 0u64);
        let mut paid_cents = 0i64;
        let mut next = Some(first.clone());
        while let Some(url) = next.take() {
            let resp = get_auth(&url, &tok);
            assert_eq!(resp.status, 200, "{url}: {}", resp.text());
            builder.add_bundle_bytes(&resp.body).unwrap();
            let bundle = parse_bundle(&resp.body).unwrap();
            let raw: serde_json::Value = serde_json::from_slice(&resp.body).unwrap();
            let empty = Vec::new();
            let raw_entries = raw["entry"].as_array().unwrap_or(&empty);
            for (eob, e) in bundle.eobs().zip(raw_entries) {
                let r = &e["resource"];
                let tag_not_final = r["meta"]["tag"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|t| t["code"] == "NotFinalAction");
                if r["use"] == "preauthorization" {
                    prior += 1;
                    assert_eq!(eob.kind, ClaimKind::PriorAuthorization);
                } else if tag_not_final || r["outcome"] != "complete" {
                    not_final += 1;
                    assert_eq!(eob.kind, ClaimKind::NotFinal);
                } else {
                    finals += 1;
                    assert_eq!(eob.kind, ClaimKind::Final);
                    paid_cents +=
                        (r["payment"]["amount"]["value"].as_f64().unwrap() * 100.0).round() as i64;
                }
                assert_eq!(eob.source.as_deref(), r["meta"]["source"].as_str());
            }
            next = raw["link"]
                .as_array()
                .and_then(|ls| ls.iter().find(|l| l["relation"] == "next"))
                .and_then(|l| l["url"].as_str().map(str::to_string));
        }
        let summary = builder.finish();
        assert!(
            not_final >= 1,
            "user {user} has recent claims not final yet"
        );
        assert_eq!(summary.claims, finals, "user {user}");
        assert_eq!(summary.not_final.claims, not_final, "user {user}");
        assert_eq!(summary.prior_authorizations.claims, prior, "user {user}");
        let paid = (summary.amounts.paid.unwrap_or(0.0) * 100.0).round() as i64;
        assert_eq!(
            paid, paid_cents,
            "user {user}: paid totals hold final claims only"
        );
        let by_type: u64 = summary.by_type.values().map(|t| t.claims).sum();
        assert_eq!(by_type, finals, "user {user}");
        if user != 42 {
            assert!(prior >= 1, "user {user} has prior authorizations");
        }
    }
}
