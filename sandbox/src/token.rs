//! `/vN/o/token/` and `/vN/o/revoke_token/`, `/vN/o/revoke/` (doc §3).

use std::time::Duration;

use axum::http::{Method, StatusCode};
use axum::response::Response;
use base64::Engine;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use crate::config::{Client, DataAccess};
use crate::data::dates::{fmt_zulu, now_secs};
use crate::data::{patient_id, Version};
use crate::http::{body, json_resp, method_not_allowed, parse_pairs, Req};
use crate::lock::lock;
use crate::state::{AppState, Grant};

/// Authorization codes live 60 s (DOT's `AUTHORIZATION_CODE_EXPIRE_SECONDS`).
pub const CODE_TTL: Duration = Duration::from_secs(60);

fn err(status: StatusCode, error: &str, desc: &str) -> Response {
    json_resp(status, &json!({"error": error, "error_description": desc}))
}

fn invalid_client() -> Response {
    json_resp(
        StatusCode::UNAUTHORIZED,
        &json!({"error": "invalid_client"}),
    )
}

/// `(client_id, client_secret)` from HTTP Basic or the form body.
fn credentials(req: &Req) -> (Option<String>, Option<String>) {
    if let Some(h) = req.header("authorization") {
        if let Some((scheme, b64)) = h.split_once(' ') {
            if scheme.eq_ignore_ascii_case("basic") {
                let raw = base64::engine::general_purpose::STANDARD
                    .decode(b64.trim())
                    .unwrap_or_default();
                let text = String::from_utf8_lossy(&raw).into_owned();
                if let Some((id, secret)) = text.split_once(':') {
                    // RFC 6749 §2.3.1: both parts are form-url-encoded.
                    let dec = |s: &str| {
                        parse_pairs(format!("x={s}").as_bytes())
                            .pop()
                            .map(|p| p.1)
                            .unwrap_or_default()
                    };
                    return (Some(dec(id)), Some(dec(secret)));
                }
            }
        }
    }
    (
        req.f("client_id").map(str::to_string),
        req.f("client_secret").map(str::to_string),
    )
}

/// Authenticates the calling client per its type.
fn authenticate<'a>(st: &'a AppState, req: &Req) -> Result<&'a Client, Response> {
    let (id, secret) = credentials(req);
    let client = id
        .as_deref()
        .and_then(|id| st.client(id))
        .ok_or_else(invalid_client)?;
    if client.confidential && (secret.is_none() || secret != client.client_secret) {
        return Err(invalid_client());
    }
    Ok(client)
}

fn success(st: &AppState, grant: &Grant, access: &str, refresh: &str) -> Response {
    let v: Value = json!({
        "access_token": access,
        "token_type": "Bearer",
        "expires_in": st.config.token_ttl,
        "scope": grant.scope_string(),
        "refresh_token": refresh,
        "patient": patient_id(grant.user, grant.version),
        "access_grant_expiration": grant_expiration(st, grant),
    });
    let mut r = json_resp(StatusCode::OK, &v);
    r.headers_mut().insert(
        "cache-control",
        axum::http::HeaderValue::from_static("no-store"),
    );
    r
}

/// `access_grant_expiration` by the app's data access type (doc §3, §12.6): now + the
/// token's lifetime for one-time apps, `""` for research apps, else the 13-month expiry.
fn grant_expiration(st: &AppState, grant: &Grant) -> String {
    match data_access(st, grant) {
        DataAccess::OneTime => fmt_zulu(now_secs() + st.config.token_ttl as i64),
        DataAccess::Research => String::new(),
        DataAccess::ThirteenMonth => fmt_zulu(grant.expires_at),
    }
}

fn data_access(st: &AppState, grant: &Grant) -> DataAccess {
    st.client(&grant.client_id)
        .map(|c| c.data_access)
        .unwrap_or_default()
}

