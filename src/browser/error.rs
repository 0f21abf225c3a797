//! [`BrowserError`]: the browser layer's error enum (network, storage, randomness), wrapping
//! the core's errors.

use crate::core::error::OAuthError;

/// Everything that can go wrong in the browser shell.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum BrowserError {
    /// An OAuth-layer error.
    #[error(transparent)]
    OAuth(#[from] OAuthError),
    /// `fetch` failed before any response (offline, DNS, CORS refusal, aborted).
    #[error("network error calling {url}: {message}. Check the connection and that the server allows this origin (CORS)")]
    Network {
        /// The URL called.
        url: String,
        /// The browser's words.
        message: String,
    },
    /// The server answered with a redirect, which this client never follows with a token.
    #[error("{url} answered with a redirect; the request was not followed (tokens are only sent to the configured API host)")]
    UnexpectedRedirect {
        /// The URL called.
        url: String,
    },
    /// A response body exceeded its size cap.
    #[error("the response from {url} is larger than {cap} bytes and was refused")]
    ResponseTooLarge {
        /// The URL called.
        url: String,
        /// The cap in bytes.
        cap: usize,
    },
    /// `sessionStorage` is missing or refused the operation (private mode, quota, Node).
    #[error("sessionStorage is not available here ({0}); the sign-in state cannot be kept")]
    Storage(String),
    /// `crypto.getRandomValues` is missing or failed.
    #[error("secure randomness (crypto.getRandomValues) is not available: {0}")]
    Random(String),
    /// A browser API this call needs is missing (e.g. `window.history` in Node).
    #[error("{0} is not available in this environment; call this from a browser page")]
    Unavailable(&'static str),
    /// The authorization server sent the user back with an error (e.g. `access_denied` when
    /// they clicked Deny, Blue Button's `not_found` when no Medicare record matched).
    #[error("{}", denied_message(error, description.as_deref()))]
    AuthorizationDenied {
        /// The OAuth error code.
        error: String,
        /// The server's description, as text.
        description: Option<String>,
    },
    /// An option object from JavaScript had the wrong shape.
    #[error("invalid options: {0}")]
    InvalidOptions(String),
}

impl BrowserError {
    /// A stable, machine-readable code (the JS `Error.code`).
    pub fn code(&self) -> &'static str {
        match self {
            Self::OAuth(e) => e.code(),
            Self::Network { .. } => "network_error",
            Self::UnexpectedRedirect { .. } => "unexpected_redirect",
            Self::ResponseTooLarge { .. } => "response_too_large",
            Self::Storage(_) => "storage_unavailable",
            Self::Random(_) => "random_unavailable",
            Self::Unavailable(_) => "unavailable",
            Self::InvalidOptions(_) => "invalid_options",
            Self::AuthorizationDenied { .. } => "authorization_error",
        }
    }
}

fn denied_message(error: &str, description: Option<&str>) -> String {
    let what = match error {
        "access_denied" => "access was not granted (the Deny or Cancel button was chosen); connect again to share claims".to_owned(),
        "not_found" => "Medicare found no record for that login; check the account and try again".to_owned(),
        other => format!("the authorization server answered {other:?}"),
    };
    match description {
        Some(d) if !d.is_empty() => format!("{what} ({d})"),
        _ => what,
    }
}
