//! Maps an HTTP status, body and request kind to a typed [`ApiError`] that keeps the server's
//! own words (`detail`, OAuth `error_description`, or OperationOutcome `diagnostics`) and tells
//! the user what to do.
//!
//! BB2 answers most errors with DRF's `{"detail": "..."}`; v3 passes BFD's OperationOutcome
//! through. The same 403 means different things: on Patient or userinfo the beneficiary
//! withheld demographics; on v1/v2 ExplanationOfBenefit they declined to share SAMHSA data or
//! the token is Part-D-only.
//!
//! ```
//! use bluebutton_core::api::error::{classify_response, RequestKind};
//! let body = br#"{"detail": "You do not have permission to perform this action."}"#;
//! let err = classify_response(403, body, RequestKind::Demographics).unwrap();
//! assert_eq!(err.code(), "demographics_withheld");
//! assert!(classify_response(200, b"{}", RequestKind::Other).is_none());
//! ```

use serde::Deserialize;

use crate::error_code::ErrorCode;
use crate::fhir::lenient as l;
use crate::http::retry::retry_after_from_detail;

/// Which endpoint a response came from.
///
/// ```
/// use bluebutton_core::api::error::RequestKind;
/// assert_ne!(RequestKind::Demographics, RequestKind::EobV1V2);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequestKind {
    /// `Patient` read/search or `connect/userinfo`.
    Demographics,
    /// v1/v2 `ExplanationOfBenefit`.
    EobV1V2,
    /// v3 `Patient/$generate-insurance-card`: its 403 means a missing Patient read or
    /// Coverage search scope (BB2 `views/insurancecard.py`).
    InsuranceCard,
    /// Anything else (Coverage, v3 EOB, metadata, ...).
    Other,
}

/// A failed API response, with the server's words where it gave any.
///
/// ```
/// use bluebutton_core::api::error::ApiError;
/// let e = ApiError::Throttled { detail: None, retry_after_ms: Some(2000) };
/// assert_eq!((e.code().as_str(), e.to_string().as_str()), ("throttled", "Too many requests; wait 2 seconds and try again"));
/// ```
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum ApiError {
    /// 401: the token is missing, expired or revoked, or the 13-month grant ended.
    #[error("{}{}", if *grant_timed_out { "Access to Medicare data has timed out (grants last 13 months); sign in again to re-authorize this app" } else { "Access to Medicare data has ended; sign in again to re-authorize this app" }, said(detail))]
    SessionExpired {
        /// Server text.
        detail: Option<String>,
        /// The text was BB2's "User access has timed out" (13-month grant expiry).
        grant_timed_out: bool,
    },
    /// 403 `invalid_grant`: the beneficiary removed this app's access.
    #[error(
        "This app's access was removed; sign in again to re-authorize it{}",
        said(detail)
    )]
    AccessRevoked {
        /// Server text.
        detail: Option<String>,
    },
    /// 403 on Patient or userinfo: demographics were not shared.
    #[error("Personal information (name, address, birth date) was not shared with this app; claims are still available. To share it, sign in again and allow it{}", said(detail))]
    DemographicsWithheld {
        /// Server text.
        detail: Option<String>,
    },
    /// 403 on v1/v2 ExplanationOfBenefit.
    #[error("Claims are not available to this app: the beneficiary declined to share some (SAMHSA, 42 CFR Part 2) data or only Part D data is available; try the v3 API or Coverage{}", said(detail))]
    EobForbidden {
        /// Server text.
        detail: Option<String>,
    },
    /// 403 on the v3 insurance card: the token (or the app) lacks a Patient read scope
    /// (`patient/Patient.rs`, `.read` or `.r`) or a Coverage search scope
    /// (`patient/Coverage.rs`, `.read` or `.s`); the card needs both.
    #[error("The insurance card needs two permissions that this sign-in lacks: reading the Patient (scope patient/Patient.rs, .read or .r) and searching Coverage (scope patient/Coverage.rs, .read or .s). Sign in again asking for both scopes and sharing demographics; if that does not help, the app is not registered for them{}", said(detail))]
    InsuranceCardForbidden {
        /// Server text.
        detail: Option<String>,
    },
    /// Any other 403.
    #[error(
        "The server refused this request; the app may lack permission for it{}",
        said(detail)
    )]
    Forbidden {
        /// Server text.
        detail: Option<String>,
    },
    /// 404.
    #[error(
        "Not found: the resource does not exist or belongs to another beneficiary{}",
        said(detail)
    )]
    NotFound {
        /// Server text.
        detail: Option<String>,
    },
    /// 400 (BB2 validation or a BFD 4xx).
    #[error(
        "The server rejected the request; check the search options{}",
        said(detail)
    )]
    BadRequest {
        /// Server text.
        detail: Option<String>,
    },
    /// 429.
    #[error("Too many requests; wait {} and try again{}", retry_after_ms.map_or("a moment".to_owned(), |ms| format!("{} seconds", ms.div_ceil(1000))), said(detail))]
    Throttled {
        /// Server text.
        detail: Option<String>,
        /// Wait read from DRF's "Expected available in N seconds.".
        retry_after_ms: Option<u64>,
    },
    /// 502 and other 5xx.
    #[error("The Blue Button service is unavailable or could not reach its data source (HTTP {status}); try again later{}", said(detail))]
    Upstream {
        /// HTTP status.
        status: u16,
        /// Server text.
        detail: Option<String>,
    },
    /// v3 OperationOutcome on a 400 or 5xx.
    #[error("The server reported an error (HTTP {status}){}", said(diagnostics))]
    OperationOutcome {
        /// HTTP status.
        status: u16,
        /// `issue[0].severity`.
        severity: Option<String>,
        /// `issue[0].code`.
        code: Option<String>,
        /// `issue[0].diagnostics`.
        diagnostics: Option<String>,
    },
    /// 3xx: redirects are not followed (the token must not travel). Code `redirect_status`: the
    /// browser shell's own refusal of a redirect is `unexpected_redirect`.
    #[error("The server answered with a redirect (HTTP {status}), which is not followed for safety; check the API base URL")]
    UnexpectedRedirect {
        /// HTTP status.
        status: u16,
    },
    /// A success status whose body is not JSON. Code `response_not_json`: `not_json` is the FHIR
    /// parser's.
    #[error("The server answered HTTP {status} with a body that is not JSON (a proxy or maintenance page?); try again later")]
    NotJson {
        /// HTTP status.
        status: u16,
    },
    /// A success status with JSON that is not the expected resource.
    #[error("Expected a {expected} but the server sent {}; check the request URL", found.as_deref().unwrap_or("JSON without a resourceType"))]
    UnexpectedResource {
        /// Wanted `resourceType`.
        expected: String,
        /// Received `resourceType`.
        found: Option<String>,
    },
    /// Any other status.
    #[error("Unexpected HTTP status {status}{}", said(detail))]
    UnexpectedStatus {
        /// HTTP status.
        status: u16,
        /// Server text.
        detail: Option<String>,
    },
}

