//! Text helpers that lean on the browser instead of linking Rust's Unicode tables.

/// Lower-cases `text` for the claim search: ASCII in place, anything else by the engine's
/// `String.prototype.toLowerCase` (Rust's `str::to_lowercase` links about 25 KB of Unicode
/// case tables into the app's first load for what the browser already knows).
///
/// ```no_run
/// assert_eq!(bluebutton_www::text::lower("Metformin HCl"), "metformin hcl");
/// assert_eq!(bluebutton_www::text::lower("ÉPOETIN"), "époetin");
/// ```
pub fn lower(text: &str) -> String {
    if text.is_ascii() {
        text.to_ascii_lowercase()
    } else {
        js_sys::JsString::from(text).to_lower_case().into()
    }
}
