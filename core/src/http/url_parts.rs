//! [`UrlParser`]: the WHATWG URL parser the OAuth and API layers are given, and [`UrlParts`],
//! the pieces they read. Natively that is [`WhatwgUrl`] (the `url` crate); the browser shell
//! passes the browser's own `URL` everywhere (sign-in, endpoints, the origin guard, paging), so
//! neither .wasm of the package nor the app carries a URL parser. The rules (which schemes,
//! hosts and parts are allowed) stay here; `tests/browser/url_parity.rs` checks that both
//! parsers get the same answers from them.

/// A parsed URL's pieces, as the WHATWG URL standard serialises them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UrlParts {
    /// The whole serialised URL.
    pub href: String,
    /// The scheme, lower case, without `:`.
    pub scheme: String,
    /// The host (IPv6 in brackets), when there is a non-empty one.
    pub host: Option<String>,
    /// The path.
    pub path: String,
    /// The query without `?` (`Some("")` for a bare `?`).
    pub query: Option<String>,
    /// The fragment without `#` (`Some("")` for a bare `#`).
    pub fragment: Option<String>,
    /// The port when it is not the scheme's default.
    pub port: Option<u16>,
    /// Whether the URL carries a user name or password (`user:pw@host`).
    pub user_info: bool,
}

impl UrlParts {
    /// Parts from a serialised `href` plus its scheme, host and path; the query and fragment
    /// are cut from `href` (a serialised URL has no other `?` before its query, nor `#`).
    ///
    /// ```
    /// use bluebutton_core::http::url_parts::UrlParts;
    /// let p = UrlParts::from_href("https://a.example/x?#", "https", Some("a.example"), "/x");
    /// assert_eq!((p.query.as_deref(), p.fragment.as_deref()), (Some(""), Some("")));
    /// ```
    pub fn from_href(href: &str, scheme: &str, host: Option<&str>, path: &str) -> Self {
        let (before, fragment) = match href.split_once('#') {
            Some((b, f)) => (b, Some(f.to_owned())),
            None => (href, None),
        };
        Self {
            href: href.to_owned(),
            scheme: scheme.to_ascii_lowercase(),
            host: host.filter(|h| !h.is_empty()).map(str::to_owned),
            path: path.to_owned(),
            query: before.split_once('?').map(|(_, q)| q.to_owned()),
            fragment,
            port: None,
            user_info: false,
        }
    }

    /// Is the host `localhost`, 127.0.0.0/8 or `[::1]`? The host is as a WHATWG parser
    /// serialises it (IPv4 as four decimal numbers, IPv6 compressed in lower case), so plain
    /// text checks suffice (no address parser in the sign-in .wasm).
    ///
    /// ```
    /// use bluebutton_core::http::url_parts::UrlParts;
    /// let at = |h: &str| UrlParts::from_href("", "http", Some(h), "/").is_loopback();
    /// assert!(at("LocalHost") && at("127.0.0.9") && at("[::1]"));
    /// assert!(!at("127.0.0.1.example") && !at("[::2]"));
    /// ```
    pub fn is_loopback(&self) -> bool {
        let Some(host) = self.host.as_deref() else {
            return false;
        };
        let ipv4 = host.split('.').count() == 4
            && host
                .split('.')
                .all(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
        host.eq_ignore_ascii_case("localhost")
            || (ipv4 && host.starts_with("127."))
            || host == "[::1]"
    }
}

/// Parses absolute URLs by the WHATWG rules; the error is the parser's reason.
pub trait UrlParser {
    /// Parses `text`.
    fn parse(&self, text: &str) -> Result<UrlParts, String>;

    /// Resolves `text` (absolute, or relative to `base`) against the absolute URL `base`, as
    /// `new URL(text, base)` does.
    fn join(&self, base: &str, text: &str) -> Result<UrlParts, String>;
}

/// [`UrlParser`] with the `url` crate.
///
/// ```
/// use bluebutton_core::http::url_parts::{UrlParser, WhatwgUrl};
/// let p = WhatwgUrl.parse("HTTP://127.1:80/a/../b?q#f").unwrap();
/// assert_eq!(p.href, "http://127.0.0.1/b?q#f");
/// assert_eq!((p.host.as_deref(), p.path.as_str()), (Some("127.0.0.1"), "/b"));
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct WhatwgUrl;

impl UrlParser for WhatwgUrl {
    fn parse(&self, text: &str) -> Result<UrlParts, String> {
        let url = url::Url::parse(text).map_err(|e| e.to_string())?;
        Ok(whatwg_parts(&url))
    }

    fn join(&self, base: &str, text: &str) -> Result<UrlParts, String> {
        let base = url::Url::parse(base).map_err(|e| e.to_string())?;
        let url = base.join(text).map_err(|e| e.to_string())?;
        Ok(whatwg_parts(&url))
    }
}

fn whatwg_parts(url: &url::Url) -> UrlParts {
    UrlParts {
        href: url.as_str().to_owned(),
        scheme: url.scheme().to_owned(),
        host: url.host_str().filter(|h| !h.is_empty()).map(str::to_owned),
        path: url.path().to_owned(),
        query: url.query().map(str::to_owned),
        fragment: url.fragment().map(str::to_owned),
        port: url.port(),
        user_info: !url.username().is_empty() || url.password().is_some(),
    }
}
