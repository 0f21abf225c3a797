//! The origin guard, the endpoint builder and the paging plan give the same answers with the
//! browser's `URL` ([`BrowserUrl`], what the shell uses, so no .wasm links a URL parser) as
//! with the `url` crate ([`WhatwgUrl`], what the native tests use): the same refusal code or
//! the same URL, character for character.

use bluebutton_wasm::browser::url::BrowserUrl;
use bluebutton_wasm::core::api::paging::{plan_pages_with, PagingPlan};
use bluebutton_wasm::core::api::search::{ApiVersion, Endpoints, EobSearch};
use bluebutton_wasm::core::fhir::Bundle;
use bluebutton_wasm::core::http::origin::{parse_base_with, rebase_link_with, same_origin_with};
use bluebutton_wasm::core::http::url_parts::{UrlParser, WhatwgUrl};
use wasm_bindgen_test::wasm_bindgen_test;

const BASES: [&str; 4] = [
    "https://sandbox.bluebutton.cms.gov/v2/fhir/",
    "http://127.0.0.1:8000/v3/fhir/",
    "http://[::1]:8000/v1/fhir",
    "https://api.bluebutton.cms.gov:443/prefix/v2/fhir",
];

const CANDIDATES: [&str; 30] = [
    "https://sandbox.bluebutton.cms.gov/v2/fhir/ExplanationOfBenefit?_count=10&startIndex=10",
    "https://SANDBOX.bluebutton.cms.gov/v2/fhir/Patient/-1",
    "https://sandbox.bluebutton.cms.gov:443/v2/fhir/",
    "/v2/fhir/Coverage/",
    "Coverage/?a=1#frag",
    "../connect/userinfo",
    "?startIndex=20",
    "https://sandbox.bluebutton.cms.gov/v2/fhir/#frag",
    "https://sandbox.bluebutton.cms.gov.evil.example/v2/fhir/",
    "https://evil.example/?https://sandbox.bluebutton.cms.gov/",
    "https://sandbox.bluebutton.cms.gov@evil.example/v2/fhir/",
    "https://user:pw@sandbox.bluebutton.cms.gov/v2/fhir/",
    "http://sandbox.bluebutton.cms.gov/v2/fhir/",
    "https://sandbox.bluebutton.cms.gov:8443/v2/fhir/",
    "https://sandbox.bluebutton.cms.gov./v2/fhir/",
    "//evil.example/v2/fhir/",
    "https:\\\\evil.example\\v2",
    "http://testserver/v2/fhir/ExplanationOfBenefit/",
    "javascript:alert(1)",
    "blob:https://sandbox.bluebutton.cms.gov/x",
    "https://[::1]/",
    "https://",
    "http://127.0.0.1:8000/v3/fhir/ExplanationOfBenefit/?_count=10",
    "http://127.1:8000/v3/fhir/",
    "http://127.0.0.1:80/v3/fhir/",
    "http://[0:0::1]:8000/v1/fhir/Patient/",
    "http://localhost:8000/v3/fhir/",
    "https://api.bluebutton.cms.gov/prefix/v2/fhir/Patient/a b",
    "https://api.bluebutton.cms.gov/prefix/v2/fhir/Patient/?q=\"<x>\"",
    "  https://api.bluebutton.cms.gov/prefix/v2/fhir/Coverage/  ",
];

fn outcome<T: ToString, E: std::fmt::Debug>(
    r: Result<T, E>,
    code: impl Fn(&E) -> String,
) -> String {
    match r {
        Ok(url) => url.to_string(),
        Err(e) => format!("refused: {}", code(&e)),
    }
}

fn parsers() -> (BrowserUrl, WhatwgUrl) {
    (BrowserUrl, WhatwgUrl)
}

#[wasm_bindgen_test]
fn same_origin_agrees_on_every_candidate() {
    let (browser, crate_url) = parsers();
    for base in BASES {
        for candidate in CANDIDATES {
            let b = outcome(same_origin_with(&browser, base, candidate), |e| {
                e.code().as_str().to_owned()
            });
            let c = outcome(same_origin_with(&crate_url, base, candidate), |e| {
                e.code().as_str().to_owned()
            });
            assert_eq!(b, c, "same_origin({base:?}, {candidate:?})");
            let b = outcome(rebase_link_with(&browser, base, candidate), |e| {
                e.code().as_str().to_owned()
            });
            let c = outcome(rebase_link_with(&crate_url, base, candidate), |e| {
                e.code().as_str().to_owned()
            });
            assert_eq!(b, c, "rebase_link({base:?}, {candidate:?})");
        }
    }
    // Some of them pass and some are refused, so the comparison above compared both kinds.
    let passed = CANDIDATES
        .iter()
        .filter(|c| same_origin_with(&browser, BASES[0], c).is_ok())
        .count();
    assert!(
        (5..CANDIDATES.len() - 10).contains(&passed),
        "{passed} passed"
    );
}

#[wasm_bindgen_test]
fn bases_and_endpoints_agree() {
    let (browser, crate_url) = parsers();
    for base in BASES.iter().chain(&CANDIDATES) {
        let b = outcome(parse_base_with(&browser, base), |e| {
            e.code().as_str().to_owned()
        });
        let c = outcome(parse_base_with(&crate_url, base), |e| {
            e.code().as_str().to_owned()
        });
        assert_eq!(b, c, "parse_base({base:?})");
        let b = Endpoints::new_with(&browser, base);
        let c = Endpoints::new_with(&crate_url, base);
        assert_eq!(b.is_ok(), c.is_ok(), "Endpoints::new({base:?})");
        if let (Ok(b), Ok(c)) = (b, c) {
            assert_eq!(b, c, "{base:?}");
            let search = EobSearch::new()
                .types("carrier,pde")
                .unwrap()
                .count(10)
                .unwrap();
            assert_eq!(
                b.eob_search(&search).unwrap(),
                c.eob_search(&search).unwrap()
            );
            assert_eq!(b.userinfo(), c.userinfo());
        }
    }
}

#[wasm_bindgen_test]
fn paging_plans_agree() {
    let (browser, crate_url) = parsers();
    let first = Bundle {
        total: Some(45),
        ..Default::default()
    };
    for url in [
        "https://sandbox.bluebutton.cms.gov/v2/fhir/ExplanationOfBenefit/?_count=10&type=carrier%2Cpde",
        "http://127.0.0.1:8000/v1/fhir/ExplanationOfBenefit/?startIndex=5&_count=10#x",
        "http://127.0.0.1:8000/v1/fhir/ExplanationOfBenefit/?_count=0",
    ] {
        let b = plan_pages_with(&browser, url, &first, ApiVersion::V2);
        let c = plan_pages_with(&crate_url, url, &first, ApiVersion::V2);
        assert_eq!(b, c, "{url}");
        if let Ok(PagingPlan::Concurrent(urls)) = b {
            assert!(urls.len() >= 3, "{url}");
        }
    }
    assert!(browser.parse("not a url").is_err() && crate_url.parse("not a url").is_err());
}
