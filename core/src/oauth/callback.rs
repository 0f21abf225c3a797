//! The redirect parser: one entry point, [`parse_callback`], for the full URL the server sent
//! the browser back to.
//!
//! - Code flow (RFC 6749 §4.1.2): `code` + `state` in the query.
//! - Implicit flow (§4.2.2, legacy): `access_token`, `token_type`, `expires_in`, `scope`,
//!   `state` in the fragment.
//! - Errors in either place (§4.1.2.1, §4.2.2.1): `error`, `error_description`, `error_uri`,
//!   `state`. Blue Button also sends `error=not_found`.
//!
//! State is checked on success **and** error responses, before anything else is trusted.

use crate::http::url_parts::{UrlParser, WhatwgUrl};
use crate::oauth::error::OAuthError;
use crate::oauth::expires::parse_expires_in;
use crate::oauth::form::decode_pairs;
use crate::oauth::secret::{AccessToken, AuthorizationCode, State};

/// The OAuth parameters that must not repeat (RFC 6749 §3.1).
const OAUTH_PARAMS: &[&str] = &[
    "code",
    "state",
    "error",
    "error_description",
    "error_uri",
    "access_token",
    "token_type",
    "expires_in",
    "scope",
    "iss",
    "refresh_token",
    "patient",
];

/// An `error` code from the authorization server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuthErrorCode {
    /// `invalid_request`
    InvalidRequest,
    /// `unauthorized_client`
    UnauthorizedClient,
    /// `access_denied`: the beneficiary clicked Deny/Cancel.
    AccessDenied,
    /// `unsupported_response_type`
    UnsupportedResponseType,
    /// `invalid_scope`
    InvalidScope,
    /// `server_error`
    ServerError,
    /// `temporarily_unavailable`
    TemporarilyUnavailable,
    /// Anything else, e.g. Blue Button's `not_found` (no Medicare record for the login).
    Other(String),
}

impl AuthErrorCode {
    /// Maps the wire value.
    ///
    /// ```
    /// use bluebutton_core::oauth::callback::AuthErrorCode;
    /// assert_eq!(AuthErrorCode::parse("access_denied"), AuthErrorCode::AccessDenied);
    /// assert_eq!(AuthErrorCode::parse("not_found").as_str(), "not_found");
    /// ```
    pub fn parse(value: &str) -> Self {
        match value {
            "invalid_request" => Self::InvalidRequest,
            "unauthorized_client" => Self::UnauthorizedClient,
            "access_denied" => Self::AccessDenied,
            "unsupported_response_type" => Self::UnsupportedResponseType,
            "invalid_scope" => Self::InvalidScope,
            "server_error" => Self::ServerError,
            "temporarily_unavailable" => Self::TemporarilyUnavailable,
            other => Self::Other(other.to_owned()),
        }
    }
    /// The wire value.
    pub fn as_str(&self) -> &str {
        match self {
            Self::InvalidRequest => "invalid_request",
            Self::UnauthorizedClient => "unauthorized_client",
            Self::AccessDenied => "access_denied",
            Self::UnsupportedResponseType => "unsupported_response_type",
            Self::InvalidScope => "invalid_scope",
            Self::ServerError => "server_error",
            Self::TemporarilyUnavailable => "temporarily_unavailable",
            Self::Other(s) => s,
        }
    }
}

/// What the redirect said.
#[derive(Debug, Clone, PartialEq)]
pub enum CallbackResult {
    /// Code flow success: exchange the code at the token endpoint.
    Code {
        /// The single-use authorization code.
        code: AuthorizationCode,
    },
    /// Implicit flow success (legacy).
    Token {
        /// The access token.
        access_token: AccessToken,
        /// Always `"Bearer"` (matched case-insensitively).
        token_type: String,
        /// Seconds until expiry (may be fractional, e.g. `35849.875807`).
        expires_in: Option<f64>,
        /// Granted scopes.
        scopes: Vec<String>,
        /// The beneficiary's FHIR patient id, when the server adds it.
        patient: Option<String>,
    },
    /// The server reported an error (e.g. `access_denied` when the user clicked Deny).
    Error {
        /// The error code.
        error: AuthErrorCode,
        /// Human-readable text from the server (characters outside RFC 6749's set replaced
        /// by `?`; always render as text, never as HTML).
        description: Option<String>,
        /// A page about the error.
        uri: Option<String>,
    },
}

