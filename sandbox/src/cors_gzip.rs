//! The outer layer: CORS (doc §4), gzip (doc §5), latency, security headers
//! (doc §10) and the one-line request log.

use std::io::Write;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::middleware::Next;
use axum::response::Response;

use crate::fhir::Untouched;
use crate::state::AppState;

/// Query parameters whose values never reach the log.
const SECRET_PARAMS: [&str; 10] = [
    "code",
    "state",
    "access_token",
    "refresh_token",
    "token",
    "client_secret",
    "code_verifier",
    "code_challenge",
    "password",
    "id_token",
];

/// The path and query of `uri` with secret values replaced by `***`.
pub fn redact(uri: &Uri) -> String {
    let Some(q) = uri.query() else {
        return uri.path().to_string();
    };
    let parts: Vec<String> = q
        .split('&')
        .map(|kv| match kv.split_once('=') {
            Some((k, _)) if SECRET_PARAMS.contains(&k) => format!("{k}=***"),
            _ => kv.to_string(),
        })
        .collect();
    format!("{}?{}", uri.path(), parts.join("&"))
}

/// Adds the CORS response headers of django-cors-headers (allow-all).
pub fn add_cors(h: &mut HeaderMap) {
    h.insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    h.append(header::VARY, HeaderValue::from_static("Origin"));
}

fn preflight() -> Response {
    let mut r = Response::new(Body::empty());
    *r.status_mut() = StatusCode::OK;
    let h = r.headers_mut();
    h.insert(
        header::ACCESS_CONTROL_ALLOW_HEADERS,
        HeaderValue::from_static(
            "accept, authorization, content-type, user-agent, x-csrftoken, x-requested-with",
        ),
    );
    h.insert(
        header::ACCESS_CONTROL_ALLOW_METHODS,
        HeaderValue::from_static("DELETE, GET, OPTIONS, PATCH, POST, PUT"),
    );
    h.insert(
        header::ACCESS_CONTROL_MAX_AGE,
        HeaderValue::from_static("86400"),
    );
    h.insert(header::CONTENT_LENGTH, HeaderValue::from_static("0"));
    r
}

/// Gzips a buffered body when the client accepts gzip, the body is at least
/// `min` bytes and compression shrinks it (Django `GZipMiddleware`).
async fn maybe_gzip(resp: Response, min: usize) -> Response {
    if resp.headers().contains_key(header::CONTENT_ENCODING)
        || resp.extensions().get::<Untouched>().is_some()
    {
        return resp;
    }
    let (mut parts, body) = resp.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, usize::MAX).await else {
        return Response::from_parts(parts, Body::empty());
    };
    if bytes.len() < min {
        return Response::from_parts(parts, Body::from(bytes));
    }
    parts
        .headers
        .append(header::VARY, HeaderValue::from_static("Accept-Encoding"));
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    let gz = enc.write_all(&bytes).ok().and_then(|_| enc.finish().ok());
    match gz {
        Some(gz) if gz.len() < bytes.len() => {
            parts
                .headers
                .insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
            parts.headers.remove(header::CONTENT_LENGTH);
            Response::from_parts(parts, Body::from(gz))
        }
        _ => Response::from_parts(parts, Body::from(bytes)),
    }
}

/// The middleware wrapping every route.
pub async fn layer(State(st): State<Arc<AppState>>, req: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = req.method().clone();
    let logged = redact(req.uri());
    let has_origin = req.headers().contains_key(header::ORIGIN);
    let gzip_ok = req
        .headers()
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .any(|v| v.to_ascii_lowercase().contains("gzip"));
    let is_preflight = method == Method::OPTIONS
        && req
            .headers()
            .contains_key(header::ACCESS_CONTROL_REQUEST_METHOD);
    let mut resp = if is_preflight {
        preflight()
    } else {
        next.run(req).await
    };
    if st.config.latency_ms > 0 {
        tokio::time::sleep(Duration::from_millis(st.config.latency_ms)).await;
    }
    if gzip_ok && !is_preflight {
        resp = maybe_gzip(resp, st.config.gzip_min_bytes).await;
    }
    let h = resp.headers_mut();
    if has_origin {
        add_cors(h);
    }
    h.insert(
        "x-content-type-options",
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        "referrer-policy",
        HeaderValue::from_static("strict-origin-when-cross-origin"),
    );
    h.insert("x-frame-options", HeaderValue::from_static("DENY"));
    if st.config.log {
        eprintln!(
            "{method} {logged} {} {:.2}ms",
            resp.status().as_u16(),
            started.elapsed().as_secs_f64() * 1000.0
        );
    }
    resp
}
