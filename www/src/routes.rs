//! Addresses: every view has a path under the app's base (`/`, `/claims`, `/claims/<id>`,
//! `/charts`, `/export`, `/card`), read by `leptos_router`'s [`Router`](leptos_router::components::Router).
//!
//! Path routing on a static host: a host that does not know `/claims` serves its 404 page,
//! which is a copy of `index.html` (`scripts/build-site.sh` writes `dist/404.html`), so the app
//! starts and the router shows the view. The base comes from the address the page loaded its
//! loader from (`<script id="boot" src="{public_url}boot.js">`), so one build serves any
//! sub-path Trunk was given, and the OAuth redirect URI is always the app's root.

use bluebutton_wasm::browser::storage;

/// sessionStorage key of the view to return to after a sign-in (a path under the base).
pub const RETURN_KEY: &str = "bluebutton-www:return";

/// The sections of the signed-in app, each with its own path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    /// `/`: patient, coverage and summary.
    Overview,
    /// `/claims` and `/claims/<id>`.
    Claims,
    /// `/charts`.
    Charts,
    /// `/export`.
    Export,
    /// `/card`: the v3 Digital Insurance Card.
    Card,
}

impl Section {
    /// Every section, in tab order.
    pub const ALL: [Section; 5] = [
        Section::Overview,
        Section::Claims,
        Section::Charts,
        Section::Export,
        Section::Card,
    ];

    /// The path of the section under the base (`/claims`).
    pub fn path(self) -> &'static str {
        match self {
            Section::Overview => "/",
            Section::Claims => "/claims",
            Section::Charts => "/charts",
            Section::Export => "/export",
            Section::Card => "/card",
        }
    }

    /// The section a path (under the base) belongs to, if any.
    ///
    /// ```ignore
    /// assert_eq!(Section::of("/claims/carrier-1"), Some(Section::Claims));
    /// ```
    pub fn of(path: &str) -> Option<Section> {
        let first = path.trim_matches('/').split('/').next().unwrap_or_default();
        match first {
            "" => Some(Section::Overview),
            "claims" => Some(Section::Claims),
            "charts" => Some(Section::Charts),
            "export" => Some(Section::Export),
            "card" => Some(Section::Card),
            _ => None,
        }
    }
}

/// The full path of an app path under the base (`/claims` → `/sub/path/claims`; `/` →
/// `/sub/path/`, with the slash: the router matches the bare `/sub/path` to no route).
pub fn href(path: &str) -> String {
    format!("{}{path}", base())
}

/// The path of one claim's view (`/claims/<id>`).
pub fn claim_path(id: &str) -> String {
    format!("/claims/{id}")
}

/// The base path the app is served under, without a trailing slash (`""` at the root,
/// `"/sub/path"` for `PUBLIC_URL=/sub/path/`): the folder of the loader script.
pub fn base() -> String {
    thread_local! {
        static BASE: String = read_base();
    }
    BASE.with(Clone::clone)
}

fn read_base() -> String {
    let src = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("boot"))
        .and_then(|el| el.get_attribute("src"))
        .unwrap_or_default();
    base_of(&src)
}

/// The base path from the loader's `src` (`/sub/path/boot.js` → `/sub/path`; a full URL gives
/// its path).
fn base_of(src: &str) -> String {
    let path = match src.split_once("://") {
        Some((_, rest)) => rest.find('/').map(|i| &rest[i..]).unwrap_or("/"),
        None => src,
    };
    let folder = path
        .rsplit_once('/')
        .map(|(dir, _)| dir)
        .unwrap_or_default();
    folder.trim_end_matches('/').to_owned()
}

/// The app's root address (origin, base, `/`): the OAuth redirect URI, whatever view is open.
pub fn root_url() -> String {
    let origin = web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default();
    format!("{origin}{}/", base())
}

/// The path shown now, under the base (`/claims/x`), from the address bar.
pub fn current_path() -> String {
    let path = web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .unwrap_or_else(|| "/".into());
    strip_base(&path, &base())
}

/// `path` without the base (always starting with `/`).
pub fn strip_base(path: &str, base: &str) -> String {
    let rest = path.strip_prefix(base).unwrap_or(path);
    if rest.starts_with('/') {
        rest.to_owned()
    } else {
        format!("/{rest}")
    }
}

/// Remembers the view to open once a sign-in started now has finished (nothing for the
/// overview, which opens anyway).
pub fn remember_return() {
    let path = current_path();
    if path != "/" && Section::of(&path).is_some() {
        let _ = storage::set(RETURN_KEY, &path);
    } else {
        forget_return();
    }
}

/// Drops a remembered view (a sign-in that failed must not send a later one there).
pub fn forget_return() {
    let _ = storage::remove(RETURN_KEY);
}

/// The view remembered by [`remember_return`], once (an app path, never another site).
pub fn take_return() -> Option<String> {
    let path = storage::take(RETURN_KEY).ok()??;
    (path.starts_with('/') && !path.starts_with("//") && Section::of(&path).is_some())
        .then_some(path)
}

/// Keeps the address bar in step with the view (mounted once, inside the router).
///
/// leptos_router 0.8.17 keeps its own stack of visited paths to decide whether a navigation
/// needs a new history entry, but Forward (popstate) does not add to it: after Back to `/`
/// and Forward to `/claims/x`, a click to `/claims` changed the view yet left the address at
/// `/claims/x` (the router took `/claims` for the page it was already on). After each change
/// of the router's path, once the router is done (a macrotask later), this adds the entry the
/// router left out. Only the path is compared: the router may still remember the query of
/// the OAuth callback, which the library scrubbed from the address bar and must never return.
#[leptos::component]
pub fn AddressBar() -> impl leptos::IntoView {
    use leptos::prelude::*;
    let pathname = leptos_router::hooks::use_location().pathname;
    Effect::new(move |previous: Option<String>| {
        let path = pathname.get();
        if previous.is_some_and(|p| p != path) {
            let want = path.clone();
            set_timeout(move || add_missing_entry(&want), std::time::Duration::ZERO);
        }
        path
    });
}

fn add_missing_entry(want: &str) {
    let Some(w) = web_sys::window() else { return };
    let shown = w.location().pathname().unwrap_or_default();
    if shown != want {
        if let Ok(history) = w.history() {
            let _ = history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(want));
        }
    }
}
