//! [`DeviceStore`]: data kept on this device, encrypted. Records live in IndexedDB, sealed
//! with AES-GCM (256-bit, a fresh 96-bit IV per record) under one WebCrypto key that is
//! **non-extractable** and kept in IndexedDB itself (a `CryptoKey` is structured-cloneable),
//! never in `localStorage`: script can use the key on this origin but cannot read its bytes.
//!
//! Each record is `{ v: 1, iv, data, savedAt }`; a record of another format version, or one
//! that does not decrypt (another key, a corrupt write), is deleted and reported as
//! `device_store_corrupt`, never as a crash. [`DeviceStore::wipe`] deletes the whole
//! database, key included ("Forget this device", sign-out). Works in a page and in a worker.
//!
//! ```no_run
//! # async fn run() -> Result<(), bluebutton_wasm::BrowserError> {
//! use bluebutton_wasm::browser::device_store::DeviceStore;
//! let store = DeviceStore::open().await?;
//! store.put("history", b"{\"resourceType\":\"Bundle\"}").await?;
//! let kept = store.get("history").await?.expect("just saved");
//! assert_eq!(kept.data, b"{\"resourceType\":\"Bundle\"}");
//! DeviceStore::wipe().await?;
//! # Ok(()) }
//! ```

use js_sys::{Array, Object, Promise, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{CryptoKey, IdbDatabase, IdbFactory, IdbRequest, IdbTransactionMode, SubtleCrypto};

use crate::browser::{clock, random, BrowserError};

/// The IndexedDB database name.
pub const DB_NAME: &str = "bluebutton-wasm";
/// The record format version written by this code.
pub const FORMAT_VERSION: u32 = 1;
const SCHEMA_VERSION: u32 = 1;
const KEYS: &str = "keys";
const RECORDS: &str = "records";
const KEY_ID: &str = "aes-gcm";

/// A record read back and decrypted.
#[derive(Debug, Clone, PartialEq)]
pub struct Kept {
    /// The plaintext as it was put.
    pub data: Vec<u8>,
    /// When it was saved (Unix milliseconds).
    pub saved_at_ms: f64,
}

/// An open store with its key.
pub struct DeviceStore {
    db: IdbDatabase,
    key: CryptoKey,
    subtle: SubtleCrypto,
}

fn unavailable(what: &str, error: JsValue) -> BrowserError {
    let detail = error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "refused".into());
    BrowserError::DeviceStore(format!("{what}: {detail}"))
}

/// A promise settled by the request's `success` (its result) or `error`.
async fn request(req: &IdbRequest, what: &str) -> Result<JsValue, BrowserError> {
    let promise = Promise::new(&mut |resolve, reject| {
        req.set_onsuccess(Some(&resolve));
        req.set_onerror(Some(&reject));
    });
    JsFuture::from(promise)
        .await
        .map_err(|e| unavailable(what, e))?;
    req.result().map_err(|e| unavailable(what, e))
}

fn global(name: &str) -> Result<JsValue, BrowserError> {
    Reflect::get(&js_sys::global(), &name.into())
        .ok()
        .filter(|v| !v.is_undefined() && !v.is_null())
        .ok_or(BrowserError::Unavailable(if name == "indexedDB" {
            "indexedDB"
        } else {
            "crypto"
        }))
}

fn factory() -> Result<IdbFactory, BrowserError> {
    Ok(global("indexedDB")?.unchecked_into())
}

fn subtle() -> Result<SubtleCrypto, BrowserError> {
    let crypto = global("crypto")?;
    let subtle = Reflect::get(&crypto, &"subtle".into())
        .ok()
        .filter(|v| !v.is_undefined())
        .ok_or(BrowserError::Unavailable(
            "crypto.subtle (a secure context)",
        ))?;
    Ok(subtle.unchecked_into())
}

async fn open_db() -> Result<IdbDatabase, BrowserError> {
    let open = factory()?
        .open_with_u32(DB_NAME, SCHEMA_VERSION)
        .map_err(|e| unavailable("indexedDB.open", e))?;
    let upgrade = wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::Event)>::new({
        let open = open.clone();
        move |_| {
            if let Ok(db) = open.result() {
                let db: IdbDatabase = db.unchecked_into();
                let names = db.object_store_names();
                for name in [KEYS, RECORDS] {
                    if !names.contains(name) {
                        let _ = db.create_object_store(name);
                    }
                }
            }
        }
    });
    open.set_onupgradeneeded(Some(upgrade.as_ref().unchecked_ref()));
    let db = request(&open, "opening the device store").await;
    open.set_onupgradeneeded(None);
    drop(upgrade);
    Ok(db?.unchecked_into())
}

fn aes_gcm(iv: Option<&Uint8Array>) -> Object {
    let params = Object::new();
    let _ = Reflect::set(&params, &"name".into(), &"AES-GCM".into());
    match iv {
        Some(iv) => {
            let _ = Reflect::set(&params, &"iv".into(), iv);
        }
        None => {
            let _ = Reflect::set(&params, &"length".into(), &256.into());
        }
    }
    params
}

fn usages() -> Array {
    Array::of2(&"encrypt".into(), &"decrypt".into())
}

