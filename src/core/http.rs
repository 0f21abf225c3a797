//! Sans-IO HTTP values: the core builds [`HttpRequest`]s and reads [`HttpResponse`]s; the
//! browser shell (or a native client, or a test) moves the bytes.

/// An HTTP request to be sent by whichever shell runs the core.
///
/// ```
/// use bluebutton_wasm::core::http::{HttpRequest, Method};
/// let r = HttpRequest::get("https://x.example/a");
/// assert_eq!(r.method, Method::Get);
/// assert!(r.body.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpRequest {
    /// GET or POST.
    pub method: Method,
    /// The absolute URL.
    pub url: String,
    /// Header names (lower case) and values.
    pub headers: Vec<(String, String)>,
    /// The body bytes (empty for GET).
    pub body: Vec<u8>,
}

impl HttpRequest {
    /// A GET with no headers.
    pub fn get(url: impl Into<String>) -> Self {
        Self {
            method: Method::Get,
            url: url.into(),
            headers: Vec::new(),
            body: Vec::new(),
        }
    }

    /// A form-encoded POST (`application/x-www-form-urlencoded`, a CORS-safelisted type, so a
    /// browser sends it without a preflight).
    ///
    /// ```
    /// use bluebutton_wasm::core::http::HttpRequest;
    /// let r = HttpRequest::form_post("https://x.example/t", &[("a", "1 2")]);
    /// assert_eq!(r.body, b"a=1+2");
    /// ```
    pub fn form_post(url: impl Into<String>, fields: &[(&str, &str)]) -> Self {
        let mut form = form_urlencoded::Serializer::new(String::new());
        for (k, v) in fields {
            form.append_pair(k, v);
        }
        Self {
            method: Method::Post,
            url: url.into(),
            headers: vec![
                (
                    "content-type".into(),
                    "application/x-www-form-urlencoded".into(),
                ),
                ("accept".into(), "application/json".into()),
            ],
            body: form.finish().into_bytes(),
        }
    }

    /// The value of a header (case-insensitive name).
    pub fn header(&self, name: &str) -> Option<&str> {
        find_header(&self.headers, name)
    }
}

/// The methods this client uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// Safe and idempotent: may be retried.
    Get,
    /// Never retried (a code is single-use).
    Post,
}

impl Method {
    /// `"GET"` or `"POST"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Get => "GET",
            Self::Post => "POST",
        }
    }
}

/// An HTTP response as received.
///
/// ```
/// use bluebutton_wasm::core::http::HttpResponse;
/// let r = HttpResponse::new(200, vec![("Content-Type".into(), "application/json".into())], b"{}".to_vec());
/// assert_eq!(r.header("content-type"), Some("application/json"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpResponse {
    /// The status code.
    pub status: u16,
    /// Header names and values as readable by the shell (cross-origin, a browser exposes
    /// only the CORS-safelisted ones).
    pub headers: Vec<(String, String)>,
    /// The body bytes (already decoded from `Content-Encoding` by a browser).
    pub body: Vec<u8>,
}

impl HttpResponse {
    /// Builds a response value.
    pub fn new(status: u16, headers: Vec<(String, String)>, body: Vec<u8>) -> Self {
        Self {
            status,
            headers,
            body,
        }
    }
    /// The value of a header (case-insensitive name).
    pub fn header(&self, name: &str) -> Option<&str> {
        find_header(&self.headers, name)
    }
}

fn find_header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}
