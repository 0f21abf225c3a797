//! [`Problem`]: a library error turned into words for people, with the one action that helps.

use bluebutton_wasm::browser::BrowserError;
use bluebutton_wasm::core::ErrorCode;

/// What the user can do about a problem.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Remedy {
    /// Sign in again (the access ended, or the sign-in failed).
    Reconnect,
    /// Try the same request again (server or network trouble).
    Retry,
    /// Nothing to retry (e.g. the data was refused for good): no button.
    Dismiss,
}

/// A user-facing error.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// The library's stable code (shown small, useful for support).
    pub code: ErrorCode,
    /// A short headline.
    pub title: String,
    /// The explanation, including the server's own words when it gave any.
    pub message: String,
    /// The suggested remedy (not `Action`: that is Leptos's).
    pub remedy: Remedy,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.title, self.message)
    }
}

/// A problem is an error, so views can return `Result<_, Problem>` inside an `ErrorBoundary`.
impl std::error::Error for Problem {}

impl Problem {
    /// A problem with explicit parts.
    pub fn new(code: ErrorCode, title: &str, message: impl Into<String>, remedy: Remedy) -> Self {
        Self {
            code,
            title: title.to_owned(),
            message: message.into(),
            remedy,
        }
    }

    /// Data asked for with no session (signed out meanwhile).
    pub fn signed_out() -> Self {
        Self::new(
            ErrorCode::SignedOut,
            "Not connected",
            "Connect to Medicare to see your data.",
            Remedy::Reconnect,
        )
    }

    /// Classifies a sign-in (callback) error.
    pub fn from_sign_in(error: &BrowserError) -> Self {
        let code = error.code();
        let (title, message) = match code {
            ErrorCode::AuthorizationError if is_access_denied(error) => (
                "You chose not to share your Medicare data",
                "Nothing was shared with this app. If that was a mistake, connect again and choose Allow on the Medicare page.".to_owned(),
            ),
            ErrorCode::AuthorizationError => ("Medicare did not complete the sign-in", sentence(error)),
            ErrorCode::PendingExpired => (
                "The sign-in took too long",
                "For your safety a sign-in must be finished within 10 minutes. Please connect again.".to_owned(),
            ),
            ErrorCode::StateMismatch | ErrorCode::MissingState => (
                "This sign-in response does not match the one this page started",
                "It may have come from another tab or an old link, so it was ignored. Please connect again from this page.".to_owned(),
            ),
            ErrorCode::NoPendingAuthorization => (
                "No sign-in was in progress in this tab",
                "The Medicare response arrived in a tab that did not start a sign-in (or the page was already used once). Please connect again.".to_owned(),
            ),
            ErrorCode::InvalidGrant => (
                "The sign-in code was refused",
                format!("The code may have expired or been used already. {}", sentence(error)),
            ),
            ErrorCode::ClientAuthentication => (
                "The app's credentials were refused",
                format!("Check the client id and secret. {}", sentence(error)),
            ),
            ErrorCode::NetworkError => ("Could not reach the Medicare server", sentence(error)),
            _ => ("The sign-in could not be finished", sentence(error)),
        };
        Self::new(code, title, message, Remedy::Reconnect)
    }

    /// Classifies a data (FHIR) error: 401 → reconnect, 5xx/429/network → retry.
    pub fn from_data(error: &BrowserError) -> Self {
        // A failed page: explain the cause, and say that nothing partial is shown.
        if let BrowserError::PageFailed { page, source, .. } = error {
            let mut problem = Self::from_data(source);
            if *page > 1 {
                problem.message.push_str(&format!(
                    " (Page {page} of the download failed, so no partial history is shown.)"
                ));
            }
            return problem;
        }
        let code = error.code();
        match code {
            ErrorCode::SessionExpired
            | ErrorCode::AccessRevoked
            | ErrorCode::InvalidGrant
            | ErrorCode::NoRefreshToken
            | ErrorCode::SignedOut
            | ErrorCode::ClientAuthentication => Self::new(
                code,
                "Your access ended — reconnect to continue",
                format!(
                    "{} Your data on this page was not changed; connect again to load it.",
                    sentence(error)
                ),
                Remedy::Reconnect,
            ),
            // A server or proxy answered with an error, half a page, or something else than
            // the JSON asked for: worth another try.
            ErrorCode::UpstreamUnavailable
            | ErrorCode::OperationOutcome
            | ErrorCode::Throttled
            | ErrorCode::NetworkError
            | ErrorCode::ResponseNotJson
            | ErrorCode::NotJson
            | ErrorCode::TruncatedJson
            | ErrorCode::EmptyBody => Self::new(
                code,
                "The Medicare server had a problem",
                sentence(error),
                Remedy::Retry,
            ),
            ErrorCode::Cancelled => Self::new(
                code,
                "Cancelled",
                "The download was cancelled.",
                Remedy::Retry,
            ),
            ErrorCode::InsuranceCardForbidden => Self::new(
                code,
                "The insurance card needs more permissions",
                sentence(error),
                Remedy::Reconnect,
            ),
            ErrorCode::NoInsuranceCard => Self::new(
                code,
                "No Medicare card is available",
                sentence(error),
                Remedy::Dismiss,
            ),
            // The page's parse worker could not start or stopped: only a reload helps.
            ErrorCode::Unavailable => Self::new(
                code,
                "This page could not start its claims reader",
                sentence(error),
                Remedy::Dismiss,
            ),
            ErrorCode::RequiresV3
            | ErrorCode::EobForbidden
            | ErrorCode::Forbidden
            | ErrorCode::NotFound
            | ErrorCode::BadRequest => Self::new(
                code,
                "The server refused to share this data",
                sentence(error),
                Remedy::Dismiss,
            ),
            _ => Self::new(code, "Something went wrong", sentence(error), Remedy::Retry),
        }
    }
}

fn is_access_denied(error: &BrowserError) -> bool {
    matches!(error, BrowserError::AuthorizationDenied { error, .. } if error == "access_denied")
}

/// The error's text as a sentence (capitalised, with a full stop).
fn sentence(error: &BrowserError) -> String {
    let text = error.to_string();
    let mut chars = text.chars();
    let mut out: String = match chars.next() {
        // Our messages start in ASCII; no Unicode case tables linked for this.
        Some(c) => std::iter::once(c.to_ascii_uppercase())
            .chain(chars)
            .collect(),
        None => return String::new(),
    };
    if !out.ends_with(['.', '!', '?']) {
        out.push('.');
    }
    out
}
