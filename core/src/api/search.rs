//! ExplanationOfBenefit search options, validated before sending, and endpoint URL builders.
//!
//! The rules follow BB2's own validation (`apps/fhir/bluebutton/views/search.py`), so a bad
//! option is caught here with a clear message instead of a server 400: `type` is a comma list
//! of the eight claim types, `_lastUpdated` and `service-date` need an `lt`/`le`/`gt`/`ge`
//! prefix (and may repeat), `_count` is 1 to 50, `startIndex` is a non-negative integer.
//! v3 adds claim sources and tags (`_source`, `_tag`: see [`sources`]), refused on v1/v2.
//!
//! ```
//! use bluebutton_core::api::search::{Endpoints, EobSearch};
//! let ep = Endpoints::new("https://sandbox.bluebutton.cms.gov/v2/fhir/").unwrap();
//! let q = EobSearch::new().types("carrier,pde").unwrap().count(50).unwrap()
//!     .last_updated("gt2020-02-13T08:00:00-05:00").unwrap();
//! assert_eq!(ep.eob_search(&q).unwrap().as_str(),
//!   "https://sandbox.bluebutton.cms.gov/v2/fhir/ExplanationOfBenefit/?type=carrier%2Cpde&_lastUpdated=gt2020-02-13T08%3A00%3A00-05%3A00&_count=50");
//! ```

use crate::error_code::ErrorCode;
use crate::fhir::ClaimType;

/// Largest `_count` the server accepts.
///
/// ```
/// assert_eq!(bluebutton_core::api::search::MAX_COUNT, 50);
/// ```
pub const MAX_COUNT: u32 = 50;

/// Why a search option or endpoint was refused.
///
/// ```
/// use bluebutton_core::api::search::EobSearch;
/// let e = EobSearch::new().count(99).unwrap_err();
/// assert_eq!(e.to_string(), "_count must be between 1 and 50, got 99");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SearchError {
    /// A `type` value is not a claim type.
    #[error("claim type {0:?} is not valid; use carrier, dme, hha, hospice, inpatient, outpatient, pde or snf (comma-separated)")]
    InvalidType(String),
    /// A date filter lacks a valid prefix or date.
    #[error("{param} filter {value:?} is not valid: it needs lt, le, gt or ge followed by a date such as 2021-03-01 or 2021-03-01T08:00:00-05:00")]
    InvalidDateFilter {
        /// `_lastUpdated` or `service-date`.
        param: &'static str,
        /// The refused value.
        value: String,
    },
    /// `_count` outside 1..=50.
    #[error("_count must be between 1 and 50, got {0}")]
    CountOutOfRange(u32),
    /// The FHIR base URL is not `http(s)://host[/prefix]/v{1,2,3}/fhir/`.
    #[error("the FHIR base URL {0:?} is not valid; use e.g. https://sandbox.bluebutton.cms.gov/v2/fhir/")]
    InvalidBase(String),
    /// A resource id outside FHIR's `[A-Za-z0-9-.]{1,64}`.
    #[error("{0:?} is not a valid FHIR resource id")]
    InvalidId(String),
    /// The endpoint exists only on the v3 API (e.g. the digital insurance card).
    #[error("{what} exists only on the v3 API, and this client is on v{version}; make a client on version 3 (sign in with version 3)")]
    RequiresV3 {
        /// The endpoint asked for.
        what: &'static str,
        /// The client's API version number.
        version: u32,
    },
    /// A `_source` value is not a claim source.
    #[error("claim source {0:?} is not valid; use NCH, DDPS, FISS, MCS, VMS or CWF")]
    InvalidSource(String),
    /// A `_tag` value is not one of the five tags.
    #[error("tag {0:?} is not valid; use NationalClaimsHistory, SharedSystem or DDPS (System-Type), or FinalAction or NotFinalAction (Final-Action)")]
    InvalidTag(String),
    /// A v3-only option (`_source`, `_tag`) on a v1/v2 search.
    #[error("{option} is a v3 option: API v{version} has no claim sources or tags; use a v3 session, or leave it out")]
    V3Only {
        /// `_source` or `_tag`.
        option: &'static str,
        /// The version asked for (1 or 2).
        version: u32,
    },
}

impl SearchError {
    /// A stable machine-readable code.
    ///
    /// ```
    /// use bluebutton_core::api::search::SearchError;
    /// assert_eq!(SearchError::CountOutOfRange(51).code(), "count_out_of_range");
    /// ```
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::InvalidType(_) => ErrorCode::InvalidClaimType,
            Self::InvalidDateFilter { .. } => ErrorCode::InvalidDateFilter,
            Self::CountOutOfRange(_) => ErrorCode::CountOutOfRange,
            Self::InvalidBase(_) => ErrorCode::InvalidFhirBase,
            Self::InvalidId(_) => ErrorCode::InvalidResourceId,
            Self::RequiresV3 { .. } | Self::V3Only { .. } => ErrorCode::RequiresV3,
            Self::InvalidSource(_) => ErrorCode::InvalidClaimSource,
            Self::InvalidTag(_) => ErrorCode::InvalidTag,
        }
    }
}

