//! Argument conversion and error mapping shared by every JavaScript export: every export
//! returns `Result`, mapped to a JS `Error` with a stable `code` and a clear `message`
//! (checklist R23); plain-JS callers passing the wrong type get `invalid_argument`, never
//! wasm-bindgen's uncoded `TypeError`.

#[cfg(feature = "js-data")]
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::browser::BrowserError;
#[cfg(feature = "js-auth")]
use crate::core::oauth::error::OAuthError;
use crate::core::ErrorCode;

#[wasm_bindgen(typescript_custom_section)]
const TS_ERROR: &str = r#"
/**
 * Every stable `code` an error of this package carries, one meaning each. The table of
 * what each means and what to do is in the README ("Error codes"); the Rust twin is
 * `bluebutton_core::ErrorCode`, and a test keeps the three in step.
 */
export type ErrorCode =
  | 'unknown_environment'
  | 'unsupported_version'
  | 'invalid_relay_url'
  | 'token_source_error'
  | 'environment_mismatch'
  | 'invalid_argument'
  | 'invalid_options'
  | 'missing_option'
  | 'invalid_option'
  | 'invalid_pkce_verifier'
  | 'invalid_url'
  | 'no_oauth_response'
  | 'malformed_escape'
  | 'invalid_utf8'
  | 'duplicate_parameter'
  | 'missing_parameter'
  | 'invalid_parameter'
  | 'missing_state'
  | 'state_mismatch'
  | 'no_pending_authorization'
  | 'pending_expired'
  | 'issuer_mismatch'
  | 'authorization_error'
  | 'client_authentication'
  | 'invalid_grant'
  | 'session_expired'
  | 'access_revoked'
  | 'token_endpoint_error'
  | 'invalid_token_response'
  | 'no_refresh_token'
  | 'signed_out'
  | 'network_error'
  | 'unexpected_redirect'
  | 'response_too_large'
  | 'storage_unavailable'
  | 'pages_not_kept'
  | 'device_store_unavailable'
  | 'device_store_corrupt'
  | 'random_unavailable'
  | 'unavailable'
  | 'cancelled'
  | 'invalid_base_url'
  | 'invalid_request_url'
  | 'url_user_info'
  | 'https_downgrade'
  | 'cross_origin'
  | 'demographics_withheld'
  | 'eob_forbidden'
  | 'insurance_card_forbidden'
  | 'forbidden'
  | 'not_found'
  | 'bad_request'
  | 'throttled'
  | 'upstream_unavailable'
  | 'operation_outcome'
  | 'redirect_status'
  | 'response_not_json'
  | 'unexpected_resource'
  | 'unexpected_status'
  | 'invalid_claim_type'
  | 'invalid_date_filter'
  | 'invalid_claim_source'
  | 'invalid_tag'
  | 'count_out_of_range'
  | 'invalid_fhir_base'
  | 'invalid_resource_id'
  | 'requires_v3'
  | 'paging_link_off_origin'
  | 'paging_loop'
  | 'too_many_pages'
  | 'bad_page_size'
  | 'count_mismatch'
  | 'gzip_not_gzip'
  | 'gzip_unsupported_method'
  | 'gzip_reserved_flags'
  | 'gzip_truncated_header'
  | 'gzip_header_crc_mismatch'
  | 'gzip_corrupt'
  | 'gzip_truncated'
  | 'gzip_crc_mismatch'
  | 'gzip_length_mismatch'
  | 'gzip_trailing_data'
  | 'decompressed_too_large'
  | 'empty_body'
  | 'not_json'
  | 'truncated_json'
  | 'json_too_deep'
  | 'unexpected_shape'
  | 'wrong_resource_type'
  | 'no_insurance_card'
  | 'internal';

/** The `Error` every function, method and promise of this package throws or rejects with. */
export interface BlueButtonError extends Error {
  name: 'BlueButtonError';
  /** Stable and machine-readable: switch on this, not on `message`. */
  code: ErrorCode;
}
"#;

