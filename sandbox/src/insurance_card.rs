//! `GET /v3/fhir/Patient/$generate-insurance-card[/]` (doc §12.2): the Digital Insurance
//! Card of the token's patient, a `collection` Bundle (see [`crate::data::insurance_card`]).
//!
//! BB2's rules, in its order: v3 only (v1/v2 have no such route: 404); rate limit and
//! authentication (401); the token must hold a Patient *read* scope (`patient/Patient.read`,
//! `.r` or `.rs`) **and** a Coverage *search* scope (`patient/Coverage.read`, `.s` or `.rs`),
//! else 403 `{"detail":"You do not have permission to perform this action."}`; then only GET
//! (and HEAD) are served (DRF's 405 comes after authentication). No query parameter is
//! forwarded; under `Prefer: handling=strict` any parameter other than `count` and `_format`
//! is a 400.

use axum::http::{Method, StatusCode};
use axum::response::Response;
use serde_json::json;

use crate::data::Version;
use crate::faults::Fault;
use crate::fhir::{authed, content_type, fault_response, finish};
use crate::http::{forbidden, json_resp, method_not_allowed, not_found, Req};
use crate::state::{AppState, Grant};

/// Scopes that let a token read its Patient.
pub const PATIENT_READ_SCOPES: [&str; 3] = [
    "patient/Patient.read",
    "patient/Patient.r",
    "patient/Patient.rs",
];
/// Scopes that let a token search Coverage.
pub const COVERAGE_SEARCH_SCOPES: [&str; 3] = [
    "patient/Coverage.read",
    "patient/Coverage.s",
    "patient/Coverage.rs",
];

/// Whether the grant may generate the card (BB2 `apps/fhir/constants.py:143-186`).
pub fn allowed(grant: &Grant) -> bool {
    let has = |set: &[&str]| grant.scope.iter().any(|s| set.contains(&s.as_str()));
    has(&PATIENT_READ_SCOPES) && has(&COVERAGE_SEARCH_SCOPES)
}

/// Handles the route for version `v`.
pub fn route(st: &AppState, req: &Req, v: Version) -> Response {
    if v != Version::V3 {
        return not_found();
    }
    if st.faults.over_rate_limit() {
        return crate::fhir::throttled();
    }
    let (token, grant) = match authed(st, req) {
        Ok(x) => x,
        Err(r) => return r,
    };
    if !allowed(&grant) {
        return forbidden();
    }
    if req.method != Method::GET && req.method != Method::HEAD {
        return method_not_allowed("GET, HEAD, OPTIONS");
    }
    let strict = req
        .header("prefer")
        .is_some_and(|p| p.replace(' ', "") == "handling=strict");
    let unknown: Vec<String> = req
        .query
        .iter()
        .map(|(k, _)| k.as_str())
        .filter(|k| !matches!(*k, "count" | "_format"))
        .map(|k| format!("'{k}'"))
        .collect();
    if strict && !unknown.is_empty() {
        let msg = format!("Invalid parameters: [{}]", unknown.join(", "));
        return json_resp(StatusCode::BAD_REQUEST, &json!({ "error": msg }));
    }
    let fault = st.faults.take().or_else(|| st.faults.random_failure());
    if fault == Some(Fault::ExpireToken) {
        st.expire_access(&token);
    }
    if let Some(r) = fault.and_then(|f| fault_response(f, req)) {
        return r;
    }
    let card = crate::data::insurance_card::card(grant.user, st.config.seed);
    finish(card.to_string(), fault, content_type(req))
}
