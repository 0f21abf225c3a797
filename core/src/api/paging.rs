//! Paging plans for ExplanationOfBenefit searches. Pure: the shell fetches, this decides.
//!
//! - **Sequential** ([`SequentialPager`]): follow `next` links. Every link is checked with
//!   [`crate::http::origin`] (a link on another origin is refused, so the token never leaves
//!   the API origin), a repeated link is a [`PagingError::Loop`], and the page count is bounded.
//! - **Concurrent** ([`plan_pages`]): on v1/v2, `Bundle.total` is the full result count, so
//!   after the first page every remaining `startIndex` is known and pages can be fetched in
//!   parallel. v3 (total absent while pages remain) and pages without a total go sequential.
//! - [`assemble`] joins pages in order, drops duplicate resources, and checks the count
//!   against `total`: a short history is an error, never silent.
//!
//! ```
//! use bluebutton_core::api::paging::{plan_pages, PagingPlan};
//! use bluebutton_core::fhir::parse_bundle;
//! use bluebutton_core::api::search::ApiVersion;
//! let first = parse_bundle(br#"{"resourceType":"Bundle","total":120,"entry":[]}"#).unwrap();
//! let url = "https://sandbox.bluebutton.cms.gov/v2/fhir/ExplanationOfBenefit/?_count=50";
//! let PagingPlan::Concurrent(urls) = plan_pages(url, &first, ApiVersion::V2).unwrap() else { panic!() };
//! assert_eq!(urls.len(), 2);
//! assert!(urls[1].as_str().ends_with("_count=50&startIndex=100"));
//! ```

use std::collections::HashSet;

use crate::api::search::ApiVersion;
use crate::error_code::ErrorCode;
use crate::fhir::{Bundle, BundleEntry};
use crate::http::http_url::HttpUrl;
use crate::http::origin::{check_against_with, parse_base_with, OriginError};
use crate::http::url_parts::{UrlParser, WhatwgUrl};

/// Page bound when the total is unknown (100 pages of 50 = 5000 claims).
///
/// ```
/// assert_eq!(bluebutton_core::api::paging::DEFAULT_MAX_PAGES, 100);
/// ```
pub const DEFAULT_MAX_PAGES: u32 = 100;
/// BB2's default page size when `_count` is absent.
///
/// ```
/// assert_eq!(bluebutton_core::api::paging::DEFAULT_PAGE_SIZE, 10);
/// ```
pub const DEFAULT_PAGE_SIZE: u32 = 10;

/// Why paging stopped.
///
/// ```
/// use bluebutton_core::api::paging::PagingError;
/// let e = PagingError::CountMismatch { expected: 52, got: 50, duplicates: 0 };
/// assert!(e.to_string().contains("incomplete"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PagingError {
    /// A `next` link (or a page URL) is not on the API origin.
    #[error("a paging link was refused: {0}")]
    Origin(#[from] OriginError),
    /// The same `next` URL came back again.
    #[error(
        "the server returned a paging link already followed ({0}); paging stopped to avoid a loop"
    )]
    Loop(String),
    /// More pages than the bound.
    #[error("more than {0} pages; paging stopped. Narrow the search (type, service-date) or raise the limit")]
    TooManyPages(u32),
    /// The page size in the first URL is not 1..=50.
    #[error("page size {0} is not between 1 and 50")]
    BadPageSize(u64),
    /// The assembled history does not match `Bundle.total`.
    #[error("the claims history is incomplete: the server reported {expected} resources but {got} distinct ones arrived ({duplicates} duplicates dropped); retry the download")]
    CountMismatch {
        /// `Bundle.total`.
        expected: u64,
        /// Distinct resources received.
        got: u64,
        /// Duplicates dropped.
        duplicates: u64,
    },
}

impl PagingError {
    /// A stable machine-readable code.
    ///
    /// ```
    /// use bluebutton_core::api::paging::PagingError;
    /// assert_eq!(PagingError::Loop("u".into()).code(), "paging_loop");
    /// ```
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::Origin(_) => ErrorCode::PagingLinkOffOrigin,
            Self::Loop(_) => ErrorCode::PagingLoop,
            Self::TooManyPages(_) => ErrorCode::TooManyPages,
            Self::BadPageSize(_) => ErrorCode::BadPageSize,
            Self::CountMismatch { .. } => ErrorCode::CountMismatch,
        }
    }
}

