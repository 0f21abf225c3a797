//! [`BrowserError`]: the browser layer's error enum (network, storage, randomness), wrapping
//! the core's errors.

use crate::core::api::env::ConfigError;
#[cfg(feature = "data")]
use crate::core::api::error::ApiError;
#[cfg(feature = "data")]
use crate::core::api::paging::PagingError;
#[cfg(feature = "data")]
use crate::core::api::search::SearchError;
#[cfg(feature = "data")]
use crate::core::fhir::FhirError;
#[cfg(feature = "data")]
use crate::core::http::attempt::AttemptError;
#[cfg(feature = "data")]
use crate::core::http::gzip::GzipError;
#[cfg(feature = "data")]
use crate::core::http::origin::OriginError;
use crate::core::oauth::error::OAuthError;
use crate::core::ErrorCode;

/// Everything that can go wrong in the browser shell.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum BrowserError {
    /// An OAuth-layer error.
    #[error(transparent)]
    OAuth(#[from] OAuthError),
    /// An environment, version or relay URL that names none (a configuration error).
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// The session holds no tokens: it was signed out, or a refused refresh ended it.
    #[error("this session is signed out (signOut() was called, or the server refused to refresh it); sign in again")]
    SignedOut,
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
    #[cfg(feature = "data")]
    /// A lossless export of a history downloaded with `keepPages: false` (its page bodies
    /// were freed as they were parsed).
    #[error("{0}() needs the pages as the server sent them, and this history was downloaded with keepPages: false; download it again without that option to export it (toCsv() works either way)")]
    PagesNotKept(&'static str),
    #[cfg(feature = "data")]
    /// IndexedDB or WebCrypto refused an operation of the device store (private mode, quota).
    #[error("the claims cannot be kept on this device ({0}); they stay in this tab only")]
    DeviceStore(String),
    #[cfg(feature = "data")]
    /// A record kept on this device could not be read back; it was deleted.
    #[error("the claims kept on this device could not be read ({0}) and were removed; download them again")]
    DeviceStoreCorrupt(String),
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
    /// A JavaScript argument had the wrong type (e.g. `undefined` where a string is needed).
    #[error("invalid argument: {0}")]
    InvalidArgument(String),
    #[cfg(feature = "data")]
    /// The API answered with an error status (with the server's words).
    #[error(transparent)]
    Api(#[from] ApiError),
    #[cfg(feature = "data")]
    /// A URL (request or `next` link) is not on the configured API origin: the token is not sent.
    #[error(transparent)]
    Origin(#[from] OriginError),
    #[cfg(feature = "data")]
    /// A gzip body could not be inflated (corrupt, truncated, or past the size cap).
    #[error(transparent)]
    Gzip(#[from] GzipError),
    #[cfg(feature = "data")]
    /// The body is not the FHIR JSON expected.
    #[error(transparent)]
    Fhir(#[from] FhirError),
    #[cfg(feature = "data")]
    /// Paging stopped (loop, too many pages, or an incomplete history).
    #[error(transparent)]
    Paging(#[from] PagingError),
    #[cfg(feature = "data")]
    /// Search options were refused before sending.
    #[error(transparent)]
    Search(#[from] SearchError),
    #[cfg(feature = "data")]
    /// One page of a history download failed after its retries: nothing partial is returned.
    #[error("page {page} of the download ({url}) failed, so the history is incomplete and was not returned: {source}")]
    PageFailed {
        /// 1-based page number.
        page: usize,
        /// The page URL.
        url: String,
        /// Why it failed.
        source: Box<BrowserError>,
    },
    #[cfg(feature = "data")]
    /// The caller aborted (AbortSignal).
    #[error("the request was cancelled")]
    Cancelled,
    /// An error of this library passed on from another context (the app's parse worker):
    /// its code and message, as the original gave them.
    #[error("{message}")]
    Forwarded {
        /// The original error's code.
        code: ErrorCode,
        /// The original error's message.
        message: String,
    },
    #[cfg(feature = "data")]
    /// A JS token source (the sign-in .wasm's session) failed: its code and words, kept.
    #[error("{message}")]
    TokenSource {
        /// The source's error code (one of this package's, else `token_source_error`).
        code: ErrorCode,
        /// The source's message.
        message: String,
    },
}

impl BrowserError {
    /// A stable, machine-readable code (the JS `Error.code`).
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::OAuth(e) => e.code(),
            Self::Config(e) => e.code(),
            Self::SignedOut => ErrorCode::SignedOut,
            Self::Network { .. } => ErrorCode::NetworkError,
            Self::UnexpectedRedirect { .. } => ErrorCode::UnexpectedRedirect,
            Self::ResponseTooLarge { .. } => ErrorCode::ResponseTooLarge,
            Self::Storage(_) => ErrorCode::StorageUnavailable,
            Self::Random(_) => ErrorCode::RandomUnavailable,
            Self::Unavailable(_) => ErrorCode::Unavailable,
            #[cfg(feature = "data")]
            Self::PagesNotKept(_) => ErrorCode::PagesNotKept,
            #[cfg(feature = "data")]
            Self::DeviceStore(_) => ErrorCode::DeviceStoreUnavailable,
            #[cfg(feature = "data")]
            Self::DeviceStoreCorrupt(_) => ErrorCode::DeviceStoreCorrupt,
            Self::InvalidOptions(_) => ErrorCode::InvalidOptions,
            Self::InvalidArgument(_) => ErrorCode::InvalidArgument,
            Self::AuthorizationDenied { .. } => ErrorCode::AuthorizationError,
            #[cfg(feature = "data")]
            Self::Api(e) => e.code(),
            #[cfg(feature = "data")]
            Self::Origin(e) => e.code(),
            #[cfg(feature = "data")]
            Self::Gzip(e) => e.code(),
            #[cfg(feature = "data")]
            Self::Fhir(e) => e.code(),
            #[cfg(feature = "data")]
            Self::Paging(e) => e.code(),
            #[cfg(feature = "data")]
            Self::Search(e) => e.code(),
            #[cfg(feature = "data")]
            Self::PageFailed { source, .. } => source.code(),
            #[cfg(feature = "data")]
            Self::Cancelled => ErrorCode::Cancelled,
            #[cfg(feature = "data")]
            Self::TokenSource { code, .. } => *code,
            Self::Forwarded { code, .. } => *code,
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

#[cfg(feature = "data")]
impl From<AttemptError<BrowserError>> for BrowserError {
    fn from(error: AttemptError<BrowserError>) -> Self {
        match error {
            AttemptError::Api(e) => Self::Api(e),
            AttemptError::Gzip(e) => Self::Gzip(e),
            AttemptError::Shell(e) => e,
            AttemptError::Cancelled => Self::Cancelled,
        }
    }
}
