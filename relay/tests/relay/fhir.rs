//! The opt-in FHIR pass-through over TLS: GET with the bearer token, query string and gzip
//! passed; off by default (404); read-only (405 for other methods); no path escapes; the
//! size limit and upstream redirects give the relay's own 502.

use crate::common::*;
use bluebutton_core::http::gzip::{inflate_capped, is_gzip};

fn token(s: &Server) -> String {
    let r = request(
        "POST",
        &format!("{}/sandbox/token", s.base),
        &[("content-type", "application/json")],
        Some(br#"{"user": 5, "version": "v2"}"#),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    r.json()["access_token"].as_str().unwrap().to_string()
}

fn tls_relay(s: &Server, proxy_fhir: bool) -> String {
    let front = tls_front(s);
    let mut cfg = config(&front.base);
    cfg.extra_root_certs = vec![front.ca_pem];
    cfg.proxy_fhir = proxy_fhir;
    relay_with(s, cfg)
}

#[test]
fn fhir_get_passes_with_the_bearer_token() {
    let s = start();
    let relay = tls_relay(&s, true);
    let at = token(&s);
    let bearer = format!("Bearer {at}");
    let r = get(
        &format!("{relay}/v2/fhir/ExplanationOfBenefit/?_count=3"),
        &[("authorization", &bearer), ("origin", ORIGIN)],
    );
    assert_eq!(r.status, 200, "{}", r.text());
    assert!(r.header("content-type").unwrap().contains("json"));
    assert_eq!(r.header("access-control-allow-origin"), Some(ORIGIN));
    let bundle = bluebutton_core::fhir::parse_bundle(&r.body).unwrap();
    assert_eq!(
        bundle.entry.len(),
        3,
        "the query string reached the upstream"
    );

    // No token: the upstream's own 401 and body pass through.
    let anon = get(&format!("{relay}/v2/fhir/Patient/"), &[]);
    assert_eq!(anon.status, 401);
    let direct = get(&format!("{}/v2/fhir/Patient/", s.base), &[]);
    assert_eq!(anon.body, direct.body);

    // Read-only.
    let post = request(
        "POST",
        &format!("{relay}/v2/fhir/Patient/"),
        &[("authorization", &bearer)],
        Some(b"{}"),
    );
    assert_eq!(post.status, 405);
    assert_eq!(post.header("allow"), Some("GET, OPTIONS"));
    // No way out of /vN/fhir/.
    assert_eq!(
        get(&format!("{relay}/v2/fhir/../o/token/"), &[]).status,
        404
    );
    assert_eq!(get(&format!("{relay}/v2/fhir/"), &[]).status, 404);
}

// Gzip passes through untouched: the browser's Accept-Encoding goes up, Content-Encoding
// and the compressed bytes come back (the browser's fetch decodes them as from the upstream).
#[test]
fn fhir_gzip_passes_through() {
    let s = start();
    let relay = tls_relay(&s, true);
    let at = token(&s);
    let bearer = format!("Bearer {at}");
    let url = format!("{relay}/v2/fhir/ExplanationOfBenefit/?_count=50");
    let gz = get(
        &url,
        &[("authorization", &bearer), ("accept-encoding", "gzip")],
    );
    assert_eq!(gz.status, 200);
    assert_eq!(gz.header("content-encoding"), Some("gzip"));
    let vary = gz.headers["vary"].join(",");
    assert!(
        vary.contains("Accept-Encoding") && vary.contains("Origin"),
        "{vary}"
    );
    assert!(is_gzip(&gz.body));
    let plain = get(&url, &[("authorization", &bearer)]);
    assert_eq!(plain.header("content-encoding"), None);
    // The same page (the Bundle's id and lastUpdated differ per call).
    let inflated: serde_json::Value =
        serde_json::from_slice(&inflate_capped(&gz.body, 50 << 20).unwrap()).unwrap();
    assert!(inflated["entry"] == plain.json()["entry"], "same entries");
    assert_eq!(inflated["entry"].as_array().unwrap().len(), 9);
}

#[test]
fn fhir_is_off_without_the_flag() {
    let s = start();
    let relay = tls_relay(&s, false);
    let at = token(&s);
    let r = get(
        &format!("{relay}/v2/fhir/Patient/"),
        &[("authorization", &format!("Bearer {at}"))],
    );
    assert_eq!(r.status, 404);
    let pre = request(
        "OPTIONS",
        &format!("{relay}/v2/fhir/Patient/"),
        &[("origin", ORIGIN), ("access-control-request-method", "GET")],
        None,
    );
    assert_eq!(pre.status, 404);
    assert!(pre.header("access-control-allow-origin").is_none());
}

fn arm(s: &Server, fault: &str) {
    let r = request(
        "POST",
        &format!("{}/sandbox/faults", s.base),
        &[("content-type", "application/json")],
        Some(format!(r#"{{"fault": "{fault}", "count": 1}}"#).as_bytes()),
    );
    assert_eq!(r.status, 200, "{}", r.text());
}

// An answer over the size limit (64 MiB streamed) and a redirect are the relay's own 502s,
// never passed on.
#[test]
fn oversized_answers_and_redirects_are_not_passed_on() {
    let s = start();
    let relay = tls_relay(&s, true);
    let bearer = format!("Bearer {}", token(&s));
    let url = format!("{relay}/v2/fhir/Patient/");
    arm(&s, "oversized_body");
    let big = get(&url, &[("authorization", &bearer)]);
    assert_eq!(big.status, 502);
    assert_eq!(big.json()["error"], "upstream_response_too_large");
    arm(&s, "redirect_off_origin");
    let moved = get(&url, &[("authorization", &bearer)]);
    assert_eq!(moved.status, 502, "{}", moved.text());
    assert_eq!(moved.json()["error"], "upstream_redirect");
    assert!(moved.header("location").is_none());
    // The next call is served normally again.
    assert_eq!(get(&url, &[("authorization", &bearer)]).status, 200);
}
