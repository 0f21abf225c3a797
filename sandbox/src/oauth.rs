//! `/vN/o/authorize/` (doc §2) and the consent step.

use std::sync::Arc;
use std::time::Instant;

use axum::http::{Method, StatusCode};
use axum::response::Response;
use serde_json::json;

use crate::consent_page::{self, CARRIED};
use crate::data::dates::{add_months, now_secs};
use crate::data::{password_for, user_from_username, Version};
use crate::http::{body, encode_pairs, json_resp, method_not_allowed, redirect, Req};
use crate::lock::lock;
use crate::state::{random_token, AppState, CodeEntry, Grant};

/// Scopes every local client may be granted.
pub const APP_SCOPES: [&str; 13] = [
    "openid",
    "profile",
    "launch/patient",
    "patient/Patient.read",
    "patient/Patient.rs",
    "patient/Patient.s",
    "patient/Coverage.read",
    "patient/Coverage.rs",
    "patient/Coverage.s",
    "patient/ExplanationOfBenefit.read",
    "patient/ExplanationOfBenefit.rs",
    "patient/ExplanationOfBenefit.s",
    "patient/AuditEvent.rs",
];

/// Scopes granted on v1/v2 when `scope` is absent (the app's scopes).
pub(crate) const DEFAULT_SCOPES: [&str; 5] = [
    "openid",
    "profile",
    "patient/Patient.read",
    "patient/Coverage.read",
    "patient/ExplanationOfBenefit.read",
];

fn status_message(status: StatusCode, msg: &str) -> Response {
    json_resp(
        status,
        &json!({"status_code": status.as_u16(), "message": msg}),
    )
}

fn invalid_request(desc: &str) -> Response {
    json_resp(
        StatusCode::BAD_REQUEST,
        &json!({"status_code": 400, "error": "invalid_request", "error_description": desc}),
    )
}

/// Runs BB2's authorize checks in BB2's order; `Err` is the error response.
fn check(st: &AppState, req: &Req, v: Version) -> Result<(), Response> {
    // 1. app lookup: unknown client -> 400 HTML page.
    let known = req
        .param("client_id")
        .and_then(|id| st.client(id))
        .is_some();
    if !known {
        return Err(body(
            StatusCode::BAD_REQUEST,
            "text/html; charset=utf-8",
            consent_page::unknown_client(),
        ));
    }
    // 5. client_secret in query or body -> plain 400.
    if req.param("client_secret").is_some() {
        return Err(body(
            StatusCode::BAD_REQUEST,
            "text/html; charset=utf-8",
            "Illegal query parameter [client_secret] detected",
        ));
    }
    // 6. required parameters, then method, then state length.
    let mut required = vec!["code_challenge", "code_challenge_method", "state"];
    if v == Version::V3 {
        required.push("scope");
    }
    let missing: Vec<&str> = required
        .into_iter()
        .filter(|p| req.param(p).is_none_or(str::is_empty))
        .collect();
    if !missing.is_empty() {
        let msg = format!("Missing Required Parameter(s): {}", missing.join(", "));
        return Err(status_message(StatusCode::BAD_REQUEST, &msg));
    }
    if req.param("code_challenge_method") != Some("S256") {
        return Err(invalid_request("code_challenge_method must be S256"));
    }
    if req.param("state").map_or(0, |s| s.chars().count()) < 16 {
        return Err(status_message(
            StatusCode::BAD_REQUEST,
            "State parameter should have a minimum of 16 characters",
        ));
    }
    // DOT/oauthlib: redirect URI (exact match) and response type.
    let client = req.param("client_id").and_then(|id| st.client(id));
    let uri = req.param("redirect_uri").unwrap_or("");
    if uri.is_empty() {
        return Err(invalid_request("Missing redirect URI."));
    }
    if !client.is_some_and(|c| c.redirect_uris.iter().any(|u| u == uri)) {
        return Err(invalid_request("Mismatching redirect URI."));
    }
    match req.param("response_type") {
        Some("code") | Some("token") => Ok(()),
        None | Some("") => Err(invalid_request("Missing response_type parameter.")),
        Some(_) => Err(json_resp(
            StatusCode::BAD_REQUEST,
            &json!({"status_code": 400, "error": "unsupported_response_type"}),
        )),
    }
}