/// Is `wanted` one of `granted`, or the same `patient/<Resource>` with fewer SMART v2
/// letters (`.rs` to `.r` or `.s`)? (doc §12.5, `apps/dot_ext/scopes.py`)
fn within_scope(granted: &str, wanted: &str) -> bool {
    if granted == wanted {
        return true;
    }
    let split = |s: &str| {
        s.strip_prefix("patient/")
            .and_then(|r| r.rsplit_once('.'))
            .filter(|(_, l)| matches!(*l, "r" | "s" | "rs"))
            .map(|(res, l)| (res.to_string(), l.to_string()))
    };
    match (split(granted), split(wanted)) {
        (Some((gr, gl)), Some((wr, wl))) => gr == wr && wl.chars().all(|c| gl.contains(c)),
        _ => false,
    }
}

fn s256(verifier: &str) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

fn authorization_code(st: &AppState, req: &Req, client: &Client, v: Version) -> Response {
    let code = req.f("code").unwrap_or_default();
    let entry = lock(&st.stores).codes.get(code).cloned();
    let Some(entry) = entry.filter(|e| e.issued.elapsed() < CODE_TTL) else {
        lock(&st.stores).codes.remove(code);
        return err(StatusCode::BAD_REQUEST, "invalid_grant", "Invalid code.");
    };
    if entry.grant.client_id != client.client_id || entry.grant.version != v {
        return err(StatusCode::BAD_REQUEST, "invalid_grant", "Invalid code.");
    }
    if req.f("redirect_uri") != Some(entry.redirect_uri.as_str()) {
        return err(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "Mismatching redirect URI.",
        );
    }
    let verifier = req.f("code_verifier").unwrap_or_default();
    if verifier.is_empty() {
        return err(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "Code verifier required.",
        );
    }
    if verifier.len() < 43 {
        return err(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "code_verifier min length is 43",
        );
    }
    if verifier.len() > 128 {
        return err(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "max length is 128",
        );
    }
    if s256(verifier) != entry.challenge {
        return err(
            StatusCode::BAD_REQUEST,
            "invalid_grant",
            "code_challenge does not match",
        );
    }
    // Single use: a second exchange finds nothing (invalid_grant).
    if lock(&st.stores).codes.remove(code).is_none() {
        return err(StatusCode::BAD_REQUEST, "invalid_grant", "Invalid code.");
    }
    let (access, refresh) = st.issue_tokens(entry.grant.clone());
    success(st, &entry.grant, &access, &refresh)
}

fn refresh_token(st: &AppState, req: &Req, client: &Client) -> Response {
    let not_found = || {
        json_resp(
            StatusCode::BAD_REQUEST,
            &json!({"status_code": 400, "error": "invalid_grant", "error_description": "Refresh token not found."}),
        )
    };
    let token = req.f("refresh_token").unwrap_or_default();
    // A one-time app is refused before anything changes (doc §3, `validate_app_is_active`).
    if client.data_access == DataAccess::OneTime {
        return json_resp(
            StatusCode::FORBIDDEN,
            &json!({"status_code": 403, "error": "invalid_client", "error_description": "Your application is not allowed to refresh tokens."}),
        );
    }
    let wanted: Option<Vec<String>> = req
        .f("scope")
        .filter(|s| !s.trim().is_empty())
        .map(|s| s.split_whitespace().map(str::to_string).collect());
    // Validation first (oauthlib checks the scope before the token is rotated), then
    // rotation: the old refresh token and its access token are removed.
    let old = {
        let mut s = lock(&st.stores);
        let Some(e) = s
            .refresh
            .get(token)
            .filter(|e| e.grant.client_id == client.client_id)
            .cloned()
        else {
            return not_found();
        };
        let within = |w: &String| e.grant.scope.iter().any(|g| within_scope(g, w));
        if wanted.as_ref().is_some_and(|w| !w.iter().all(within)) {
            return err(
                StatusCode::BAD_REQUEST,
                "invalid_scope",
                "Scope exceeds the original grant.",
            );
        }
        s.refresh.remove(token);
        s.access.remove(&e.access);
        e
    };
    let mut grant = (*old.grant).clone();
    if let Some(wanted) = wanted {
        grant.scope = wanted;
    }
    let grant = std::sync::Arc::new(grant);
    let (access, refresh) = st.issue_tokens(grant.clone());
    success(st, &grant, &access, &refresh)
}

