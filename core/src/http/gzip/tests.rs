#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use super::*;
use proptest::prelude::*;

/// Builds a gzip member around raw deflate data made by miniz_oxide.
fn gzip_with(data: &[u8], flags: u8, extra: &[u8]) -> Vec<u8> {
    let mut out = vec![0x1f, 0x8b, 0x08, flags, 0, 0, 0, 0, 0, 0xff];
    if flags & FEXTRA != 0 {
        out.extend_from_slice(&u16::try_from(extra.len()).unwrap().to_le_bytes());
        out.extend_from_slice(extra);
    }
    if flags & FNAME != 0 {
        out.extend_from_slice(b"eob.json\0");
    }
    if flags & FCOMMENT != 0 {
        out.extend_from_slice(b"a comment\0");
    }
    if flags & FHCRC != 0 {
        let c = crc32(&out) as u16;
        out.extend_from_slice(&c.to_le_bytes());
    }
    out.extend_from_slice(&miniz_oxide::deflate::compress_to_vec(data, 6));
    out.extend_from_slice(&crc32(data).to_le_bytes());
    out.extend_from_slice(&(data.len() as u32).to_le_bytes());
    out
}

fn gzip(data: &[u8]) -> Vec<u8> {
    gzip_with(data, 0, &[])
}

#[test]
fn round_trips_with_every_header_flag() {
    let data = br#"{"resourceType":"Bundle","entry":[]}"#.repeat(100);
    for flags in [
        0,
        FEXTRA,
        FNAME,
        FCOMMENT,
        FHCRC,
        FEXTRA | FNAME | FCOMMENT | FHCRC,
        0x01,
    ] {
        let gz = gzip_with(&data, flags, b"AB\x02\x00hi");
        assert_eq!(
            inflate_capped(&gz, 1 << 20).unwrap(),
            data,
            "flags {flags:#x}"
        );
    }
}

#[test]
fn empty_payload() {
    assert_eq!(inflate_capped(&gzip(b""), 0).unwrap(), b"");
}

#[test]
fn header_errors() {
    let cases: Vec<(Vec<u8>, GzipError)> = vec![
        (b"{}".to_vec(), GzipError::NotGzip),
        (vec![], GzipError::NotGzip),
        (vec![0x1f, 0x8b], GzipError::TruncatedHeader),
        (
            vec![0x1f, 0x8b, 0x07, 0, 0, 0, 0, 0, 0, 0],
            GzipError::UnsupportedMethod(7),
        ),
        (
            vec![0x1f, 0x8b, 8, 0x20, 0, 0, 0, 0, 0, 0],
            GzipError::ReservedFlags(0x20),
        ),
        (
            vec![0x1f, 0x8b, 8, FEXTRA, 0, 0, 0, 0, 0, 0, 9, 0, 1],
            GzipError::TruncatedHeader,
        ),
        (
            vec![0x1f, 0x8b, 8, FNAME, 0, 0, 0, 0, 0, 0, b'a'],
            GzipError::TruncatedHeader,
        ),
        (
            vec![0x1f, 0x8b, 8, FHCRC, 0, 0, 0, 0, 0, 0, 0],
            GzipError::TruncatedHeader,
        ),
    ];
    for (input, want) in cases {
        assert_eq!(inflate_capped(&input, 100), Err(want), "{input:?}");
    }
}

#[test]
fn header_crc_mismatch() {
    let mut gz = gzip_with(b"hello", FHCRC, &[]);
    gz[10] ^= 0xff;
    assert_eq!(inflate_capped(&gz, 100), Err(GzipError::HeaderCrcMismatch));
}

#[test]
fn crc_and_isize_are_checked() {
    let data = b"hello world hello world";
    let mut gz = gzip(data);
    let n = gz.len();
    gz[n - 8] ^= 1;
    assert!(matches!(
        inflate_capped(&gz, 100),
        Err(GzipError::CrcMismatch { .. })
    ));
    let mut gz = gzip(data);
    gz[n - 4] ^= 1;
    assert_eq!(
        inflate_capped(&gz, 100),
        Err(GzipError::LengthMismatch {
            expected: 22,
            actual: 23
        })
    );
}

#[test]
fn truncation_at_every_length_is_an_error() {
    let data = b"{\"a\":[1,2,3,4,5,6,7,8,9]}".repeat(50);
    let gz = gzip(&data);
    for cut in 0..gz.len() {
        let err = inflate_capped(&gz[..cut], 1 << 20).unwrap_err();
        assert!(
            matches!(
                err,
                GzipError::Truncated | GzipError::TruncatedHeader | GzipError::NotGzip
            ),
            "cut {cut}: {err:?}"
        );
    }
}

#[test]
fn trailing_garbage_and_second_member_are_refused() {
    let mut gz = gzip(b"data");
    gz.extend_from_slice(b"xyz");
    assert_eq!(inflate_capped(&gz, 100), Err(GzipError::TrailingData(3)));
    let mut two = gzip(b"a");
    two.extend_from_slice(&gzip(b"b"));
    assert!(matches!(
        inflate_capped(&two, 100),
        Err(GzipError::TrailingData(_))
    ));
}

#[test]
fn corrupt_deflate_is_an_error() {
    // Block type 3 is reserved.
    let gz = [
        0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0, 0x07, 0, 0, 0, 0, 0, 0, 0, 0,
    ];
    assert_eq!(inflate_capped(&gz, 100), Err(GzipError::Corrupt));
}