/// A page bound: pages implied by `total` plus a margin of 2, or [`DEFAULT_MAX_PAGES`].
///
/// ```
/// use bluebutton_core::api::paging::max_pages_for;
/// assert_eq!(max_pages_for(Some(52), 10), 8);
/// assert_eq!(max_pages_for(None, 10), 100);
/// ```
pub fn max_pages_for(total: Option<u64>, page_size: u32) -> u32 {
    match total {
        Some(t) => {
            let pages = t.div_ceil(u64::from(page_size.max(1))).saturating_add(2);
            u32::try_from(pages).unwrap_or(u32::MAX)
        }
        None => DEFAULT_MAX_PAGES,
    }
}

/// Loop-detection key: the URL with its query pairs sorted (reordering cannot evade it).
fn url_key(url: &HttpUrl) -> String {
    let mut pairs: Vec<(String, String)> = url.query_pairs().into_owned().collect();
    pairs.sort();
    // Re-encoded, so the key is unambiguous whatever the decoded pairs hold.
    let query = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish();
    let bare = url.with_path_query(url.path(), None);
    format!("{}?{query}", bare.as_str().trim_end_matches('/'))
}

/// Follows `next` links one page at a time.
///
/// ```
/// use bluebutton_core::api::paging::SequentialPager;
/// let base = "https://sandbox.bluebutton.cms.gov/v2/fhir/";
/// let mut p = SequentialPager::new(base, "ExplanationOfBenefit/?_count=10", 10).unwrap();
/// let next = p.next(Some("https://sandbox.bluebutton.cms.gov/v2/fhir/ExplanationOfBenefit?_count=10&startIndex=10")).unwrap();
/// assert!(next.is_some());
/// assert_eq!(p.next(Some("https://evil.example/steal")).unwrap_err().code(), "paging_link_off_origin");
/// ```
#[derive(Debug, Clone)]
pub struct SequentialPager<P: UrlParser = WhatwgUrl> {
    urls: P,
    base: HttpUrl,
    seen: HashSet<String>,
    pages: u32,
    max_pages: u32,
}

impl SequentialPager {
    /// Starts at `first_url` (absolute or relative to `base`), allowing `max_pages` pages.
    ///
    /// ```
    /// use bluebutton_core::api::paging::SequentialPager;
    /// assert!(SequentialPager::new("https://sandbox.bluebutton.cms.gov/v2/fhir/", "http://testserver/x", 5).is_err());
    /// ```
    pub fn new(base: &str, first_url: &str, max_pages: u32) -> Result<Self, PagingError> {
        Self::new_with(WhatwgUrl, base, first_url, max_pages)
    }
}

impl<P: UrlParser> SequentialPager<P> {
    /// [`SequentialPager::new`] with the given WHATWG parser (the browser shell passes the
    /// browser's `URL`), used for every `next` link too.
    ///
    /// ```
    /// use bluebutton_core::{api::paging::SequentialPager, http::url_parts::WhatwgUrl};
    /// let p = SequentialPager::new_with(WhatwgUrl, "https://sandbox.bluebutton.cms.gov/v2/fhir/", "Patient/", 3);
    /// assert_eq!(p.unwrap().pages(), 1);
    /// ```
    pub fn new_with(
        urls: P,
        base: &str,
        first_url: &str,
        max_pages: u32,
    ) -> Result<Self, PagingError> {
        let base = parse_base_with(&urls, base)?;
        let first = check_against_with(&urls, &base, first_url)?;
        let mut seen = HashSet::new();
        seen.insert(url_key(&first));
        Ok(Self {
            urls,
            base,
            seen,
            pages: 1,
            max_pages,
        })
    }

    /// Pages planned so far (the first included).
    ///
    /// ```
    /// use bluebutton_core::api::paging::SequentialPager;
    /// let p = SequentialPager::new("https://sandbox.bluebutton.cms.gov/v2/fhir/", "Patient/", 1).unwrap();
    /// assert_eq!(p.pages(), 1);
    /// ```
    pub fn pages(&self) -> u32 {
        self.pages
    }

    /// Given the `next` link of the page just received, the URL to fetch next, or `None` when
    /// done.
    ///
    /// ```
    /// use bluebutton_core::api::paging::SequentialPager;
    /// let mut p = SequentialPager::new("https://sandbox.bluebutton.cms.gov/v2/fhir/", "Patient/", 1).unwrap();
    /// assert_eq!(p.next(None).unwrap(), None);
    /// ```
    pub fn next(&mut self, next_link: Option<&str>) -> Result<Option<HttpUrl>, PagingError> {
        let Some(link) = next_link.filter(|l| !l.trim().is_empty()) else {
            return Ok(None);
        };
        let url = check_against_with(&self.urls, &self.base, link)?;
        if !self.seen.insert(url_key(&url)) {
            return Err(PagingError::Loop(url.into()));
        }
        if self.pages >= self.max_pages {
            return Err(PagingError::TooManyPages(self.max_pages));
        }
        self.pages += 1;
        Ok(Some(url))
    }

