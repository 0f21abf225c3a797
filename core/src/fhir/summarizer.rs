//! [`ClaimSummarizer`]: the claims summary of a response body fed in chunks, gzip or not.
//!
//! Like `maybe_inflate`, it looks only at the first bytes: a body starting `1f 8b 08` is
//! inflated as it streams ([`GzipStream`], capped at `DEFAULT_MAX_INFLATED`, CRC32 and ISIZE
//! checked at the end), anything else is read as JSON. Either way the JSON goes through
//! [`SummaryStream`], so memory stays one entry plus one 64 KiB output piece.
//!
//! ```
//! use bluebutton_core::fhir::summarizer::ClaimSummarizer;
//! let json = br#"{"resourceType":"Bundle","entry":[{"resource":{"resourceType":"Patient"}}]}"#;
//! let mut s = ClaimSummarizer::new();
//! for chunk in json.chunks(1) {
//!     s.push(chunk).unwrap();
//! }
//! assert_eq!(s.finish().unwrap().other_resources, 1);
//! ```

use super::diagnostics::FhirError;
use super::summary::ClaimSummary;
use super::summary_stream::SummaryStream;
use crate::error_code::ErrorCode;
use crate::http::gzip::{is_gzip, GzipError, DEFAULT_MAX_INFLATED};
use crate::http::gzip_stream::GzipStream;

/// Why a streamed body could not be summarised: its gzip layer or its JSON.
///
/// ```
/// use bluebutton_core::fhir::summarizer::{ClaimSummarizer, SummarizeError};
/// let mut s = ClaimSummarizer::new();
/// s.push(&[0x1f, 0x8b, 0x08, 0]).unwrap();
/// let e = s.finish().unwrap_err();
/// assert!(matches!(e, SummarizeError::Gzip(_)));
/// assert_eq!(e.code(), "gzip_truncated_header");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SummarizeError {
    /// The gzip layer failed (corrupt, cut short, over the cap...).
    #[error(transparent)]
    Gzip(#[from] GzipError),
    /// The JSON is not a readable Bundle.
    #[error(transparent)]
    Fhir(#[from] FhirError),
}

impl SummarizeError {
    /// The stable code of the underlying error.
    ///
    /// ```
    /// use bluebutton_core::fhir::{summarizer::SummarizeError, FhirError};
    /// assert_eq!(SummarizeError::Fhir(FhirError::Empty).code(), "empty_body");
    /// ```
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::Gzip(e) => e.code(),
            Self::Fhir(e) => e.code(),
        }
    }
}

/// How the body is read.
#[derive(Debug)]
enum Layer {
    /// Fewer than three bytes seen: not decided yet.
    Sniffing(Vec<u8>),
    Plain,
    Gzip(Box<GzipStream>),
}

/// The claims summary of one Bundle body fed in chunks (see the module docs).
///
/// Equals `summarize_claims(maybe_inflate(body))`, errors included; after an error every
/// call returns it. Errors outside the entries (an HTML page, trailing garbage) show at
/// [`Self::finish`], and so does every JSON error of a gzip body: as in the old path, a
/// gzip error (corrupt, CRC, over the cap) found later in the body is the one reported.
///
/// ```
/// use bluebutton_core::fhir::summarizer::ClaimSummarizer;
/// let mut s = ClaimSummarizer::new();
/// s.push(b"<html>").unwrap();
/// assert_eq!(s.finish().unwrap_err().code(), "not_json");
/// ```
#[derive(Debug)]
pub struct ClaimSummarizer {
    layer: Layer,
    json: SummaryStream,
    /// A JSON error inside a gzip body, reported once the gzip layer is known to be sound.
    json_failed: Option<FhirError>,
    max_inflated: usize,
    failed: Option<SummarizeError>,
}

impl Default for ClaimSummarizer {
    fn default() -> Self {
        Self::new()
    }
}