pub use crate::api::env::ApiVersion;

/// A validated `lt`/`le`/`gt`/`ge` date filter.
///
/// ```
/// use bluebutton_core::api::search::DateFilter;
/// assert!(DateFilter::parse("_lastUpdated", "ge2021-01-01").is_ok());
/// assert!(DateFilter::parse("_lastUpdated", "2021-01-01").is_err());
/// assert!(DateFilter::parse("service-date", "eq2021-01-01").is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateFilter(String);

impl DateFilter {
    /// Validates `value` (prefix + FHIR date, dateTime or instant) for `param`.
    ///
    /// ```
    /// use bluebutton_core::api::search::DateFilter;
    /// assert_eq!(DateFilter::parse("service-date", "lt2021-03").unwrap().as_str(), "lt2021-03");
    /// ```
    pub fn parse(param: &'static str, value: &str) -> Result<Self, SearchError> {
        let v = value.trim();
        let bad = || SearchError::InvalidDateFilter {
            param,
            value: value.to_owned(),
        };
        let (prefix, date) = (v.get(..2).ok_or_else(bad)?, v.get(2..).ok_or_else(bad)?);
        if !matches!(prefix, "lt" | "le" | "gt" | "ge") || !is_fhir_datetime(date) {
            return Err(bad());
        }
        Ok(Self(v.to_owned()))
    }

    /// The filter text, e.g. `gt2020-02-13`.
    ///
    /// ```
    /// use bluebutton_core::api::search::DateFilter;
    /// assert_eq!(DateFilter::parse("_lastUpdated", "gt2020").unwrap().as_str(), "gt2020");
    /// ```
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, or `YYYY-MM-DDThh:mm[:ss[.f+]][Z|±hh:mm]`.
fn is_fhir_datetime(s: &str) -> bool {
    if !s.is_ascii() {
        return false;
    }
    let b = s.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|x| x.iter().all(u8::is_ascii_digit));
    let two = |at: usize, max: u32| {
        digits(at..at + 2) && s[at..at + 2].parse::<u32>().is_ok_and(|n| n <= max)
    };
    match b.len() {
        4 => digits(0..4),
        7 => digits(0..4) && b[4] == b'-' && two(5, 12) && &s[5..7] != "00",
        10 => is_fhir_datetime(&s[..7]) && b[7] == b'-' && two(8, 31) && &s[8..10] != "00",
        n if n > 10 => {
            if !(is_fhir_datetime(&s[..10])
                && b[10] == b'T'
                && two(11, 23)
                && b.get(13) == Some(&b':')
                && two(14, 59))
            {
                return false;
            }
            let mut rest = &s[16..];
            if let Some(r) = rest.strip_prefix(':') {
                let sec_ok =
                    r.len() >= 2 && r[..2].bytes().all(|c| c.is_ascii_digit()) && &r[..2] <= "60";
                if !sec_ok {
                    return false;
                }
                rest = &r[2..];
                if let Some(f) = rest.strip_prefix('.') {
                    let n = f.bytes().take_while(u8::is_ascii_digit).count();
                    if n == 0 {
                        return false;
                    }
                    rest = &f[n..];
                }
            }
            match rest.as_bytes() {
                [] | [b'Z'] => true,
                [b'+' | b'-', ..] if rest.len() == 6 => {
                    let z = &rest[1..];
                    z.as_bytes()[2] == b':'
                        && z[..2].parse::<u32>().is_ok_and(|h| h <= 14)
                        && z[3..].parse::<u32>().is_ok_and(|m| m <= 59)
                }
                _ => false,
            }
        }
        _ => false,
    }
}

/// ExplanationOfBenefit search options.
///
/// ```
/// use bluebutton_core::api::search::EobSearch;
/// let q = EobSearch::new().service_date("ge2021-01-01").unwrap().service_date("lt2022-01-01").unwrap();
/// assert_eq!(q.to_query_string(), "service-date=ge2021-01-01&service-date=lt2022-01-01");
/// assert!(EobSearch::new().types("carrier,INVALID-TYPE").is_err());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EobSearch {
    types: Vec<ClaimType>,
    last_updated: Vec<DateFilter>,
    service_date: Vec<DateFilter>,
    count: Option<u32>,
    start_index: Option<u64>,
    sources: Vec<sources::ClaimSource>,
    tags: Vec<sources::Tag>,
}

