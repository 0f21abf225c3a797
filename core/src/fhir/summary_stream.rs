//! A claims summary read from a Bundle's JSON as it arrives, in chunks, with bounded memory.
//!
//! [`SummaryStream`] scans the bytes once, keeping only the string, escape and nesting state.
//! Each element of the top-level `"entry"` array is cut out, read by the same lean reader as
//! [`super::summarize_claims`] and added to a [`SummaryBuilder`], then dropped. Everything
//! else (the Bundle without its entries: `resourceType`, `total`, `link`, `meta`...) is kept as
//! a small "skeleton" document, with the streamed array left as `[]`, and read by serde in
//! [`SummaryStream::finish`]. So the result, and every error, is the old path's: the skeleton
//! is parsed with the same rules, and an `"entry"` the scanner does not stream (`null`, a
//! key spelt with escapes) stays in the skeleton and is read there.
//!
//! Memory: one entry plus the skeleton, each at most `limit` bytes ([`MAX_HELD_BYTES`] by
//! default); more is [`FhirError::TooLarge`] (`response_too_large`).
//!
//! Error positions: the line and column of an error inside an entry, or of a cut-off
//! document, are those of the whole input; a syntax error after the entry array (trailing
//! garbage) counts its position in the skeleton, i.e. without the entries' bytes.
//!
//! ```
//! use bluebutton_core::fhir::summary_stream::SummaryStream;
//! use bluebutton_core::fhir::summarize_claims;
//! let json = br#"{"resourceType":"Bundle","total":1,"entry":[{"resource":{"resourceType":"Patient"}}]}"#;
//! let mut s = SummaryStream::new();
//! for chunk in json.chunks(5) {
//!     s.push(chunk).unwrap();
//! }
//! assert_eq!(s.finish().unwrap(), summarize_claims(json).unwrap());
//!
//! let mut cut = SummaryStream::new();
//! cut.push(&json[..50]).unwrap();
//! assert_eq!(cut.finish().unwrap_err().code(), "truncated_json");
//! ```

use memchr::{memchr2, memchr_iter};
use serde_json::error::Category;

use super::diagnostics::{explain, prepare, FhirError};
use super::summary::{ClaimSummary, SummaryBuilder};
use super::summary_lean::{LeanBundle, LeanEntry};
use super::{Bundle, BundleEntry};

/// Default limit on what a [`SummaryStream`] holds at once: one entry, or the Bundle outside
/// its entries (16 MiB; a real claim is a few kilobytes).
///
/// ```
/// assert_eq!(bluebutton_core::fhir::summary_stream::MAX_HELD_BYTES, 16 * 1024 * 1024);
/// ```
pub const MAX_HELD_BYTES: usize = 16 * 1024 * 1024;

/// Where the scanner is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    /// In the skeleton (outside the streamed entry array).
    Outside,
    /// In the streamed array, between elements.
    Between(Expect),
    /// Inside one element of the streamed array.
    InEntry,
}

/// What may come next between the streamed array's elements.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    /// Just after `[`: an element or `]`.
    First,
    /// After `,`: an element.
    Element,
    /// After an element: `,` or `]`.
    Comma,
}

/// Line and column of the input, counted lazily (one pass over each chunk in all).
#[derive(Debug, Clone, Default)]
struct Cursor {
    /// Newlines before `counted` (in the whole input).
    newlines: usize,
    /// Offset (in the whole input) just after the last newline before `counted`.
    line_start: usize,
    /// Offset of the current chunk in the whole input.
    chunk_start: usize,
    /// Index in the current chunk up to which newlines are counted.
    counted: usize,
}

impl Cursor {
    /// 1-based line and column of index `i` of the current chunk.
    fn at(&mut self, chunk: &[u8], i: usize) -> (usize, usize) {
        let from = self.counted.min(i);
        for k in memchr_iter(b'\n', &chunk[from..i]) {
            self.newlines += 1;
            self.line_start = self.chunk_start + from + k + 1;
        }
        self.counted = i;
        (
            self.newlines + 1,
            self.chunk_start + i - self.line_start + 1,
        )
    }

