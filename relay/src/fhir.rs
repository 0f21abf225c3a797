//! The opt-in read-only FHIR pass-through (`--proxy-fhir`): `GET /vN/fhir/...` with the
//! browser's `Authorization`, `Accept` and `Accept-Encoding` headers and query string.
//!
//! Gzip passes through untouched: the relay asks with the browser's own `Accept-Encoding`
//! and hands back the bytes with the upstream's `Content-Encoding`, so the browser's fetch
//! decodes them as it would from the upstream itself (script sees JSON either way).

use axum::http::HeaderMap;

use crate::config::{RelayConfig, MAX_FHIR_RESPONSE};
use crate::error::UpstreamError;
use crate::upstream::{read, Answer};

/// Request headers passed from the browser to the upstream.
pub const PASSED_REQUEST_HEADERS: [&str; 3] = ["authorization", "accept", "accept-encoding"];

/// True for `/vN/fhir/<something>` (N = 1, 2, 3) without `.` or `..` segments.
///
/// ```
/// use bluebutton_relay::fhir::is_fhir_path;
/// assert!(is_fhir_path("/v2/fhir/ExplanationOfBenefit/"));
/// assert!(is_fhir_path("/v3/fhir/Patient/-30000000000001"));
/// assert!(!is_fhir_path("/v2/fhir/"));
/// assert!(!is_fhir_path("/v2/fhir/../o/token"));
/// assert!(!is_fhir_path("/v2/fhir/%2e%2e/o/token"));
/// assert!(!is_fhir_path("/v2/connect/userinfo"));
/// ```
pub fn is_fhir_path(path: &str) -> bool {
    let mut it = path.trim_start_matches('/').split('/');
    let ok_ver = matches!(it.next(), Some("v1" | "v2" | "v3"));
    let fhir = it.next() == Some("fhir");
    let rest: Vec<&str> = it.collect();
    let first_named = rest.first().is_some_and(|s| !s.is_empty());
    let no_dots = rest.iter().all(|s| {
        let decoded = s.to_ascii_lowercase().replace("%2e", ".");
        decoded != "." && decoded != ".."
    });
    ok_ver && fhir && first_named && no_dots
}

/// GETs `path?query` from the upstream with the passed headers (blocking).
pub fn get_fhir(
    agent: &ureq::Agent,
    cfg: &RelayConfig,
    path: &str,
    query: Option<&str>,
    headers: &HeaderMap,
) -> Result<Answer, UpstreamError> {
    let url = match query {
        Some(q) => format!("{}{path}?{q}", cfg.upstream),
        None => format!("{}{path}", cfg.upstream),
    };
    let mut rq = agent.get(&url);
    for name in PASSED_REQUEST_HEADERS {
        if let Some(v) = headers.get(name).and_then(|v| v.to_str().ok()) {
            rq = rq.header(name, v);
        }
    }
    read(rq.call(), MAX_FHIR_RESPONSE)
}