/// Turns any layer's error into a JS `Error` with `code` and `name`.
pub(crate) fn js_error(code: ErrorCode, message: &str) -> JsValue {
    let error = js_sys::Error::new(message);
    error.set_name("BlueButtonError");
    let _ = js_sys::Reflect::set(&error, &"code".into(), &code.as_str().into());
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

/// An options object from JavaScript, read key by key (no serde on the sign-in path): a
/// missing object, a key it does not know and a value of the wrong type are `invalid_options`
/// naming the function and the key; `undefined` and `null` values mean "not given".
pub(crate) struct Options {
    object: js_sys::Object,
    what: &'static str,
}

impl Options {
    #[cfg(feature = "js-auth")]
    /// Checks that `value` is a plain object whose own keys are all in `known`.
    pub(crate) fn new(value: JsValue, what: &'static str, known: &[&str]) -> Result<Self, JsValue> {
        if value.is_undefined() || value.is_null() {
            return Err(invalid_options(format!(
                "{what} options object is required"
            )));
        }
        if !value.is_object() || js_sys::Array::is_array(&value) {
            return Err(invalid_options(format!(
                "{what}: the options must be an object, got {}",
                js_type(&value)
            )));
        }
        let object = js_sys::Object::from(value);
        for key in js_sys::Object::keys(&object).iter() {
            let key = key.as_string().unwrap_or_default();
            if !known.contains(&key.as_str()) {
                return Err(invalid_options(format!(
                    "{what}: unknown option `{key}` (known: {})",
                    known.join(", ")
                )));
            }
        }
        Ok(Self { object, what })
    }

    /// An options object whose keys the caller has already checked.
    #[cfg(feature = "js-data")]
    pub(crate) fn wrap(object: js_sys::Object, what: &'static str) -> Self {
        Self { object, what }
    }

    /// The value of `key`, `None` when `undefined` or `null`.
    fn get(&self, key: &str) -> Result<Option<JsValue>, JsValue> {
        let value = js_sys::Reflect::get(&self.object, &key.into())
            .map_err(|_| invalid_options(format!("{}: reading `{key}` threw", self.what)))?;
        Ok(given(&value).cloned())
    }

    fn wrong(&self, key: &str, value: &JsValue, wanted: &str) -> JsValue {
        invalid_options(format!(
            "{}: `{key}` must be {wanted}, got {}",
            self.what,
            js_type(value)
        ))
    }

    #[cfg(feature = "js-auth")]
    /// An optional string.
    pub(crate) fn string(&self, key: &str) -> Result<Option<String>, JsValue> {
        self.get(key)?
            .map(|v| v.as_string().ok_or_else(|| self.wrong(key, &v, "a string")))
            .transpose()
    }

    #[cfg(feature = "js-auth")]
    /// A string that must be given.
    pub(crate) fn required_string(&self, key: &str) -> Result<String, JsValue> {
        self.string(key)?
            .ok_or_else(|| invalid_options(format!("{}: missing option `{key}`", self.what)))
    }

    /// An optional boolean.
    pub(crate) fn bool(&self, key: &str) -> Result<Option<bool>, JsValue> {
        self.get(key)?
            .map(|v| v.as_bool().ok_or_else(|| self.wrong(key, &v, "a boolean")))
            .transpose()
    }

    /// An optional whole number (`version`).
    pub(crate) fn u32(&self, key: &str) -> Result<Option<u32>, JsValue> {
        self.get(key)?
            .map(|v| whole_u32(&v).ok_or_else(|| self.wrong(key, &v, "a whole number")))
            .transpose()
    }

    /// An optional array of strings (`scopes`).
    /// A whole number up to 2^53 (what a JS number holds exactly).
    #[cfg(feature = "js-data")]
    pub(crate) fn u64(&self, key: &str) -> Result<Option<u64>, JsValue> {
        const MAX_SAFE: f64 = 9_007_199_254_740_991.0;
        self.get(key)?
            .map(|v| match v.as_f64() {
                // Whole and in range, checked here.
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                Some(n) if n.fract() == 0.0 && (0.0..=MAX_SAFE).contains(&n) => Ok(n as u64),
                _ => Err(self.wrong(key, &v, "a whole number")),
            })
            .transpose()
    }

    /// One string or an array of strings (`types: "carrier"` and `types: ["carrier"]`).
    #[cfg(feature = "js-data")]
    pub(crate) fn string_or_strings(&self, key: &str) -> Result<Option<Vec<String>>, JsValue> {
        let wanted = "a string or an array of strings";
        self.get(key)?
            .map(|v| {
                if let Some(one) = v.as_string() {
                    return Ok(vec![one]);
                }
                if !js_sys::Array::is_array(&v) {
                    return Err(self.wrong(key, &v, wanted));
                }
                js_sys::Array::from(&v)
                    .iter()
                    .map(|item| {
                        item.as_string().ok_or_else(|| {
                            invalid_options(format!(
                                "{}: `{key}` must hold strings only, found {}",
                                self.what,
                                js_type(&item)
                            ))
                        })
                    })
                    .collect()
            })
            .transpose()
    }

    #[cfg(feature = "js-auth")]
    pub(crate) fn strings(&self, key: &str) -> Result<Option<Vec<String>>, JsValue> {
        self.get(key)?
            .map(|v| {
                let wanted = "an array of strings";
                if !js_sys::Array::is_array(&v) {
                    return Err(self.wrong(key, &v, wanted));
                }
                js_sys::Array::from(&v)
                    .iter()
                    .map(|item| {
                        item.as_string()
                            .ok_or_else(|| self.wrong(key, &item, wanted))
                    })
                    .collect()
            })
            .transpose()
    }
}

fn invalid_options(message: String) -> JsValue {
    BrowserError::InvalidOptions(message).into()
}

/// A plain JS object built field by field (no serde on the sign-in path).
#[cfg(feature = "js-auth")]
pub(crate) struct JsObject(js_sys::Object);

#[cfg(feature = "js-auth")]
impl JsObject {
    pub(crate) fn new() -> Self {
        Self(js_sys::Object::new())
    }

    /// Sets `key` (setting a fresh plain object's own key cannot throw).
    pub(crate) fn set(self, key: &str, value: impl Into<JsValue>) -> Self {
        let _ = js_sys::Reflect::set(&self.0, &key.into(), &value.into());
        self
    }

    /// Sets `key` when `value` is `Some` (the key is left out otherwise).
    pub(crate) fn set_some(self, key: &str, value: Option<impl Into<JsValue>>) -> Self {
        match value {
            Some(v) => self.set(key, v),
            None => self,
        }
    }

    /// Sets `key` to an array of strings.
    pub(crate) fn set_strings(self, key: &str, values: &[String]) -> Self {
        let array: js_sys::Array = values.iter().map(|s| JsValue::from_str(s)).collect();
        self.set(key, array)
    }

    pub(crate) fn build<T: JsCast>(self) -> T {
        self.0.unchecked_into()
    }
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
        .map(|v| whole_u32(v).ok_or_else(|| wrong_type(v, function, name, "a whole number")))
        .transpose()
}

/// A JS number that is a whole `u32`.
fn whole_u32(value: &JsValue) -> Option<u32> {
    match value.as_f64() {
        Some(n) if n.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&n) => {
            // In range and whole, checked above.
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            Some(n as u32)
        }
        _ => None,
    }
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
/// `value` as a `Uint8Array` when it is one or an `ArrayBuffer` (viewed, not copied).
#[cfg(feature = "js-data")]
pub(crate) fn uint8_array(value: &JsValue) -> Option<js_sys::Uint8Array> {
    if let Some(array) = value.dyn_ref::<js_sys::Uint8Array>() {
        Some(array.clone())
    } else if value.is_instance_of::<js_sys::ArrayBuffer>() {
        Some(js_sys::Uint8Array::new(value))
    } else {
        None
    }
}

pub(crate) fn js_type(value: &JsValue) -> String {
    if value.is_null() {
        "null".to_owned()
    } else if js_sys::Array::is_array(value) {
        "an array".to_owned()
    } else {
        value.js_typeof().as_string().unwrap_or_default()
    }
}

#[cfg(feature = "js-data")]
pub(crate) fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    value.serialize(&serializer).map_err(|e| {
        js_error(
            ErrorCode::Internal,
            &format!("could not convert a value for JavaScript: {e}"),
        )
    })
}
