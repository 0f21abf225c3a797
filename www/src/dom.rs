//! Small browser helpers: the page's own URL, navigation, storage clean-up, file downloads
//! (Blob + object URL) and the clipboard.

use bluebutton_wasm::browser::location;
use wasm_bindgen::{JsCast, JsValue};

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

/// The redirect URI: the app's root address (origin and base path, no query, no fragment),
/// whatever view is open.
pub fn redirect_uri() -> String {
    crate::routes::root_url()
}

/// Does the address carry an OAuth response (`code`, `error`, or an implicit `access_token`)?
pub fn is_callback() -> bool {
    let Some(loc) = window().map(|w| w.location()) else {
        return false;
    };
    let search = loc.search().unwrap_or_default();
    let hash = loc.hash().unwrap_or_default();
    has_param(&search, &["code", "error", "state"]) || has_param(&hash, &["access_token", "error"])
}

/// Does the address carry an OAuth error (Deny, ...)? No secret is needed to show it.
pub fn callback_has_error() -> bool {
    let Some(loc) = window().map(|w| w.location()) else {
        return false;
    };
    has_param(&loc.search().unwrap_or_default(), &["error"])
        || has_param(&loc.hash().unwrap_or_default(), &["error"])
}

fn has_param(part: &str, names: &[&str]) -> bool {
    part.trim_start_matches(['?', '#'])
        .split('&')
        .filter_map(|pair| pair.split('=').next())
        .any(|name| names.contains(&name))
}

/// Leaves for `url` (the authorize page), like following a link.
pub fn navigate(url: &str) {
    if let Some(w) = window() {
        let _ = w.location().assign(url);
    }
}

/// Removes any OAuth parameters left in the address bar.
pub fn scrub_url() {
    let _ = location::scrub_callback();
}

/// Clears everything this app or the library may have stored: all of sessionStorage for this
/// origin's tab, and the given keys (plus the library's keys) from localStorage.
pub fn clear_storage(extra_keys: &[&str]) {
    let Some(w) = window() else { return };
    if let Ok(Some(s)) = w.session_storage() {
        let _ = s.clear();
    }
    if let Ok(Some(l)) = w.local_storage() {
        let library_keys = [
            bluebutton_wasm::browser::session::SESSION_KEY,
            bluebutton_wasm::core::oauth::pending::STORAGE_KEY,
        ];
        for key in extra_keys.iter().chain(library_keys.iter()) {
            let _ = l.remove_item(key);
        }
    }
}

/// Offers `part` (a JS string, as it came from the parse worker: not copied into wasm memory
/// and back; or any Blob part) as a file download named `name`.
pub fn download_value(name: &str, mime: &str, part: &wasm_bindgen::JsValue) -> Result<(), String> {
    let w = window().ok_or("no window")?;
    let document = w.document().ok_or("no document")?;
    let parts = js_sys::Array::of1(part);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|_| "could not create the file")?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)
        .map_err(|_| "could not create a download link")?;
    let anchor: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|_| "could not create a link")?
        .unchecked_into();
    anchor.set_href(&url);
    anchor.set_download(name);
    anchor.set_hidden(true);
    if let Some(body) = document.body() {
        let _ = body.append_child(&anchor);
    }
    anchor.click();
    anchor.remove();
    // Revoke later: the download has started by then.
    let revoke = wasm_bindgen::closure::Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 60_000);
    Ok(())
}

/// Copies `text` to the clipboard (best effort).
pub fn copy_text(text: &str) {
    if let Some(w) = window() {
        let _ = w.navigator().clipboard().write_text(text);
    }
}

/// Today's date as `YYYY-MM-DD` (for file names).
pub fn today() -> String {
    let d = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date()
    )
}

/// Now as `YYYY-MM-DDThh:mm:ssZ` (UTC), the form `_lastUpdated` filters take.
pub fn now_iso() -> String {
    let text: String = js_sys::Date::new_0().to_iso_string().into();
    format!("{}Z", text.get(..19).unwrap_or("1970-01-01T00:00:00"))
}

/// An ISO 8601 instant (`2026-12-06T05:14:30Z`, as [`now_iso`] writes it) as a person reads it,
/// in their time zone: "December 6, 2026 at 5:14 AM". Text that is not a date comes back as it
/// is.
pub fn when(iso: &str) -> String {
    let date = js_sys::Date::new(&JsValue::from_str(iso));
    if date.get_time().is_nan() {
        return iso.to_owned();
    }
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"dateStyle".into(), &"long".into());
    let _ = js_sys::Reflect::set(&options, &"timeStyle".into(), &"short".into());
    date.to_locale_string("en-US", &options).into()
}

/// The `connect-src` sources of the page's Content-Security-Policy meta tag (`None` when the
/// page has no such policy: then nothing is refused). The published site's policy names no
/// localhost (`scripts/publish-csp.mjs`), so the app offers what its policy allows.
pub fn connect_sources() -> Option<Vec<String>> {
    let document = window()?.document()?;
    let meta = document
        .query_selector("meta[http-equiv=\"Content-Security-Policy\"]")
        .ok()??;
    let policy = meta.get_attribute("content")?;
    let connect = policy
        .split(';')
        .map(str::trim)
        .find_map(|d| d.strip_prefix("connect-src "))
        .or_else(|| {
            policy
                .split(';')
                .map(str::trim)
                .find_map(|d| d.strip_prefix("default-src "))
        })?;
    Some(connect.split_whitespace().map(str::to_owned).collect())
}

/// Does the page's policy let it call `base` (an http(s) base URL)? `'self'`, exact origins,
/// `scheme://host:*` and scheme-only sources are understood; anything unparsable is refused.
pub fn may_connect(base: &str) -> bool {
    let Some(sources) = connect_sources() else {
        return true;
    };
    let Ok(url) = web_sys::Url::new(base) else {
        return false;
    };
    let own = window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default();
    let origin = url.origin();
    sources.iter().any(|s| match s.as_str() {
        "*" => true,
        "'self'" => origin == own,
        s if s.ends_with(':') && !s.contains('/') => url.protocol() == s,
        s => match s.strip_suffix(":*") {
            Some(host) => format!("{}//{}", url.protocol(), url.hostname()) == host,
            None => origin == s.trim_end_matches('/'),
        },
    })
}

/// The local sandbox the demo build talks to.
pub const LOCAL_SANDBOX: &str = "http://127.0.0.1:8000";
