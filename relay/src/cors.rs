//! CORS for the allowed origins only: an allowed origin gets `Access-Control-Allow-Origin`
//! with its own value (never `*`), every other origin gets no CORS header at all, so the
//! browser keeps the answer from its script.

use axum::body::Body;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::Response;

use crate::config::RelayConfig;

/// Which kind of path a preflight asks about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathKind {
    /// Token and revoke: `POST` with a form body.
    Token,
    /// The FHIR pass-through: `GET` with `Authorization: Bearer`.
    Fhir,
}

/// Adds `Access-Control-Allow-Origin` (and `Vary: Origin`) when `origin` is allowed.
pub fn add_cors(r: &mut Response, origin: Option<&str>, cfg: &RelayConfig, kind: PathKind) {
    r.headers_mut()
        .append(header::VARY, HeaderValue::from_static("Origin"));
    let Some(o) = origin.filter(|o| cfg.origin_allowed(o)) else {
        return;
    };
    if let Ok(v) = HeaderValue::from_str(o) {
        r.headers_mut()
            .insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, v);
        if kind == PathKind::Fhir {
            r.headers_mut().insert(
                header::ACCESS_CONTROL_EXPOSE_HEADERS,
                HeaderValue::from_static("retry-after, www-authenticate"),
            );
        }
    }
}

/// The answer to an `OPTIONS` preflight: 204 with the allowed method and headers for an
/// allowed origin, 403 without CORS headers otherwise.
pub fn preflight(origin: Option<&str>, cfg: &RelayConfig, kind: PathKind) -> Response {
    let mut r = Response::new(Body::empty());
    if !origin.is_some_and(|o| cfg.origin_allowed(o)) {
        *r.status_mut() = StatusCode::FORBIDDEN;
        return r;
    }
    *r.status_mut() = StatusCode::NO_CONTENT;
    let (methods, headers) = match kind {
        PathKind::Token => ("POST, OPTIONS", "accept, content-type"),
        PathKind::Fhir => ("GET, OPTIONS", "accept, authorization"),
    };
    let h = r.headers_mut();
    h.insert(
        header::ACCESS_CONTROL_ALLOW_METHODS,
        HeaderValue::from_static(methods),
    );
    h.insert(
        header::ACCESS_CONTROL_ALLOW_HEADERS,
        HeaderValue::from_static(headers),
    );
    h.insert(
        header::ACCESS_CONTROL_MAX_AGE,
        HeaderValue::from_static("600"),
    );
    r
}
