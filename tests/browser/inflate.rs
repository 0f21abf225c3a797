//! The two inflaters of the FHIR client in Chromium: `DecompressionStream` (the default
//! where it exists) and the core's miniz_oxide. Both give the same bytes, the same typed
//! error for every broken body (the core names each refusal), and a bomb costs no more than
//! the cap in either.

use bluebutton_wasm::browser::inflate::{self, Refused};
use bluebutton_wasm::core::api::error::RequestKind;
use bluebutton_wasm::core::http::attempt::{Attempt, AttemptError, Next, Outcome};
use bluebutton_wasm::core::http::gzip::{crc32, inflate_capped, GzipError};
use bluebutton_wasm::core::http::{HttpResponse, Method, Transport};
use wasm_bindgen_test::*;

use crate::wasm_memory::wasm_memory_bytes;
use crate::zeros_gzip::{zeros_gzip, MIB};

/// One gzip member of `data` (`gzip -n` layout).
fn gzip(data: &[u8]) -> Vec<u8> {
    let mut out = vec![0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0x03];
    out.extend_from_slice(&miniz_oxide::deflate::compress_to_vec(data, 6));
    out.extend_from_slice(&crc32(data).to_le_bytes());
    out.extend_from_slice(&(data.len() as u32).to_le_bytes());
    out
}

