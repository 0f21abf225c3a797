//! Same-origin guard for every outgoing URL, including every Bundle `next` link.
//!
//! The bearer token may only ever be sent to the configured API origin. URLs are parsed
//! by a WHATWG parser (`\` and `@` handled the way browsers handle them): natively the `url`
//! crate ([`WhatwgUrl`]), in the browser shell the browser's own `URL` (the `*_with`
//! functions), and the origin tuple (scheme, host, effective port) is compared exactly; no
//! string prefixes.
//!
//! **Policy for links on another host: reject.** BFD builds `next` links from the host BB2
//! forwards, so live links point at the BB2 host the client called. Links on another host
//! appear only in recordings (`http://testserver` from Django's test client) or when
//! something is wrong, and following them would leak the token. [`rebase_link`] exists for
//! replaying recordings, and callers must opt into it.
//!
//! ```
//! use bluebutton_core::http::origin::same_origin;
//! let base = "https://sandbox.bluebutton.cms.gov/v2/fhir/";
//! assert!(same_origin(base, "https://sandbox.bluebutton.cms.gov/v2/fhir/Patient/").is_ok());
//! assert!(same_origin(base, "https://sandbox.bluebutton.cms.gov.evil.example/v2/fhir/").is_err());
//! ```

use crate::error_code::ErrorCode;
use crate::http::http_url::HttpUrl;
use crate::http::url_parts::{UrlParser, WhatwgUrl};

/// Why a URL was refused.
///
/// ```
/// use bluebutton_core::http::origin::same_origin;
/// let e = same_origin("https://sandbox.bluebutton.cms.gov/", "https://evil.example/").unwrap_err();
/// assert_eq!(e.code(), "cross_origin");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum OriginError {
    /// The configured base URL does not parse or is not http(s).
    #[error("the configured API base URL {0:?} is not a valid http(s) URL; fix the configuration")]
    InvalidBase(String),
    /// The candidate URL does not parse (`invalid_request_url`, not the callback's `invalid_url`).
    #[error("the URL {0:?} is not valid; the request was not sent")]
    InvalidUrl(String),
    /// The candidate carries a user name or password.
    #[error("the URL {0:?} carries user info (user@host); the request was not sent")]
    UserInfo(String),
    /// `https` base but an `http` candidate on the same host.
    #[error("the URL {0:?} downgrades https to http; the request was not sent")]
    Downgrade(String),
    /// Scheme, host or port differ.
    #[error("the URL {found:?} is not on the API origin {expected}; the request was not sent so the access token stays private")]
    CrossOrigin {
        /// The configured origin (`scheme://host[:port]`).
        expected: String,
        /// The refused URL.
        found: String,
    },
}

impl OriginError {
    /// A stable machine-readable code.
    ///
    /// ```
    /// use bluebutton_core::http::origin::OriginError;
    /// assert_eq!(OriginError::InvalidUrl("x".into()).code(), "invalid_request_url");
    /// ```
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::InvalidBase(_) => ErrorCode::InvalidBaseUrl,
            Self::InvalidUrl(_) => ErrorCode::InvalidRequestUrl,
            Self::UserInfo(_) => ErrorCode::UrlUserInfo,
            Self::Downgrade(_) => ErrorCode::HttpsDowngrade,
            Self::CrossOrigin { .. } => ErrorCode::CrossOrigin,
        }
    }
}

/// Parses and checks a configured base URL (http or https, a host, no user info).
///
/// ```
/// use bluebutton_core::http::origin::parse_base;
/// assert!(parse_base("https://sandbox.bluebutton.cms.gov/v2/fhir/").is_ok());
/// assert!(parse_base("ftp://example.org/").is_err());
/// ```
pub fn parse_base(base: &str) -> Result<HttpUrl, OriginError> {
    parse_base_with(&WhatwgUrl, base)
}

/// [`parse_base`] with the given WHATWG parser (the browser shell passes the browser's `URL`).
///
/// ```
/// use bluebutton_core::http::{origin::parse_base_with, url_parts::WhatwgUrl};
/// assert_eq!(parse_base_with(&WhatwgUrl, "https://u@x.example/").unwrap_err().code(), "invalid_base_url");
/// ```
pub fn parse_base_with(urls: &impl UrlParser, base: &str) -> Result<HttpUrl, OriginError> {
    let bad = || OriginError::InvalidBase(base.to_owned());
    if crate::http::url_guard::check(base).is_err() {
        return Err(bad());
    }
    let parts = urls.parse(base).map_err(|_| bad())?;
    let ok_scheme = matches!(parts.scheme.as_str(), "https" | "http");
    if !ok_scheme || parts.host.is_none() || parts.user_info {
        return Err(bad());
    }
    Ok(HttpUrl::from_checked(parts))
}

/// Resolves `candidate` (absolute, or relative to `base`) and returns it only when its
/// scheme, host and port equal those of `base`. The fragment is removed.
///
/// ```
/// use bluebutton_core::http::origin::same_origin;
/// let base = "https://sandbox.bluebutton.cms.gov/v2/fhir/";
/// let ok = same_origin(base, "ExplanationOfBenefit?startIndex=10").unwrap();
/// assert_eq!(ok.as_str(), "https://sandbox.bluebutton.cms.gov/v2/fhir/ExplanationOfBenefit?startIndex=10");
/// for bad in ["http://sandbox.bluebutton.cms.gov/v2/fhir/",
///             "https://sandbox.bluebutton.cms.gov:8443/v2/fhir/",
///             "https://sandbox.bluebutton.cms.gov@evil.example/",
///             "http://testserver/v2/fhir/ExplanationOfBenefit"] {
///     assert!(same_origin(base, bad).is_err(), "{bad}");
/// }
/// ```
pub fn same_origin(base: &str, candidate: &str) -> Result<HttpUrl, OriginError> {
    same_origin_with(&WhatwgUrl, base, candidate)
}