fn said(detail: &Option<String>) -> String {
    match detail {
        Some(d) => format!(" (server: \"{d}\")"),
        None => String::new(),
    }
}

impl ApiError {
    /// A stable machine-readable code.
    ///
    /// ```
    /// use bluebutton_core::api::error::ApiError;
    /// assert_eq!(ApiError::NotFound { detail: None }.code(), "not_found");
    /// ```
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::SessionExpired { .. } => ErrorCode::SessionExpired,
            Self::AccessRevoked { .. } => ErrorCode::AccessRevoked,
            Self::DemographicsWithheld { .. } => ErrorCode::DemographicsWithheld,
            Self::EobForbidden { .. } => ErrorCode::EobForbidden,
            Self::InsuranceCardForbidden { .. } => ErrorCode::InsuranceCardForbidden,
            Self::Forbidden { .. } => ErrorCode::Forbidden,
            Self::NotFound { .. } => ErrorCode::NotFound,
            Self::BadRequest { .. } => ErrorCode::BadRequest,
            Self::Throttled { .. } => ErrorCode::Throttled,
            Self::Upstream { .. } => ErrorCode::UpstreamUnavailable,
            Self::OperationOutcome { .. } => ErrorCode::OperationOutcome,
            Self::UnexpectedRedirect { .. } => ErrorCode::RedirectStatus,
            Self::NotJson { .. } => ErrorCode::ResponseNotJson,
            Self::UnexpectedResource { .. } => ErrorCode::UnexpectedResource,
            Self::UnexpectedStatus { .. } => ErrorCode::UnexpectedStatus,
        }
    }
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct ErrorBody {
    #[serde(default, deserialize_with = "l::string")]
    resource_type: Option<String>,
    #[serde(default, deserialize_with = "l::string")]
    detail: Option<String>,
    #[serde(default, deserialize_with = "l::string")]
    message: Option<String>,
    #[serde(default, deserialize_with = "l::string")]
    error: Option<String>,
    #[serde(default, rename = "error_description", deserialize_with = "l::string")]
    error_description: Option<String>,
    #[serde(default, deserialize_with = "l::seq")]
    issue: Vec<Issue>,
}

#[derive(Deserialize, Default)]
struct Issue {
    #[serde(default, deserialize_with = "l::string")]
    severity: Option<String>,
    #[serde(default, deserialize_with = "l::string")]
    code: Option<String>,
    #[serde(default, deserialize_with = "l::string")]
    diagnostics: Option<String>,
}

