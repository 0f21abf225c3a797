//! [`Packed`]: a body kept for later, held gzip-compressed (fast level) so a downloaded
//! history's page bodies cost a fraction of their size until an export asks for them.
//!
//! FHIR JSON repeats itself (the same keys, systems and codes on every claim): the bench's
//! synthetic pages pack to a few percent of their size, the recorded CMS pages 8–13× smaller.
//! [`Packed::unpack`] gives the exact bytes back; the gzip trailer's CRC-32 and length are
//! checked on the way out, and the output is capped at the original length.
//!
//! ```
//! use bluebutton_core::http::packed::Packed;
//! let body = br#"{"resourceType":"Bundle","entry":[]}"#.repeat(100);
//! let p = Packed::new(&body);
//! assert!(p.held_bytes() < body.len() / 10);
//! assert_eq!(p.len(), body.len());
//! assert_eq!(p.unpack().unwrap(), body);
//! ```

use miniz_oxide::deflate::compress_to_vec;

use super::gzip::{crc32, inflate_capped, GzipError};

/// miniz_oxide's fast level: most of the size gone at little CPU per page.
const LEVEL: u8 = 1;

/// The fixed gzip member header: magic, deflate, no flags, no mtime, no extra flags, OS unknown.
const HEADER: [u8; 10] = [0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0xff];

/// A body held as one gzip member, with its original length.
///
/// ```
/// use bluebutton_core::http::packed::Packed;
/// let p = Packed::new(b"");
/// assert!(p.is_empty());
/// assert_eq!(p.unpack().unwrap(), b"");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Packed {
    gz: Box<[u8]>,
    len: usize,
}

impl Packed {
    /// Packs `body` (a copy; drop the original to free it).
    ///
    /// ```
    /// use bluebutton_core::http::{gzip::inflate_capped, packed::Packed};
    /// let p = Packed::new(b"hello");
    /// // It is a plain gzip member.
    /// assert_eq!(inflate_capped(p.gzip(), 5).unwrap(), b"hello");
    /// ```
    pub fn new(body: &[u8]) -> Self {
        let deflated = compress_to_vec(body, LEVEL);
        let mut gz = Vec::with_capacity(HEADER.len() + deflated.len() + 8);
        gz.extend_from_slice(&HEADER);
        gz.extend_from_slice(&deflated);
        gz.extend_from_slice(&crc32(body).to_le_bytes());
        // ISIZE is the length modulo 2^32 (RFC 1952 §2.3.1).
        #[allow(clippy::cast_possible_truncation)]
        gz.extend_from_slice(&(body.len() as u32).to_le_bytes());
        Self {
            gz: gz.into_boxed_slice(),
            len: body.len(),
        }
    }

    /// The original bytes, checked against the CRC-32 and length packed with them.
    ///
    /// ```
    /// use bluebutton_core::http::packed::Packed;
    /// assert_eq!(Packed::new(b"{}").unpack().unwrap(), b"{}");
    /// ```
    pub fn unpack(&self) -> Result<Vec<u8>, GzipError> {
        inflate_capped(&self.gz, self.len)
    }

    /// Bytes this value holds (the gzip member).
    ///
    /// ```
    /// use bluebutton_core::http::packed::Packed;
    /// assert_eq!(Packed::new(b"").held_bytes(), 20);
    /// ```
    pub fn held_bytes(&self) -> usize {
        self.gz.len()
    }

    /// The original length.
    ///
    /// ```
    /// assert_eq!(bluebutton_core::http::packed::Packed::new(b"abc").len(), 3);
    /// ```
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the original was empty.
    ///
    /// ```
    /// assert!(!bluebutton_core::http::packed::Packed::new(b"a").is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The gzip member itself (e.g. to hand to a `DecompressionStream` or save as `.json.gz`).
    ///
    /// ```
    /// use bluebutton_core::http::{gzip::is_gzip, packed::Packed};
    /// assert!(is_gzip(Packed::new(b"x").gzip()));
    /// ```
    pub fn gzip(&self) -> &[u8] {
        &self.gz
    }
}

#[cfg(test)]
mod tests;
