//! Packing is lossless on every fixture page and on awkward inputs, and a damaged member is
//! refused rather than returned.

use super::Packed;
use crate::http::gzip::GzipError;

#[test]
fn round_trips_awkward_inputs() {
    let big: Vec<u8> = (0..300_000u32).map(|i| (i * 7919 % 251) as u8).collect();
    for body in [
        &b""[..],
        b"x",
        "é ✓ \u{1F600}".as_bytes(),
        &[0u8; 70_000],
        &big,
    ] {
        let p = Packed::new(body);
        assert_eq!(p.unpack().unwrap(), body, "len {}", body.len());
        assert_eq!(p.len(), body.len());
    }
}

#[test]
fn fixture_pages_round_trip_and_shrink() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/fixtures/bluebutton/v2/sdk-sandbox-eob-pages");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        println!("skipped: {} is absent", dir.display());
        return;
    };
    let mut checked = 0;
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().and_then(|e| e.to_str()) != Some("json") {
            continue;
        }
        let Ok(body) = std::fs::read(&path) else {
            continue;
        };
        let p = Packed::new(&body);
        assert_eq!(p.unpack().unwrap(), body, "{}", path.display());
        if body.len() > 10_000 {
            assert!(
                p.held_bytes() * 3 < body.len(),
                "{}: {} -> {}",
                path.display(),
                body.len(),
                p.held_bytes()
            );
        }
        checked += 1;
    }
    assert!(checked > 0, "no .json fixture in {}", dir.display());
}

#[test]
fn a_damaged_member_is_refused() {
    let body = br#"{"resourceType":"Bundle","entry":[]}"#.repeat(50);
    let p = Packed::new(&body);
    let mut gz = p.gzip().to_vec();
    let crc_at = gz.len() - 8;
    gz[crc_at] ^= 1;
    let damaged = Packed {
        gz: gz.into_boxed_slice(),
        len: p.len(),
    };
    assert!(matches!(
        damaged.unpack(),
        Err(GzipError::CrcMismatch { .. })
    ));
    let short = Packed {
        gz: p.gzip().into(),
        len: p.len() - 1,
    };
    assert!(short.unpack().is_err(), "output over the recorded length");
}

proptest::proptest! {
    #[test]
    fn any_bytes_round_trip(body in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..5000)) {
        let p = Packed::new(&body);
        proptest::prop_assert_eq!(p.unpack().unwrap(), body);
    }
}
