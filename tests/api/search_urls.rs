//! Checklist R15 for the FHIR side: every search URL the client builds parses back (with the
//! `url` crate, as a browser would) to exactly the parameters that were asked for, on the
//! configured origin and path. The authorize URL has the same property in tests/oauth/authorize.rs.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use bluebutton_wasm::core::api::search::{Endpoints, EobSearch};
use bluebutton_wasm::core::fhir::ClaimType;
use proptest::prelude::*;

const BASES: [&str; 4] = [
    "https://sandbox.bluebutton.cms.gov/v1/fhir/",
    "https://sandbox.bluebutton.cms.gov/v2/fhir/",
    "https://api.bluebutton.cms.gov/v3/fhir/",
    "http://127.0.0.1:8000/v2/fhir/",
];

fn date_filter(with_time: bool) -> impl Strategy<Value = String> {
    (
        prop::sample::select(vec!["lt", "le", "gt", "ge"]),
        2000u32..2030,
        1u32..13,
        1u32..29,
        0u32..24,
        prop::sample::select(vec!["+00:00", "-05:00", "Z"]),
    )
        .prop_map(move |(prefix, y, m, d, h, tz)| {
            if with_time {
                format!("{prefix}{y:04}-{m:02}-{d:02}T{h:02}:30:00{tz}")
            } else {
                format!("{prefix}{y:04}-{m:02}-{d:02}")
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]
    #[test]
    fn eob_search_urls_round_trip(
        base in prop::sample::select(BASES.to_vec()),
        types in prop::sample::subsequence(ClaimType::ALL.to_vec(), 0..=8),
        last_updated in prop::collection::vec(prop_oneof![date_filter(true), date_filter(false)], 0..3),
        service_date in prop::collection::vec(date_filter(false), 0..3),
        count in prop::option::of(1u32..=50),
        start_index in prop::option::of(0u64..100_000),
    ) {
        let mut search = EobSearch::new();
        for t in &types {
            search = search.claim_type(*t);
        }
        for f in &last_updated {
            search = search.last_updated(f).unwrap_or_else(|e| panic!("{f}: {e}"));
        }
        for f in &service_date {
            search = search.service_date(f).unwrap_or_else(|e| panic!("{f}: {e}"));
        }
        if let Some(n) = count {
            search = search.count(n).unwrap();
        }
        if let Some(n) = start_index {
            search = search.start_index(n);
        }
        let built = Endpoints::new(base).unwrap().eob_search(&search).unwrap();
        let parsed = url::Url::parse(built.as_str()).unwrap();
        let base_url = url::Url::parse(base).unwrap();
        prop_assert_eq!(parsed.origin(), base_url.origin());
        prop_assert_eq!(parsed.path(), format!("{}ExplanationOfBenefit/", base_url.path()));
        let mut got: Vec<(String, String)> = parsed.query_pairs().into_owned().collect();
        let mut want: Vec<(String, String)> = Vec::new();
        if !types.is_empty() {
            let names: Vec<&str> = types.iter().map(|t| t.as_str()).collect();
            want.push(("type".into(), names.join(",")));
        }
        want.extend(last_updated.iter().map(|f| ("_lastUpdated".to_owned(), f.clone())));
        want.extend(service_date.iter().map(|f| ("service-date".to_owned(), f.clone())));
        want.extend(count.map(|n| ("_count".to_owned(), n.to_string())));
        want.extend(start_index.map(|n| ("startIndex".to_owned(), n.to_string())));
        got.sort();
        want.sort();
        prop_assert_eq!(got, want);
    }
}