/// A parsed redirect: the result plus the state it carried and what else came with it.
/// `Debug` redacts the state.
#[derive(Clone, PartialEq)]
pub struct Callback {
    /// What the server said.
    pub result: CallbackResult,
    /// The `state` echoed by the server.
    pub state: Option<State>,
    /// Unrecognised parameters (ignored per RFC 6749 §4.2.2, kept for diagnostics).
    pub extra: Vec<(String, String)>,
    /// Non-fatal notes (e.g. a refresh token in a fragment was dropped).
    pub warnings: Vec<String>,
}

impl std::fmt::Debug for Callback {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Callback")
            .field("result", &self.result)
            .field("state", &self.state.as_ref().map(|_| "[redacted]"))
            .field("extra", &self.extra)
            .field("warnings", &self.warnings)
            .finish()
    }
}

/// Checks to apply while parsing.
#[derive(Debug, Clone, Copy, Default)]
pub struct CallbackChecks<'a> {
    /// The state this app sent: when given, a missing or different state is an error
    /// (compared in constant time). A [`State`], so no plain-string comparison can creep in:
    ///
    /// ```compile_fail,E0308
    /// use bluebutton_core::oauth::callback::CallbackChecks;
    /// let checks = CallbackChecks { expected_state: Some("0123456789abcdef"), ..Default::default() };
    /// ```
    pub expected_state: Option<&'a State>,
    /// RFC 9207: when given, `iss` must be present and equal (Blue Button does not send it).
    pub expected_issuer: Option<&'a str>,
}

/// Parses the full redirect URL.
///
/// ```
/// use bluebutton_core::oauth::callback::{parse_callback, CallbackChecks, CallbackResult};
/// use bluebutton_core::oauth::secret::State;
/// let sent = State::new("0123456789abcdef");
/// let cb = parse_callback(
///     "https://app.example/cb?code=abc&state=0123456789abcdef",
///     CallbackChecks { expected_state: Some(&sent), ..Default::default() },
/// ).unwrap();
/// assert_eq!(cb.state, Some(sent));
/// assert!(matches!(cb.result, CallbackResult::Code { .. }));
///
/// let err = parse_callback("https://app.example/cb?code=a&code=b", Default::default()).unwrap_err();
/// assert_eq!(err.code(), "duplicate_parameter");
/// ```
pub fn parse_callback(url: &str, checks: CallbackChecks<'_>) -> Result<Callback, OAuthError> {
    parse_callback_with(&WhatwgUrl, url, checks)
}

/// [`parse_callback`] with the URL's base checked by `urls` (the browser shell's sign-in path
/// passes the browser's `URL`).
pub fn parse_callback_with(
    urls: &impl UrlParser,
    url: &str,
    checks: CallbackChecks<'_>,
) -> Result<Callback, OAuthError> {
    let (query, fragment) = split_url(urls, url)?;
    let names_response = |raw: &str| {
        raw.split('&').any(|p| {
            let name = p.split('=').next().unwrap_or_default();
            matches!(name, "access_token" | "error" | "code")
        })
    };
    // The fragment holds the response when it names one; an app's own (even malformed)
    // fragment does not hide a code-flow response in the query.
    let in_fragment = names_response(fragment)
        || (!names_response(query) && !fragment.is_empty() && decode_pairs(fragment).is_err());
    let pairs = if in_fragment {
        decode_pairs(fragment)?
    } else {
        decode_pairs(query)?
    };
    let params = Params::collect(pairs)?;
    if params.get("code").is_none()
        && params.get("access_token").is_none()
        && params.get("error").is_none()
    {
        return Err(OAuthError::NoResponse);
    }
    let state = params.get("state").map(str::to_owned);
    // Blue Button's "no Medicare record" page links to `redirect_uri?error=not_found` with no
    // state. An error result grants nothing, so that one known case is let through.
    let stateless_not_found = state.is_none() && params.get("error") == Some("not_found");
    if let Some(expected) = checks.expected_state.filter(|_| !stateless_not_found) {
        match &state {
            None => return Err(OAuthError::MissingState),
            Some(found) if !expected.matches(found) => return Err(OAuthError::StateMismatch),
            Some(_) => {}
        }
    }
    if let Some(expected) = checks.expected_issuer {
        let found = params.get("iss");
        if found != Some(expected) {
            return Err(OAuthError::IssuerMismatch {
                expected: expected.to_owned(),
                found: found.map(str::to_owned),
            });
        }
    }
    let mut warnings = Vec::new();
    let result = if let Some(error) = params.get("error") {
        error_result(error, &params)?
    } else if in_fragment {
        if params.get("refresh_token").is_some() {
            warnings.push(
                "a refresh_token in the URL fragment was ignored (RFC 6749 §4.2.2 forbids it)"
                    .into(),
            );
        }
        token_result(&params)?
    } else {
        let code = params.get("code").unwrap_or_default();
        if code.is_empty() {
            return Err(OAuthError::MissingParameter("code"));
        }
        CallbackResult::Code {
            code: AuthorizationCode::new(code),
        }
    };
    Ok(Callback {
        result,
        state: state.map(State::from),
        extra: params.extra,
        warnings,
    })
}

