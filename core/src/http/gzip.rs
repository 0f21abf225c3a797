//! Capped gzip (RFC 1952) decoding for response bodies that still carry the gzip magic.
//!
//! Browsers decode `Content-Encoding: gzip` before script sees the body, so the core never
//! inflates because a header says so: [`maybe_inflate`] looks only at the first bytes
//! (`1f 8b 08`). The output buffer is allocated once, at the size the gzip trailer states
//! when that size is possible and within the cap; output past it is only counted. So a
//! decompression bomb costs at most `max + one chunk` bytes, and nothing when its trailer
//! is honest about its size. [`promised_size`] tells an inflater outside the core (a
//! browser's `DecompressionStream`) the exact size to stop at.
//!
//! ```
//! use bluebutton_core::http::gzip::{maybe_inflate, DEFAULT_MAX_INFLATED};
//! let plain = br#"{"resourceType":"Bundle"}"#;
//! assert_eq!(&*maybe_inflate(plain, DEFAULT_MAX_INFLATED).unwrap(), &plain[..]);
//! ```

use std::borrow::Cow;

use miniz_oxide::inflate::stream::{inflate, InflateState};
use miniz_oxide::{DataFormat, MZError, MZFlush, MZStatus};

use crate::error_code::ErrorCode;

/// Default cap on inflated output: 256 MiB.
///
/// ```
/// assert_eq!(bluebutton_core::http::gzip::DEFAULT_MAX_INFLATED, 268_435_456);
/// ```
pub const DEFAULT_MAX_INFLATED: usize = 256 * 1024 * 1024;

/// Output chunk size of the streaming inflate loop (64 KiB).
pub(crate) const CHUNK: usize = 64 * 1024;

const FHCRC: u8 = 0x02;
const FEXTRA: u8 = 0x04;
const FNAME: u8 = 0x08;
const FCOMMENT: u8 = 0x10;
const FRESERVED: u8 = 0xE0;

/// Why a gzip body could not be decoded.
///
/// ```
/// use bluebutton_core::http::gzip::{inflate_capped, GzipError};
/// assert_eq!(inflate_capped(b"{}", 10), Err(GzipError::NotGzip));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum GzipError {
    /// The bytes do not start with `1f 8b`.
    #[error("the body is not gzip data (it does not start with 1f 8b)")]
    NotGzip,
    /// Compression method other than deflate (8).
    #[error("unsupported gzip compression method {0} (only deflate, 8, exists)")]
    UnsupportedMethod(u8),
    /// A reserved flag bit is set.
    #[error("gzip header has reserved flag bits set ({0:#04x}); the body is corrupt")]
    ReservedFlags(u8),
    /// The header ended early.
    #[error("gzip header is truncated; the download was cut short, retry it")]
    TruncatedHeader,
    /// The optional header CRC16 did not match.
    #[error("gzip header checksum mismatch; the body is corrupt, retry the download")]
    HeaderCrcMismatch,
    /// The deflate stream is malformed.
    #[error("gzip body is corrupt (invalid deflate data); retry the download")]
    Corrupt,
    /// The deflate stream or the trailer ended early.
    #[error("gzip body is truncated; the download was cut short, retry it")]
    Truncated,
    /// CRC32 of the inflated data differs from the trailer.
    #[error(
        "gzip CRC32 mismatch (expected {expected:#010x}, got {actual:#010x}); retry the download"
    )]
    CrcMismatch {
        /// CRC32 from the trailer.
        expected: u32,
        /// CRC32 of the output.
        actual: u32,
    },
    /// ISIZE in the trailer differs from the output length (mod 2^32).
    #[error(
        "gzip length mismatch (trailer says {expected} bytes, got {actual}); retry the download"
    )]
    LengthMismatch {
        /// ISIZE from the trailer.
        expected: u32,
        /// Output length mod 2^32.
        actual: u32,
    },
    /// Bytes follow the gzip trailer (concatenated members are not accepted either).
    #[error("{0} unexpected bytes follow the gzip data; the body is corrupt")]
    TrailingData(usize),
    /// The inflated output would exceed the cap.
    #[error(
        "the body inflates to more than {max} bytes and was refused (possible decompression bomb)"
    )]
    DecompressedTooLarge {
        /// The cap that was hit.
        max: usize,
    },
}