impl EobSearch {
    /// No filters.
    ///
    /// ```
    /// assert_eq!(bluebutton_core::api::search::EobSearch::new().to_query_string(), "");
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds claim types from a comma list (case-insensitive, blanks ignored).
    ///
    /// ```
    /// use bluebutton_core::api::search::EobSearch;
    /// let q = EobSearch::new().types(" Carrier , dme").unwrap();
    /// assert_eq!(q.to_query_string(), "type=carrier%2Cdme");
    /// ```
    pub fn types(mut self, list: &str) -> Result<Self, SearchError> {
        for part in list.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let t = part
                .parse::<ClaimType>()
                .map_err(|_| SearchError::InvalidType(part.to_owned()))?;
            self = self.claim_type(t);
        }
        Ok(self)
    }

    /// Adds one claim type (duplicates are ignored).
    ///
    /// ```
    /// use bluebutton_core::api::search::EobSearch;
    /// use bluebutton_core::fhir::ClaimType;
    /// assert_eq!(EobSearch::new().claim_type(ClaimType::Snf).to_query_string(), "type=snf");
    /// ```
    pub fn claim_type(mut self, t: ClaimType) -> Self {
        if t != ClaimType::Unknown && !self.types.contains(&t) {
            self.types.push(t);
        }
        self
    }

    /// Adds a `_lastUpdated` filter (repeatable).
    ///
    /// ```
    /// use bluebutton_core::api::search::EobSearch;
    /// assert!(EobSearch::new().last_updated("zz2020-11-22T14:00:00-05:00").is_err());
    /// ```
    pub fn last_updated(mut self, filter: &str) -> Result<Self, SearchError> {
        self.last_updated
            .push(DateFilter::parse("_lastUpdated", filter)?);
        Ok(self)
    }

    /// Adds a `service-date` filter (repeatable).
    ///
    /// ```
    /// use bluebutton_core::api::search::EobSearch;
    /// assert!(EobSearch::new().service_date("le2021-12-31").is_ok());
    /// ```
    pub fn service_date(mut self, filter: &str) -> Result<Self, SearchError> {
        self.service_date
            .push(DateFilter::parse("service-date", filter)?);
        Ok(self)
    }

    /// Sets `_count` (1 to 50).
    ///
    /// ```
    /// use bluebutton_core::api::search::EobSearch;
    /// assert!(EobSearch::new().count(0).is_err());
    /// assert!(EobSearch::new().count(51).is_err());
    /// ```
    pub fn count(mut self, n: u32) -> Result<Self, SearchError> {
        if !(1..=MAX_COUNT).contains(&n) {
            return Err(SearchError::CountOutOfRange(n));
        }
        self.count = Some(n);
        Ok(self)
    }

    /// Sets `startIndex`.
    ///
    /// ```
    /// use bluebutton_core::api::search::EobSearch;
    /// assert_eq!(EobSearch::new().start_index(10).to_query_string(), "startIndex=10");
    /// ```
    pub fn start_index(mut self, n: u64) -> Self {
        self.start_index = Some(n);
        self
    }

    /// The query parameters in a stable order.
    ///
    /// ```
    /// use bluebutton_core::api::search::EobSearch;
    /// let q = EobSearch::new().count(10).unwrap();
    /// assert_eq!(q.to_query(), vec![("_count".to_string(), "10".to_string())]);
    /// ```
    pub fn to_query(&self) -> Vec<(String, String)> {
        let mut q = Vec::new();
        if !self.types.is_empty() {
            let list: Vec<&str> = self.types.iter().map(|t| t.as_str()).collect();
            q.push(("type".to_owned(), list.join(",")));
        }
        for f in &self.last_updated {
            q.push(("_lastUpdated".to_owned(), f.as_str().to_owned()));
        }
        for f in &self.service_date {
            q.push(("service-date".to_owned(), f.as_str().to_owned()));
        }
        q.extend(self.source_pairs());
        if let Some(n) = self.count {
            q.push(("_count".to_owned(), n.to_string()));
        }
        if let Some(n) = self.start_index {
            q.push(("startIndex".to_owned(), n.to_string()));
        }
        q
    }

    /// The query as an `application/x-www-form-urlencoded` string.
    ///
    /// ```
    /// use bluebutton_core::api::search::EobSearch;
    /// assert_eq!(EobSearch::new().last_updated("gt2021-01-01T00:00:00+00:00").unwrap().to_query_string(),
    ///            "_lastUpdated=gt2021-01-01T00%3A00%3A00%2B00%3A00");
    /// ```
    pub fn to_query_string(&self) -> String {
        form_urlencoded::Serializer::new(String::new())
            .extend_pairs(self.to_query())
            .finish()
    }
}

mod endpoints;
pub mod sources;
pub use endpoints::Endpoints;
pub use sources::{ClaimSource, Tag};

#[cfg(test)]
mod tests;
