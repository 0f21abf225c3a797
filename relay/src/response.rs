//! Small response builders.

use axum::body::Body;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::Response;

/// A response with a body and a content type.
pub fn with_body(status: StatusCode, content_type: &str, body: impl Into<Body>) -> Response {
    let mut r = Response::new(body.into());
    *r.status_mut() = status;
    if let Ok(v) = HeaderValue::from_str(content_type) {
        r.headers_mut().insert(header::CONTENT_TYPE, v);
    }
    r
}

/// A JSON response.
pub fn json(status: StatusCode, body: &str) -> Response {
    with_body(status, "application/json", body.to_string())
}

/// 404 with the body Blue Button uses.
pub fn not_found() -> Response {
    json(StatusCode::NOT_FOUND, r#"{"detail":"Not found."}"#)
}

/// 405 with an `Allow` header.
pub fn method_not_allowed(allow: &'static str) -> Response {
    let mut r = json(
        StatusCode::METHOD_NOT_ALLOWED,
        r#"{"detail":"Method not allowed."}"#,
    );
    r.headers_mut()
        .insert(header::ALLOW, HeaderValue::from_static(allow));
    r
}
