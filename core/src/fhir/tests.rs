#![allow(clippy::unwrap_used, clippy::panic)]

use super::*;

const EOB_TYPE: &str = "https://bluebutton.cms.gov/resources/codesystem/eob-type";
const ADJ: &str = "https://bluebutton.cms.gov/resources/codesystem/adjudication";
const VAR: &str = "https://bluebutton.cms.gov/resources/variables/";

fn bundle_of(resources: &[String]) -> Vec<u8> {
    let entries: Vec<String> = resources
        .iter()
        .map(|r| format!(r#"{{"resource":{r}}}"#))
        .collect();
    format!(
        r#"{{"resourceType":"Bundle","total":{},"entry":[{}]}}"#,
        resources.len(),
        entries.join(",")
    )
    .into_bytes()
}

fn adjudication(var: &str, value: &str) -> String {
    format!(
        r#"{{"category":{{"coding":[{{"system":"{ADJ}","code":"{VAR}{var}"}}]}},"amount":{{"value":{value}}}}}"#
    )
}

fn carrier(service_key: &str, date: &str) -> String {
    format!(
        r#"{{"resourceType":"ExplanationOfBenefit","id":"carrier-1",
        "type":{{"coding":[{{"system":"{EOB_TYPE}","code":"CARRIER"}}]}},
        "item":[{{"sequence":1,"{service_key}":{{"coding":[{{"code":"99213"}}]}},"servicedDate":"{date}",
          "quantity":{{"value":1}},
          "adjudication":[{},{},{}]}}]}}"#,
        adjudication("line_sbmtd_chrg_amt", "75.0"),
        adjudication("line_alowd_chrg_amt", "47.84"),
        adjudication("line_nch_pmt_amt", "37.5"),
    )
}

#[test]
fn stu3_and_r4_shapes_read_alike() {
    let stu3 = parse_eob(carrier("service", "2021-03-04").as_bytes()).unwrap();
    let r4 = parse_eob(carrier("productOrService", "2021-03-04").as_bytes()).unwrap();
    for e in [&stu3, &r4] {
        assert_eq!(e.claim_type, ClaimType::Carrier);
        assert_eq!(
            e.item[0].service_code().unwrap().first_code(),
            Some("99213")
        );
        let a = e.amounts();
        assert_eq!(
            (a.submitted, a.allowed, a.paid),
            (Some(75.0), Some(47.84), Some(37.5))
        );
        assert_eq!(e.service_date_range(), Some(("2021-03-04", "2021-03-04")));
    }
}

#[test]
fn ignored_field_anywhere_is_tolerated() {
    let x = "\"IGNORED_FIELD\"";
    let json = format!(
        r#"{{"resourceType":"ExplanationOfBenefit","id":{x},"created":{x},"billablePeriod":{x},
        "careTeam":[{{"sequence":{x},"provider":{x}}}],"diagnosis":{x},"contained":{x},
        "item":[{{"sequence":{x},"servicedDate":{x},"quantity":{{"value":{x}}},
                  "adjudication":[{{"amount":{{"value":{x}}},"category":{x}}}]}}, {x}],
        "total":[{{"amount":{x}}}],"payment":{{"amount":{{"value":{x}}},"date":{x}}},"totalCost":{x}}}"#
    );
    let e = parse_eob(json.as_bytes()).unwrap();
    assert_eq!(e.id.as_deref(), Some("IGNORED_FIELD"));
    assert_eq!(e.item.len(), 1);
    assert_eq!(e.amounts(), amounts::Amounts::default());
    assert_eq!(e.service_date_range(), None);
    let b = bundle_of(&[json]);
    let s = summarize_claims(&b).unwrap();
    assert_eq!((s.claims, s.lines, s.undated_claims), (1, 1, 1));
    let mut with_total = b.clone();
    let needle = br#""total":1"#;
    let at = with_total
        .windows(needle.len())
        .position(|w| w == needle)
        .unwrap();
    with_total.splice(
        at..at + needle.len(),
        br#""total":"IGNORED_FIELD""#.iter().copied(),
    );
    assert_eq!(parse_bundle(&with_total).unwrap().total, None);
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let open = "[".repeat(100_000);
    let prefixes = [
        "",
        r#"{"resourceType":"Bundle","entry":"#,
        r#"{"resourceType":"Bundle","entry":[{"resource":{"item":"#,
    ];
    for p in prefixes {
        let body = format!("{p}{open}");
        assert!(parse_bundle(body.as_bytes()).is_err(), "{p}");
        assert!(summarize_claims(body.as_bytes()).is_err(), "{p}");
        assert!(parse_resource(body.as_bytes()).is_err(), "{p}");
    }
    let objects = format!(
        r#"{{"resourceType":"Bundle","entry":[{{"resource":{}"#,
        r#"{"a":"#.repeat(100_000)
    );
    assert!(parse_bundle(objects.as_bytes()).is_err());
    // Balanced deep nesting inside an ignored field is skipped without recursion.
    let balanced = format!(
        r#"{{"resourceType":"Bundle","meta":{}{}}}"#,
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let _ = parse_bundle(balanced.as_bytes());
    let _ = summarize_claims(balanced.as_bytes());
}

