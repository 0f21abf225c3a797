//! `sessionStorage` access (works in a window; a clear error elsewhere). The library writes
//! only the pending authorization here, and tokens only when the app opts in; never
//! `localStorage`.

use wasm_bindgen::JsCast;

use crate::browser::BrowserError;

fn session_storage() -> Result<web_sys::Storage, BrowserError> {
    let global = js_sys::global();
    let value = js_sys::Reflect::get(&global, &"sessionStorage".into())
        .map_err(|_| BrowserError::Storage("reading sessionStorage threw".into()))?;
    if value.is_undefined() || value.is_null() {
        return Err(BrowserError::Storage(
            "no sessionStorage in this environment".into(),
        ));
    }
    value
        .dyn_into::<web_sys::Storage>()
        .map_err(|_| BrowserError::Storage("sessionStorage is not a Storage".into()))
}

/// Reads a key.
pub fn get(key: &str) -> Result<Option<String>, BrowserError> {
    session_storage()?
        .get_item(key)
        .map_err(|_| BrowserError::Storage(format!("could not read {key}")))
}

/// Writes a key.
pub fn set(key: &str, value: &str) -> Result<(), BrowserError> {
    session_storage()?.set_item(key, value).map_err(|_| {
        BrowserError::Storage(format!("could not write {key} (quota or private mode)"))
    })
}

/// Deletes a key (no error if absent).
pub fn remove(key: &str) -> Result<(), BrowserError> {
    session_storage()?
        .remove_item(key)
        .map_err(|_| BrowserError::Storage(format!("could not delete {key}")))
}

/// Reads and deletes a key in one step (single use).
pub fn take(key: &str) -> Result<Option<String>, BrowserError> {
    let value = get(key)?;
    remove(key)?;
    Ok(value)
}
