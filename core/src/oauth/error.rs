//! [`OAuthError`]: the one error enum of the OAuth layer (PKCE, authorize URL, redirect
//! parsing, pending state, token endpoint). Each variant has a stable [`OAuthError::code`]
//! (mirrored as the JS `Error.code`) and a message that says what to do.

use crate::error_code::ErrorCode;
use crate::oauth::pkce::PkceError;

/// Everything that can go wrong in the OAuth layer.
///
/// ```
/// use bluebutton_core::oauth::error::OAuthError;
/// let e = OAuthError::StateMismatch;
/// assert_eq!(e.code(), "state_mismatch");
/// assert!(e.to_string().contains("start the sign-in again"));
/// ```
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum OAuthError {
    /// A PKCE verifier broke RFC 7636's rules.
    #[error(transparent)]
    Pkce(#[from] PkceError),
    /// A required option was missing or empty.
    #[error("{0} is required")]
    MissingOption(&'static str),
    /// An option had a value the server would refuse.
    #[error("invalid {name}: {reason}")]
    InvalidOption {
        /// The option's name.
        name: &'static str,
        /// Why it is refused and what to do.
        reason: String,
    },
    /// The callback URL could not be read as a URL.
    #[error("the callback URL is not a valid URL: {0}")]
    InvalidUrl(String),
    /// The callback URL carries no OAuth response at all.
    #[error("the callback URL carries no OAuth response (no code, access_token or error in its query or fragment)")]
    NoResponse,
    /// A `%` not followed by two hex digits.
    #[error("malformed percent-escape in the callback parameter {0:?}")]
    MalformedEscape(String),
    /// A parameter decoded to bytes that are not UTF-8.
    #[error("the callback parameter {0:?} is not valid UTF-8 once decoded")]
    InvalidUtf8(String),
    /// An OAuth parameter appeared more than once (RFC 6749 §3.1).
    #[error("the callback repeats the parameter {0:?} (RFC 6749 §3.1 forbids it); ignore this response and start the sign-in again")]
    DuplicateParameter(String),
    /// A field the response type requires is absent.
    #[error("the callback lacks the required parameter {0:?}")]
    MissingParameter(&'static str),
    /// A field had a value outside its grammar.
    #[error("the callback parameter {name:?} is invalid: {reason}")]
    InvalidParameter {
        /// The parameter's name.
        name: &'static str,
        /// Why it is refused.
        reason: String,
    },
    /// The response carried no state though one was expected.
    #[error("the callback has no state: it was not started by this app, so it is refused; start the sign-in again")]
    MissingState,
    /// The state differs from the one this app sent.
    #[error("the callback's state does not match the one this app sent (possible CSRF); start the sign-in again")]
    StateMismatch,
    /// No pending authorization exists (never started, already used, or storage cleared).
    #[error("no sign-in is in progress in this tab (it was already completed, or never started here); start the sign-in again")]
    NoPendingAuthorization,
    /// The pending authorization is older than its lifetime.
    #[error("the sign-in took longer than {0} minutes and expired; start the sign-in again")]
    PendingExpired(u64),
    /// The RFC 9207 `iss` parameter was missing or differs from the expected issuer.
    #[error("the callback's issuer (iss) is {found:?}, expected {expected:?}; the response may come from another server")]
    IssuerMismatch {
        /// The issuer expected.
        expected: String,
        /// What the response carried (`None` when absent).
        found: Option<String>,
    },
    /// The token endpoint refused the client's authentication (a confidential client sent no
    /// or a wrong secret).
    #[error("the token endpoint refused the client credentials ({status}): {description}. Blue Button registers apps as confidential: supply the client secret through a token relay, or use a public client")]
    ClientAuthentication {
        /// HTTP status.
        status: u16,
        /// The server's words.
        description: String,
    },
    /// The code, verifier or refresh token was rejected (`invalid_grant`).
    #[error("the server rejected the grant ({status} {error}): {} Sign in again: an authorization code works once within 60 seconds, and a refresh token works once (each refresh replaces it)", as_sentence(description))]
    InvalidGrant {
        /// HTTP status.
        status: u16,
        /// The OAuth error code.
        error: String,
        /// The server's words.
        description: String,
    },
    /// The beneficiary's grant has ended (13 months, or a one-time app's hour).
    #[error(
        "the beneficiary's access has ended ({description}); they must sign in and consent again"
    )]
    SessionExpired {
        /// The server's words.
        description: String,
    },
    /// The beneficiary or CMS revoked the grant, or a newer consent replaced this session's
    /// tokens (Blue Button deletes an app's earlier tokens for that beneficiary, §12.5).
    #[error("this sign-in's access was revoked or replaced by a newer sign-in to this app ({description}); the beneficiary must sign in and consent again")]
    AccessRevoked {
        /// The server's words.
        description: String,
    },
    /// Any other token-endpoint error, with the server's words.
    #[error("the token endpoint answered {status}{}: {description}", error.as_deref().map(|e| format!(" {e}")).unwrap_or_default())]
    TokenEndpoint {
        /// HTTP status.
        status: u16,
        /// The OAuth error code, when given.
        error: Option<String>,
        /// The server's words.
        description: String,
    },
    /// The token response was not the JSON an OAuth server sends.
    #[error("the token response is not valid: {0}")]
    InvalidTokenResponse(String),
    /// No refresh token is held, so an expired access token cannot be renewed.
    #[error(
        "the access token expired and no refresh token is held; the beneficiary must sign in again"
    )]
    NoRefreshToken,
}

impl OAuthError {
    /// A stable, machine-readable code (the JS `Error.code`).
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::Pkce(e) => e.code(),
            Self::MissingOption(_) => ErrorCode::MissingOption,
            Self::InvalidOption { .. } => ErrorCode::InvalidOption,
            Self::InvalidUrl(_) => ErrorCode::InvalidUrl,
            Self::NoResponse => ErrorCode::NoOauthResponse,
            Self::MalformedEscape(_) => ErrorCode::MalformedEscape,
            Self::InvalidUtf8(_) => ErrorCode::InvalidUtf8,
            Self::DuplicateParameter(_) => ErrorCode::DuplicateParameter,
            Self::MissingParameter(_) => ErrorCode::MissingParameter,
            Self::InvalidParameter { .. } => ErrorCode::InvalidParameter,
            Self::MissingState => ErrorCode::MissingState,
            Self::StateMismatch => ErrorCode::StateMismatch,
            Self::NoPendingAuthorization => ErrorCode::NoPendingAuthorization,
            Self::PendingExpired(_) => ErrorCode::PendingExpired,
            Self::IssuerMismatch { .. } => ErrorCode::IssuerMismatch,
            Self::ClientAuthentication { .. } => ErrorCode::ClientAuthentication,
            Self::InvalidGrant { .. } => ErrorCode::InvalidGrant,
            Self::SessionExpired { .. } => ErrorCode::SessionExpired,
            Self::AccessRevoked { .. } => ErrorCode::AccessRevoked,
            Self::TokenEndpoint { .. } => ErrorCode::TokenEndpointError,
            Self::InvalidTokenResponse(_) => ErrorCode::InvalidTokenResponse,
            Self::NoRefreshToken => ErrorCode::NoRefreshToken,
        }
    }
}

/// The server's words as one sentence: trimmed, ending in `.`, `!` or `?` (so a message
/// that adds its own advice never shows "found.." or a run-on).
fn as_sentence(text: &str) -> String {
    let text = text.trim();
    if text.is_empty() {
        "(no description).".to_owned()
    } else if text.ends_with(['.', '!', '?']) {
        text.to_owned()
    } else {
        format!("{text}.")
    }
}