impl ClaimSummarizer {
    /// A summariser inflating gzip bodies up to `DEFAULT_MAX_INFLATED` bytes.
    ///
    /// ```
    /// let s = bluebutton_core::fhir::summarizer::ClaimSummarizer::new();
    /// assert_eq!(s.finish().unwrap_err().code(), "empty_body");
    /// ```
    pub fn new() -> Self {
        Self::with_limits(DEFAULT_MAX_INFLATED, SummaryStream::new())
    }

    /// A summariser with its own inflate cap and JSON reader.
    ///
    /// ```
    /// use bluebutton_core::fhir::{summarizer::ClaimSummarizer, summary_stream::SummaryStream};
    /// let s = ClaimSummarizer::with_limits(1024, SummaryStream::with_limit(4096));
    /// assert!(s.finish().is_err());
    /// ```
    pub fn with_limits(max_inflated: usize, json: SummaryStream) -> Self {
        Self {
            layer: Layer::Sniffing(Vec::new()),
            json,
            json_failed: None,
            max_inflated,
            failed: None,
        }
    }

    /// Reads the next chunk of the body.
    ///
    /// ```
    /// use bluebutton_core::fhir::summarizer::ClaimSummarizer;
    /// let mut s = ClaimSummarizer::new();
    /// assert!(s.push(br#"{"resourceType":"Bundle","#).is_ok());
    /// ```
    pub fn push(&mut self, chunk: &[u8]) -> Result<(), SummarizeError> {
        if let Some(e) = &self.failed {
            return Err(e.clone());
        }
        let result = self.feed(chunk);
        if let Err(e) = &result {
            self.failed = Some(e.clone());
        }
        result
    }

    fn feed(&mut self, chunk: &[u8]) -> Result<(), SummarizeError> {
        if let Layer::Sniffing(start) = &mut self.layer {
            if start.len() + chunk.len() < 3 {
                start.extend_from_slice(chunk);
                return Ok(());
            }
            let probe: Vec<u8> = start.iter().chain(chunk).take(3).copied().collect();
            let start = std::mem::take(start);
            self.layer = if is_gzip(&probe) {
                Layer::Gzip(Box::new(GzipStream::new(self.max_inflated)))
            } else {
                Layer::Plain
            };
            if !start.is_empty() {
                self.feed_layer(&start)?;
            }
        }
        self.feed_layer(chunk)
    }

    fn feed_layer(&mut self, chunk: &[u8]) -> Result<(), SummarizeError> {
        let (json, json_failed) = (&mut self.json, &mut self.json_failed);
        match &mut self.layer {
            // The old path inflates the whole body before reading it, so a gzip error wins over
            // a JSON one: after a JSON error the body is still inflated (only checked).
            Layer::Gzip(g) => g.push(chunk, |piece| {
                if json_failed.is_none() {
                    *json_failed = json.push(piece).err();
                }
                Ok::<_, SummarizeError>(())
            }),
            Layer::Plain | Layer::Sniffing(_) => Ok(json.push(chunk)?),
        }
    }

    /// Ends the body and returns its summary; a body cut short is an error.
    ///
    /// ```
    /// use bluebutton_core::fhir::summarizer::ClaimSummarizer;
    /// let mut s = ClaimSummarizer::new();
    /// s.push(br#"{"resourceType":"Bundle","entry":[]}"#).unwrap();
    /// assert_eq!(s.finish().unwrap().claims, 0);
    /// ```
    pub fn finish(mut self) -> Result<ClaimSummary, SummarizeError> {
        if let Some(e) = self.failed {
            return Err(e);
        }
        match self.layer {
            Layer::Sniffing(start) => self.json.push(&start)?,
            Layer::Gzip(g) => g.finish()?,
            Layer::Plain => {}
        }
        if let Some(e) = self.json_failed {
            return Err(e.into());
        }
        Ok(self.json.finish()?)
    }
}

#[cfg(test)]
mod tests;
