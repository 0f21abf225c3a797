//! Any bytes → `inflate_capped(bytes, 1 MiB)` and `maybe_inflate` (checklist R31): never
//! panics, output never exceeds the cap, `maybe_inflate` leaves non-gzip bodies untouched.
//! The same bytes, gzip-compressed here, must round-trip exactly (or hit the cap).
#![no_main]

use std::borrow::Cow;

use bluebutton_core::http::gzip::{crc32, inflate_capped, is_gzip, maybe_inflate, GzipError};
use bluebutton_core::http::{HttpResponse, Transport};
use libfuzzer_sys::fuzz_target;

const CAP: usize = 1024 * 1024;

fn gzip(data: &[u8], level: u8) -> Vec<u8> {
    let mut out = vec![0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0xff];
    out.extend(miniz_oxide::deflate::compress_to_vec(data, level));
    out.extend(crc32(data).to_le_bytes());
    #[allow(clippy::cast_possible_truncation)]
    out.extend((data.len() as u32).to_le_bytes());
    out
}

fuzz_target!(|data: &[u8]| {
    let cap = if data.first() == Some(&0x1f) {
        CAP
    } else {
        1 + data.len() / 2
    };
    match inflate_capped(data, cap) {
        Ok(out) => assert!(out.len() <= cap),
        Err(e) => {
            assert!(!e.code().as_str().is_empty());
            if let GzipError::DecompressedTooLarge { max } = e {
                assert_eq!(max, cap);
            }
        }
    }
    for max in [0, 16, CAP] {
        match maybe_inflate(data, max) {
            Ok(Cow::Borrowed(b)) => {
                assert!(!is_gzip(data));
                assert_eq!(b, data);
            }
            Ok(Cow::Owned(out)) => {
                assert!(is_gzip(data));
                assert!(out.len() <= max);
            }
            Err(_) => assert!(is_gzip(data)),
        }
    }

    // The transport-aware decoder: a browser never inflates because of the header (the
    // result is `maybe_inflate`'s); a native transport trusts `Content-Encoding: gzip`.
    let response = HttpResponse::new(
        200,
        vec![("Content-Encoding".into(), "gzip".into())],
        data.to_vec(),
    );
    let browser = response.decoded_body(Transport::Browser, CAP);
    assert_eq!(browser, maybe_inflate(data, CAP));
    match response.decoded_body(Transport::Native, CAP) {
        Ok(out) => {
            assert!(out.len() <= CAP);
            assert_eq!(Ok(&*out), inflate_capped(data, CAP).as_deref());
        }
        Err(e) => assert_eq!(Err(e), inflate_capped(data, CAP)),
    }

    // Round trip: our own gzip of the input inflates back to it (or is refused by the cap).
    let level = data.first().map_or(6, |b| b % 11);
    let packed = gzip(data, level);
    assert_eq!(inflate_capped(&packed, CAP).as_deref(), Ok(data));
    if !data.is_empty() {
        assert_eq!(
            inflate_capped(&packed, data.len() - 1),
            Err(GzipError::DecompressedTooLarge {
                max: data.len() - 1
            })
        );
        // Any truncation is an error, never a short success.
        let cut = packed.len() - 1 - usize::from(data[0]) % (packed.len() - 10);
        assert!(inflate_capped(&packed[..cut], CAP).is_err());
    }
});
