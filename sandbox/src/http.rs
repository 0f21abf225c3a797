//! Request parsing and response builders shared by the handlers.

use axum::body::Body;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::Response;
use serde_json::{json, Value};

/// Content type of FHIR resources.
pub const FHIR_JSON: &str = "application/fhir+json";
/// Content type of plain JSON.
pub const JSON: &str = "application/json";

/// A parsed request.
#[derive(Debug)]
pub struct Req {
    /// Method.
    pub method: Method,
    /// Decoded path.
    pub path: String,
    /// Query pairs in order.
    pub query: Vec<(String, String)>,
    /// Form body pairs (form-encoded POSTs).
    pub form: Vec<(String, String)>,
    /// Headers.
    pub headers: HeaderMap,
    /// Raw body.
    pub body: Vec<u8>,
}

impl Req {
    /// First query value of `name`.
    pub fn q(&self, name: &str) -> Option<&str> {
        first(&self.query, name)
    }
    /// First form value of `name`.
    pub fn f(&self, name: &str) -> Option<&str> {
        first(&self.form, name)
    }
    /// Query first, then form (BB2's `_get_param`).
    pub fn param(&self, name: &str) -> Option<&str> {
        self.q(name).or_else(|| self.f(name))
    }
    /// A header as text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
    /// `http://<Host>` of this request.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.header("host").unwrap_or("127.0.0.1"))
    }
    /// The bearer token of the `Authorization` header.
    pub fn bearer(&self) -> Option<&str> {
        let h = self.header("authorization")?;
        let (scheme, tok) = h.split_once(' ')?;
        scheme
            .eq_ignore_ascii_case("bearer")
            .then(|| tok.trim())
            .filter(|t| !t.is_empty())
    }
}

/// First value of `name` among pairs.
pub fn first<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// Parses `a=b&c=d`.
pub fn parse_pairs(s: &[u8]) -> Vec<(String, String)> {
    form_urlencoded::parse(s)
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

/// Encodes pairs as a query string.
pub fn encode_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    let mut s = form_urlencoded::Serializer::new(String::new());
    for (k, v) in pairs {
        s.append_pair(k, v);
    }
    s.finish()
}

/// A response with a body and content type.
pub fn body(status: StatusCode, content_type: &str, bytes: impl Into<Body>) -> Response {
    let mut r = Response::new(bytes.into());
    *r.status_mut() = status;
    if let Ok(v) = HeaderValue::from_str(content_type) {
        r.headers_mut().insert(header::CONTENT_TYPE, v);
    }
    r
}

/// A JSON response (`application/json`).
pub fn json_resp(status: StatusCode, v: &Value) -> Response {
    body(status, JSON, v.to_string())
}

/// A FHIR JSON response (`application/fhir+json`).
pub fn fhir_resp(v: &Value) -> Response {
    body(StatusCode::OK, FHIR_JSON, v.to_string())
}

/// `{"detail": msg}` with a status.
pub fn detail(status: StatusCode, msg: &str) -> Response {
    json_resp(status, &json!({ "detail": msg }))
}

/// 401 for a missing, invalid, expired or revoked token (doc §7).
pub fn unauthorized() -> Response {
    let mut r = detail(
        StatusCode::UNAUTHORIZED,
        "Authentication credentials were not provided.",
    );
    r.headers_mut().insert(
        header::WWW_AUTHENTICATE,
        HeaderValue::from_static("Bearer realm=\"api\""),
    );
    r
}

/// 403 DRF default.
pub fn forbidden() -> Response {
    detail(
        StatusCode::FORBIDDEN,
        "You do not have permission to perform this action.",
    )
}

/// 404 `{"detail": "Not found."}`.
pub fn not_found() -> Response {
    detail(StatusCode::NOT_FOUND, "Not found.")
}

/// 405 with an `Allow` header.
pub fn method_not_allowed(allow: &'static str) -> Response {
    let mut r = detail(StatusCode::METHOD_NOT_ALLOWED, "Method not allowed.");
    r.headers_mut()
        .insert(header::ALLOW, HeaderValue::from_static(allow));
    r
}

/// A 302 to `location`.
pub fn redirect(location: &str) -> Response {
    let mut r = Response::new(Body::empty());
    *r.status_mut() = StatusCode::FOUND;
    if let Ok(v) = HeaderValue::from_str(location) {
        r.headers_mut().insert(header::LOCATION, v);
    }
    r
}

/// Escapes text for HTML bodies and attributes.
pub fn html_escape(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#x27;"),
            _ => o.push(c),
        }
    }
    o
}
