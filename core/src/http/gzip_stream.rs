//! Capped gzip (RFC 1952) decoding of a body that arrives in chunks, handing the output on
//! in 64 KiB pieces instead of collecting it.
//!
//! The checks are [`super::gzip::inflate_capped`]'s: header (method, reserved flags, CRC16),
//! the cap on output (`decompressed_too_large` as soon as it is passed, so a bomb costs one
//! output piece), CRC32 and ISIZE of the trailer and no bytes after it. The trailer is only
//! known at the end, so the consumer must wait for [`GzipStream::finish`] before trusting
//! what it was handed.
//!
//! ```
//! use bluebutton_core::http::gzip_stream::GzipStream;
//! // `gzip -n` of "hi\n"
//! let gz = [0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0x03, 0xcb, 0xc8, 0xe4, 0x02, 0,
//!           0x7a, 0x7a, 0x6f, 0xed, 0x03, 0, 0, 0];
//! let mut out = Vec::new();
//! let mut g = GzipStream::new(100);
//! for chunk in gz.chunks(2) {
//!     g.push(chunk, |piece| { out.extend_from_slice(piece); Ok::<_, bluebutton_core::http::gzip::GzipError>(()) }).unwrap();
//! }
//! g.finish().unwrap();
//! assert_eq!(out, b"hi\n");
//! ```

use miniz_oxide::inflate::stream::{inflate, InflateState};
use miniz_oxide::{DataFormat, MZError, MZFlush, MZStatus};

use super::gzip::{crc32_update, credible_size, parse_header, GzipError, CHUNK, CRC_INIT};

/// Longest gzip header accepted (extra field, name and comment included): 1 MiB.
const MAX_HEADER: usize = 1024 * 1024;

/// Where the decoder is in the member.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    Header,
    Body,
    Trailer,
}

/// A streaming, capped gzip decoder (see the module docs).
///
/// ```
/// use bluebutton_core::http::gzip_stream::GzipStream;
/// let g = GzipStream::new(1024);
/// assert_eq!(g.finish().unwrap_err().code(), "gzip_truncated_header");
/// ```
pub struct GzipStream {
    state: Box<InflateState>,
    stage: Stage,
    /// Header bytes until the header parses.
    header: Vec<u8>,
    /// The output piece.
    out: Vec<u8>,
    /// Output length so far.
    len: usize,
    crc: u32,
    /// The trailer's first 8 bytes.
    trailer: Vec<u8>,
    /// Bytes after the trailer.
    extra: usize,
    /// Input bytes so far, the last four of them, and where the deflate data starts: the
    /// inputs of `inflate_capped`'s rule for when the CRC is checked (see `finish`).
    total_in: usize,
    last4: [u8; 4],
    body_start: usize,
    max: usize,
}

impl std::fmt::Debug for GzipStream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GzipStream")
            .field("stage", &self.stage)
            .field("len", &self.len)
            .field("max", &self.max)
            .finish_non_exhaustive()
    }
}

impl GzipStream {
    /// A decoder refusing more than `max` output bytes.
    ///
    /// ```
    /// let g = bluebutton_core::http::gzip_stream::GzipStream::new(10);
    /// assert_eq!(g.inflated(), 0);
    /// ```
    pub fn new(max: usize) -> Self {
        Self {
            state: InflateState::new_boxed(DataFormat::Raw),
            stage: Stage::Header,
            header: Vec::new(),
            out: vec![0; CHUNK],
            len: 0,
            crc: CRC_INIT,
            trailer: Vec::with_capacity(8),
            extra: 0,
            total_in: 0,
            last4: [0; 4],
            body_start: 0,
            // ISIZE is 32 bits: a longer output cannot be checked, so it is over any cap.
            max: max.min(u32::MAX as usize),
        }
    }

    /// Output bytes handed on so far.
    ///
    /// ```
    /// assert_eq!(bluebutton_core::http::gzip_stream::GzipStream::new(1).inflated(), 0);
    /// ```
    pub fn inflated(&self) -> usize {
        self.len
    }

