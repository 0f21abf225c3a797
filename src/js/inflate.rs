//! `inflateGzip`: a gzip body (a saved `$export.json.gz`, a body fetched by the app) inflated
//! the way the client inflates pages: the browser's `DecompressionStream` where it exists,
//! the core's miniz_oxide otherwise, the same cap and the same typed errors.

use wasm_bindgen::prelude::*;

use crate::browser::{inflate, BrowserError};
use crate::core::http::gzip::{
    inflate_capped, is_gzip, promised_size_of, GzipError, DEFAULT_MAX_INFLATED,
};

/// How much of a gzip body's start is copied into wasm for its header (10 bytes, plus any
/// extra field, file name and comment); a longer header takes the miniz_oxide path.
const HEAD_BYTES: u32 = 64 * 1024;

/// Inflates one gzip member (a `Uint8Array` or `ArrayBuffer`) to a new `Uint8Array`, refusing
/// output past `maxBytes` (default 256 MiB) with `decompressed_too_large`. The CRC-32, the
/// length and trailing bytes are checked; a broken body is a `gzip_*` error. Where
/// `DecompressionStream` exists the output is built in JS memory and never enters wasm
/// memory.
#[wasm_bindgen(js_name = inflateGzip)]
pub async fn inflate_gzip_js(
    #[wasm_bindgen(unchecked_param_type = "Uint8Array | ArrayBuffer")] gzip: JsValue,
    #[wasm_bindgen(js_name = maxBytes, unchecked_optional_param_type = "number | null")] max_bytes: Option<
        JsValue,
    >,
) -> Result<js_sys::Uint8Array, JsValue> {
    let Some(array) = super::args::uint8_array(&gzip) else {
        return Err(BrowserError::InvalidArgument(
            "inflateGzip expects the gzip bytes as a Uint8Array or ArrayBuffer".into(),
        )
        .into());
    };
    let max = max_from(&max_bytes.unwrap_or(JsValue::UNDEFINED))?;
    // Only the header (within the first 64 KiB) and the trailer come into wasm for the core
    // to read; the deflate data goes from JS memory straight to `DecompressionStream`. The
    // whole body comes in only when miniz_oxide inflates it or names a refusal.
    let len = array.length();
    let head = array.subarray(0, len.min(HEAD_BYTES)).to_vec();
    if !is_gzip(&head) {
        return Err(BrowserError::Gzip(GzipError::NotGzip).into());
    }
    let trailer = array.subarray(len.saturating_sub(4), len).to_vec();
    let promised = promised_size_of(&head, len as usize, &trailer, max);
    if let Some(expected) = promised.filter(|_| inflate::available()) {
        if let Ok(out) = inflate::inflate_to_js(&array, expected).await {
            return Ok(out);
        }
    }
    let bytes = array.to_vec();
    let out = inflate_capped(&bytes, max).map_err(BrowserError::Gzip)?;
    Ok(js_sys::Uint8Array::from(out.as_slice()))
}

/// The cap from `maxBytes`: absent (or null) is the default 256 MiB; else a whole number of
/// bytes (a safe integer), saturated to the address space.
fn max_from(value: &JsValue) -> Result<usize, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(DEFAULT_MAX_INFLATED);
    }
    match value.as_f64() {
        Some(n) if n >= 0.0 && n.fract() == 0.0 && n <= 9_007_199_254_740_991.0 =>
        {
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            Ok(n as usize)
        }
        _ => Err(BrowserError::InvalidArgument(format!(
            "maxBytes must be a whole number of bytes, got {}",
            value
                .as_f64()
                .map_or_else(|| super::args::js_type(value), |n| n.to_string())
        ))
        .into()),
    }
}