/// Longest server text kept in an error.
const MAX_DETAIL: usize = 500;

fn clip(s: String) -> String {
    if s.len() <= MAX_DETAIL {
        return s;
    }
    let mut end = MAX_DETAIL;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", &s[..end])
}

fn parse_body(body: &[u8]) -> Option<ErrorBody> {
    serde_json::from_slice::<ErrorBody>(body).ok()
}

/// Classifies a response; `None` for 2xx (check its body with [`check_resource`]).
///
/// ```
/// use bluebutton_core::api::error::{classify_response, RequestKind};
/// let body = br#"{"detail":"User access has timed out. To refresh Medicare data, end user must re-authenticate and consent to share their data."}"#;
/// let e = classify_response(401, body, RequestKind::EobV1V2).unwrap();
/// assert_eq!(e.code(), "session_expired");
/// assert!(e.to_string().contains("13 months"));
/// ```
pub fn classify_response(status: u16, body: &[u8], kind: RequestKind) -> Option<ApiError> {
    if (200..300).contains(&status) {
        return None;
    }
    let parsed = parse_body(body).unwrap_or_default();
    let first_issue = parsed.issue.into_iter().next().unwrap_or_default();
    let is_outcome = parsed.resource_type.as_deref() == Some("OperationOutcome");
    let detail = parsed
        .detail
        .or(parsed.error_description)
        .or(parsed.message)
        .or_else(|| first_issue.diagnostics.clone())
        // v3 strict mode's `{"error": "Invalid parameters: ['x']"}` and BB2's
        // `{"error": "Server Error (500)"}` carry prose in `error`, not an OAuth code (§12.5).
        .or_else(|| parsed.error.clone().filter(|e| e.contains(' ')))
        .map(clip);
    let invalid_grant = parsed.error.as_deref() == Some("invalid_grant");
    Some(match status {
        300..=399 => ApiError::UnexpectedRedirect { status },
        401 => {
            let grant_timed_out = detail
                .as_deref()
                .is_some_and(|d| d.contains("User access has timed out"));
            ApiError::SessionExpired {
                detail,
                grant_timed_out,
            }
        }
        403 if invalid_grant && !detail.as_deref().is_some_and(|d| d.contains("timed out")) => {
            ApiError::AccessRevoked { detail }
        }
        403 if invalid_grant => ApiError::SessionExpired {
            detail,
            grant_timed_out: true,
        },
        403 => match kind {
            RequestKind::Demographics => ApiError::DemographicsWithheld { detail },
            RequestKind::EobV1V2 => ApiError::EobForbidden { detail },
            RequestKind::InsuranceCard => ApiError::InsuranceCardForbidden { detail },
            RequestKind::Other => ApiError::Forbidden { detail },
        },
        404 => ApiError::NotFound { detail },
        429 => {
            let retry_after_ms = retry_after_from_detail(body);
            ApiError::Throttled {
                detail,
                retry_after_ms,
            }
        }
        400 | 500..=599 if is_outcome => ApiError::OperationOutcome {
            status,
            severity: first_issue.severity,
            code: first_issue.code,
            diagnostics: first_issue.diagnostics.map(clip),
        },
        400 => ApiError::BadRequest { detail },
        500..=599 => ApiError::Upstream { status, detail },
        _ => ApiError::UnexpectedStatus { status, detail },
    })
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct TypeOnly {
    #[serde(default, deserialize_with = "l::string")]
    resource_type: Option<String>,
}

/// Checks that a 2xx body is JSON whose `resourceType` is `expected` (pass `None` for plain
/// JSON endpoints such as userinfo, which only need to be a JSON object).
///
/// ```
/// use bluebutton_core::api::error::check_resource;
/// assert!(check_resource(200, br#"{"resourceType":"Bundle"}"#, Some("Bundle")).is_ok());
/// assert_eq!(check_resource(200, b"<html>", Some("Bundle")).unwrap_err().code(), "response_not_json");
/// assert_eq!(check_resource(200, br#"{"resourceType":"Patient"}"#, Some("Bundle")).unwrap_err().code(), "unexpected_resource");
/// assert!(check_resource(200, br#"{"sub":"-1"}"#, None).is_ok());
/// ```
pub fn check_resource(status: u16, body: &[u8], expected: Option<&str>) -> Result<(), ApiError> {
    let t: TypeOnly = serde_json::from_slice(body).map_err(|_| ApiError::NotJson { status })?;
    match expected {
        Some(want) if t.resource_type.as_deref() != Some(want) => {
            Err(ApiError::UnexpectedResource {
                expected: want.to_owned(),
                found: t.resource_type,
            })
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests;
