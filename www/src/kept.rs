//! Claims kept on this device (opt-in): the downloaded history, sealed by the library's
//! [`DeviceStore`] (AES-GCM in IndexedDB under a non-extractable key), shown at once on the
//! next visit and brought up to date after sign-in with `_lastUpdated` searches only.
//!
//! The choice itself is a `localStorage` flag ([`REMEMBER_KEY`], no data in it), so a visit
//! that never opted in opens no database. "Forget this device" and sign-out wipe the store,
//! its key and the flag. Tokens are never kept here.

use bluebutton_wasm::core::json::{read_via_value, Fields, FromJson, Json, ToJson};
use std::sync::Arc;

use bluebutton_wasm::browser::device_store::DeviceStore;
use bluebutton_wasm::browser::json::{BrowserJson, JsonFormat};
use bluebutton_wasm::browser::BrowserError;
use bluebutton_wasm::core::ErrorCode;
use serde::{Deserialize, Serialize};

use crate::claims::Claims;
use crate::worker::built::Check;
use crate::worker::client::Parse;

/// localStorage key of the "remember my claims on this device" choice.
pub const REMEMBER_KEY: &str = "bluebutton-www:remember";
/// The record's id in the device store.
const RECORD: &str = "history";
/// The envelope format this app writes.
const FORMAT: u32 = 1;

/// What is kept: the pages as the server sent them and what a sync needs.
#[derive(Serialize, Deserialize)]
struct Envelope {
    v: u32,
    /// The environment's base URL and API version the claims came from.
    env: String,
    version: u32,
    /// The beneficiary's Patient id, when known.
    patient: Option<String>,
    /// When the download or last sync started (`_lastUpdated=gt…` next time).
    synced_at: String,
    /// The page bodies, newest first.
    pages: Vec<String>,
}

/// Read without a typed serde reader on the page.
impl FromJson for Envelope {
    fn from_json(value: &Json) -> Result<Self, String> {
        let f = Fields::of(value)?;
        Ok(Self {
            v: f.u32("v")?,
            env: f.string("env")?,
            version: f.u32("version")?,
            patient: f.opt_string("patient")?,
            synced_at: f.string("synced_at")?,
            pages: f.read("pages")?,
        })
    }
}

/// Written with the browser's `JSON.stringify`, in the same shape as serde's.
impl ToJson for Envelope {
    fn to_json(&self) -> Json {
        Json::object([
            ("v", Json::Number(f64::from(self.v))),
            ("env", Json::Text(self.env.clone())),
            ("version", Json::Number(f64::from(self.version))),
            ("patient", Json::opt_text(self.patient.as_deref())),
            ("synced_at", Json::Text(self.synced_at.clone())),
            ("pages", Json::texts(&self.pages)),
        ])
    }
}

/// Where the kept claims came from, to check them against a new sign-in.
#[derive(Debug, Clone, PartialEq)]
pub struct Origin {
    /// The environment's base URL.
    pub env: String,
    /// The API version number.
    pub version: u32,
    /// The beneficiary's Patient id.
    pub patient: Option<String>,
}

fn local() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// Did the person choose to keep their claims on this device?
pub fn remembered() -> bool {
    local()
        .and_then(|s| s.get_item(REMEMBER_KEY).ok()?)
        .is_some()
}

/// Records the choice (the data is written by [`save`]).
pub fn set_remembered(on: bool) {
    if let Some(s) = local() {
        let _ = if on {
            s.set_item(REMEMBER_KEY, "1")
        } else {
            s.remove_item(REMEMBER_KEY)
        };
    }
}

/// Seals and keeps `claims` (replacing what was kept).
pub async fn save(claims: &Claims, origin: &Origin) -> Result<(), BrowserError> {
    let envelope = Envelope {
        v: FORMAT,
        env: origin.env.clone(),
        version: origin.version,
        patient: origin.patient.clone(),
        synced_at: claims.synced_at.clone(),
        pages: claims
            .pages
            .iter()
            .map(|p| String::from_utf8_lossy(p).into_owned())
            .collect(),
    };
    let text = BrowserJson
        .write(&envelope)
        .map_err(|e| BrowserError::DeviceStore(format!("encoding the claims: {e}")))?;
    DeviceStore::open()
        .await?
        .put(RECORD, text.as_bytes())
        .await
}

/// The kept claims and where they came from, or `None` when nothing is kept. A record this
/// app cannot read is dropped (`device_store_corrupt`).
pub async fn load() -> Result<Option<(Arc<Claims>, Origin)>, BrowserError> {
    let store = DeviceStore::open().await?;
    let Some(kept) = store.get(RECORD).await? else {
        return Ok(None);
    };
    let corrupt = |why: String| BrowserError::DeviceStoreCorrupt(why);
    let envelope: Envelope = match read_via_value::<Envelope>(&kept.data) {
        Ok(e) if e.v == FORMAT => e,
        Ok(e) => {
            let _ = store.delete(RECORD).await;
            return Err(corrupt(format!("format {}, this app reads {FORMAT}", e.v)));
        }
        Err(e) => {
            let _ = store.delete(RECORD).await;
            return Err(corrupt(format!("not this app's record: {e}")));
        }
    };
    // Pages are newest first (a sync puts its pages in front): the first copy of a claim wins.
    // Parsed in the parse worker, like a download.
    let pages: Vec<Vec<u8>> = envelope.pages.into_iter().map(String::into_bytes).collect();
    let built = Parse::all(&pages, Check::FirstWins)
        .await
        .map_err(|e| match e.code() {
            // No parse worker: the kept claims are fine, this page cannot read them.
            ErrorCode::Unavailable => e,
            _ => corrupt(e.to_string()),
        })?;
    let claims = Claims::from_built(built, pages, envelope.synced_at, None);
    let origin = Origin {
        env: envelope.env,
        version: envelope.version,
        patient: envelope.patient,
    };
    Ok(Some((Arc::new(claims), origin)))
}

/// Wipes the kept claims, the device key and the choice.
pub async fn forget() -> Result<(), BrowserError> {
    set_remembered(false);
    DeviceStore::wipe().await
}
