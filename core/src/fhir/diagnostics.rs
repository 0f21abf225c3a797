//! The parse-layer error, [`FhirError`], and how serde_json errors map onto it.
//!
//! Parsing runs once at full speed. Only when it fails is the input parsed a second time
//! through `serde_path_to_error` to name the JSON path of the problem.
//!
//! ```
//! use bluebutton_core::fhir::parse_bundle;
//! let err = parse_bundle(b"<html>502 Bad Gateway</html>").unwrap_err();
//! assert_eq!(err.code(), "not_json");
//! ```

use serde::de::DeserializeOwned;
use serde_json::error::Category;

use super::raw::WrongResourceType;
use crate::error_code::ErrorCode;

/// Why a body could not be read as the expected FHIR JSON.
///
/// ```
/// use bluebutton_core::fhir::FhirError;
/// let e = FhirError::Truncated { line: 1, column: 9 };
/// assert_eq!(e.code(), "truncated_json");
/// assert!(e.to_string().contains("retry"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FhirError {
    /// Zero bytes (or only whitespace).
    #[error("the response body is empty; retry the request")]
    Empty,
    /// Not JSON at all (HTML error page, plain text, invalid UTF-8...).
    #[error("the response is not JSON ({message} at line {line}, column {column}); the server or a proxy answered with something else, retry later")]
    NotJson {
        /// serde_json's description.
        message: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
    },
    /// The JSON ends early.
    #[error("the response JSON is cut off at line {line}, column {column}; the download was interrupted, retry it")]
    Truncated {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
    },
    /// Nesting deeper than serde_json's limit (128).
    #[error("the response JSON is nested too deeply to be FHIR data and was refused")]
    TooDeep,
    /// Valid JSON of the wrong shape (e.g. an array where an object is required).
    #[error("the response JSON has an unexpected shape at {path}: {message}")]
    Shape {
        /// JSON path of the problem (`.` for the root).
        path: String,
        /// serde's description.
        message: String,
    },
    /// A resource of another type than the one required.
    #[error("expected a {expected} but the server sent {}; check the request URL", found.as_deref().unwrap_or("JSON without a resourceType"))]
    WrongResourceType {
        /// The type wanted.
        expected: &'static str,
        /// The type found.
        found: Option<String>,
    },
    /// The v3 insurance card answer holds no record (no `type`, no entries): no beneficiary
    /// matched the token's patient (unknown or merged), doc §12.2 "No match".
    #[error("the insurance card answer holds no record: no Medicare beneficiary matched (an unknown or merged beneficiary), so there is no card to show")]
    NoInsuranceCard,
    /// A streamed Bundle held more than the reader's limit at once: one entry, or the Bundle
    /// without its entries, was larger than `max` bytes (see `fhir::summary_stream`).
    #[error("one Bundle entry (or the Bundle outside its entries) is larger than {max} bytes and was refused; ask for fewer claims per page, and report it if it persists")]
    TooLarge {
        /// The limit that was passed.
        max: usize,
    },
}

impl FhirError {
    /// A stable machine-readable code.
    ///
    /// ```
    /// use bluebutton_core::fhir::FhirError;
    /// assert_eq!(FhirError::TooDeep.code(), "json_too_deep");
    /// ```
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::Empty => ErrorCode::EmptyBody,
            Self::NotJson { .. } => ErrorCode::NotJson,
            Self::Truncated { .. } => ErrorCode::TruncatedJson,
            Self::TooDeep => ErrorCode::JsonTooDeep,
            Self::Shape { .. } => ErrorCode::UnexpectedShape,
            Self::WrongResourceType { .. } => ErrorCode::WrongResourceType,
            Self::NoInsuranceCard => ErrorCode::NoInsuranceCard,
            Self::TooLarge { .. } => ErrorCode::ResponseTooLarge,
        }
    }
}

impl From<WrongResourceType> for FhirError {
    fn from(e: WrongResourceType) -> Self {
        Self::WrongResourceType {
            expected: e.expected,
            found: e.found,
        }
    }
}

/// Strips a UTF-8 byte order mark and checks for an empty body.
pub(crate) fn prepare(bytes: &[u8]) -> Result<&[u8], FhirError> {
    let b = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if b.iter().all(u8::is_ascii_whitespace) {
        return Err(FhirError::Empty);
    }
    Ok(b)
}

/// Parses `bytes` as `T`, mapping failures to [`FhirError`].
///
/// ```
/// use bluebutton_core::fhir::diagnostics::parse_json;
/// let v: Vec<u8> = parse_json(b"[1,2]").unwrap();
/// assert_eq!(v, [1, 2]);
/// assert_eq!(parse_json::<Vec<u8>>(b"[1,").unwrap_err().code(), "truncated_json");
/// ```
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, FhirError> {
    let b = prepare(bytes)?;
    serde_json::from_slice(b).map_err(|e| explain::<T>(b, &e))
}

/// Maps a serde_json error; for data errors, re-parses to find the JSON path.
pub(crate) fn explain<T: DeserializeOwned>(bytes: &[u8], e: &serde_json::Error) -> FhirError {
    let (line, column) = (e.line(), e.column());
    match e.classify() {
        Category::Eof => FhirError::Truncated { line, column },
        Category::Syntax if e.to_string().starts_with("recursion limit exceeded") => {
            FhirError::TooDeep
        }
        Category::Syntax | Category::Io => FhirError::NotJson {
            message: strip_position(&e.to_string()),
            line,
            column,
        },
        Category::Data => FhirError::Shape {
            path: json_path::<T>(bytes, line, column),
            message: strip_position(&e.to_string()),
        },
    }
}

/// The JSON path of a data error (natively: re-parsed with `serde_path_to_error`).
#[cfg(not(target_arch = "wasm32"))]
fn json_path<T: DeserializeOwned>(bytes: &[u8], _line: usize, _column: usize) -> String {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    match serde_path_to_error::deserialize::<_, T>(&mut de) {
        Err(pe) => pe.path().to_string(),
        Ok(_) => ".".to_owned(),
    }
}

/// In WebAssembly the position stands in for the path: the path tracker would add about
/// 100 KB of code for the error path alone.
#[cfg(target_arch = "wasm32")]
#[allow(clippy::extra_unused_type_parameters)] // same signature as the native version
fn json_path<T: DeserializeOwned>(_bytes: &[u8], line: usize, column: usize) -> String {
    format!("line {line}, column {column}")
}

fn strip_position(msg: &str) -> String {
    match msg.find(" at line ") {
        Some(i) => msg[..i].to_owned(),
        None => msg.to_owned(),
    }
}

#[cfg(test)]
mod tests;