impl GzipError {
    /// A stable machine-readable code.
    ///
    /// ```
    /// use bluebutton_core::http::gzip::GzipError;
    /// assert_eq!(GzipError::Truncated.code(), "gzip_truncated");
    /// ```
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::NotGzip => ErrorCode::GzipNotGzip,
            Self::UnsupportedMethod(_) => ErrorCode::GzipUnsupportedMethod,
            Self::ReservedFlags(_) => ErrorCode::GzipReservedFlags,
            Self::TruncatedHeader => ErrorCode::GzipTruncatedHeader,
            Self::HeaderCrcMismatch => ErrorCode::GzipHeaderCrcMismatch,
            Self::Corrupt => ErrorCode::GzipCorrupt,
            Self::Truncated => ErrorCode::GzipTruncated,
            Self::CrcMismatch { .. } => ErrorCode::GzipCrcMismatch,
            Self::LengthMismatch { .. } => ErrorCode::GzipLengthMismatch,
            Self::TrailingData(_) => ErrorCode::GzipTrailingData,
            Self::DecompressedTooLarge { .. } => ErrorCode::DecompressedTooLarge,
        }
    }
}

/// True when `bytes` start with the gzip magic and the deflate method byte (`1f 8b 08`).
///
/// ```
/// use bluebutton_core::http::gzip::is_gzip;
/// assert!(is_gzip(&[0x1f, 0x8b, 0x08, 0x00]));
/// assert!(!is_gzip(b"{}"));
/// ```
pub fn is_gzip(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0x1f, 0x8b, 0x08])
}

/// Inflates only when the body starts with the gzip magic; otherwise borrows it unchanged.
///
/// Never decide from `Content-Encoding`: the browser has already decoded it.
///
/// ```
/// use bluebutton_core::http::gzip::maybe_inflate;
/// use std::borrow::Cow;
/// assert!(matches!(maybe_inflate(b"{}", 1024).unwrap(), Cow::Borrowed(_)));
/// ```
pub fn maybe_inflate(bytes: &[u8], max: usize) -> Result<Cow<'_, [u8]>, GzipError> {
    if is_gzip(bytes) {
        inflate_capped(bytes, max).map(Cow::Owned)
    } else {
        Ok(Cow::Borrowed(bytes))
    }
}

/// Decodes one gzip member, refusing output larger than `max` bytes.
///
/// Verifies the header (flags, optional CRC16), the CRC32 and ISIZE trailer, and that no
/// bytes follow the member.
///
/// ```
/// use bluebutton_core::http::gzip::{inflate_capped, GzipError};
/// // `gzip -n` of "hi\n"
/// let gz = [0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0x03, 0xcb, 0xc8, 0xe4, 0x02, 0,
///           0x7a, 0x7a, 0x6f, 0xed, 0x03, 0, 0, 0];
/// assert_eq!(inflate_capped(&gz, 100).unwrap(), b"hi\n");
/// assert_eq!(inflate_capped(&gz, 2), Err(GzipError::DecompressedTooLarge { max: 2 }));
/// ```
pub fn inflate_capped(bytes: &[u8], max: usize) -> Result<Vec<u8>, GzipError> {
    // ISIZE is 32 bits: a longer output cannot be checked, so it is over any cap.
    let max = max.min(u32::MAX as usize);
    let body_start = parse_header(bytes)?;
    let keep = kept_length(bytes, body_start, max);
    let raw = inflate_raw(&bytes[body_start..], max, keep)?;
    let trailer_start = body_start + raw.consumed;
    let trailer = bytes
        .get(trailer_start..trailer_start + 8)
        .ok_or(GzipError::Truncated)?;
    let expected_crc = u32::from_le_bytes([trailer[0], trailer[1], trailer[2], trailer[3]]);
    let expected_len = u32::from_le_bytes([trailer[4], trailer[5], trailer[6], trailer[7]]);
    if raw.out.is_some() && raw.crc != expected_crc {
        return Err(GzipError::CrcMismatch {
            expected: expected_crc,
            actual: raw.crc,
        });
    }
    // ISIZE is the length modulo 2^32 by definition (RFC 1952 §2.3.1); `max` fits in u32.
    #[allow(clippy::cast_possible_truncation)]
    let actual_len = raw.len as u32;
    if actual_len != expected_len {
        return Err(GzipError::LengthMismatch {
            expected: expected_len,
            actual: actual_len,
        });
    }
    let rest = bytes.len() - (trailer_start + 8);
    if rest != 0 {
        return Err(GzipError::TrailingData(rest));
    }
    match raw.out {
        Some(out) => Ok(out),
        // Output past the last four bytes' ISIZE means those bytes were not the trailer,
        // and the checks above refuse that; this arm only keeps the function total.
        None => Err(GzipError::LengthMismatch {
            expected: expected_len,
            actual: actual_len,
        }),
    }
}

