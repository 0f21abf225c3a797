#![allow(clippy::unwrap_used, clippy::panic)]

use super::*;
use crate::fhir::parse_bundle;

/// The head agrees with the full parse on total, links and entry count.
#[test]
fn head_matches_full_parse() {
    let json = br#"{"resourceType":"Bundle","total":2,"link":[{"relation":"self","url":"s"},
      {"relation":"next","url":"n"}],"entry":[{"resource":{"resourceType":"ExplanationOfBenefit",
      "id":"1","item":[{"sequence":1}]}},{"fullUrl":"x","resource":{"resourceType":"Patient"}}]}"#;
    let head = parse_bundle_head(json).unwrap();
    let full = parse_bundle(json).unwrap();
    assert_eq!(head.total, full.total);
    assert_eq!(head.entries, full.entry.len());
    assert_eq!(head.next_link(), full.next_link());
    assert_eq!(head.as_bundle().link, full.link);
}

#[test]
fn entry_null_missing_or_single_object() {
    let count = |s: &str| parse_bundle_head(s.as_bytes()).unwrap().entries;
    assert_eq!(count(r#"{"resourceType":"Bundle"}"#), 0);
    assert_eq!(count(r#"{"resourceType":"Bundle","entry":null}"#), 0);
    assert_eq!(
        count(r#"{"resourceType":"Bundle","entry":{"resource":{}}}"#),
        1
    );
}

/// Wrong containers are errors here as in the full parse: never a silently short page.
#[test]
fn wrong_shapes_are_errors() {
    for bad in [
        r#"{"resourceType":"Bundle","entry":"x"}"#,
        r#"{"resourceType":"Bundle","entry":[{},3]}"#,
        r#"{"resourceType":"Bundle","link":5}"#,
    ] {
        let err = parse_bundle_head(bad.as_bytes()).unwrap_err();
        assert_eq!(err.code(), "unexpected_shape", "{bad}");
        assert_eq!(
            parse_bundle(bad.as_bytes()).unwrap_err().code(),
            "unexpected_shape"
        );
    }
    assert_eq!(
        parse_bundle_head(b"not json").unwrap_err().code(),
        parse_bundle(b"not json").unwrap_err().code()
    );
}

/// On recorded v2 pages: the head agrees with the full parse, and the summary of the page
/// comes back unchanged through JSON (the app's worker sends it to the page that way).
#[test]
fn recorded_pages_head_and_summary_round_trip() {
    let dir = std::path::PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../shared/fixtures/bluebutton/v2/sdk-sandbox-eob-pages"
    ));
    let Ok(bytes) = std::fs::read(dir.join("eob_p0.json")) else {
        println!("SKIP: {} not found", dir.display());
        return;
    };
    let head = parse_bundle_head(&bytes).unwrap();
    let full = parse_bundle(&bytes).unwrap();
    assert!(head.entries > 0);
    assert_eq!(
        (head.total, head.entries, head.next_link()),
        (full.total, full.entry.len(), full.next_link())
    );
    let summary = crate::fhir::summarize_claims(&bytes).unwrap();
    assert!(summary.claims > 0);
    let text = serde_json::to_string(&summary).unwrap();
    let back: crate::fhir::ClaimSummary = serde_json::from_str(&text).unwrap();
    assert_eq!(back, summary);
}