    /// [`SequentialPager::next`] with the `next` link of `page`.
    ///
    /// ```
    /// use bluebutton_core::{fhir::Bundle, api::paging::SequentialPager};
    /// let mut p = SequentialPager::new("https://sandbox.bluebutton.cms.gov/v2/fhir/", "Patient/", 1).unwrap();
    /// assert_eq!(p.next_from(&Bundle::default()).unwrap(), None);
    /// ```
    pub fn next_from(&mut self, page: &Bundle) -> Result<Option<HttpUrl>, PagingError> {
        self.next(page.next_link())
    }
}

/// How to fetch the rest of a search after its first page.
///
/// ```
/// use bluebutton_core::api::paging::PagingPlan;
/// assert_eq!(PagingPlan::Done, PagingPlan::Done);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PagingPlan {
    /// The first page holds everything.
    Done,
    /// Follow `next` links with a [`SequentialPager`].
    Sequential,
    /// Fetch these URLs (any order, then [`assemble`] in this order after the first page).
    Concurrent(Vec<HttpUrl>),
}

/// Plans the remaining pages from the first page and the URL it was fetched from.
///
/// Concurrent only for v1/v2 with a `total`; the page size is `_count` of `first_url` (10 when
/// absent) and offsets continue from its `startIndex`. Every planned URL keeps the origin,
/// path and other parameters of `first_url`.
///
/// ```
/// use bluebutton_core::api::paging::{plan_pages, PagingPlan};
/// use bluebutton_core::{fhir::Bundle, api::search::ApiVersion};
/// let page = Bundle { total: Some(5), ..Default::default() };
/// let url = "https://sandbox.bluebutton.cms.gov/v3/fhir/ExplanationOfBenefit/";
/// assert_eq!(plan_pages(url, &page, ApiVersion::V3).unwrap(), PagingPlan::Done);
/// ```
pub fn plan_pages(
    first_url: &str,
    first: &Bundle,
    version: ApiVersion,
) -> Result<PagingPlan, PagingError> {
    plan_pages_with(&WhatwgUrl, first_url, first, version)
}

/// [`plan_pages`] with the given WHATWG parser (the browser shell passes the browser's `URL`).
///
/// ```
/// use bluebutton_core::api::paging::{plan_pages_with, PagingPlan};
/// use bluebutton_core::{fhir::Bundle, api::search::ApiVersion, http::url_parts::WhatwgUrl};
/// let url = "https://sandbox.bluebutton.cms.gov/v2/fhir/ExplanationOfBenefit/";
/// let plan = plan_pages_with(&WhatwgUrl, url, &Bundle::default(), ApiVersion::V2).unwrap();
/// assert_eq!(plan, PagingPlan::Done);
/// ```
pub fn plan_pages_with(
    urls: &impl UrlParser,
    first_url: &str,
    first: &Bundle,
    version: ApiVersion,
) -> Result<PagingPlan, PagingError> {
    let url = parse_base_with(urls, first_url)?;
    let has_next = first.next_link().is_some();
    let total = match (version, first.total) {
        (ApiVersion::V3, _) | (_, None) => {
            return Ok(if has_next {
                PagingPlan::Sequential
            } else {
                PagingPlan::Done
            });
        }
        (_, Some(t)) => t,
    };
    let param = |name: &str| {
        url.query_pairs()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.into_owned())
    };
    let size = match param("_count") {
        Some(v) => v
            .trim()
            .parse::<u64>()
            .map_err(|_| PagingError::BadPageSize(0))?,
        None => u64::from(DEFAULT_PAGE_SIZE),
    };
    if !(1..=50).contains(&size) {
        return Err(PagingError::BadPageSize(size));
    }
    let start = param("startIndex")
        .and_then(|v| v.trim().parse::<u64>().ok())
        .unwrap_or(0);
    let offsets: Vec<u64> = (1..)
        .map_while(|k: u64| start.checked_add(k.checked_mul(size)?))
        .take_while(|&o| o < total)
        .take(10_001)
        .collect();
    if offsets.is_empty() {
        return Ok(PagingPlan::Done);
    }
    if offsets.len() > 10_000 {
        return Err(PagingError::TooManyPages(10_000));
    }
    let urls = offsets
        .into_iter()
        .map(|o| {
            let kept: Vec<(String, String)> = url
                .query_pairs()
                .filter(|(k, _)| k != "startIndex" && k != "_count")
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect();
            let query = form_urlencoded::Serializer::new(String::new())
                .extend_pairs(kept)
                .append_pair("_count", &size.to_string())
                .append_pair("startIndex", &o.to_string())
                .finish();
            url.with_path_query(url.path(), Some(&query))
        })
        .collect();
    Ok(PagingPlan::Concurrent(urls))
}