/// The output size a gzip member's trailer promises, when an inflater outside the core may
/// take it as its exact output limit: `Some(n)` only when the header parses, the last four
/// bytes (ISIZE) state `0 < n <= max`, and deflate could produce `n` bytes from this input.
///
/// A valid member inflates to exactly `n` bytes, so an inflater that stops (and refuses the
/// body) at `n + 1` never holds more than `n <= max`; a member that does not fit this —
/// a bomb whose trailer tells the truth, an empty one — is left to [`inflate_capped`].
///
/// ```
/// use bluebutton_core::http::gzip::promised_size;
/// // `gzip -n` of "hi\n"
/// let gz = [0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0x03, 0xcb, 0xc8, 0xe4, 0x02, 0,
///           0x7a, 0x7a, 0x6f, 0xed, 0x03, 0, 0, 0];
/// assert_eq!(promised_size(&gz, 100), Some(3));
/// assert_eq!(promised_size(&gz, 2), None); // over the cap
/// assert_eq!(promised_size(b"{}", 100), None); // not gzip
/// ```
pub fn promised_size(bytes: &[u8], max: usize) -> Option<usize> {
    let trailer = bytes.len().checked_sub(4).and_then(|at| bytes.get(at..))?;
    promised_size_of(bytes, bytes.len(), trailer, max)
}

/// [`promised_size`] from the three things it reads: the body's first bytes `head` (the
/// header must lie within them, or this is `None`), its length `len` and its last four bytes
/// `trailer`. The browser shell reads these from a gzip body in JS memory without copying
/// its deflate data into wasm.
///
/// ```
/// use bluebutton_core::http::gzip::promised_size_of;
/// let gz = [0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0x03, 0xcb, 0xc8, 0xe4, 0x02, 0,
///           0x7a, 0x7a, 0x6f, 0xed, 0x03, 0, 0, 0];
/// assert_eq!(promised_size_of(&gz[..12], gz.len(), &gz[gz.len() - 4..], 100), Some(3));
/// assert_eq!(promised_size_of(&gz[..5], gz.len(), &gz[gz.len() - 4..], 100), None); // header cut
/// assert_eq!(promised_size_of(&gz[..12], gz.len(), &gz[..3], 100), None); // no trailer
/// ```
pub fn promised_size_of(head: &[u8], len: usize, trailer: &[u8], max: usize) -> Option<usize> {
    let max = max.min(u32::MAX as usize);
    let body_start = parse_header(head).ok()?;
    let isize: [u8; 4] = trailer.try_into().ok()?;
    if len < 4 {
        return None;
    }
    let deflate_len = len.saturating_sub(body_start + 8);
    match credible_size(u32::from_le_bytes(isize), deflate_len, max) {
        0 => None,
        n => Some(n),
    }
}

/// How many output bytes to keep: the ISIZE in the last four bytes when this member could
/// inflate to it, else 0.
///
/// An input the decoder accepts ends with its trailer, so for every valid member this is
/// exactly the output length: the buffer is allocated once, at its final size, and never
/// grows (a doubling buffer would hold up to twice the cap in a browser's linear memory).
/// When the output outgrows it the member is invalid (wrong ISIZE, trailing bytes) or over
/// the cap, and inflation goes on only counting, to give the exact error without memory.
fn kept_length(bytes: &[u8], body_start: usize, max: usize) -> usize {
    let Some(last) = bytes.len().checked_sub(4).and_then(|at| bytes.get(at..)) else {
        return 0;
    };
    let isize = u32::from_le_bytes([last[0], last[1], last[2], last[3]]);
    credible_size(isize, bytes.len().saturating_sub(body_start + 8), max)
}

/// The trailer's stated size (`isize`) when `deflate_len` bytes of deflate data could produce
/// it within `max`, else 0: deflate expands at most 1032:1 (zlib technical notes), so a larger
/// claim is false. Shared by [`inflate_capped`] and the streaming inflater.
pub(crate) fn credible_size(isize: u32, deflate_len: usize, max: usize) -> usize {
    let isize = isize as usize;
    let possible = deflate_len.saturating_mul(1032).saturating_add(1024);
    if isize <= max && isize <= possible {
        isize
    } else {
        0
    }
}

