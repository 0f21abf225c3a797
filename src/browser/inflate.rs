//! Gzip bodies inflated by the browser's own `DecompressionStream` (native zlib, faster
//! than miniz_oxide compiled to wasm), with the same cap and the same typed errors as the
//! core's inflater.
//!
//! The core decides ([`Next::Inflate`](crate::core::http::attempt::Next::Inflate)): it hands
//! over a 2xx gzip body only when the trailer promises a size `expected` within the cap, and
//! the output is read here chunk by chunk into a buffer of exactly that size, stopping at the
//! first byte past it. So a bomb costs at most `expected` bytes of wasm memory, and nothing
//! partial is ever returned.
//!
//! What `DecompressionStream` checks and what it cannot say: it verifies the header, the
//! deflate data, the CRC-32 and ISIZE of the member and (in Chromium) refuses bytes after
//! it, but every failure is one `TypeError` without a reason. So any refusal hands the gzip
//! bytes back to the core, which inflates them again with miniz_oxide to name it
//! (`gzip_truncated`, `gzip_corrupt`, `gzip_crc_mismatch`, `gzip_trailing_data`,
//! `decompressed_too_large`…): the errors are exactly those of the miniz path, and only a
//! failing body pays for two inflates. Output shorter than promised (a browser that accepts
//! bytes after the member) is refused the same way.

use std::cell::Cell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::browser::fetch::{read_capped, ReadError};

#[wasm_bindgen]
extern "C" {
    /// The Compression Streams API's `DecompressionStream`.
    type DecompressionStream;

    #[wasm_bindgen(constructor, catch, js_class = "DecompressionStream")]
    fn new(format: &str) -> Result<DecompressionStream, JsValue>;
}

/// `source.pipeThrough(transform)` (web-sys gates it behind a feature this crate does not
/// otherwise need).
fn pipe_through(
    source: &web_sys::ReadableStream,
    transform: &JsValue,
) -> Result<web_sys::ReadableStream, JsValue> {
    js_sys::Reflect::get(source, &"pipeThrough".into())?
        .dyn_into::<js_sys::Function>()?
        .call1(source, transform)?
        .dyn_into()
}

/// True when this global scope has `DecompressionStream` (Chromium 80+, Firefox 113+,
/// Safari 16.4+, Node 18+); without it the core inflates with miniz_oxide.
pub fn available() -> bool {
    js_sys::Reflect::get(&js_sys::global(), &"DecompressionStream".into())
        .is_ok_and(|v| v.is_function())
}

/// Why [`inflate`] returned nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refused {
    /// The output went past `expected` bytes; reading stopped there.
    PastExpected,
    /// The output ended before `expected` bytes.
    Short,
    /// `DecompressionStream` refused the data (its `TypeError` message).
    Invalid(String),
    /// No `DecompressionStream` here.
    Unavailable,
}

/// Inflates `gzip` with `DecompressionStream` into wasm memory, returning exactly
/// `expected` bytes or [`Refused`]; never holds more than `expected` bytes of output.
pub async fn inflate(gzip: &[u8], expected: usize) -> Result<Vec<u8>, Refused> {
    let output = decompressed(&js_sys::Uint8Array::from(gzip))?;
    match read_capped(&output, expected, expected).await {
        Ok(out) if out.len() == expected => Ok(out),
        Ok(_) => Err(Refused::Short),
        Err(ReadError::TooLarge) => Err(Refused::PastExpected),
        Err(ReadError::Js(e)) => Err(Refused::Invalid(message(&e))),
    }
}

/// Inflates `gzip` (already in JS memory) with `DecompressionStream` into a new JS
/// `Uint8Array` of exactly `expected` bytes, allocated once, or [`Refused`] at the first byte
/// past it. The output never enters wasm memory.
///
/// The stream is piped (natively) into a `WritableStream` whose `write` copies each chunk
/// into place: one synchronous call per chunk, not an awaited `read()` from wasm. Past
/// `expected`, `write` throws, which stops the pipe and cancels the decompression.
pub async fn inflate_to_js(
    gzip: &js_sys::Uint8Array,
    expected: usize,
) -> Result<js_sys::Uint8Array, Refused> {
    let capacity = u32::try_from(expected).map_err(|_| Refused::PastExpected)?;
    let out = js_sys::Uint8Array::new_with_length(capacity);
    let filled = Rc::new(Cell::new(0u32));
    let past = Rc::new(Cell::new(false));
    let write = {
        let (out, filled, past) = (out.clone(), filled.clone(), past.clone());
        Closure::<dyn FnMut(JsValue) -> Result<(), JsValue>>::new(move |chunk: JsValue| {
            let bytes = js_sys::Uint8Array::new(&chunk);
            let at = filled.get();
            match at
                .checked_add(bytes.length())
                .filter(|end| *end <= capacity)
            {
                Some(end) => {
                    out.set(&bytes, at);
                    filled.set(end);
                    Ok(())
                }
                None => {
                    past.set(true);
                    Err(JsValue::from_str(
                        "more output than the gzip trailer promised",
                    ))
                }
            }
        })
    };
    let sink = web_sys::UnderlyingSink::new();
    sink.set_write(write.as_ref().unchecked_ref());
    let writable = web_sys::WritableStream::new_with_underlying_sink(&sink)
        .map_err(|e| Refused::Invalid(message(&e)))?;
    let piped = JsFuture::from(decompressed(gzip)?.pipe_to(&writable)).await;
    drop(write);
    match piped {
        Err(_) if past.get() => Err(Refused::PastExpected),
        Err(e) => Err(Refused::Invalid(message(&e))),
        Ok(_) if filled.get() == capacity => Ok(out),
        Ok(_) => Err(Refused::Short),
    }
}

/// `gzip` as a stream through a new `DecompressionStream`.
fn decompressed(gzip: &js_sys::Uint8Array) -> Result<web_sys::ReadableStream, Refused> {
    let decompressor = DecompressionStream::new("gzip").map_err(|_| Refused::Unavailable)?;
    let source = web_sys::Response::new_with_opt_buffer_source(Some(gzip))
        .map_err(|e| Refused::Invalid(message(&e)))?
        .body()
        .ok_or(Refused::Short)?;
    pipe_through(&source, &decompressor).map_err(|e| Refused::Invalid(message(&e)))
}

fn message(value: &JsValue) -> String {
    value
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .unwrap_or_else(|| "DecompressionStream failed".into())
}
