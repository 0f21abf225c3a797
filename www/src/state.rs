//! Application state: the connection choices (kept in sessionStorage, never the secret), the
//! screen being shown, the in-memory session, and the loaded data. Everything here is a
//! `Copy` handle, provided once through context by [`AppState::provide`].

use bluebutton_wasm::core::json::{Fields, FromJson, Json, ToJson};
use std::sync::Arc;

use bluebutton_wasm::browser::json::{BrowserJson, JsonFormat};
use bluebutton_wasm::browser::session::Session;
use bluebutton_wasm::browser::storage;
use bluebutton_wasm::core::api::env::{ApiVersion, Environment};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::claims::Claims;
use crate::problem::Problem;

/// Claims asked for per page (the most the API gives: fewer requests, and v3's next-link
/// chain stays under the library's page limit for large histories).
pub const PAGE_COUNT: u32 = 50;

/// sessionStorage key of the remembered connection choices.
pub const CONFIG_KEY: &str = "bluebutton-www:connect";

/// The connection choices made on the Connect screen.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Config {
    /// `local`, `sandbox`, `production` or `custom`.
    pub env: String,
    /// The base URL when `env` is `custom`.
    pub custom_url: String,
    /// API version number (1, 2 or 3).
    pub version: u32,
    /// The OAuth client id.
    pub client_id: String,
    /// True for the legacy implicit flow (`response_type=token`).
    pub implicit: bool,
    /// A client secret was typed (the secret itself is never stored).
    pub uses_secret: bool,
}

/// Read without a typed serde reader on the page.
impl FromJson for Config {
    fn from_json(value: &Json) -> Result<Self, String> {
        let f = Fields::of(value)?;
        Ok(Self {
            env: f.string("env")?,
            custom_url: f.string("custom_url")?,
            version: f.u32("version")?,
            client_id: f.string("client_id")?,
            implicit: f.bool("implicit")?,
            uses_secret: f.bool("uses_secret")?,
        })
    }
}

/// Written with the browser's `JSON.stringify`, in the same shape as serde's.
impl ToJson for Config {
    fn to_json(&self) -> Json {
        Json::object([
            ("env", Json::Text(self.env.clone())),
            ("custom_url", Json::Text(self.custom_url.clone())),
            ("version", Json::Number(f64::from(self.version))),
            ("client_id", Json::Text(self.client_id.clone())),
            ("implicit", Json::Bool(self.implicit)),
            ("uses_secret", Json::Bool(self.uses_secret)),
        ])
    }
}

impl Default for Config {
    /// The local sandbox where the page's policy allows it (the demo build), else the CMS
    /// sandbox (a published site, whose policy names no localhost).
    fn default() -> Self {
        let local = crate::dom::may_connect(crate::dom::LOCAL_SANDBOX);
        Self {
            env: if local { "local" } else { "sandbox" }.into(),
            custom_url: String::new(),
            version: 2,
            client_id: if local { "bbwasm-local-public" } else { "" }.into(),
            implicit: false,
            uses_secret: false,
        }
    }
}

impl Config {
    /// The environment text given to the library (`local`, ..., or the custom URL).
    pub fn env_text(&self) -> String {
        if self.env == "custom" {
            self.custom_url.trim().to_owned()
        } else {
            self.env.clone()
        }
    }

    /// The parsed environment, or a readable reason.
    pub fn environment(&self) -> Result<Environment, String> {
        Environment::parse_with(&bluebutton_wasm::browser::url::BrowserUrl, &self.env_text())
            .map_err(|e| e.to_string())
    }

    /// The API version (v2 when the number is unknown).
    pub fn api_version(&self) -> ApiVersion {
        ApiVersion::from_number(self.version).unwrap_or_default()
    }

    /// Reads the remembered choices, if any.
    pub fn load() -> Option<Config> {
        let text = storage::get(CONFIG_KEY).ok()??;
        BrowserJson.read(text.as_bytes()).ok()
    }

    /// Remembers the choices for the callback (sessionStorage, this tab only).
    pub fn save(&self) {
        if let Ok(text) = BrowserJson.write(self) {
            let _ = storage::set(CONFIG_KEY, &text);
        }
    }
}

/// Which screen is shown.
#[derive(Debug, Clone, PartialEq)]
pub enum Phase {
    /// The connect form.
    Connect,
    /// Finishing a sign-in (code exchange under way).
    Completing,
    /// The sign-in used a client secret, which must be typed again to finish.
    NeedSecret,
    /// The sign-in could not be finished.
    CallbackFailed(Problem),
    /// Signed in: the data screens.
    Connected,
    /// Not signed in, showing the claims kept on this device (read-only until a sign-in
    /// brings them up to date).
    Kept,
}