#[test]
fn institutional_total_line_is_not_double_counted() {
    let line = |rev: &str, charge: &str, paid: &str| {
        format!(
            r#"{{"revenue":{{"coding":[{{"code":"{rev}"}}]}},"adjudication":[{},{}]}}"#,
            adjudication("rev_cntr_tot_chrg_amt", charge),
            adjudication("rev_cntr_pmt_amt_amt", paid)
        )
    };
    let json = format!(
        r#"{{"resourceType":"ExplanationOfBenefit","item":[{},{},{}],"payment":{{"amount":{{"value":99}}}}}}"#,
        line("0450", "100", "40"),
        line("0300", "50", "20"),
        line("0001", "150", "60"),
    );
    let e = parse_eob(json.as_bytes()).unwrap();
    assert_eq!(
        (e.amounts().submitted, e.amounts().paid),
        (Some(150.0), Some(60.0))
    );
    let s = summarize_claims(&bundle_of(&[json])).unwrap();
    assert_eq!(
        (s.amounts.submitted, s.amounts.paid),
        (Some(150.0), Some(60.0))
    );
}

#[test]
fn header_amounts_are_the_fallback() {
    let json = r#"{"resourceType":"ExplanationOfBenefit","item":[{}],
      "total":[{"category":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/adjudication","code":"submitted"}]},"amount":{"value":10}}],
      "totalCost":{"value":99},"payment":{"amount":{"value":4}}}"#;
    let a = parse_eob(json.as_bytes()).unwrap().amounts();
    assert_eq!(
        (a.submitted, a.allowed, a.paid),
        (Some(10.0), None, Some(4.0))
    );
    let stu3 = r#"{"resourceType":"ExplanationOfBenefit","totalCost":{"value":99}}"#;
    assert_eq!(
        parse_eob(stu3.as_bytes()).unwrap().amounts().submitted,
        Some(99.0)
    );
}

#[test]
fn summary_shape() {
    let a = carrier("productOrService", "2021-03-04");
    let b = carrier("productOrService", "2021-01-31");
    let unknown =
        r#"{"resourceType":"ExplanationOfBenefit","item":[{"servicedDate":"2021-03-10"},{}]}"#
            .to_owned();
    let patient = r#"{"resourceType":"Patient","id":"p"}"#.to_owned();
    let s = summarize_claims(&bundle_of(&[a, b, unknown, patient])).unwrap();
    assert_eq!((s.claims, s.lines, s.other_resources), (3, 4, 1));
    assert_eq!(s.first_service_date.as_deref(), Some("2021-01-31"));
    assert_eq!(s.last_service_date.as_deref(), Some("2021-03-10"));
    assert_eq!(s.amounts.paid, Some(75.0));
    let v = serde_json::to_value(&s).unwrap();
    let keys: Vec<&String> = v["byType"].as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        [
            "carrier",
            "dme",
            "hha",
            "hospice",
            "inpatient",
            "outpatient",
            "pde",
            "snf",
            "unknown"
        ]
    );
    assert_eq!(v["byType"]["carrier"]["submitted"], 150.0);
    assert_eq!(v["byType"]["dme"]["claims"], 0);
    let months: Vec<&str> = v["byMonth"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["month"].as_str().unwrap())
        .collect();
    assert_eq!(months, ["2021-01", "2021-03"]);
    assert_eq!(v["byMonth"][1]["claims"], 2);
    assert_eq!(v["byMonth"][1]["byType"]["unknown"]["lines"], 2);
    for key in [
        "total",
        "claims",
        "lines",
        "firstServiceDate",
        "lastServiceDate",
        "submitted",
        "allowed",
        "paid",
        "undatedClaims",
        "pages",
    ] {
        assert!(v.get(key).is_some(), "{key}");
    }
}