    /// Moves past a whole chunk.
    fn next_chunk(&mut self, chunk: &[u8]) {
        self.at(chunk, chunk.len());
        self.chunk_start += chunk.len();
        self.counted = 0;
    }
}

/// A push-style claims summariser over one Bundle's JSON bytes (see the module docs).
///
/// Feed it with [`push`](Self::push) in chunks of any size, then call
/// [`finish`](Self::finish); its result equals [`super::summarize_claims`] of the whole input.
/// After an error every further call returns that error.
///
/// ```
/// use bluebutton_core::fhir::summary_stream::SummaryStream;
/// let mut s = SummaryStream::new();
/// s.push(br#"{"resourceType":"Bundle","entry":[{"resource":{"resourceType":"Patient"}}]} x"#).unwrap();
/// assert_eq!(s.finish().unwrap_err().code(), "not_json"); // trailing garbage
/// ```
#[derive(Debug, Clone)]
pub struct SummaryStream {
    builder: SummaryBuilder,
    /// The document without the streamed entries.
    skeleton: Vec<u8>,
    /// The current entry's bytes, when it spans chunks.
    entry: Vec<u8>,
    /// Nesting depth in the skeleton.
    depth: usize,
    /// The closing brackets the current entry still owes, innermost last.
    open: Vec<u8>,
    in_string: bool,
    escaped: bool,
    place: Place,
    /// Index of the next entry.
    entries: usize,
    /// Line and column where the current entry starts.
    entry_at: (usize, usize),
    cursor: Cursor,
    limit: usize,
    failed: Option<FhirError>,
}

impl Default for SummaryStream {
    fn default() -> Self {
        Self::new()
    }
}

impl SummaryStream {
    /// A summariser holding at most [`MAX_HELD_BYTES`] at once.
    ///
    /// ```
    /// let s = bluebutton_core::fhir::summary_stream::SummaryStream::new();
    /// assert_eq!(s.finish().unwrap_err().code(), "empty_body");
    /// ```
    pub fn new() -> Self {
        Self::with_limit(MAX_HELD_BYTES)
    }

    /// A summariser holding at most `limit` bytes at once (one entry, or the Bundle
    /// outside its entries); more is an error `response_too_large`.
    ///
    /// ```
    /// use bluebutton_core::fhir::summary_stream::SummaryStream;
    /// let mut s = SummaryStream::with_limit(40);
    /// let big = br#"{"resourceType":"Bundle","entry":[{"resource":{"resourceType":"Patient","id":"0123456789"}}]}"#;
    /// assert_eq!(s.push(big).unwrap_err().code(), "response_too_large");
    /// ```
    pub fn with_limit(limit: usize) -> Self {
        Self {
            builder: SummaryBuilder::new(),
            skeleton: Vec::new(),
            entry: Vec::new(),
            depth: 0,
            open: Vec::new(),
            in_string: false,
            escaped: false,
            place: Place::Outside,
            entries: 0,
            entry_at: (1, 1),
            cursor: Cursor::default(),
            limit,
            failed: None,
        }
    }

    /// Reads the next chunk of the document.
    ///
    /// ```
    /// use bluebutton_core::fhir::summary_stream::SummaryStream;
    /// let mut s = SummaryStream::new();
    /// s.push(br#"{"resourceType":"Bundle","entry":["#).unwrap();
    /// assert_eq!(s.push(b"7]}").unwrap_err().code(), "unexpected_shape");
    /// ```
    pub fn push(&mut self, chunk: &[u8]) -> Result<(), FhirError> {
        if let Some(e) = &self.failed {
            return Err(e.clone());
        }
        let result = self.scan(chunk);
        self.cursor.next_chunk(chunk);
        if let Err(e) = &result {
            self.failed = Some(e.clone());
        }
        result
    }