/// State of the whole-history download.
#[derive(Debug, Clone)]
pub enum Download {
    /// Not started.
    Idle,
    /// Under way: claims received so far and the server's total.
    Running {
        /// Claims received.
        done: usize,
        /// `Bundle.total`, when known.
        total: Option<usize>,
    },
    /// Complete.
    Ready(Arc<Claims>),
    /// Cancelled by the user.
    Cancelled,
    /// Failed.
    Failed(Problem),
}

/// Facts about the signed-in grant shown in the header and overview.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Grant {
    /// The beneficiary's FHIR Patient id.
    pub patient: Option<String>,
    /// Did the beneficiary share demographics?
    pub demographics_shared: bool,
    /// The granted scopes.
    pub scopes: Vec<String>,
    /// When the 13-month grant ends.
    pub expires: Option<String>,
    /// A refresh token was issued (code flow).
    pub refreshable: bool,
}

/// All state handles (cheap `Copy`).
#[derive(Clone, Copy)]
pub struct AppState {
    /// Connection choices.
    pub config: RwSignal<Config>,
    /// The client secret, in memory only.
    pub secret: RwSignal<String>,
    /// The screen.
    pub phase: RwSignal<Phase>,
    /// The signed-in session (tokens in memory).
    pub session: StoredValue<Option<Session>, LocalStorage>,
    /// Aborts the running download.
    pub abort: StoredValue<Option<web_sys::AbortController>, LocalStorage>,
    /// Grant facts.
    pub grant: RwSignal<Option<Grant>>,
    /// Notified to fetch the patient, coverage and (v3) insurance card again: they are
    /// `LocalResource`s of the dashboard (`pages::overview::OverviewData`,
    /// `pages::card::CardResource`).
    pub reload: Trigger,
    /// The claims history.
    pub download: RwSignal<Download>,
    /// A short status line read out by screen readers.
    pub announce: RwSignal<String>,
    /// v3 only: also download recent claims not final yet (and prior authorizations).
    pub include_not_final: RwSignal<bool>,
    /// "Remember my claims on this device" (`crate::kept`).
    pub remember: RwSignal<bool>,
    /// When the claims on screen were downloaded, if they came from this device's store.
    pub kept_since: RwSignal<Option<String>>,
}

impl AppState {
    /// Creates the state and provides it as context.
    pub fn provide() -> Self {
        let state = Self {
            config: RwSignal::new(Config::load().unwrap_or_default()),
            secret: RwSignal::new(String::new()),
            phase: RwSignal::new(Phase::Connect),
            session: StoredValue::new_local(None),
            abort: StoredValue::new_local(None),
            grant: RwSignal::new(None),
            reload: Trigger::new(),
            download: RwSignal::new(Download::Idle),
            announce: RwSignal::new(String::new()),
            include_not_final: RwSignal::new(false),
            remember: RwSignal::new(crate::kept::remembered()),
            kept_since: RwSignal::new(None),
        };
        provide_context(state);
        state
    }

    /// The state from context.
    pub fn get() -> Self {
        expect_context::<Self>()
    }

    /// Whether the signed-in session (else the configuration) is on the v3 API: the only one
    /// with the insurance card and claims not final yet.
    pub fn is_v3(&self) -> bool {
        let version = self
            .session
            .with_value(|s| s.as_ref().map(|s| s.version()))
            .unwrap_or_else(|| self.config.with(|c| c.api_version()));
        version == ApiVersion::V3
    }

    /// The downloaded claims, when complete.
    pub fn claims(&self) -> Option<Arc<Claims>> {
        match self.download.get() {
            Download::Ready(c) => Some(c),
            _ => None,
        }
    }

    /// Forgets the data and session (after sign-out or a reconnect).
    pub fn reset_data(&self) {
        self.session.set_value(None);
        self.abort.set_value(None);
        self.grant.set(None);
        self.download.set(Download::Idle);
        self.include_not_final.set(false);
        self.kept_since.set(None);
    }

    /// The claims search of a download or sync: 50 a page, plus every source when the user
    /// asked for recent claims not final yet (v3 only).
    pub fn claims_search(&self) -> bluebutton_wasm::core::api::search::EobSearch {
        let search = bluebutton_wasm::core::api::search::EobSearch::new()
            .count(PAGE_COUNT)
            .unwrap_or_default();
        if self.is_v3() && self.include_not_final.get_untracked() {
            search.include_not_final()
        } else {
            search
        }
    }
}
