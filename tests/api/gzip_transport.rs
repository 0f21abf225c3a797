//! Gzip by transport: a browser body is never inflated because of the header (double
//! decoding broke other clients); a native body is decoded by `Content-Encoding`; a body that
//! is still gzip (a `.json.gz` export, a proxy that double-encodes) is inflated either way.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use bluebutton_wasm::core::http::{HttpResponse, Transport};
use miniz_oxide::deflate::compress_to_vec;

/// A minimal gzip member around raw deflate data.
fn gzip(data: &[u8]) -> Vec<u8> {
    let mut out = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255];
    out.extend(compress_to_vec(data, 6));
    out.extend(bluebutton_wasm::core::http::gzip::crc32(data).to_le_bytes());
    out.extend((data.len() as u32).to_le_bytes());
    out
}

const JSON: &[u8] = br#"{"resourceType":"Bundle","total":0}"#;

fn with_encoding(body: Vec<u8>) -> HttpResponse {
    HttpResponse::new(200, vec![("Content-Encoding".into(), "gzip".into())], body)
}

#[test]
fn browser_bodies_are_inflated_only_by_magic() {
    let decoded_by_browser = with_encoding(JSON.to_vec());
    assert_eq!(
        decoded_by_browser
            .decoded_body(Transport::Browser, 1 << 20)
            .unwrap()
            .as_ref(),
        JSON
    );
    let raw_gz = HttpResponse::new(
        200,
        vec![("Content-Type".into(), "application/gzip".into())],
        gzip(JSON),
    );
    assert_eq!(
        raw_gz
            .decoded_body(Transport::Browser, 1 << 20)
            .unwrap()
            .as_ref(),
        JSON
    );
    let double = with_encoding(gzip(JSON));
    assert_eq!(
        double
            .decoded_body(Transport::Browser, 1 << 20)
            .unwrap()
            .as_ref(),
        JSON
    );
}

#[test]
fn native_bodies_are_decoded_by_content_encoding() {
    let encoded = with_encoding(gzip(JSON));
    assert_eq!(
        encoded
            .decoded_body(Transport::Native, 1 << 20)
            .unwrap()
            .as_ref(),
        JSON
    );
    let plain = HttpResponse::new(200, vec![], JSON.to_vec());
    assert_eq!(
        plain
            .decoded_body(Transport::Native, 1 << 20)
            .unwrap()
            .as_ref(),
        JSON
    );
}

#[test]
fn the_cap_holds_on_both_paths() {
    let big = vec![b' '; 2 << 20];
    let bomb = with_encoding(gzip(&big));
    for t in [Transport::Browser, Transport::Native] {
        assert_eq!(
            bomb.decoded_body(t, 1 << 20).unwrap_err().code(),
            "decompressed_too_large"
        );
    }
}
