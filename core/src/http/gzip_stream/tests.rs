#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use super::*;
use crate::http::gzip::{crc32, inflate_capped};

/// A gzip member (with a file name, so the header has a variable part).
fn gzip(data: &[u8]) -> Vec<u8> {
    let mut out = vec![0x1f, 0x8b, 0x08, 0x08, 0, 0, 0, 0, 0, 0xff];
    out.extend_from_slice(b"eob.json\0");
    out.extend_from_slice(&miniz_oxide::deflate::compress_to_vec(data, 6));
    out.extend_from_slice(&crc32(data).to_le_bytes());
    out.extend_from_slice(&(data.len() as u32).to_le_bytes());
    out
}

/// Streams `gz` in chunks of `size`; returns the output and the result.
fn run(gz: &[u8], size: usize, max: usize) -> (Vec<u8>, Result<(), GzipError>) {
    let mut out = Vec::new();
    let mut g = GzipStream::new(max);
    for chunk in gz.chunks(size.max(1)) {
        let r = g.push(chunk, |piece| {
            out.extend_from_slice(piece);
            Ok::<_, GzipError>(())
        });
        if let Err(e) = r {
            return (out, Err(e));
        }
    }
    (out, g.finish())
}

fn sample() -> Vec<u8> {
    (0..20_000u32)
        .flat_map(|i| format!("{{\"n\":{},\"s\":\"{}\"}},", i * 7919 % 1000, i % 13).into_bytes())
        .collect()
}

#[test]
fn equals_inflate_capped_for_every_chunking() {
    let data = sample();
    let gz = gzip(&data);
    for size in [1, 2, 7, 13, 4096, 65_536, gz.len()] {
        let (out, r) = run(&gz, size, 1 << 30);
        r.unwrap();
        assert_eq!(
            out,
            inflate_capped(&gz, 1 << 30).unwrap(),
            "chunks of {size}"
        );
    }
    let (out, r) = run(&gzip(b""), 1, 10);
    assert_eq!((out.len(), r), (0, Ok(())));
}

#[test]
fn errors_are_those_of_inflate_capped() {
    let data = sample();
    let gz = gzip(&data);
    let mut bad_crc = gz.clone();
    let n = bad_crc.len();
    bad_crc[n - 8] ^= 1;
    let mut bad_len = gz.clone();
    bad_len[n - 4] ^= 1;
    let mut trailing = gz.clone();
    trailing.extend_from_slice(b"xyz");
    let mut corrupt = gz.clone();
    corrupt[19] = 0xff; // the first deflate block header (after the 19-byte header)
    corrupt[20] = 0xff;
    let mut both = gz.clone();
    both[n - 8] ^= 1;
    both[n - 4] = both[n - 4].wrapping_sub(1); // ISIZE one short and a wrong CRC
    let mut crc_and_trailing = bad_crc_copy(&gz);
    crc_and_trailing.extend_from_slice(&[0, 0, 0, 0]);
    let mut huge_isize = gz.clone();
    huge_isize[n - 1] = 0xff;
    let mut method = gz.clone();
    method[2] = 7;
    let mut reserved = gz.clone();
    reserved[3] |= 0x20;
    for (name, bad) in [
        ("crc", bad_crc),
        ("isize", bad_len),
        ("trailing", trailing),
        ("corrupt", corrupt),
        ("method", method),
        ("crc and isize", both),
        ("crc and trailing", crc_and_trailing),
        ("huge isize", huge_isize),
        ("reserved", reserved),
    ] {
        let old = inflate_capped(&bad, 1 << 30).unwrap_err();
        for size in [1, 5, 4096, bad.len()] {
            assert_eq!(
                run(&bad, size, 1 << 30).1.unwrap_err(),
                old,
                "{name}, chunks of {size}"
            );
        }
    }
}

#[test]
fn a_cut_body_is_an_error_at_every_length() {
    let gz = gzip(br#"{"resourceType":"Bundle","entry":[]}"#);
    for len in 0..gz.len() {
        let err = run(&gz[..len], 3, 1 << 20).1.unwrap_err();
        assert!(
            matches!(err, GzipError::Truncated | GzipError::TruncatedHeader),
            "{len}: {err:?}"
        );
    }
}

#[test]
fn a_bomb_stops_at_the_cap_holding_one_piece() {
    let zeros = vec![0u8; 8 << 20];
    let gz = gzip(&zeros);
    let max = 1 << 20;
    let mut seen = 0;
    let mut g = GzipStream::new(max);
    let r = g.push(&gz, |piece| {
        seen += piece.len();
        Ok::<_, GzipError>(())
    });
    assert_eq!(r, Err(GzipError::DecompressedTooLarge { max }));
    assert!(seen <= max, "{seen} bytes were handed on past the cap");
    // Exactly at the cap passes.
    let (out, r) = run(&gzip(&zeros[..max]), 4096, max);
    assert_eq!((out.len(), r), (max, Ok(())));
}

#[test]
fn sink_errors_stop_the_stream() {
    #[derive(Debug, PartialEq)]
    struct Stop;
    impl From<GzipError> for Stop {
        fn from(_: GzipError) -> Self {
            Stop
        }
    }
    let gz = gzip(&sample());
    let mut g = GzipStream::new(1 << 30);
    assert_eq!(g.push(&gz, |_| Err(Stop)), Err(Stop));
}

#[test]
fn an_overlong_header_is_refused() {
    let mut gz = vec![0x1f, 0x8b, 0x08, 0x08, 0, 0, 0, 0, 0, 0xff];
    gz.extend(std::iter::repeat_n(b'a', MAX_HEADER + 10));
    let mut g = GzipStream::new(10);
    assert_eq!(
        g.push(&gz, |_| Ok::<_, GzipError>(())),
        Err(GzipError::Corrupt)
    );
}

fn bad_crc_copy(gz: &[u8]) -> Vec<u8> {
    let mut v = gz.to_vec();
    let n = v.len();
    v[n - 8] ^= 1;
    v
}

#[test]
fn an_empty_member_with_a_wrong_crc_is_refused() {
    let mut gz = gzip(b"");
    let n = gz.len();
    gz[n - 8] ^= 1;
    assert_eq!(run(&gz, 1, 10).1, inflate_capped(&gz, 10).map(drop));
}