/// `POST /vN/o/token/`.
pub fn token(st: &AppState, req: &Req, v: Version) -> Response {
    if req.method != Method::POST {
        return method_not_allowed("POST");
    }
    let grant_type = req.f("grant_type").unwrap_or_default().to_string();
    st.count_token_call(&grant_type);
    let client = match authenticate(st, req) {
        Ok(c) => c,
        Err(r) => return r,
    };
    match grant_type.as_str() {
        "authorization_code" => authorization_code(st, req, client, v),
        "refresh_token" => refresh_token(st, req, client),
        "" => err(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "Missing grant type.",
        ),
        _ => json_resp(
            StatusCode::BAD_REQUEST,
            &json!({"error": "unsupported_grant_type"}),
        ),
    }
}

/// `POST /vN/o/revoke_token/` and `/vN/o/revoke/` (RFC 7009).
pub fn revoke(st: &AppState, req: &Req) -> Response {
    if req.method != Method::POST {
        return method_not_allowed("POST");
    }
    let client = match authenticate(st, req) {
        Ok(c) => c,
        Err(r) => return r,
    };
    let token = req.f("token").unwrap_or_default();
    let mut s = lock(&st.stores);
    let owner = s
        .access
        .get(token)
        .map(|e| e.grant.client_id.clone())
        .or_else(|| s.refresh.get(token).map(|e| e.grant.client_id.clone()));
    match owner {
        Some(o) if o != client.client_id => json_resp(
            StatusCode::FORBIDDEN,
            &json!({"status_code": 403, "description": "Application did not have access to the provided token."}),
        ),
        Some(_) => {
            s.access.remove(token);
            if let Some(r) = s.refresh.remove(token) {
                s.access.remove(&r.access);
            }
            body(StatusCode::OK, "application/json", "")
        }
        None => body(StatusCode::OK, "application/json", ""),
    }
}

/// `POST /sandbox/token` (sandbox only, not a Blue Button route): mints tokens for a
/// synthetic user without the browser consent step, for tests and scripts. JSON body:
/// `{"user": 1, "version": "v2", "client_id": "bbwasm-local-public", "demographics": true,
/// "samhsa": true, "part_d_only": false}`, and optionally `"scope": "openid patient/Patient.r"`
/// for exactly those scopes; answers like the token endpoint.
pub fn dev_token(st: &AppState, req: &Req) -> Response {
    if req.method != Method::POST {
        return method_not_allowed("POST");
    }
    let v: Value = serde_json::from_slice(&req.body).unwrap_or_default();
    let flag = |name: &str, default: bool| v[name].as_bool().unwrap_or(default);
    let Some(user) = v["user"]
        .as_u64()
        .and_then(|u| u32::try_from(u).ok())
        .filter(|u| *u < 30_000)
    else {
        return json_resp(
            StatusCode::BAD_REQUEST,
            &json!({"detail": "user must be a number from 0 to 29999"}),
        );
    };
    let version = Version::parse(v["version"].as_str().unwrap_or("v2")).unwrap_or(Version::V2);
    let demographics = flag("demographics", true);
    let mut scope: Vec<String> = crate::oauth::DEFAULT_SCOPES
        .iter()
        .filter(|s| demographics || !(**s == "profile" || s.starts_with("patient/Patient.")))
        .map(|s| (*s).to_string())
        .collect();
    if version == Version::V3 {
        scope = scope
            .into_iter()
            .map(|s| s.replace(".read", ".rs"))
            .collect();
    }
    // `"scope": "a b"` mints a token with exactly those scopes (BB2's own tests make tokens
    // this way, e.g. every scope pair of the insurance card).
    if let Some(wanted) = v["scope"].as_str() {
        scope = wanted.split_whitespace().map(str::to_string).collect();
    }
    let grant = std::sync::Arc::new(Grant {
        user,
        version,
        client_id: v["client_id"]
            .as_str()
            .unwrap_or("bbwasm-local-public")
            .to_string(),
        scope,
        demographics,
        samhsa: flag("samhsa", true),
        part_d_only: flag("part_d_only", false),
        expires_at: crate::data::dates::add_months(crate::data::dates::now_secs(), 13),
    });
    // `"consent": true` acts as a new consent: the app's earlier tokens for this user go.
    if flag("consent", false) {
        st.revoke_earlier_tokens(&grant.client_id, user);
    }
    let (access, refresh) = st.issue_tokens(grant.clone());
    success(st, &grant, &access, &refresh)
}
