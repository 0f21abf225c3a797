//! Argument conversion and error mapping shared by every JavaScript export: every export
//! returns `Result`, mapped to a JS `Error` with a stable `code` and a clear `message`
//! (checklist R23); plain-JS callers passing the wrong type get `invalid_argument`, never
//! wasm-bindgen's uncoded `TypeError`.

#[cfg(feature = "js-auth")]
use serde::Deserialize;
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::browser::BrowserError;
#[cfg(feature = "js-auth")]
use crate::core::oauth::error::OAuthError;

#[wasm_bindgen(typescript_custom_section)]
const TS_ERROR: &str = r#"
/** Errors thrown by this package carry a stable `code`. */
export interface BlueButtonError extends Error { code: string; }
"#;

/// Turns any layer's error into a JS `Error` with `code` and `name`.
pub(crate) fn js_error(code: &str, message: &str) -> JsValue {
    let error = js_sys::Error::new(message);
    error.set_name("BlueButtonError");
    let _ = js_sys::Reflect::set(&error, &"code".into(), &code.into());
    error.into()
}

impl From<BrowserError> for JsValue {
    fn from(e: BrowserError) -> Self {
        js_error(e.code(), &e.to_string())
    }
}

#[cfg(feature = "js-auth")]
pub(crate) fn oauth_err(e: OAuthError) -> JsValue {
    js_error(e.code(), &e.to_string())
}

#[cfg(feature = "js-auth")]
pub(crate) fn options<T: for<'de> Deserialize<'de>>(
    value: JsValue,
    what: &str,
) -> Result<T, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Err(
            BrowserError::InvalidOptions(format!("{what} options object is required")).into(),
        );
    }
    serde_wasm_bindgen::from_value(value)
        .map_err(|e| BrowserError::InvalidOptions(format!("{what}: {e}")).into())
}

/// A string argument from JavaScript, or a coded `invalid_argument` error: plain JS callers
/// can pass anything, and wasm-bindgen's own conversion would throw an uncoded `TypeError`.
pub(crate) fn string_arg(value: &JsValue, function: &str, name: &str) -> Result<String, JsValue> {
    value
        .as_string()
        .ok_or_else(|| wrong_type(value, function, name, "a string"))
}

#[cfg(feature = "js-auth")]
/// Like [`string_arg`], with `undefined` and `null` meaning "not given".
pub(crate) fn optional_string_arg(
    value: &JsValue,
    function: &str,
    name: &str,
) -> Result<Option<String>, JsValue> {
    given(value)
        .map(|v| string_arg(v, function, name))
        .transpose()
}

/// An optional whole-number argument (`undefined`/`null`: not given).
pub(crate) fn optional_u32_arg(
    value: &JsValue,
    function: &str,
    name: &str,
) -> Result<Option<u32>, JsValue> {
    given(value)
        .map(|v| match v.as_f64() {
            Some(n) if n.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&n) => {
                // In range and whole, checked above.
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                Ok(n as u32)
            }
            _ => Err(wrong_type(v, function, name, "a whole number")),
        })
        .transpose()
}

/// `None` for `undefined` and `null`.
fn given(value: &JsValue) -> Option<&JsValue> {
    (!value.is_undefined() && !value.is_null()).then_some(value)
}

fn wrong_type(value: &JsValue, function: &str, name: &str, wanted: &str) -> JsValue {
    BrowserError::InvalidArgument(format!(
        "{function}: `{name}` must be {wanted}, got {}",
        js_type(value)
    ))
    .into()
}

/// `typeof value`, with `null` and arrays named as such.
pub(crate) fn js_type(value: &JsValue) -> String {
    if value.is_null() {
        "null".to_owned()
    } else if js_sys::Array::is_array(value) {
        "an array".to_owned()
    } else {
        value.js_typeof().as_string().unwrap_or_default()
    }
}

pub(crate) fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    value.serialize(&serializer).map_err(|e| {
        js_error(
            "internal",
            &format!("could not convert a value for JavaScript: {e}"),
        )
    })
}