impl DeviceStore {
    /// Opens the store, creating the database and its non-extractable key on first use.
    pub async fn open() -> Result<Self, BrowserError> {
        let subtle = subtle()?;
        let db = open_db().await?;
        let key = match Self::read(&db, KEYS, KEY_ID).await? {
            Some(key) if key.is_instance_of::<CryptoKey>() => key.unchecked_into(),
            _ => {
                let promise = subtle
                    .generate_key_with_object(&aes_gcm(None), false, &usages())
                    .map_err(|e| unavailable("generating the device key", e))?;
                let key: CryptoKey = JsFuture::from(promise)
                    .await
                    .map_err(|e| unavailable("generating the device key", e))?
                    .unchecked_into();
                Self::write(&db, KEYS, KEY_ID, &key).await?;
                key
            }
        };
        Ok(Self { db, key, subtle })
    }

    async fn read(
        db: &IdbDatabase,
        store: &str,
        id: &str,
    ) -> Result<Option<JsValue>, BrowserError> {
        let tx = db
            .transaction_with_str(store)
            .map_err(|e| unavailable("reading the device store", e))?;
        let req = tx
            .object_store(store)
            .and_then(|s| s.get(&id.into()))
            .map_err(|e| unavailable("reading the device store", e))?;
        let value = request(&req, "reading the device store").await?;
        Ok((!value.is_undefined()).then_some(value))
    }

    async fn write(
        db: &IdbDatabase,
        store: &str,
        id: &str,
        value: &JsValue,
    ) -> Result<(), BrowserError> {
        let tx = db
            .transaction_with_str_and_mode(store, IdbTransactionMode::Readwrite)
            .map_err(|e| unavailable("writing the device store", e))?;
        let req = tx
            .object_store(store)
            .and_then(|s| s.put_with_key(value, &id.into()))
            .map_err(|e| unavailable("writing the device store", e))?;
        request(&req, "writing the device store (quota?)").await?;
        Ok(())
    }

    /// Encrypts `plaintext` and keeps it under `id` (replacing what was there).
    pub async fn put(&self, id: &str, plaintext: &[u8]) -> Result<(), BrowserError> {
        let iv = Uint8Array::from(&random::entropy32()?[..12]);
        let promise = self
            .subtle
            .encrypt_with_object_and_u8_array(&aes_gcm(Some(&iv)), &self.key, plaintext)
            .map_err(|e| unavailable("encrypting", e))?;
        let sealed = JsFuture::from(promise)
            .await
            .map_err(|e| unavailable("encrypting", e))?;
        let record = Object::new();
        let _ = Reflect::set(&record, &"v".into(), &FORMAT_VERSION.into());
        let _ = Reflect::set(&record, &"iv".into(), &iv);
        let _ = Reflect::set(&record, &"data".into(), &sealed);
        let _ = Reflect::set(&record, &"savedAt".into(), &clock::now_ms().into());
        Self::write(&self.db, RECORDS, id, &record).await
    }

    /// The record under `id`, decrypted; `None` when there is none. A record of another
    /// format or that does not decrypt is deleted and reported as `device_store_corrupt`.
    pub async fn get(&self, id: &str) -> Result<Option<Kept>, BrowserError> {
        let Some(record) = Self::read(&self.db, RECORDS, id).await? else {
            return Ok(None);
        };
        match self.open_record(&record).await {
            Ok(kept) => Ok(Some(kept)),
            Err(why) => {
                let _ = self.delete(id).await;
                Err(BrowserError::DeviceStoreCorrupt(why))
            }
        }
    }

    async fn open_record(&self, record: &JsValue) -> Result<Kept, String> {
        let field = |name: &str| Reflect::get(record, &name.into()).unwrap_or(JsValue::UNDEFINED);
        let version = field("v").as_f64();
        if version != Some(f64::from(FORMAT_VERSION)) {
            return Err(format!(
                "format {version:?}, this app reads {FORMAT_VERSION}"
            ));
        }
        let iv = field("iv")
            .dyn_into::<Uint8Array>()
            .map_err(|_| "no IV".to_string())?;
        let data = field("data");
        let data = data
            .dyn_ref::<js_sys::ArrayBuffer>()
            .ok_or("no sealed data")?;
        let promise = self
            .subtle
            .decrypt_with_object_and_buffer_source(&aes_gcm(Some(&iv)), &self.key, data)
            .map_err(|_| "the browser refused to decrypt".to_string())?;
        let plain = JsFuture::from(promise)
            .await
            .map_err(|_| "it does not decrypt with this device's key".to_string())?;
        Ok(Kept {
            data: Uint8Array::new(&plain).to_vec(),
            saved_at_ms: field("savedAt").as_f64().unwrap_or(0.0),
        })
    }

    /// Deletes the record under `id` (no error when there is none).
    pub async fn delete(&self, id: &str) -> Result<(), BrowserError> {
        let tx = self
            .db
            .transaction_with_str_and_mode(RECORDS, IdbTransactionMode::Readwrite)
            .map_err(|e| unavailable("deleting from the device store", e))?;
        let req = tx
            .object_store(RECORDS)
            .and_then(|s| s.delete(&id.into()))
            .map_err(|e| unavailable("deleting from the device store", e))?;
        request(&req, "deleting from the device store").await?;
        Ok(())
    }

    /// Deletes the whole database, key included. Close every open store first (drop it);
    /// a store still open elsewhere makes the browser wait until it closes.
    pub async fn wipe() -> Result<(), BrowserError> {
        let req = factory()?
            .delete_database(DB_NAME)
            .map_err(|e| unavailable("deleting the device store", e))?;
        request(&req, "deleting the device store").await?;
        Ok(())
    }
}

impl Drop for DeviceStore {
    fn drop(&mut self) {
        self.db.close();
    }
}