#[test]
fn bomb_is_refused_within_the_cap() {
    let zeros = vec![0u8; 8 * 1024 * 1024];
    let gz = gzip(&zeros);
    assert!(gz.len() < 64 * 1024, "bomb is small: {}", gz.len());
    let cap = 1024 * 1024;
    assert_eq!(
        inflate_capped(&gz, cap),
        Err(GzipError::DecompressedTooLarge { max: cap })
    );
    assert_eq!(inflate_capped(&gz, zeros.len()).unwrap().len(), zeros.len());
}

#[test]
fn promised_size_is_a_valid_member_s_exact_output_within_the_cap() {
    let data = vec![b'a'; 10_000];
    let gz = gzip(&data);
    // Every header flag: the promise is the output length.
    for flags in [
        0,
        FEXTRA,
        FNAME,
        FCOMMENT,
        FHCRC,
        FEXTRA | FNAME | FCOMMENT | FHCRC,
    ] {
        let member = gzip_with(&data, flags, b"xy");
        assert_eq!(
            promised_size(&member, 1 << 20),
            Some(10_000),
            "flags {flags:#x}"
        );
        assert_eq!(inflate_capped(&member, 10_000).unwrap().len(), 10_000);
    }
    // Over the cap, or more than deflate could make of this input: left to inflate_capped.
    assert_eq!(promised_size(&gz, 9_999), None);
    let mut impossible = gz.clone();
    let at = impossible.len() - 4;
    impossible[at..].copy_from_slice(&u32::MAX.to_le_bytes());
    assert_eq!(promised_size(&impossible, usize::MAX), None);
    // An empty member promises nothing to read; a broken header, nothing at all.
    assert_eq!(promised_size(&gzip(b""), 1 << 20), None);
    assert_eq!(promised_size(&gz[..5], 1 << 20), None);
    assert_eq!(promised_size(b"{}", 1 << 20), None);
}

#[test]
fn nested_gzip_is_inflated_once() {
    let inner = gzip(b"{}");
    let outer = gzip(&inner);
    let once = maybe_inflate(&outer, 1000).unwrap();
    assert_eq!(&*once, &inner[..]);
}

#[test]
fn maybe_inflate_only_on_magic() {
    assert!(matches!(
        maybe_inflate(b"[]", 10).unwrap(),
        Cow::Borrowed(_)
    ));
    assert!(matches!(
        maybe_inflate(&gzip(b"[]"), 10).unwrap(),
        Cow::Owned(_)
    ));
    // 1f 8b with another method byte is not treated as gzip.
    assert!(matches!(
        maybe_inflate(&[0x1f, 0x8b, 0x07], 10).unwrap(),
        Cow::Borrowed(_)
    ));
}

#[test]
fn codes_are_stable() {
    assert_eq!(
        GzipError::DecompressedTooLarge { max: 1 }.code(),
        "decompressed_too_large"
    );
    assert_eq!(GzipError::TrailingData(1).code(), "gzip_trailing_data");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn never_panics_and_respects_cap(bytes in proptest::collection::vec(any::<u8>(), 0..600), cap in 0usize..4096) {
        if let Ok(out) = inflate_capped(&bytes, cap) {
            prop_assert!(out.len() <= cap);
        }
    }

    #[test]
    fn mutated_gzip_never_panics(data in proptest::collection::vec(any::<u8>(), 0..300), idx in any::<usize>(), bit in 0u8..8, cap in 0usize..1000) {
        let mut gz = gzip(&data);
        let i = idx % gz.len();
        gz[i] ^= 1 << bit;
        if let Ok(out) = inflate_capped(&gz, cap) {
            prop_assert!(out.len() <= cap);
        }
    }

    #[test]
    fn round_trip(data in proptest::collection::vec(any::<u8>(), 0..2000)) {
        prop_assert_eq!(inflate_capped(&gzip(&data), data.len()).unwrap(), data);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    /// The split form reads the same size from a prefix holding the header, the length and the
    /// last four bytes as `promised_size` from the whole body (any flags, mutated bytes, any
    /// cap), and says nothing when the prefix cuts the header.
    #[test]
    fn promised_size_of_parts_equals_the_whole(
        data in proptest::collection::vec(any::<u8>(), 0..400),
        flags in 0u8..32,
        flip in proptest::option::of((any::<usize>(), 0u8..8)),
        head in 0usize..64,
        cap in 0usize..1000,
    ) {
        let mut gz = gzip_with(&data, flags & (FEXTRA | FNAME | FCOMMENT | FHCRC), b"xy");
        if let Some((at, bit)) = flip {
            let at = at % gz.len();
            gz[at] ^= 1 << bit;
        }
        let whole = promised_size(&gz, cap);
        let trailer = &gz[gz.len().saturating_sub(4)..];
        let prefix = &gz[..head.min(gz.len())];
        let split = promised_size_of(prefix, gz.len(), trailer, cap);
        match parse_header(prefix) {
            Ok(_) => prop_assert_eq!(split, whole),
            Err(_) => prop_assert_eq!(split, None),
        }
        prop_assert_eq!(promised_size_of(&gz, gz.len(), trailer, cap), whole);
    }
}
