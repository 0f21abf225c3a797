//! Unit tests of the parent module.

#![allow(clippy::unwrap_used)]
use super::*;
use proptest::prelude::*;

const BASE: &str = "https://sandbox.bluebutton.cms.gov/v2/fhir/";

#[test]
fn table() {
    let cases: &[(&str, Option<&str>)] = &[
        ("https://sandbox.bluebutton.cms.gov/v2/fhir/ExplanationOfBenefit?_count=10&startIndex=10", Some("ok")),
        ("https://SANDBOX.bluebutton.cms.gov/v2/fhir/Patient/-1", Some("ok")),
        ("https://sandbox.bluebutton.cms.gov:443/v2/fhir/", Some("ok")),
        ("/v2/fhir/Coverage/", Some("ok")),
        ("https://sandbox.bluebutton.cms.gov/v2/fhir/#frag", Some("ok")),
        ("https://sandbox.bluebutton.cms.gov.evil.example/v2/fhir/", Some("cross_origin")),
        ("https://evil.example/?https://sandbox.bluebutton.cms.gov/", Some("cross_origin")),
        ("https://sandbox.bluebutton.cms.gov@evil.example/v2/fhir/", Some("url_user_info")),
        ("https://user:pw@sandbox.bluebutton.cms.gov/v2/fhir/", Some("url_user_info")),
        ("http://sandbox.bluebutton.cms.gov/v2/fhir/", Some("https_downgrade")),
        ("https://sandbox.bluebutton.cms.gov:8443/v2/fhir/", Some("cross_origin")),
        // Cyrillic о: refused at parse (the crate builds url with ASCII-only host names).
        ("https://sandbox.bluebutton.cms.gоv/v2/fhir/", Some("invalid_request_url")),
        ("https://sandbox.bluebutton.cms.gov./v2/fhir/", Some("cross_origin")),
        ("//evil.example/v2/fhir/", Some("cross_origin")),
        ("https:\\\\evil.example\\v2", Some("cross_origin")),
        ("http://testserver/v2/fhir/ExplanationOfBenefit/", Some("cross_origin")),
        ("javascript:alert(1)", Some("cross_origin")),
        ("https://[::1]/", Some("cross_origin")),
        ("https://", Some("invalid_request_url")),
    ];
    for (candidate, want) in cases {
        let got = match same_origin(BASE, candidate) {
            Ok(_) => "ok",
            Err(e) => e.code().as_str(),
        };
        assert_eq!(Some(got), *want, "{candidate}");
    }
}

#[test]
fn bad_bases() {
    for b in ["", "not a url", "ftp://x/", "https://u@x/", "mailto:a@b"] {
        assert_eq!(parse_base(b).unwrap_err().code(), "invalid_base_url", "{b}");
    }
    assert!(parse_base("http://localhost:8000/v2/fhir/").is_ok());
}

#[test]
fn rebase_keeps_path_and_query() {
    let u = rebase_link(BASE, "http://testserver/v2/fhir/ExplanationOfBenefit?a=1#x").unwrap();
    assert_eq!(
        u.as_str(),
        "https://sandbox.bluebutton.cms.gov/v2/fhir/ExplanationOfBenefit?a=1"
    );
    assert!(rebase_link(BASE, "javascript:alert(1)").is_err());
}

proptest! {
    #[test]
    fn other_hosts_never_pass(host in "[a-z]{1,12}(\\.[a-z]{1,8}){0,3}", path in "[a-zA-Z0-9/?=&._-]{0,30}") {
        let candidate = format!("https://{host}/{path}");
        let r = same_origin(BASE, &candidate);
        if host != "sandbox.bluebutton.cms.gov" {
            prop_assert!(r.is_err());
        }
    }

    #[test]
    fn ok_results_share_the_origin(s in "\\PC{0,60}") {
        if let Ok(u) = same_origin(BASE, &s) {
            prop_assert_eq!(u.host_str(), Some("sandbox.bluebutton.cms.gov"));
            prop_assert_eq!(u.scheme(), "https");
            prop_assert_eq!(u.port_or_known_default(), Some(443));
        }
    }
}
