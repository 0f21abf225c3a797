//! The one request handler: picks token, FHIR or 404, applies the limits and CORS, and
//! writes the log line (method, path without query, status, time; never headers or bodies).

use std::sync::Arc;
use std::time::Instant;

use axum::extract::{Request, State};
use axum::http::{header, HeaderName, HeaderValue, Method, StatusCode};
use axum::response::Response;

use crate::config::{MAX_REQUEST_BODY, REQUEST_BODY_TIMEOUT};
use crate::cors::{add_cors, preflight, PathKind};
use crate::error::UpstreamError;
use crate::fhir::{get_fhir, is_fhir_path};
use crate::forward::{forwarded_body, is_token_path, post_token};
use crate::response::{json, method_not_allowed, not_found, with_body};
use crate::upstream::Answer;
use crate::Relay;

/// Handles one browser request.
pub async fn handle(State(relay): State<Arc<Relay>>, req: Request) -> Response {
    let started = Instant::now();
    let method = req.method().clone();
    let path = req.uri().path().to_string();
    let origin = req
        .headers()
        .get(header::ORIGIN)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let kind = if is_token_path(&path) {
        Some(PathKind::Token)
    } else if relay.config.proxy_fhir && is_fhir_path(&path) {
        Some(PathKind::Fhir)
    } else {
        None
    };
    let (mut resp, failure) = match kind {
        None => (not_found(), None),
        Some(k) if method == Method::OPTIONS => {
            (preflight(origin.as_deref(), &relay.config, k), None)
        }
        Some(PathKind::Token) if method == Method::POST => token(&relay, &path, req).await,
        Some(PathKind::Token) => (method_not_allowed("POST, OPTIONS"), None),
        Some(PathKind::Fhir) if method == Method::GET => fhir(&relay, &path, req).await,
        Some(PathKind::Fhir) => (method_not_allowed("GET, OPTIONS"), None),
    };
    if let Some(k) = kind {
        add_cors(&mut resp, origin.as_deref(), &relay.config, k);
    }
    if relay.config.log {
        let ms = started.elapsed().as_millis();
        match failure {
            Some(e) => eprintln!(
                "{method} {path} {} {ms}ms {}: {}",
                resp.status().as_u16(),
                e.code(),
                e.description()
            ),
            None => eprintln!("{method} {path} {} {ms}ms", resp.status().as_u16()),
        }
    }
    resp
}

async fn token(relay: &Arc<Relay>, path: &str, req: Request) -> (Response, Option<UpstreamError>) {
    let body = axum::body::to_bytes(req.into_body(), MAX_REQUEST_BODY);
    let bytes = match tokio::time::timeout(REQUEST_BODY_TIMEOUT, body).await {
        Err(_) => {
            return (
                json(
                    StatusCode::REQUEST_TIMEOUT,
                    r#"{"error":"request_timeout","error_description":"the request body did not arrive in time"}"#,
                ),
                None,
            )
        }
        Ok(Err(_)) => {
            return (
                json(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    r#"{"error":"request_too_large","error_description":"token and revoke requests are limited to 16 KiB"}"#,
                ),
                None,
            )
        }
        Ok(Ok(b)) => b,
    };
    let (form, basic) = forwarded_body(&relay.config, &bytes);
    let r = relay.clone();
    let p = path.to_string();
    let res = tokio::task::spawn_blocking(move || {
        post_token(&r.token_agent, &r.config, &p, &form, basic.as_deref())
    })
    .await;
    answer(res, true)
}

async fn fhir(relay: &Arc<Relay>, path: &str, req: Request) -> (Response, Option<UpstreamError>) {
    let r = relay.clone();
    let p = path.to_string();
    let query = req.uri().query().map(str::to_string);
    let headers = req.headers().clone();
    let res = tokio::task::spawn_blocking(move || {
        get_fhir(&r.fhir_agent, &r.config, &p, query.as_deref(), &headers)
    })
    .await;
    answer(res, false)
}

fn answer(
    res: Result<Result<Answer, UpstreamError>, tokio::task::JoinError>,
    no_store: bool,
) -> (Response, Option<UpstreamError>) {
    let res = res.unwrap_or_else(|_| {
        Err(UpstreamError::Unavailable(
            "the upstream call stopped unexpectedly".into(),
        ))
    });
    match res {
        Err(e) => (e.to_response(), Some(e)),
        Ok(a) => {
            let status = StatusCode::from_u16(a.status).unwrap_or(StatusCode::BAD_GATEWAY);
            let mut r = with_body(status, "application/json", a.body);
            for (k, v) in &a.headers {
                if let (Ok(k), Ok(v)) = (HeaderName::try_from(k.as_str()), HeaderValue::from_str(v))
                {
                    r.headers_mut().insert(k, v);
                }
            }
            if no_store {
                r.headers_mut()
                    .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            }
            (r, None)
        }
    }
}