/// De-duplication key of an entry: `resourceType/id`, else `fullUrl`, else none.
fn entry_key(e: &BundleEntry) -> Option<String> {
    match &e.resource {
        Some(r) if r.id().is_some() => Some(format!(
            "{}/{}",
            r.resource_type(),
            r.id().unwrap_or_default()
        )),
        _ => e.full_url.clone(),
    }
}

/// Joins pages in order, dropping repeated resources, and checks the count against
/// `expected_total` (the first page's `total` when `None`). Without any total, no check.
///
/// ```
/// use bluebutton_core::{fhir::parse_bundle, api::paging::assemble};
/// let p = |s: &str| parse_bundle(s.as_bytes()).unwrap();
/// let a = p(r#"{"resourceType":"Bundle","total":2,"entry":[{"resource":{"resourceType":"Patient","id":"1"}}]}"#);
/// let b = p(r#"{"resourceType":"Bundle","total":2,"entry":[{"resource":{"resourceType":"Patient","id":"1"}}]}"#);
/// assert_eq!(assemble(vec![a.clone(), b], None).unwrap_err().code(), "count_mismatch");
/// let c = p(r#"{"resourceType":"Bundle","total":2,"entry":[{"resource":{"resourceType":"Patient","id":"2"}}]}"#);
/// assert_eq!(assemble(vec![a, c], None).unwrap().len(), 2);
/// ```
pub fn assemble(
    pages: Vec<Bundle>,
    expected_total: Option<u64>,
) -> Result<Vec<BundleEntry>, PagingError> {
    let expected = expected_total.or_else(|| pages.first().and_then(|p| p.total));
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    let mut duplicates = 0u64;
    for entry in pages.into_iter().flat_map(|p| p.entry) {
        let fresh = entry_key(&entry).is_none_or(|k| seen.insert(k));
        if fresh {
            out.push(entry);
        } else {
            duplicates += 1;
        }
    }
    let got = out.len() as u64;
    match expected {
        Some(t) if t != got => Err(PagingError::CountMismatch {
            expected: t,
            got,
            duplicates,
        }),
        _ => Ok(out),
    }
}

/// Where each resource [`assemble`] would keep sits: `(page, entry)` indexes into `pages`, in
/// order, repeats dropped (the first copy wins), checked against `expected_total` when given
/// (unlike [`assemble`], no total is read from the pages: pass the first page's to check it).
///
/// For a shell that keeps the pages and builds claims from them later, or on another thread.
///
/// ```
/// use bluebutton_core::{fhir::parse_bundle, api::paging::assemble_positions};
/// let p = |s: &str| parse_bundle(s.as_bytes()).unwrap();
/// let a = p(r#"{"resourceType":"Bundle","entry":[{"resource":{"resourceType":"Patient","id":"1"}}]}"#);
/// let b = p(r#"{"resourceType":"Bundle","entry":[{"resource":{"resourceType":"Patient","id":"1"}},{"resource":{"resourceType":"Patient","id":"2"}}]}"#);
/// assert_eq!(assemble_positions(&[a.clone(), b.clone()], None).unwrap(), vec![(0, 0), (1, 1)]);
/// assert_eq!(assemble_positions(&[a, b], Some(3)).unwrap_err().code(), "count_mismatch");
/// ```
pub fn assemble_positions(
    pages: &[Bundle],
    expected_total: Option<u64>,
) -> Result<Vec<(usize, usize)>, PagingError> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    let mut duplicates = 0u64;
    for (p, page) in pages.iter().enumerate() {
        for (e, entry) in page.entry.iter().enumerate() {
            if entry_key(entry).is_none_or(|k| seen.insert(k)) {
                out.push((p, e));
            } else {
                duplicates += 1;
            }
        }
    }
    let got = out.len() as u64;
    match expected_total {
        Some(t) if t != got => Err(PagingError::CountMismatch {
            expected: t,
            got,
            duplicates,
        }),
        _ => Ok(out),
    }
}

#[cfg(test)]
mod tests;
