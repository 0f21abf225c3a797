//! [`HttpUrl`]: an absolute http(s) URL with a host, as a WHATWG parser serialised it. The
//! API layer (endpoints, the origin guard, paging plans) hands these out; it reads and
//! rebuilds them without a URL parser of its own, so the browser's `URL` can do the parsing
//! and the data .wasm links none.

use std::fmt;

use super::url_parts::UrlParts;

/// An absolute `http`/`https` URL with a host and no user info, serialised.
///
/// ```
/// use bluebutton_core::http::origin::parse_base;
/// let u = parse_base("https://sandbox.bluebutton.cms.gov:443/v2/fhir/?a=1").unwrap();
/// assert_eq!(u.as_str(), "https://sandbox.bluebutton.cms.gov/v2/fhir/?a=1");
/// assert_eq!((u.scheme(), u.host_str(), u.port()), ("https", Some("sandbox.bluebutton.cms.gov"), None));
/// assert_eq!((u.path(), u.query(), u.port_or_known_default()), ("/v2/fhir/", Some("a=1"), Some(443)));
/// assert_eq!(u.origin(), "https://sandbox.bluebutton.cms.gov");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpUrl {
    parts: UrlParts,
}

impl HttpUrl {
    /// Wraps parts the caller has checked (http(s), a host, no user info).
    pub(crate) fn from_checked(parts: UrlParts) -> Self {
        Self { parts }
    }

    /// The whole URL.
    ///
    /// ```
    /// # use bluebutton_core::http::origin::parse_base;
    /// assert_eq!(parse_base("HTTP://Example.org").unwrap().as_str(), "http://example.org/");
    /// ```
    pub fn as_str(&self) -> &str {
        &self.parts.href
    }

    /// `http` or `https`.
    ///
    /// ```
    /// # use bluebutton_core::http::origin::parse_base;
    /// assert_eq!(parse_base("http://127.0.0.1:8000/").unwrap().scheme(), "http");
    /// ```
    pub fn scheme(&self) -> &str {
        &self.parts.scheme
    }

    /// The host (IPv6 in brackets).
    ///
    /// ```
    /// # use bluebutton_core::http::origin::parse_base;
    /// assert_eq!(parse_base("http://[::1]:8000/").unwrap().host_str(), Some("[::1]"));
    /// ```
    pub fn host_str(&self) -> Option<&str> {
        self.parts.host.as_deref()
    }

    /// The port when it is not the scheme's default.
    ///
    /// ```
    /// # use bluebutton_core::http::origin::parse_base;
    /// assert_eq!(parse_base("http://localhost:8000/").unwrap().port(), Some(8000));
    /// assert_eq!(parse_base("http://localhost:80/").unwrap().port(), None);
    /// ```
    pub fn port(&self) -> Option<u16> {
        self.parts.port
    }

    /// The port, or the scheme's default (80, 443).
    ///
    /// ```
    /// # use bluebutton_core::http::origin::parse_base;
    /// assert_eq!(parse_base("http://localhost/").unwrap().port_or_known_default(), Some(80));
    /// ```
    pub fn port_or_known_default(&self) -> Option<u16> {
        self.parts.port.or(match self.scheme() {
            "http" => Some(80),
            "https" => Some(443),
            _ => None,
        })
    }

    /// The path (percent-encoded as serialised).
    ///
    /// ```
    /// # use bluebutton_core::http::origin::parse_base;
    /// assert_eq!(parse_base("https://a.example/x y").unwrap().path(), "/x%20y");
    /// ```
    pub fn path(&self) -> &str {
        &self.parts.path
    }

    /// The query without `?`.
    ///
    /// ```
    /// # use bluebutton_core::http::origin::parse_base;
    /// assert_eq!(parse_base("https://a.example/?").unwrap().query(), Some(""));
    /// assert_eq!(parse_base("https://a.example/").unwrap().query(), None);
    /// ```
    pub fn query(&self) -> Option<&str> {
        self.parts.query.as_deref()
    }

    /// The fragment without `#`.
    ///
    /// ```
    /// # use bluebutton_core::http::origin::parse_base;
    /// assert_eq!(parse_base("https://a.example/#top").unwrap().fragment(), Some("top"));
    /// ```
    pub fn fragment(&self) -> Option<&str> {
        self.parts.fragment.as_deref()
    }

    /// The query's `application/x-www-form-urlencoded` pairs, decoded.
    ///
    /// ```
    /// # use bluebutton_core::http::origin::parse_base;
    /// let u = parse_base("https://a.example/?type=carrier%2Cpde&_count=10").unwrap();
    /// let pairs: Vec<_> = u.query_pairs().collect();
    /// assert_eq!(pairs[0], ("type".into(), "carrier,pde".into()));
    /// ```
    pub fn query_pairs(&self) -> form_urlencoded::Parse<'_> {
        form_urlencoded::parse(self.query().unwrap_or_default().as_bytes())
    }

    /// `scheme://host[:port]`.
    ///
    /// ```
    /// # use bluebutton_core::http::origin::parse_base;
    /// assert_eq!(parse_base("http://127.0.0.1:8000/v2/").unwrap().origin(), "http://127.0.0.1:8000");
    /// ```
    pub fn origin(&self) -> String {
        let host = self.host_str().unwrap_or_default();
        match self.parts.port {
            Some(port) => format!("{}://{host}:{port}", self.scheme()),
            None => format!("{}://{host}", self.scheme()),
        }
    }

    /// The same origin with another path (already percent-encoded, starting with `/`) and
    /// query (already encoded); no fragment.
    pub(crate) fn with_path_query(&self, path: &str, query: Option<&str>) -> Self {
        let mut href = self.origin();
        href.push_str(path);
        if let Some(q) = query {
            href.push('?');
            href.push_str(q);
        }
        Self {
            parts: UrlParts {
                href,
                scheme: self.parts.scheme.clone(),
                host: self.parts.host.clone(),
                path: path.to_owned(),
                query: query.map(str::to_owned),
                fragment: None,
                port: self.parts.port,
                user_info: false,
            },
        }
    }

    /// The same URL without its fragment.
    pub(crate) fn without_fragment(mut self) -> Self {
        if self.parts.fragment.take().is_some() {
            if let Some(at) = self.parts.href.find('#') {
                self.parts.href.truncate(at);
            }
        }
        self
    }
}

impl fmt::Display for HttpUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl From<HttpUrl> for String {
    fn from(url: HttpUrl) -> Self {
        url.parts.href
    }
}

impl AsRef<str> for HttpUrl {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}