    /// Decodes the next chunk of the gzip body, handing each output piece to `sink`.
    ///
    /// ```
    /// use bluebutton_core::http::gzip::GzipError;
    /// use bluebutton_core::http::gzip_stream::GzipStream;
    /// let mut g = GzipStream::new(10);
    /// let err = g.push(&[0x1f, 0x8b, 0x07, 0, 0, 0, 0, 0, 0, 0], |_| Ok::<_, GzipError>(()));
    /// assert_eq!(err, Err(GzipError::UnsupportedMethod(7)));
    /// ```
    pub fn push<E: From<GzipError>>(
        &mut self,
        input: &[u8],
        mut sink: impl FnMut(&[u8]) -> Result<(), E>,
    ) -> Result<(), E> {
        self.total_in += input.len();
        for &b in input.iter().rev().take(4).rev() {
            self.last4 = [self.last4[1], self.last4[2], self.last4[3], b];
        }
        let held: Vec<u8>;
        let mut input = input;
        if self.stage == Stage::Header {
            let copied = !self.header.is_empty();
            if copied {
                self.header.extend_from_slice(input);
            }
            let whole = if copied { &self.header[..] } else { input };
            let parsed = match parse_header(whole) {
                // Under two bytes, the magic itself is still to come.
                Err(GzipError::NotGzip) if whole.len() < 2 => Err(GzipError::TruncatedHeader),
                parsed => parsed,
            };
            match parsed {
                Ok(start) if copied => {
                    self.body_start = start;
                    let mut rest = std::mem::take(&mut self.header);
                    rest.drain(..start);
                    held = rest;
                    input = &held;
                }
                Ok(start) => {
                    self.body_start = start;
                    input = &input[start..];
                }
                Err(GzipError::TruncatedHeader) => {
                    if !copied {
                        self.header.extend_from_slice(input);
                    }
                    if self.header.len() > MAX_HEADER {
                        return Err(GzipError::Corrupt.into());
                    }
                    return Ok(());
                }
                Err(e) => return Err(e.into()),
            }
            self.stage = Stage::Body;
        }
        if self.stage == Stage::Body {
            let used = self.inflate(input, &mut sink)?;
            input = &input[used..];
        }
        if self.stage == Stage::Trailer {
            let take = input.len().min(8 - self.trailer.len());
            self.trailer.extend_from_slice(&input[..take]);
            self.extra += input.len() - take;
        }
        Ok(())
    }

    /// Inflates from `input` until it needs more; returns the bytes consumed.
    fn inflate<E: From<GzipError>>(
        &mut self,
        input: &[u8],
        sink: &mut impl FnMut(&[u8]) -> Result<(), E>,
    ) -> Result<usize, E> {
        let mut pos = 0;
        loop {
            let res = inflate(&mut self.state, &input[pos..], &mut self.out, MZFlush::None);
            pos += res.bytes_consumed;
            let written = &self.out[..res.bytes_written];
            if !written.is_empty() {
                self.len += written.len();
                if self.len > self.max {
                    return Err(GzipError::DecompressedTooLarge { max: self.max }.into());
                }
                self.crc = crc32_update(self.crc, written);
                sink(written)?;
            }
            match res.status {
                Ok(MZStatus::StreamEnd) => {
                    self.stage = Stage::Trailer;
                    return Ok(pos);
                }
                Ok(MZStatus::Ok) if res.bytes_consumed > 0 || res.bytes_written > 0 => {}
                // No progress: it needs the next chunk.
                Ok(MZStatus::Ok) | Err(MZError::Buf) => return Ok(pos),
                Ok(MZStatus::NeedDict) | Err(_) => return Err(GzipError::Corrupt.into()),
            }
        }
    }

    /// Ends the body: the member must be complete, its CRC32 and ISIZE right, nothing after it.
    ///
    /// ```
    /// use bluebutton_core::http::gzip::GzipError;
    /// use bluebutton_core::http::gzip_stream::GzipStream;
    /// let gz = [0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0x03, 0xcb, 0xc8, 0xe4, 0x02, 0,
    ///           0x7a, 0x7a, 0x6f, 0xed, 0x03, 0, 0, 0];
    /// let mut g = GzipStream::new(100);
    /// g.push(&gz[..20], |_| Ok::<_, GzipError>(())).unwrap();
    /// assert_eq!(g.finish(), Err(GzipError::Truncated));
    /// ```
    pub fn finish(self) -> Result<(), GzipError> {
        match self.stage {
            Stage::Header => return Err(GzipError::TruncatedHeader),
            Stage::Body => return Err(GzipError::Truncated),
            Stage::Trailer => {}
        }
        let t = &self.trailer;
        if t.len() < 8 {
            return Err(GzipError::Truncated);
        }
        // As `inflate_capped`: the CRC counts only when the output fits the size the input's
        // last four bytes state (else the member is wrong in length or followed by bytes).
        let crc_checked = self.len <= self.kept_length();
        let expected = u32::from_le_bytes([t[0], t[1], t[2], t[3]]);
        let actual = self.crc ^ CRC_INIT;
        if crc_checked && expected != actual {
            return Err(GzipError::CrcMismatch { expected, actual });
        }
        let expected = u32::from_le_bytes([t[4], t[5], t[6], t[7]]);
        // ISIZE is the length modulo 2^32 (RFC 1952 §2.3.1); `max` fits in u32.
        #[allow(clippy::cast_possible_truncation)]
        let actual = self.len as u32;
        if expected != actual {
            return Err(GzipError::LengthMismatch { expected, actual });
        }
        if self.extra != 0 {
            return Err(GzipError::TrailingData(self.extra));
        }
        if !crc_checked {
            return Err(GzipError::LengthMismatch { expected, actual });
        }
        Ok(())
    }

    /// `gzip::kept_length` of the whole input: the size its last four bytes state, when
    /// deflate could produce it within the cap, else 0.
    fn kept_length(&self) -> usize {
        if self.total_in < 4 {
            return 0;
        }
        let deflate_len = self.total_in.saturating_sub(self.body_start + 8);
        credible_size(u32::from_le_bytes(self.last4), deflate_len, self.max)
    }
}

#[cfg(test)]
mod tests;