/// [`same_origin`] with the given WHATWG parser.
///
/// ```
/// use bluebutton_core::http::{origin::same_origin_with, url_parts::WhatwgUrl};
/// let base = "https://sandbox.bluebutton.cms.gov/v2/fhir/";
/// assert!(same_origin_with(&WhatwgUrl, base, "Patient/").is_ok());
/// ```
pub fn same_origin_with(
    urls: &impl UrlParser,
    base: &str,
    candidate: &str,
) -> Result<HttpUrl, OriginError> {
    let base = parse_base_with(urls, base)?;
    check_against_with(urls, &base, candidate)
}

/// Like [`same_origin`] with an already parsed base.
///
/// ```
/// use bluebutton_core::http::origin::{check_against, parse_base};
/// let base = parse_base("https://api.bluebutton.cms.gov/v2/fhir/").unwrap();
/// assert!(check_against(&base, "https://api.bluebutton.cms.gov:443/v2/fhir/Coverage/").is_ok());
/// ```
pub fn check_against(base: &HttpUrl, candidate: &str) -> Result<HttpUrl, OriginError> {
    check_against_with(&WhatwgUrl, base, candidate)
}

/// [`check_against`] with the given WHATWG parser.
///
/// ```
/// use bluebutton_core::http::{origin::{check_against_with, parse_base}, url_parts::WhatwgUrl};
/// let base = parse_base("https://api.bluebutton.cms.gov/v2/fhir/").unwrap();
/// assert_eq!(check_against_with(&WhatwgUrl, &base, "//evil.example/").unwrap_err().code(), "cross_origin");
/// ```
pub fn check_against_with(
    urls: &impl UrlParser,
    base: &HttpUrl,
    candidate: &str,
) -> Result<HttpUrl, OriginError> {
    // ASCII only: host names with other characters (IDN, look-alikes) are refused here,
    // before the URL parser sees them.
    if crate::http::url_guard::check(candidate).is_err() {
        return Err(OriginError::InvalidUrl(candidate.to_owned()));
    }
    let parts = urls
        .join(base.as_str(), candidate.trim())
        .map_err(|_| OriginError::InvalidUrl(candidate.to_owned()))?;
    if parts.user_info {
        return Err(OriginError::UserInfo(candidate.to_owned()));
    }
    // `blob:https://host/…` shares the origin of its inner URL: compare the scheme too. The
    // parser leaves a default port out, so equal ports are equal effective ports.
    let same_host = parts.host.is_some() && parts.host.as_deref() == base.host_str();
    if parts.scheme == base.scheme() && same_host && parts.port == base.port() {
        return Ok(HttpUrl::from_checked(parts).without_fragment());
    }
    if base.scheme() == "https" && parts.scheme == "http" && same_host {
        return Err(OriginError::Downgrade(candidate.to_owned()));
    }
    Err(OriginError::CrossOrigin {
        expected: base.origin(),
        found: candidate.to_owned(),
    })
}

/// Opt-in: moves `link`'s path and query onto the origin of `base`.
///
/// Use this only to replay recordings whose links carry another host (for example
/// `http://testserver`); live traffic should go through [`same_origin`], which rejects them.
///
/// ```
/// use bluebutton_core::http::origin::rebase_link;
/// let url = rebase_link("https://sandbox.bluebutton.cms.gov/v1/fhir/",
///     "http://testserver/v1/fhir/ExplanationOfBenefit/?startIndex=10&_count=10").unwrap();
/// assert_eq!(url.as_str(),
///     "https://sandbox.bluebutton.cms.gov/v1/fhir/ExplanationOfBenefit/?startIndex=10&_count=10");
/// ```
pub fn rebase_link(base: &str, link: &str) -> Result<HttpUrl, OriginError> {
    rebase_link_with(&WhatwgUrl, base, link)
}

/// [`rebase_link`] with the given WHATWG parser.
///
/// ```
/// use bluebutton_core::http::{origin::rebase_link_with, url_parts::WhatwgUrl};
/// let base = "https://sandbox.bluebutton.cms.gov/v1/fhir/";
/// assert!(rebase_link_with(&WhatwgUrl, base, "javascript:alert(1)").is_err());
/// ```
pub fn rebase_link_with(
    urls: &impl UrlParser,
    base: &str,
    link: &str,
) -> Result<HttpUrl, OriginError> {
    let base = parse_base_with(urls, base)?;
    if crate::http::url_guard::check(link).is_err() {
        return Err(OriginError::InvalidUrl(link.to_owned()));
    }
    let parsed = urls
        .join(base.as_str(), link.trim())
        .map_err(|_| OriginError::InvalidUrl(link.to_owned()))?;
    if !matches!(parsed.scheme.as_str(), "http" | "https") {
        return Err(OriginError::InvalidUrl(link.to_owned()));
    }
    Ok(base.with_path_query(&parsed.path, parsed.query.as_deref()))
}

#[cfg(test)]
mod tests;