/// Parses the member header and returns the offset of the deflate data.
pub(crate) fn parse_header(bytes: &[u8]) -> Result<usize, GzipError> {
    if bytes.len() < 2 || bytes[0] != 0x1f || bytes[1] != 0x8b {
        return Err(GzipError::NotGzip);
    }
    let fixed = bytes.get(..10).ok_or(GzipError::TruncatedHeader)?;
    if fixed[2] != 8 {
        return Err(GzipError::UnsupportedMethod(fixed[2]));
    }
    let flags = fixed[3];
    if flags & FRESERVED != 0 {
        return Err(GzipError::ReservedFlags(flags));
    }
    let mut pos = 10;
    if flags & FEXTRA != 0 {
        let len = bytes.get(pos..pos + 2).ok_or(GzipError::TruncatedHeader)?;
        let xlen = usize::from(u16::from_le_bytes([len[0], len[1]]));
        pos += 2 + xlen;
        if pos > bytes.len() {
            return Err(GzipError::TruncatedHeader);
        }
    }
    for flag in [FNAME, FCOMMENT] {
        if flags & flag != 0 {
            let nul = bytes
                .get(pos..)
                .and_then(|rest| rest.iter().position(|&b| b == 0))
                .ok_or(GzipError::TruncatedHeader)?;
            pos += nul + 1;
        }
    }
    if flags & FHCRC != 0 {
        let stored = bytes.get(pos..pos + 2).ok_or(GzipError::TruncatedHeader)?;
        let stored = u16::from_le_bytes([stored[0], stored[1]]);
        // The header CRC16 is the low 16 bits of the CRC32 of the header bytes.
        #[allow(clippy::cast_possible_truncation)]
        let actual = crc32(&bytes[..pos]) as u16;
        if stored != actual {
            return Err(GzipError::HeaderCrcMismatch);
        }
        pos += 2;
    }
    Ok(pos)
}

/// What [`inflate_raw`] produced.
struct Inflated {
    /// The output, when it fitted in the kept length (`None`: only counted).
    out: Option<Vec<u8>>,
    /// Output length.
    len: usize,
    /// CRC-32 of the output (meaningful only when `out` is kept).
    crc: u32,
    /// Input bytes consumed.
    consumed: usize,
}

/// Inflates raw deflate data, keeping at most `keep` output bytes (see [`kept_length`]) and
/// refusing more than `max`.
fn inflate_raw(input: &[u8], max: usize, keep: usize) -> Result<Inflated, GzipError> {
    let mut state = InflateState::new_boxed(DataFormat::Raw);
    let mut chunk = vec![0u8; CHUNK];
    let mut out = Some(Vec::with_capacity(keep));
    let mut len = 0usize;
    let mut crc = CRC_INIT;
    let mut pos = 0;
    loop {
        let res = inflate(&mut state, &input[pos..], &mut chunk, MZFlush::None);
        pos += res.bytes_consumed;
        let written = &chunk[..res.bytes_written];
        if !written.is_empty() {
            len += written.len();
            if len > max {
                return Err(GzipError::DecompressedTooLarge { max });
            }
            if len > keep {
                // The member is invalid or over the cap: count on, skip the CRC.
                out = None;
            } else if let Some(out) = out.as_mut() {
                crc = crc32_update(crc, written);
                out.extend_from_slice(written);
            }
        }
        match res.status {
            Ok(MZStatus::StreamEnd) => {
                return Ok(Inflated {
                    out,
                    len,
                    crc: crc ^ CRC_INIT,
                    consumed: pos,
                })
            }
            Ok(MZStatus::Ok) => {
                if res.bytes_consumed == 0 && written.is_empty() && pos >= input.len() {
                    return Err(GzipError::Truncated);
                }
            }
            Err(MZError::Buf) if pos >= input.len() => return Err(GzipError::Truncated),
            Ok(MZStatus::NeedDict) | Err(_) => return Err(GzipError::Corrupt),
        }
    }
}

/// CRC-32/ISO-HDLC lookup table (polynomial 0xEDB88320, reflected).
const CRC_TABLE: [u32; 256] = {
    let mut table = [0u32; 256];
    let mut i = 0;
    while i < 256 {
        let mut c = i as u32;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 != 0 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
            k += 1;
        }
        table[i] = c;
        i += 1;
    }
    table
};

/// CRC-32 as used by gzip and zip.
///
/// ```
/// use bluebutton_core::http::gzip::crc32;
/// assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
/// ```
pub fn crc32(data: &[u8]) -> u32 {
    crc32_update(CRC_INIT, data) ^ CRC_INIT
}

/// The CRC register's initial value (and final XOR).
pub(crate) const CRC_INIT: u32 = 0xFFFF_FFFF;

/// Feeds `data` into a running CRC-32 register (start from [`CRC_INIT`], XOR it at the end).
pub(crate) fn crc32_update(mut c: u32, data: &[u8]) -> u32 {
    for &b in data {
        c = CRC_TABLE[((c ^ u32::from(b)) & 0xFF) as usize] ^ (c >> 8);
    }
    c
}

#[cfg(test)]
mod tests;