/// Splits a URL into its raw query and fragment (no decoding yet).
fn split_url<'a>(urls: &impl UrlParser, url: &'a str) -> Result<(&'a str, &'a str), OAuthError> {
    let trimmed = url.trim();
    if trimmed.is_empty() {
        return Err(OAuthError::InvalidUrl("the URL is empty".into()));
    }
    if trimmed.chars().any(|c| c.is_control()) {
        return Err(OAuthError::InvalidUrl(
            "the URL contains control characters".into(),
        ));
    }
    let (before_fragment, fragment) = trimmed.split_once('#').unwrap_or((trimmed, ""));
    let (base, query) = before_fragment
        .split_once('?')
        .unwrap_or((before_fragment, ""));
    if !base.is_empty() {
        // Host names are ASCII-only in this crate (IDN is refused), and a browser's
        // `location.href` is always ASCII: refuse anything else before the URL parser sees it.
        if crate::http::url_guard::check(base).is_err() {
            return Err(OAuthError::InvalidUrl(
                "the URL has non-ASCII characters or an encoded host (location.href never does)"
                    .into(),
            ));
        }
        urls.parse(base).map_err(OAuthError::InvalidUrl)?;
    }
    Ok((query, fragment))
}

struct Params {
    known: Vec<(&'static str, String)>,
    extra: Vec<(String, String)>,
}

impl Params {
    fn collect(pairs: Vec<(String, String)>) -> Result<Self, OAuthError> {
        let mut known: Vec<(&'static str, String)> = Vec::new();
        let mut extra = Vec::new();
        for (name, value) in pairs {
            match OAUTH_PARAMS.iter().find(|p| **p == name) {
                Some(&p) => {
                    if known.iter().any(|(k, _)| *k == p) {
                        return Err(OAuthError::DuplicateParameter(p.to_owned()));
                    }
                    known.push((p, value));
                }
                None => extra.push((name, value)),
            }
        }
        Ok(Self { known, extra })
    }

    fn get(&self, name: &str) -> Option<&str> {
        self.known
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.as_str())
    }
}

fn error_result(error: &str, params: &Params) -> Result<CallbackResult, OAuthError> {
    if error.is_empty() || !error.chars().all(is_rfc_text_char) {
        return Err(OAuthError::InvalidParameter {
            name: "error",
            reason: "empty or outside the RFC 6749 character set".into(),
        });
    }
    Ok(CallbackResult::Error {
        error: AuthErrorCode::parse(error),
        description: params.get("error_description").map(sanitize_text),
        uri: params.get("error_uri").map(sanitize_text),
    })
}

fn token_result(params: &Params) -> Result<CallbackResult, OAuthError> {
    let access_token = params
        .get("access_token")
        .filter(|t| !t.is_empty())
        .ok_or(OAuthError::MissingParameter("access_token"))?;
    let token_type = params
        .get("token_type")
        .filter(|t| !t.is_empty())
        .ok_or(OAuthError::MissingParameter("token_type"))?;
    if !token_type.eq_ignore_ascii_case("bearer") {
        return Err(OAuthError::InvalidParameter {
            name: "token_type",
            reason: format!("{token_type:?}: only Bearer tokens are supported"),
        });
    }
    let expires_in = params.get("expires_in").map(parse_expires_in).transpose()?;
    let scopes = params
        .get("scope")
        .map(|s| {
            s.split(' ')
                .filter(|p| !p.is_empty())
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default();
    Ok(CallbackResult::Token {
        access_token: AccessToken::new(access_token),
        token_type: "Bearer".into(),
        expires_in,
        scopes,
        patient: params.get("patient").map(str::to_owned),
    })
}

/// RFC 6749 §4.1.2.1 `error_description` set: %x20-21 / %x23-5B / %x5D-7E.
fn is_rfc_text_char(c: char) -> bool {
    c == ' ' || c == '!' || ('#'..='[').contains(&c) || (']'..='~').contains(&c)
}

fn sanitize_text(value: &str) -> String {
    value
        .chars()
        .take(1000)
        .map(|c| if is_rfc_text_char(c) { c } else { '?' })
        .collect()
}
