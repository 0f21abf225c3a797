//! Randomness from `crypto.getRandomValues` (through getrandom's `wasm_js` backend).

use crate::browser::BrowserError;
use crate::core::oauth::pkce::base64url;
use crate::core::oauth::secret::State;

/// 32 random bytes (256 bits).
pub fn entropy32() -> Result<[u8; 32], BrowserError> {
    let mut buf = [0u8; 32];
    getrandom::fill(&mut buf).map_err(|e| BrowserError::Random(e.to_string()))?;
    Ok(buf)
}

/// A fresh `state`: 32 random bytes, base64url (43 characters, 256 bits).
pub fn new_state() -> Result<State, BrowserError> {
    Ok(State::new(base64url(&entropy32()?)))
}
