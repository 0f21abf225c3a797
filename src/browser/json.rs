//! [`BrowserJson`]: the core's [`JsonFormat`] with the browser's own `JSON.parse` and
//! `JSON.stringify`, through the core's serde-free [`Json`] tree, so the sign-in path carries
//! neither a JSON parser nor serde.

use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::{JsCast, JsValue};

pub use crate::core::json::JsonFormat;
use crate::core::json::{FromJson, Json, ToJson};

/// `JSON.parse` / `JSON.stringify` (the browser's, or Node's).
#[derive(Debug, Clone, Copy, Default)]
pub struct BrowserJson;

impl JsonFormat for BrowserJson {
    fn read<T: DeserializeOwned + FromJson>(&self, bytes: &[u8]) -> Result<T, String> {
        // Neither JSON.parse's message nor the value is passed on: both may quote the input.
        let text = std::str::from_utf8(bytes).map_err(|_| "not UTF-8".to_owned())?;
        let value = js_sys::JSON::parse(text).map_err(|_| "JSON.parse refused it".to_owned())?;
        T::from_json(&from_js(&value)).map_err(|_| "not the expected shape".to_owned())
    }

    fn write<T: Serialize + ToJson>(&self, value: &T) -> Result<String, String> {
        js_sys::JSON::stringify(&to_js(&value.to_json()))
            .map(String::from)
            .map_err(|_| "JSON.stringify refused it".to_owned())
    }
}

/// `JSON.parse`'s output as a [`Json`] tree (anything else it could not have made is `null`).
fn from_js(value: &JsValue) -> Json {
    if let Some(s) = value.as_string() {
        Json::Text(s)
    } else if let Some(n) = value.as_f64() {
        Json::Number(n)
    } else if let Some(b) = value.as_bool() {
        Json::Bool(b)
    } else if js_sys::Array::is_array(value) {
        Json::Array(
            js_sys::Array::from(value)
                .iter()
                .map(|v| from_js(&v))
                .collect(),
        )
    } else if value.is_object() {
        Json::Object(
            js_sys::Object::entries(value.unchecked_ref())
                .iter()
                .map(|entry| {
                    let entry = js_sys::Array::from(&entry);
                    (
                        entry.get(0).as_string().unwrap_or_default(),
                        from_js(&entry.get(1)),
                    )
                })
                .collect(),
        )
    } else {
        Json::Null
    }
}

/// A [`Json`] tree as a JS value for `JSON.stringify`.
fn to_js(value: &Json) -> JsValue {
    match value {
        Json::Null => JsValue::NULL,
        Json::Bool(b) => JsValue::from_bool(*b),
        Json::Number(n) => JsValue::from_f64(*n),
        Json::Text(s) => JsValue::from_str(s),
        Json::Array(items) => items.iter().map(to_js).collect::<js_sys::Array>().into(),
        Json::Object(members) => {
            let object = js_sys::Object::new();
            for (key, v) in members {
                // Setting a fresh plain object's own key cannot throw.
                let _ = js_sys::Reflect::set(&object, &key.into(), &to_js(v));
            }
            object.into()
        }
    }
}
