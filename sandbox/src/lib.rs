//! `bluebutton-sandbox`: a local emulator of the CMS Blue Button 2.0 API
//! (OAuth + FHIR v1/v2/v3) with deterministic synthetic data and
//! server-side fault injection. See [`config::HELP`] for the options and
//! [`data`] for the synthetic users (user 1 is the heavy user, 2,400 claims).

// Handlers return `Result<_, Response>` so any check can answer the request;
// the error is built once per request, its size does not matter.
#![allow(clippy::result_large_err)]

pub mod config;
pub mod consent_page;
pub mod cors_gzip;
pub mod data;
pub mod eob_v3;
pub mod faults;
pub mod fhir;
pub mod http;
pub mod insurance_card;
pub mod lock;
pub mod oauth;
pub mod paging;
pub mod sources;
pub mod state;
pub mod token;
pub mod wellknown;

use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{Method, StatusCode};
use axum::response::Response;
use axum::Router;
use serde_json::json;

use crate::config::Config;
use crate::data::Version;
use crate::faults::Fault;
use crate::http::{json_resp, method_not_allowed, not_found, parse_pairs, Req};
use crate::lock::lock;
use crate::state::AppState;

/// Largest request body accepted (1 MiB).
pub const MAX_BODY: usize = 1 << 20;

/// A running server; dropping it does not stop the server, call
/// [`Handle::shutdown`].
#[derive(Debug)]
pub struct Handle {
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    task: tokio::task::JoinHandle<()>,
}

impl Handle {
    /// Wraps a stop channel and a server task.
    pub fn new(stop: tokio::sync::oneshot::Sender<()>, task: tokio::task::JoinHandle<()>) -> Self {
        Handle {
            stop: Some(stop),
            task,
        }
    }
    /// Stops accepting connections and waits for the server task.
    pub async fn shutdown(mut self) {
        if let Some(s) = self.stop.take() {
            let _ = s.send(());
        }
        let _ = self.task.await;
    }
    /// Waits until the server stops (it normally never does).
    pub async fn wait(self) {
        let _ = self.task.await;
    }
}

/// The axum router for a state.
pub fn router(st: Arc<AppState>) -> Router {
    Router::new()
        .fallback(dispatch)
        .layer(axum::middleware::from_fn_with_state(
            st.clone(),
            cors_gzip::layer,
        ))
        .with_state(st)
}

/// Binds `config.host:config.port` and serves in a background task.
pub async fn serve(config: Config) -> std::io::Result<(SocketAddr, Handle)> {
    let listener = tokio::net::TcpListener::bind((config.host.as_str(), config.port)).await?;
    let addr = listener.local_addr()?;
    let app = router(Arc::new(AppState::new(config)));
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let task = tokio::spawn(async move {
        let _ = axum::serve(listener, app)
            .with_graceful_shutdown(async move {
                let _ = rx.await;
            })
            .await;
    });
    Ok((
        addr,
        Handle {
            stop: Some(tx),
            task,
        },
    ))
}

async fn dispatch(State(st): State<Arc<AppState>>, req: Request) -> Response {
    let (parts, body) = req.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_BODY).await else {
        return json_resp(
            StatusCode::PAYLOAD_TOO_LARGE,
            &json!({"detail": "Request body too large."}),
        );
    };
    let is_form = parts
        .headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    let r = Req {
        method: parts.method,
        path: parts.uri.path().to_string(),
        query: parse_pairs(parts.uri.query().unwrap_or("").as_bytes()),
        form: if is_form {
            parse_pairs(&bytes)
        } else {
            Vec::new()
        },
        headers: parts.headers,
        body: bytes.to_vec(),
    };
    route(&st, &r)
}

fn sandbox_route(st: &AppState, req: &Req, what: &str) -> Response {
    match (what, &req.method) {
        ("stats", &Method::GET) => {
            let calls = lock(&st.stats).clone();
            json_resp(StatusCode::OK, &json!({ "token_calls": calls }))
        }
        ("stats", &Method::DELETE) => {
            lock(&st.stats).clear();
            json_resp(StatusCode::OK, &json!({ "token_calls": {} }))
        }
        ("faults", &Method::POST) => {
            let v: serde_json::Value = serde_json::from_slice(&req.body).unwrap_or_default();
            let name = v["fault"].as_str().unwrap_or_default();
            let Some(f) = Fault::parse(name) else {
                return json_resp(
                    StatusCode::BAD_REQUEST,
                    &json!({"detail": format!("unknown fault {name:?}")}),
                );
            };
            let count = v["count"].as_u64().unwrap_or(1).min(u64::from(u32::MAX)) as u32;
            st.faults.arm(f, count);
            json_resp(StatusCode::OK, &json!({"fault": name, "count": count}))
        }
        ("faults", &Method::DELETE) => {
            st.faults.clear();
            json_resp(StatusCode::OK, &json!({"fault": null}))
        }
        ("token", _) => crate::token::dev_token(st, req),
        ("stats", _) => method_not_allowed("GET, DELETE"),
        ("faults", _) => method_not_allowed("POST, DELETE"),
        _ => not_found(),
    }
}

/// Routes a parsed request.
fn route(st: &AppState, req: &Req) -> Response {
    let segs: Vec<&str> = req.path.trim_start_matches('/').split('/').collect();
    // Drop one trailing empty segment (a trailing slash).
    let segs: &[&str] = match segs.split_last() {
        Some((&"", rest)) if !rest.is_empty() => rest,
        _ => &segs,
    };
    match segs {
        ["sandbox", what] => sandbox_route(st, req, what),
        [".well-known", "openid-configuration"] => wellknown::openid(req, Version::V1),
        [".well-known", "openid-configuration-v2"] => wellknown::openid(req, Version::V2),
        [".well-known", "openid-configuration-v3"] => wellknown::openid(req, Version::V3),
        [ver, rest @ ..] => match Version::parse(ver) {
            Some(v) => versioned(st, req, v, rest),
            None => not_found(),
        },
        _ => not_found(),
    }
}

fn versioned(st: &AppState, req: &Req, v: Version, rest: &[&str]) -> Response {
    match rest {
        ["o", "authorize"] => oauth::authorize(st, req, v),
        ["o", "authorize", "consent"] => oauth::consent(st, req, v),
        ["o", "authorize", _] => json_resp(
            StatusCode::NOT_FOUND,
            &json!({"status_code": 404, "message": "Not found."}),
        ),
        ["o", "token"] => token::token(st, req, v),
        ["o", "revoke_token"] | ["o", "revoke"] => token::revoke(st, req),
        ["connect", ".well-known", "openid-configuration"] => wellknown::openid(req, v),
        ["connect", "userinfo", ..] => fhir::userinfo_route(st, req, v),
        ["fhir", "metadata"] => wellknown::metadata(req, v),
        ["fhir", ".well-known", "smart-configuration"] => wellknown::smart(req, v),
        ["fhir", res @ ("Patient" | "Coverage" | "ExplanationOfBenefit")] => {
            fhir::resource(st, req, v, res, None)
        }
        // Before the Patient read, as in BB2's URL list (doc §12.2).
        ["fhir", "Patient", "$generate-insurance-card" | "%24generate-insurance-card"] => {
            insurance_card::route(st, req, v)
        }
        ["fhir", res @ ("Patient" | "Coverage" | "ExplanationOfBenefit"), id] => {
            fhir::resource(st, req, v, res, Some(id))
        }
        _ => not_found(),
    }
}
