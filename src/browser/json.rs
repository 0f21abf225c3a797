//! [`BrowserJson`]: the core's [`JsonFormat`] with the browser's own `JSON.parse` and
//! `JSON.stringify`, through serde-wasm-bindgen, so the sign-in path carries no JSON parser.

use serde::de::DeserializeOwned;
use serde::Serialize;

pub use crate::core::json::JsonFormat;

/// `JSON.parse` / `JSON.stringify` (the browser's, or Node's).
#[derive(Debug, Clone, Copy, Default)]
pub struct BrowserJson;

impl JsonFormat for BrowserJson {
    fn read<T: DeserializeOwned>(&self, bytes: &[u8]) -> Result<T, String> {
        // Neither JSON.parse's nor serde's message is passed on: both may quote the input.
        let text = std::str::from_utf8(bytes).map_err(|_| "not UTF-8".to_owned())?;
        let value = js_sys::JSON::parse(text).map_err(|_| "JSON.parse refused it".to_owned())?;
        serde_wasm_bindgen::from_value(value).map_err(|_| "not the expected shape".to_owned())
    }

    fn write<T: Serialize>(&self, value: &T) -> Result<String, String> {
        let serializer = serde_wasm_bindgen::Serializer::json_compatible();
        let value = value
            .serialize(&serializer)
            .map_err(|_| "not serialisable".to_owned())?;
        js_sys::JSON::stringify(&value)
            .map(String::from)
            .map_err(|_| "JSON.stringify refused it".to_owned())
    }
}
