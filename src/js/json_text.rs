//! Large typed values (a Bundle, a history's claims) handed to JS as JSON text parsed by the
//! engine's native `JSON.parse`, which builds big trees several times faster than
//! serde-wasm-bindgen's one call per property. The text is written in 1 MiB pieces that are
//! moved to JS strings as they fill, so wasm memory holds one piece, never the whole text.

use std::io::Write;

use serde::Serialize;
use wasm_bindgen::prelude::*;

use super::args::{js_error, js_type};
use crate::core::ErrorCode;

/// Bytes of JSON text kept in wasm memory before they move to a JS string.
const PIECE: usize = 1 << 20;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = JSON, js_name = parse, catch)]
    fn json_parse(text: &js_sys::JsString) -> Result<JsValue, JsValue>;
}

/// `value` as plain JS objects, the same as serde-wasm-bindgen's `json_compatible`
/// serializer gives (`None` is `null`, maps are objects): tested in
/// `tests/browser/to_js.rs`.
pub(crate) fn to_js_via_json<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    let internal = |what: String| {
        js_error(
            ErrorCode::Internal,
            &format!("could not convert a value for JavaScript: {what}"),
        )
    };
    let mut text = JsText {
        pieces: js_sys::Array::new(),
        buf: Vec::with_capacity(PIECE + 4096),
    };
    serde_json::to_writer(&mut text, value).map_err(|e| internal(e.to_string()))?;
    text.move_out();
    if !text.buf.is_empty() {
        return Err(internal("the JSON text is not UTF-8".into()));
    }
    json_parse(&text.pieces.join("")).map_err(|e| internal(js_type(&e)))
}

/// JSON text moving to JS in pieces.
struct JsText {
    pieces: js_sys::Array,
    buf: Vec<u8>,
}

impl JsText {
    /// Moves the buffered text up to its last whole UTF-8 character into a JS string.
    fn move_out(&mut self) {
        let whole = match std::str::from_utf8(&self.buf) {
            Ok(text) => text.len(),
            Err(e) => e.valid_up_to(),
        };
        if let Ok(text) = std::str::from_utf8(&self.buf[..whole]) {
            self.pieces.push(&JsValue::from_str(text));
        }
        self.buf.drain(..whole);
    }
}

impl Write for JsText {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        self.buf.extend_from_slice(data);
        if self.buf.len() >= PIECE {
            self.move_out();
        }
        Ok(data.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