fn carried(req: &Req) -> Vec<(&'static str, &str)> {
    CARRIED
        .iter()
        .filter_map(|k| req.param(k).map(|v| (*k, v)))
        .collect()
}

/// `GET/POST /vN/o/authorize/`: checks, then the login + consent page.
pub fn authorize(st: &AppState, req: &Req, v: Version) -> Response {
    if req.method != Method::GET && req.method != Method::POST {
        return method_not_allowed("GET, POST");
    }
    if let Err(r) = check(st, req, v) {
        return r;
    }
    let app = req.param("client_id").unwrap_or_default();
    let page = consent_page::render(v.as_str(), &carried(req), app, None);
    body(StatusCode::OK, "text/html; charset=utf-8", page)
}

fn append_query(uri: &str, q: &str) -> String {
    let sep = if uri.contains('?') { '&' } else { '?' };
    format!("{uri}{sep}{q}")
}

fn granted_scopes(req: &Req, v: Version, demographics: bool) -> Vec<String> {
    let requested: Vec<&str> = match req.param("scope") {
        Some(s) if !s.trim().is_empty() => s.split_whitespace().collect(),
        _ if v != Version::V3 => DEFAULT_SCOPES.to_vec(),
        _ => Vec::new(),
    };
    let mut out: Vec<String> = Vec::new();
    for s in requested {
        if !APP_SCOPES.contains(&s) || out.iter().any(|o| o == s) {
            continue;
        }
        if !demographics && (s == "profile" || s.starts_with("patient/Patient.")) {
            continue;
        }
        out.push(s.to_string());
    }
    out
}

/// `POST /vN/o/authorize/consent`: login check, then Allow or Deny.
pub fn consent(st: &AppState, req: &Req, v: Version) -> Response {
    if req.method != Method::POST {
        return method_not_allowed("POST");
    }
    if let Err(r) = check(st, req, v) {
        return r;
    }
    let redirect_uri = req.param("redirect_uri").unwrap_or_default();
    let state = req.param("state").unwrap_or_default();
    let deny = || {
        redirect(&append_query(
            redirect_uri,
            &encode_pairs([("error", "access_denied"), ("state", state)]),
        ))
    };
    if req.f("allow") != Some("true") {
        return deny();
    }
    let user = req.f("username").and_then(user_from_username);
    let Some(user) = user.filter(|n| req.f("password") == Some(password_for(*n).as_str())) else {
        let app = req.param("client_id").unwrap_or_default();
        let page = consent_page::render(
            v.as_str(),
            &carried(req),
            app,
            Some("Invalid username or password. Try BBUser00001 / PW00001!"),
        );
        return body(StatusCode::OK, "text/html; charset=utf-8", page);
    };
    let checked = |name: &str| req.f(name).is_some_and(|x| x == "true" || x == "on");
    let demographics = checked("share_demographic_scopes");
    let scope = granted_scopes(req, v, demographics);
    if scope.is_empty() {
        return deny(); // v3: no scope left -> AccessDeniedError (doc §2)
    }
    // A new consent replaces this app's earlier tokens for this beneficiary (doc §12.5).
    let client_id = req.param("client_id").unwrap_or_default();
    st.revoke_earlier_tokens(client_id, user);
    let grant = Arc::new(Grant {
        user,
        version: v,
        client_id: req.param("client_id").unwrap_or_default().to_string(),
        scope,
        demographics,
        samhsa: checked("share_samhsa_data"),
        part_d_only: checked("part_d_only"),
        expires_at: add_months(now_secs(), 13),
    });
    if req.param("response_type") == Some("token") {
        let scope = grant.scope_string();
        let (access, _refresh) = st.issue_tokens(grant);
        let ttl = st.config.token_ttl.to_string();
        let frag = encode_pairs([
            ("access_token", access.as_str()),
            ("token_type", "Bearer"),
            ("expires_in", ttl.as_str()),
            ("scope", scope.as_str()),
            ("state", state),
        ]);
        return redirect(&format!("{redirect_uri}#{frag}"));
    }
    let code = random_token();
    lock(&st.stores).codes.insert(
        code.clone(),
        CodeEntry {
            grant,
            redirect_uri: redirect_uri.to_string(),
            challenge: req.param("code_challenge").unwrap_or_default().to_string(),
            issued: Instant::now(),
        },
    );
    redirect(&append_query(
        redirect_uri,
        &encode_pairs([("code", code.as_str()), ("state", state)]),
    ))
}
