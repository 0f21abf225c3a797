//! Sans-IO HTTP values: the core builds [`HttpRequest`]s and reads [`HttpResponse`]s; the
//! browser shell (or a native client, or a test) moves the bytes.

/// An HTTP request to be sent by whichever shell runs the core.
///
/// ```
/// use bluebutton_core::http::{HttpRequest, Method};
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
    /// use bluebutton_core::http::HttpRequest;
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
/// use bluebutton_core::http::HttpResponse;
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

/// Who already handled `Content-Encoding`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Transport {
    /// A browser `fetch`: it decodes `Content-Encoding` itself and forbids setting
    /// `Accept-Encoding`, so the header must never trigger a second inflate.
    Browser,
    /// A native client that sent `Accept-Encoding: gzip` and hands over the raw bytes.
    Native,
}

impl HttpResponse {
    /// The body ready to parse: inflated when `Content-Encoding: gzip` was left to us
    /// (native transports only) or when the body itself is still gzip (magic bytes), with
    /// the inflated size capped at `max` in both cases.
    ///
    /// ```
    /// use bluebutton_core::http::{HttpResponse, Transport};
    /// let plain = HttpResponse::new(200, vec![("content-encoding".into(), "gzip".into())], b"{}".to_vec());
    /// // A browser already decoded it: the header alone never causes an inflate.
    /// assert_eq!(plain.decoded_body(Transport::Browser, 1 << 20).unwrap().as_ref(), b"{}");
    /// // A native transport trusts the header: `{}` is not gzip, so that is an error.
    /// assert!(plain.decoded_body(Transport::Native, 1 << 20).is_err());
    /// ```
    pub fn decoded_body(
        &self,
        transport: Transport,
        max: usize,
    ) -> Result<std::borrow::Cow<'_, [u8]>, crate::http::gzip::GzipError> {
        let encoded = self
            .header("content-encoding")
            .is_some_and(|v| v.trim().eq_ignore_ascii_case("gzip"));
        if transport == Transport::Native && encoded {
            return crate::http::gzip::inflate_capped(&self.body, max).map(std::borrow::Cow::Owned);
        }
        crate::http::gzip::maybe_inflate(&self.body, max)
    }
}

impl HttpRequest {
    /// Adds `Accept-Encoding: gzip` for native transports (a browser sets its own and
    /// forbids scripts to set it).
    ///
    /// ```
    /// use bluebutton_core::http::{HttpRequest, Transport};
    /// let r = HttpRequest::get("https://x.example/").accept_gzip(Transport::Native);
    /// assert_eq!(r.header("accept-encoding"), Some("gzip"));
    /// assert_eq!(HttpRequest::get("https://x.example/").accept_gzip(Transport::Browser).header("accept-encoding"), None);
    /// ```
    pub fn accept_gzip(mut self, transport: Transport) -> Self {
        if transport == Transport::Native {
            self.headers.push(("accept-encoding".into(), "gzip".into()));
        }
        self
    }
}