#[test]
fn amounts_are_rounded_to_cents() {
    let items: Vec<String> = (0..10).map(|_| carrier("service", "2020-05-05")).collect();
    let s = summarize_claims(&bundle_of(&items)).unwrap();
    assert_eq!(s.amounts.allowed, Some(478.4));
}

#[test]
fn bundle_serializes_as_plain_camel_case_data() {
    let b = parse_bundle(&bundle_of(&[carrier("service", "2021-03-04")])).unwrap();
    let v = serde_json::to_value(&b).unwrap();
    let r = &v["entry"][0]["resource"];
    assert_eq!(r["resourceType"], "ExplanationOfBenefit");
    assert_eq!(r["claimType"], "carrier");
    assert_eq!(r["item"][0]["servicedDate"], "2021-03-04");
    assert_eq!(v["resourceType"], "Bundle");
    assert!(r.get("careTeam").is_none(), "empty lists are left out");
}

#[test]
fn non_bundles_are_refused_with_clear_errors() {
    let cases: &[(&[u8], &str)] = &[
        (b"", "empty_body"),
        (b"<!DOCTYPE html>", "not_json"),
        (b"{\"detail\":\"Not found.\"}", "wrong_resource_type"),
        (
            b"{\"resourceType\":\"OperationOutcome\"}",
            "wrong_resource_type",
        ),
        (b"42", "unexpected_shape"),
        (
            b"{\"resourceType\":\"Bundle\",\"entry\":[",
            "truncated_json",
        ),
    ];
    for (body, want) in cases {
        assert_eq!(
            summarize_claims(body).unwrap_err().code(),
            *want,
            "{:?}",
            String::from_utf8_lossy(body)
        );
        assert_eq!(parse_bundle(body).unwrap_err().code(), *want);
    }
    let msg = summarize_claims(b"{\"detail\":\"x\"}")
        .unwrap_err()
        .to_string();
    assert!(msg.contains("Bundle"), "{msg}");
}

mod prop {
    use super::*;
    use proptest::prelude::*;

    fn sample() -> Vec<u8> {
        bundle_of(&[
            carrier("productOrService", "2021-03-04"),
            r#"{"resourceType":"ExplanationOfBenefit","total":[{"amount":{"value":1}}],"payment":{"amount":{"value":2}}}"#.to_owned(),
        ])
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
            let _ = parse_bundle(&bytes);
            let _ = summarize_claims(&bytes);
            let _ = parse_resource(&bytes);
        }

