//! CORS only for the allowed origins: token and FHIR answers and preflights.

use crate::common::*;

fn preflight(url: &str, origin: &str, method: &str, headers: &str) -> Resp {
    request(
        "OPTIONS",
        url,
        &[
            ("origin", origin),
            ("access-control-request-method", method),
            ("access-control-request-headers", headers),
        ],
        None,
    )
}

#[test]
fn cors_only_for_allowed_origins() {
    let s = start();
    let mut cfg = config(&s.base);
    cfg.proxy_fhir = true;
    let r = relay_with(&s, cfg);

    // Token preflight: POST with a form body.
    let ok = preflight(&format!("{r}/v2/o/token/"), ORIGIN, "POST", "content-type");
    assert_eq!(ok.status, 204);
    assert_eq!(ok.header("access-control-allow-origin"), Some(ORIGIN));
    assert!(ok
        .header("access-control-allow-methods")
        .unwrap()
        .contains("POST"));
    let evil = preflight(
        &format!("{r}/v2/o/token/"),
        "http://evil.example",
        "POST",
        "content-type",
    );
    assert_eq!(evil.status, 403);
    assert!(evil.header("access-control-allow-origin").is_none());
    assert!(evil.header("access-control-allow-methods").is_none());

    // FHIR preflight: GET with the authorization header.
    let f = preflight(
        &format!("{r}/v2/fhir/ExplanationOfBenefit/"),
        ORIGIN,
        "GET",
        "authorization",
    );
    assert_eq!(f.status, 204);
    assert_eq!(f.header("access-control-allow-origin"), Some(ORIGIN));
    assert!(f
        .header("access-control-allow-headers")
        .unwrap()
        .contains("authorization"));
    assert!(f
        .header("access-control-allow-methods")
        .unwrap()
        .contains("GET"));
    let fe = preflight(
        &format!("{r}/v2/fhir/ExplanationOfBenefit/"),
        "http://localhost:8081",
        "GET",
        "authorization",
    );
    assert_eq!(fe.status, 403);
    assert!(fe.header("access-control-allow-origin").is_none());

    // Answers: the allowed origin is echoed, any other origin gets nothing.
    let bad = post_form(
        &format!("{r}/v2/o/token/"),
        &[("grant_type", "refresh_token"), ("refresh_token", "x")],
        &[("origin", "http://evil.example")],
    );
    assert!(bad.header("access-control-allow-origin").is_none());
    let good = post_form(
        &format!("{r}/v2/o/token/"),
        &[("grant_type", "refresh_token"), ("refresh_token", "x")],
        &[("origin", ORIGIN)],
    );
    assert_eq!(good.header("access-control-allow-origin"), Some(ORIGIN));
    assert_eq!(good.header("vary"), Some("Origin"));
    let fhir_evil = get(
        &format!("{r}/v2/fhir/Patient/"),
        &[("origin", "http://evil.example")],
    );
    assert!(fhir_evil.header("access-control-allow-origin").is_none());
}