    /// Ends the document and returns its summary; a document cut short is an error.
    ///
    /// ```
    /// use bluebutton_core::fhir::summary_stream::SummaryStream;
    /// let mut s = SummaryStream::new();
    /// s.push(br#"{"resourceType":"Bundle","total":3,"entry":[]}"#).unwrap();
    /// assert_eq!(s.finish().unwrap().total, Some(3));
    /// ```
    pub fn finish(mut self) -> Result<ClaimSummary, FhirError> {
        if let Some(e) = self.failed {
            return Err(e);
        }
        if self.place != Place::Outside {
            if let Some(e) = self.unfinished_entry() {
                return Err(e);
            }
            let (line, column) = (self.cursor.newlines + 1, self.column_at_end());
            return Err(FhirError::Truncated { line, column });
        }
        let doc = prepare(&self.skeleton)?;
        let lean: LeanBundle<'_> = serde_json::from_slice(doc).map_err(|e| {
            match explain::<Bundle>(doc, &e) {
                // A cut-off document ends where the input ends.
                FhirError::Truncated { .. } => FhirError::Truncated {
                    line: self.cursor.newlines + 1,
                    column: self.column_at_end(),
                },
                other => other,
            }
        })?;
        if lean.resource_type.as_deref() != Some("Bundle") {
            return Err(FhirError::WrongResourceType {
                expected: "Bundle",
                found: lean.resource_type.map(|c| c.into_owned()),
            });
        }
        self.builder.page(lean.total);
        for entry in &lean.entry {
            self.builder.add_lean_entry(entry);
        }
        Ok(self.builder.finish())
    }

    /// serde_json's column of a cut-off document: its last line's length.
    fn column_at_end(&self) -> usize {
        self.cursor.chunk_start - self.cursor.line_start
    }

    fn scan(&mut self, chunk: &[u8]) -> Result<(), FhirError> {
        let mut i = 0;
        while i < chunk.len() {
            i = match self.place {
                Place::Outside => self.outside(chunk, i)?,
                Place::Between(expect) => self.between(chunk, i, expect)?,
                Place::InEntry => self.in_entry(chunk, i)?,
            };
        }
        Ok(())
    }

    /// Skips string content from `i`; returns the index after the closing quote, or the
    /// chunk's end when the string goes on.
    fn string_end(&mut self, b: &[u8], mut i: usize) -> usize {
        while i < b.len() {
            if self.escaped {
                self.escaped = false;
                i += 1;
                continue;
            }
            let Some(k) = memchr2(b'"', b'\\', &b[i..]) else {
                return b.len();
            };
            i += k + 1;
            if b[i - 1] == b'\\' {
                self.escaped = true;
            } else {
                self.in_string = false;
                return i;
            }
        }
        b.len()
    }

    /// Copies the skeleton's bytes from `start` until the streamed entry array opens. A run
    /// of whitespace outside strings is kept as one byte, so padding costs no memory.
    fn outside(&mut self, b: &[u8], start: usize) -> Result<usize, FhirError> {
        let mut from = start;
        let mut i = start;
        while i < b.len() {
            if self.in_string {
                i = self.string_end(b, i);
                continue;
            }
            match b[i] {
                b'"' => self.in_string = true,
                b'{' => self.depth += 1,
                b'[' if self.depth == 1 => {
                    self.hold_skeleton(&b[from..=i])?;
                    self.depth += 1;
                    if after_entry_key(&self.skeleton[..self.skeleton.len() - 1]) {
                        self.check_prefix()?;
                        self.place = Place::Between(Expect::First);
                    }
                    return Ok(i + 1);
                }
                b'[' => self.depth += 1,
                b'}' | b']' => self.depth = self.depth.saturating_sub(1),
                b' ' | b'\n' | b'\r' | b'\t' => {
                    let held_ws = i == from && self.skeleton.last().is_some_and(is_ws);
                    let prev_ws = i > from && is_ws(&b[i - 1]);
                    if held_ws || prev_ws {
                        self.hold_skeleton(&b[from..i])?;
                        from = i + 1;
                    }
                }
                _ => {}
            }
            i += 1;
        }
        self.hold_skeleton(&b[from..])?;
        Ok(b.len())
    }

    /// Before any entry is read, the document up to its entry array must be a valid start
    /// of a Bundle: its errors come first in the document, so the old path reports them.
    fn check_prefix(&mut self) -> Result<(), FhirError> {
        self.skeleton.extend_from_slice(b"]}");
        let result = prepare(&self.skeleton).and_then(|doc| {
            serde_json::from_slice::<LeanBundle<'_>>(doc)
                .map(drop)
                .map_err(|e| explain::<Bundle>(doc, &e))
        });
        self.skeleton.truncate(self.skeleton.len() - 2);
        result
    }

    /// Reads separators of the streamed array from `i`.
    fn between(&mut self, b: &[u8], mut i: usize, expect: Expect) -> Result<usize, FhirError> {
        while i < b.len() && matches!(b[i], b' ' | b'\n' | b'\r' | b'\t') {
            i += 1;
        }
        let Some(&c) = b.get(i) else {
            return Ok(i);
        };
        match (c, expect) {
            (b']', Expect::First | Expect::Comma) => {
                self.hold_skeleton(b"]")?;
                self.depth -= 1;
                self.place = Place::Outside;
                Ok(i + 1)
            }
            (b',', Expect::Comma) => {
                self.place = Place::Between(Expect::Element);
                Ok(i + 1)
            }
            (_, Expect::First | Expect::Element) if c != b']' && c != b',' => {
                self.entry_at = self.cursor.at(b, i);
                self.entry_in_chunk(b, i)
            }
            _ => {
                let (line, column) = self.cursor.at(b, i);
                let message = match expect {
                    Expect::Comma => "expected `,` or `]`",
                    Expect::Element if c == b']' => "trailing comma",
                    _ => "expected value",
                };
                Err(FhirError::NotJson {
                    message: message.to_owned(),
                    line,
                    column,
                })
            }
        }
    }

    /// The fast path: reads the entry starting at `i` straight from the chunk, letting serde
    /// find its end. An entry the chunk cuts short is left to [`Self::in_entry`].
    fn entry_in_chunk(&mut self, b: &[u8], i: usize) -> Result<usize, FhirError> {
        let mut de = serde_json::Deserializer::from_slice(&b[i..]).into_iter::<LeanEntry<'_>>();
        match de.next() {
            Some(Ok(entry)) => {
                self.check(de.byte_offset())?;
                self.builder.add_lean_entry(&entry);
                self.entries += 1;
                self.place = Place::Between(Expect::Comma);
                Ok(i + de.byte_offset())
            }
            Some(Err(e)) if e.classify() != Category::Eof => Err(self.entry_error(&b[i..], &e)),
            // Cut short by the chunk's end: read on byte by byte.
            _ => {
                self.place = Place::InEntry;
                self.open.clear();
                Ok(i)
            }
        }
    }

    /// Reads the current entry from `start` until it ends (or the chunk does).
    fn in_entry(&mut self, b: &[u8], start: usize) -> Result<usize, FhirError> {
        let mut i = start;
        while i < b.len() {
            if self.in_string {
                i = self.string_end(b, i);
                if !self.in_string && self.open.is_empty() {
                    return self.entry_done(b, start, i);
                }
                continue;
            }
            match b[i] {
                b'"' => self.in_string = true,
                b'{' => self.open.push(b'}'),
                b'[' => self.open.push(b']'),
                // The entry ends with its last bracket, or at a mismatched one (`[1}`), which
                // serde then reports as the old path does.
                c @ (b'}' | b']') if !self.open.is_empty() => {
                    let matched = self.open.pop() == Some(c);
                    if !matched || self.open.is_empty() {
                        return self.entry_done(b, start, i + 1);
                    }
                }
                // A scalar element ends before a separator.
                b',' | b']' | b' ' | b'\n' | b'\r' | b'\t' if self.open.is_empty() => {
                    return self.entry_done(b, start, i);
                }
                _ => {}
            }
            i += 1;
        }
        if let Err(e) = self.hold(&b[start..], false) {
            return Err(self.unfinished_entry().unwrap_or(e));
        }
        Ok(b.len())
    }

    /// The old path's error inside an entry that never ends, if the bytes held show one: a
    /// stray quote can make the scanner read the rest of the document as that entry, where
    /// serde stops at the first bad token.
    fn unfinished_entry(&self) -> Option<FhirError> {
        if self.place != Place::InEntry {
            return None;
        }
        match serde_json::from_slice::<LeanEntry<'_>>(&self.entry) {
            Err(e) if e.classify() != Category::Eof => Some(self.entry_error(&self.entry, &e)),
            _ => None,
        }
    }

    /// The entry ends at `end`: reads it, adds it, drops it.
    fn entry_done(&mut self, b: &[u8], start: usize, end: usize) -> Result<usize, FhirError> {
        let held = std::mem::take(&mut self.entry);
        let bytes = if held.is_empty() {
            self.check(end - start)?;
            &b[start..end]
        } else {
            self.entry = held;
            self.hold(&b[start..end], false)?;
            &self.entry[..]
        };
        match serde_json::from_slice::<LeanEntry<'_>>(bytes) {
            Ok(entry) => self.builder.add_lean_entry(&entry),
            Err(e) => return Err(self.entry_error(bytes, &e)),
        }
        self.entry.clear();
        self.entries += 1;
        self.place = Place::Between(Expect::Comma);
        Ok(end)
    }

    /// The old path's error for a bad entry: its position in the whole input, its JSON path
    /// from the Bundle (`entry[3].resource...`).
    fn entry_error(&self, bytes: &[u8], e: &serde_json::Error) -> FhirError {
        let (line0, col0) = self.entry_at;
        let line = line0 + e.line().saturating_sub(1);
        let column = if e.line() <= 1 {
            col0 + e.column().saturating_sub(1)
        } else {
            e.column()
        };
        match explain::<BundleEntry>(bytes, e) {
            FhirError::NotJson { message, .. } => FhirError::NotJson {
                message,
                line,
                column,
            },
            FhirError::Truncated { .. } => FhirError::Truncated { line, column },
            FhirError::Shape { path, message } if cfg!(target_arch = "wasm32") => {
                let _ = path;
                FhirError::Shape {
                    path: format!("line {line}, column {column}"),
                    message,
                }
            }
            FhirError::Shape { path, message } => {
                let n = self.entries;
                let path = match path.as_str() {
                    "." => format!("entry[{n}]"),
                    p => format!("entry[{n}].{p}"),
                };
                FhirError::Shape { path, message }
            }
            other => other,
        }
    }

    fn hold_skeleton(&mut self, bytes: &[u8]) -> Result<(), FhirError> {
        self.hold(bytes, true)
    }

    /// Appends to the skeleton or the current entry, within the limit.
    fn hold(&mut self, bytes: &[u8], skeleton: bool) -> Result<(), FhirError> {
        let buf = if skeleton {
            &self.skeleton
        } else {
            &self.entry
        };
        self.check(buf.len() + bytes.len())?;
        let buf = if skeleton {
            &mut self.skeleton
        } else {
            &mut self.entry
        };
        buf.extend_from_slice(bytes);
        Ok(())
    }

    fn check(&self, len: usize) -> Result<(), FhirError> {
        if len > self.limit {
            return Err(FhirError::TooLarge { max: self.limit });
        }
        Ok(())
    }
}

fn is_ws(c: &u8) -> bool {
    matches!(c, b' ' | b'\n' | b'\r' | b'\t')
}

/// True when the skeleton (at depth 1, outside strings) ends with the key `"entry":`.
///
/// The quote before `entry` opens the key: it follows `{` or `,` (an escaped quote would
/// follow a backslash).
fn after_entry_key(s: &[u8]) -> bool {
    let trim = |s: &[u8]| -> usize {
        s.iter()
            .rposition(|c| !matches!(c, b' ' | b'\n' | b'\r' | b'\t'))
            .map_or(0, |p| p + 1)
    };
    let s = &s[..trim(s)];
    let Some(s) = s.strip_suffix(b":") else {
        return false;
    };
    let s = &s[..trim(s)];
    let Some(s) = s.strip_suffix(b"\"entry\"") else {
        return false;
    };
    matches!(s[..trim(s)].last(), Some(b'{' | b','))
}

#[cfg(test)]
mod tests;
