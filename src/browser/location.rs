//! The address bar: read `location.href`; remove OAuth results with `history.replaceState`.

use crate::browser::url::BrowserUrl;
use crate::browser::BrowserError;
use crate::core::oauth::scrub::scrubbed_path_with;

/// The current `location.href`.
pub fn href() -> Result<String, BrowserError> {
    let window = web_sys::window().ok_or(BrowserError::Unavailable("window.location"))?;
    window
        .location()
        .href()
        .map_err(|_| BrowserError::Unavailable("window.location"))
}

/// Replaces the current history entry with the same page minus every OAuth parameter
/// (no new history entry, so Back does not return to the token URL).
pub fn scrub_callback() -> Result<String, BrowserError> {
    let window = web_sys::window().ok_or(BrowserError::Unavailable("window.history"))?;
    let current = href()?;
    let clean = scrubbed_path_with(&BrowserUrl, &current);
    if clean != current {
        window
            .history()
            .and_then(|h| h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&clean)))
            .map_err(|_| BrowserError::Unavailable("window.history.replaceState"))?;
    }
    Ok(clean)
}