        #[test]
        fn mutated_bundles_never_panic_and_both_readers_agree(
            edits in proptest::collection::vec((any::<usize>(), any::<u8>()), 1..4)
        ) {
            let mut b = sample();
            for (at, byte) in edits {
                let i = at % b.len();
                b[i] = byte;
            }
            let typed = parse_bundle(&b);
            let lean = summarize_claims(&b);
            if let (Ok(bundle), Ok(lean)) = (typed, lean) {
                let mut sb = SummaryBuilder::new();
                sb.add_bundle(&bundle);
                prop_assert_eq!(sb.finish(), lean);
            }
        }
    }
}

#[test]
fn unknown_claim_types_are_reported_by_their_coding() {
    let partd = r#"{"resourceType":"ExplanationOfBenefit","type":{"coding":[{"system":"https://x.example/t","code":"PARTD"},{"system":"https://y.example","code":"z"}]}}"#;
    let untyped = r#"{"resourceType":"ExplanationOfBenefit"}"#;
    let bytes = bundle_of(&[
        carrier("productOrService", "2021-01-01"),
        partd.to_owned(),
        partd.to_owned(),
        untyped.to_owned(),
    ]);
    let lean = summarize_claims(&bytes).unwrap();
    let want: std::collections::BTreeMap<String, u64> = [
        ("https://x.example/t|PARTD".to_owned(), 2),
        ("(no type coding)".to_owned(), 1),
    ]
    .into();
    assert_eq!(lean.unknown_types, want);
    assert_eq!(lean.by_type[&ClaimType::Unknown].claims, 3);
    // The typed path agrees.
    let mut typed = SummaryBuilder::new();
    typed.add_bundle(&parse_bundle(&bytes).unwrap());
    assert_eq!(typed.finish().unknown_types, want);
    // Nothing unknown, nothing reported.
    let known = summarize_claims(&bundle_of(&[carrier("productOrService", "2021-01-01")])).unwrap();
    assert!(known.unknown_types.is_empty());
    assert_eq!(
        serde_json::to_value(&known).unwrap()["unknownTypes"],
        serde_json::json!({})
    );
}

#[test]
fn a_bundle_with_a_broken_structure_is_an_error_naming_the_path() {
    // A wrong JSON type in the containers that carry the claims would otherwise read as a
    // page with fewer claims (R33, R34); data fields stay lenient.
    let eob = carrier("productOrService", "2021-01-01");
    let cases = [
        (
            r#"{"resourceType":"Bundle","entry":7}"#.to_owned(),
            "at entry:",
        ),
        (
            String::from_utf8(bundle_of(&[eob.clone(), eob.clone(), "7".to_owned()])).unwrap(),
            "at entry[2].resource:",
        ),
        (
            r#"{"resourceType":"Bundle","entry":[{"resource":{}},7]}"#.to_owned(),
            "at entry[1]:",
        ),
        (
            r#"{"resourceType":"Bundle","link":"next"}"#.to_owned(),
            "at link:",
        ),
    ];
    for (json, path) in cases {
        let full = parse_bundle(json.as_bytes()).unwrap_err();
        assert_eq!(full.code(), "unexpected_shape", "{full}");
        assert!(full.to_string().contains(path), "{path}: {full}");
        assert!(
            !full.to_string().contains("Raw"),
            "no internal names: {full}"
        );
        if path != "at link:" {
            let lean = summarize_claims(json.as_bytes()).unwrap_err();
            assert_eq!(lean.code(), "unexpected_shape", "{lean}");
            assert!(lean.to_string().contains(path), "{path}: {lean}");
            assert!(
                !lean.to_string().contains("Lean"),
                "no internal names: {lean}"
            );
        }
    }
    // One entry object where an array belongs, and a null list, still read.
    let one = format!(r#"{{"resourceType":"Bundle","entry":{{"resource":{eob}}}}}"#);
    assert_eq!(parse_bundle(one.as_bytes()).unwrap().entry.len(), 1);
    assert_eq!(summarize_claims(one.as_bytes()).unwrap().claims, 1);
    assert!(parse_bundle(br#"{"resourceType":"Bundle","entry":null}"#)
        .unwrap()
        .entry
        .is_empty());
}
