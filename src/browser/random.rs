//! Randomness from the global `crypto.getRandomValues` (a page, a worker or Node 20), called
//! directly: no `getrandom` crate (and its error texts) in the sign-in .wasm.

use wasm_bindgen::{JsCast, JsValue};

use crate::browser::BrowserError;
use crate::core::oauth::pkce::base64url;
use crate::core::oauth::secret::State;

/// 32 random bytes (256 bits).
pub fn entropy32() -> Result<[u8; 32], BrowserError> {
    let crypto = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("crypto"))
        .ok()
        .filter(JsValue::is_object)
        .ok_or_else(|| BrowserError::Random("there is no global crypto object".into()))?;
    let mut buf = [0u8; 32];
    crypto
        .unchecked_into::<web_sys::Crypto>()
        .get_random_values_with_u8_array(&mut buf)
        .map_err(|e| {
            BrowserError::Random(
                e.dyn_ref::<js_sys::Error>()
                    .map_or_else(|| "it threw".to_owned(), |e| String::from(e.message())),
            )
        })?;
    Ok(buf)
}

/// A fresh `state`: 32 random bytes, base64url (43 characters, 256 bits).
pub fn new_state() -> Result<State, BrowserError> {
    Ok(State::new(base64url(&entropy32()?)))
}