/// A page-like JSON body of about `n` bytes.
fn page(n: usize) -> Vec<u8> {
    let mut s = String::from(r#"{"resourceType":"Bundle","entry":["#);
    let mut i = 0;
    while s.len() < n {
        s.push_str(&format!(
            r#"{{"id":"eob-{i}","total":{}.{:02}}},"#,
            i * 37 % 1000,
            i % 100
        ));
        i += 1;
    }
    s.push_str("{}]}");
    s.into_bytes()
}

/// Runs a 200 with `body` through an [`Attempt`] as the FHIR client does, with the
/// browser's inflater (`native`) or the core's, and returns its final answer.
async fn through_attempt(body: &[u8], cap: usize, native: bool) -> Result<Vec<u8>, GzipError> {
    let mut attempt = Attempt::new(Method::Get, RequestKind::Other)
        .with_policy(bluebutton_wasm::core::http::retry::RetryPolicy {
            max_retries: 0,
            ..Default::default()
        })
        .with_decoding(Transport::Browser, cap)
        .with_shell_inflate(native);
    let mut outcome = Outcome::Response(HttpResponse::new(200, vec![], body.to_vec()));
    let mut handed_over = false;
    loop {
        outcome = match attempt.next::<()>(outcome, 0.0) {
            Next::Done(out) => return Ok(out),
            Next::Fail(AttemptError::Gzip(e)) => return Err(e),
            Next::Inflate { gzip, expected } => {
                assert!(native && !handed_over, "handed over once, only when asked");
                handed_over = true;
                match inflate::inflate(&gzip, expected).await {
                    Ok(out) => Outcome::Inflated(out),
                    Err(_) => Outcome::InflateRefused(gzip),
                }
            }
            other => panic!("unexpected {other:?}"),
        };
    }
}

#[wasm_bindgen_test]
fn chromium_has_decompression_stream() {
    assert!(inflate::available(), "the fast path is the one tested here");
}

#[wasm_bindgen_test]
async fn both_inflaters_give_the_same_bytes() {
    let data = page(3 * MIB);
    let gz = gzip(&data);
    assert_eq!(inflate::inflate(&gz, data.len()).await.unwrap(), data);
    for native in [true, false] {
        assert_eq!(through_attempt(&gz, 256 * MIB, native).await.unwrap(), data);
    }
}

#[wasm_bindgen_test]
async fn every_broken_body_gets_the_same_typed_error_on_both_paths() {
    let data = page(200_000);
    let gz = gzip(&data);
    let n = gz.len();
    // Cut inside the trailer (its CRC lost), keeping an ISIZE that promises the right size.
    let mut truncated = gz[..n - 8].to_vec();
    truncated.extend_from_slice(&gz[n - 4..]);
    let mut bad_crc = gz.clone();
    bad_crc[n - 8] ^= 0xff;
    let mut corrupt = gz.clone();
    corrupt[10] = 0xff; // BTYPE 11 (reserved): invalid deflate data
    let mut trailing = gz.clone();
    trailing.extend_from_slice(b"xx");
    trailing.extend_from_slice(&gz[n - 4..]); // still ends with a plausible ISIZE
    let mut short_isize = gz.clone();
    short_isize[n - 4..].copy_from_slice(&((data.len() - 1) as u32).to_le_bytes());
    let cases: [(&str, &[u8], &str); 5] = [
        ("truncated", &truncated, "gzip_truncated"),
        ("bad CRC", &bad_crc, "gzip_crc_mismatch"),
        ("corrupt", &corrupt, "gzip_corrupt"),
        ("trailing data", &trailing, "gzip_trailing_data"),
        ("ISIZE one short", &short_isize, "decompressed_too_large"),
    ];
    for (name, body, code) in cases {
        let expected = u32::from_le_bytes(body[body.len() - 4..].try_into().unwrap()) as usize;
        let refused = inflate::inflate(body, expected).await;
        assert!(refused.is_err(), "{name}: DecompressionStream refuses it");
        console_log!(
            "{name}: DecompressionStream says {:?}",
            refused.unwrap_err()
        );
        // The cap is the promised size, so a longer output is over it.
        let cap = expected;
        let native = through_attempt(body, cap, true).await.unwrap_err();
        let core = through_attempt(body, cap, false).await.unwrap_err();
        assert_eq!(native, core, "{name}: same error on both paths");
        assert_eq!(native, inflate_capped(body, cap).unwrap_err(), "{name}");
        assert_eq!(native.code().as_str(), code, "{name}: {native}");
    }
}

#[wasm_bindgen_test]
async fn the_browser_inflater_stops_at_the_promised_size() {
    let data = page(100_000);
    let gz = gzip(&data);
    assert_eq!(
        inflate::inflate(&gz, data.len() - 1).await,
        Err(Refused::PastExpected)
    );
    assert_eq!(
        inflate::inflate(&gz, data.len() + 1).await,
        Err(Refused::Short)
    );
}

#[wasm_bindgen_test]
async fn a_bomb_costs_no_more_than_the_cap_on_either_path() {
    // 1 GiB of zeros in ~1 MB of gzip, its trailer lying just under a 32 MiB cap: the only
    // kind of bomb the browser inflater is handed (an honest trailer over the cap stays with
    // the core, which only counts). Linear memory never shrinks: its size is the high-water
    // mark, so the browser path runs first, then the core's on top of what it left.
    let cap = 32 * MIB;
    let liar = zeros_gzip(1024, 0x5B64_C2B0, (cap - 1) as u32);
    let honest = zeros_gzip(1024, 0x5B64_C2B0, 1 << 30);
    let before = wasm_memory_bytes();
    for (name, bomb, native) in [
        ("lying trailer, DecompressionStream", &liar, true),
        ("lying trailer, miniz_oxide", &liar, false),
        ("honest trailer, DecompressionStream", &honest, true),
        ("honest trailer, miniz_oxide", &honest, false),
    ] {
        let err = through_attempt(bomb, cap, native).await.unwrap_err();
        assert_eq!(err, GzipError::DecompressedTooLarge { max: cap }, "{name}");
        let grown = wasm_memory_bytes() - before;
        console_log!(
            "gzip bomb, {name}: wasm memory grew {} MiB so far",
            grown / MIB
        );
        // The cap once (the browser's buffer, then reused by the core's) plus slack for
        // the bomb copies and allocator rounding.
        assert!(grown <= cap + 16 * MIB, "{name}: grew {} MiB", grown / MIB);
    }
}
