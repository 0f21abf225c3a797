#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

use super::*;
use crate::fhir::summarize_claims;
use crate::http::gzip::{crc32, maybe_inflate};

const DIR: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../shared/fixtures/bluebutton"
);

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut out = vec![0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0xff];
    out.extend_from_slice(&miniz_oxide::deflate::compress_to_vec(data, 6));
    out.extend_from_slice(&crc32(data).to_le_bytes());
    out.extend_from_slice(&(data.len() as u32).to_le_bytes());
    out
}

fn streamed(body: &[u8], size: usize) -> Result<ClaimSummary, SummarizeError> {
    let mut s = ClaimSummarizer::new();
    for chunk in body.chunks(size.max(1)) {
        s.push(chunk)?;
    }
    s.finish()
}

/// The old path: `summarize_claims(maybe_inflate(body))`.
fn old(body: &[u8]) -> Result<ClaimSummary, SummarizeError> {
    let json = maybe_inflate(body, DEFAULT_MAX_INFLATED)?;
    Ok(summarize_claims(&json)?)
}

/// The fixture with the most claims (or `None`, with a notice, when `../shared` is absent).
fn fixture() -> Option<Vec<u8>> {
    fn walk(dir: &Path, best: &mut Option<(u64, Vec<u8>)>) {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, best);
                continue;
            }
            let bytes = std::fs::read(&p).unwrap();
            if let Ok(s) = summarize_claims(&bytes) {
                if best.as_ref().is_none_or(|(n, _)| s.claims > *n) {
                    *best = Some((s.claims, bytes));
                }
            }
        }
    }
    if !Path::new(DIR).is_dir() {
        println!("SKIP: {DIR} not found (../shared/fixtures is absent)");
        return None;
    }
    let mut best = None;
    walk(Path::new(DIR), &mut best);
    best.map(|(_, b)| b)
}

#[test]
fn plain_and_gzip_bodies_equal_the_old_path() {
    let Some(json) = fixture() else { return };
    let gz = gzip(&json);
    for size in [1, 2, 3, 7, 4096, 1 << 20] {
        assert_eq!(streamed(&json, size), old(&json), "plain, chunks of {size}");
        assert_eq!(streamed(&gz, size), old(&gz), "gzip, chunks of {size}");
    }
    assert!(old(&gz).unwrap().claims > 0);
}

#[test]
fn gzip_errors_come_through_and_no_summary_is_partial() {
    let json = br#"{"resourceType":"Bundle","entry":[{"resource":{"resourceType":"Patient"}}]}"#;
    let gz = gzip(json);
    let mut bad_crc = gz.clone();
    let n = bad_crc.len();
    bad_crc[n - 6] ^= 0x10;
    let cut = &gz[..gz.len() - 3];
    let mut trailing = gz.clone();
    trailing.push(b'\n');
    for (name, body, code) in [
        ("crc", &bad_crc[..], "gzip_crc_mismatch"),
        ("cut", cut, "gzip_truncated"),
        ("trailing", &trailing[..], "gzip_trailing_data"),
        ("magic only", &gz[..3], "gzip_truncated_header"),
    ] {
        for size in [1, 4, body.len()] {
            let e = streamed(body, size).unwrap_err();
            assert_eq!(e.code().as_str(), code, "{name}, chunks of {size}");
            assert_eq!(e, old(body).unwrap_err(), "{name}");
        }
    }
    // JSON errors inside a gzip body, and a gzip error after one: the gzip error wins, as in
    // the old path (which inflates first).
    let bad = gzip(br#"{"resourceType":"Bundle","entry":[}"#);
    assert_eq!(streamed(&bad, 5).unwrap_err().code().as_str(), "not_json");
    let mut both = gzip(br#"{"resourceType":"Bundle","entry":[7]}"#);
    assert_eq!(
        streamed(&both, 5).unwrap_err().code().as_str(),
        "unexpected_shape"
    );
    let n = both.len();
    both[n - 8] ^= 1;
    for size in [1, 5, both.len()] {
        assert_eq!(streamed(&both, size).unwrap_err(), old(&both).unwrap_err());
        assert_eq!(
            streamed(&both, size).unwrap_err().code().as_str(),
            "gzip_crc_mismatch"
        );
    }
}

#[test]
fn a_gzip_bomb_is_refused_at_the_cap() {
    // 8 MiB of whitespace after a valid Bundle, with a cap of 1 MiB: the padding never
    // reaches the JSON reader's limit, the inflate cap stops it.
    let head = br#"{"resourceType":"Bundle","entry":[]}"#;
    let mut data = head.to_vec();
    data.resize(8 << 20, b' ');
    let gz = gzip(&data);
    let max = 1 << 20;
    let mut s = ClaimSummarizer::with_limits(max, SummaryStream::with_limit(1024));
    let e = gz.chunks(1 << 16).try_for_each(|c| s.push(c)).unwrap_err();
    assert_eq!(
        e,
        SummarizeError::Gzip(GzipError::DecompressedTooLarge { max })
    );
    assert_eq!(
        s.finish().unwrap_err().code().as_str(),
        "decompressed_too_large"
    );
    // Under the cap, the same padding is fine.
    let mut s = ClaimSummarizer::with_limits(16 << 20, SummaryStream::with_limit(1024));
    gz.chunks(1 << 16).try_for_each(|c| s.push(c)).unwrap();
    assert_eq!(s.finish().unwrap().pages, 1);
}

#[test]
fn short_bodies_are_read_as_json() {
    for body in [&b""[..], b" ", b"{", b"\x1f", b"\x1f\x8b", b"{}"] {
        assert_eq!(
            streamed(body, 1).unwrap_err().code(),
            old(body).unwrap_err().code(),
            "{body:?}"
        );
    }
}
