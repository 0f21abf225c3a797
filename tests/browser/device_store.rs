//! Headless-Chromium tests of `DeviceStore` (issue 14, "kept on this device"): records are
//! AES-GCM sealed in IndexedDB under a non-extractable key kept there too; what does not read
//! back is dropped with `device_store_corrupt`, never a crash; `wipe` removes key and data.

use bluebutton_wasm::browser::device_store::{DeviceStore, DB_NAME};
use bluebutton_wasm::core::ErrorCode;
use js_sys::{Function, Promise};
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

/// Runs `body` (JS, with `db` = the open IndexedDB database) and awaits what it returns.
async fn raw(body: &str) -> JsValue {
    let f = Function::new_with_args(
        "name",
        &format!(
            "return new Promise((ok, fail) => {{ const o = indexedDB.open(name); \
             o.onerror = () => fail(o.error); o.onsuccess = async () => {{ const db = o.result; \
             try {{ ok(await (async () => {{ {body} }})()); }} catch (e) {{ fail(e); }} finally {{ db.close(); }} }}; }});"
        ),
    );
    let promise: Promise = f.call1(&JsValue::NULL, &DB_NAME.into()).unwrap().into();
    JsFuture::from(promise).await.unwrap()
}

const GET: &str = "const get = (store, id) => new Promise((ok, fail) => { \
    const r = db.transaction(store).objectStore(store).get(id); r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });";
const PUT: &str = "const put = (store, id, v) => new Promise((ok, fail) => { \
    const t = db.transaction(store, 'readwrite'); t.objectStore(store).put(v, id); t.oncomplete = () => ok(true); t.onerror = () => fail(t.error); });";

#[wasm_bindgen_test]
async fn kept_data_reads_back_and_is_sealed_under_a_non_extractable_key() {
    DeviceStore::wipe().await.unwrap();
    let plain = br#"{"resourceType":"Bundle","entry":[{"secret":"J189 pneumonia"}]}"#;
    {
        let store = DeviceStore::open().await.unwrap();
        store.put("history", plain).await.unwrap();
        let kept = store.get("history").await.unwrap().unwrap();
        assert_eq!(kept.data, plain);
        let age = js_sys::Date::now() - kept.saved_at_ms;
        assert!((0.0..60_000.0).contains(&age), "saved just now: {age}");
        assert_eq!(store.get("nothing").await.unwrap(), None);
    }
    // What IndexedDB holds: a non-extractable AES-GCM key, and no plaintext.
    let facts = raw(&format!(
        "{GET} const key = await get('keys', 'aes-gcm'); const rec = await get('records', 'history'); \
         const bytes = new Uint8Array(rec.data); const text = new TextDecoder().decode(bytes); \
         return [key instanceof CryptoKey, key.extractable, key.algorithm.name, key.algorithm.length, \
                 rec.v, rec.iv.length, text.includes('pneumonia'), typeof localStorage.length === 'number' && \
                 Object.keys(localStorage).some(k => k.includes('bluebutton'))].join(',');"
    ))
    .await;
    assert_eq!(
        facts.as_string().unwrap(),
        "true,false,AES-GCM,256,1,12,false,false",
        "key kind, extractable, alg, bits, format, IV bytes, plaintext visible, localStorage used"
    );
    // A reopened store (a reload) reads it with the same key.
    let again = DeviceStore::open().await.unwrap();
    assert_eq!(again.get("history").await.unwrap().unwrap().data, plain);
    drop(again);
    DeviceStore::wipe().await.unwrap();
}

#[wasm_bindgen_test]
async fn what_does_not_read_back_is_dropped_with_a_clear_error() {
    DeviceStore::wipe().await.unwrap();
    let store = DeviceStore::open().await.unwrap();
    for (id, damage) in [
        (
            "flipped",
            "rec.data = new Uint8Array(rec.data).map((b, i) => i === 3 ? b ^ 1 : b).buffer;",
        ),
        ("future", "rec.v = 2;"),
        ("garbage", "rec = 'not a record';"),
    ] {
        store.put(id, b"claims").await.unwrap();
        raw(&format!(
            "{GET} {PUT} let rec = await get('records', '{id}'); {damage} return put('records', '{id}', rec);"
        ))
        .await;
        let err = store.get(id).await.unwrap_err();
        assert_eq!(err.code(), ErrorCode::DeviceStoreCorrupt, "{id}: {err}");
        assert!(err.to_string().contains("download them again"), "{err}");
        assert_eq!(
            store.get(id).await.unwrap(),
            None,
            "{id}: the bad record is gone"
        );
    }
    // Sealed under another device key (the key was replaced): does not decrypt.
    store.put("old", b"claims").await.unwrap();
    drop(store);
    raw("return new Promise((ok, fail) => { const t = db.transaction('keys', 'readwrite'); \
         t.objectStore('keys').clear(); t.oncomplete = () => ok(true); t.onerror = () => fail(t.error); });")
        .await;
    let store = DeviceStore::open().await.unwrap();
    let err = store.get("old").await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::DeviceStoreCorrupt, "{err}");
    drop(store);
    DeviceStore::wipe().await.unwrap();
}

#[wasm_bindgen_test]
async fn wipe_removes_the_data_and_the_key() {
    let store = DeviceStore::open().await.unwrap();
    store.put("history", b"claims").await.unwrap();
    drop(store);
    DeviceStore::wipe().await.unwrap();
    let names = JsFuture::from(
        js_sys::Reflect::get(&js_sys::global(), &"indexedDB".into())
            .ok()
            .and_then(|idb| {
                let f: Function = js_sys::Reflect::get(&idb, &"databases".into()).ok()?.into();
                f.call0(&idb).ok()
            })
            .map(Promise::from)
            .unwrap(),
    )
    .await
    .unwrap();
    let left = js_sys::Array::from(&names)
        .iter()
        .filter(|d| {
            js_sys::Reflect::get(d, &"name".into())
                .ok()
                .and_then(|n| n.as_string())
                .as_deref()
                == Some(DB_NAME)
        })
        .count();
    assert_eq!(left, 0, "the database is gone, key included");
    let fresh = DeviceStore::open().await.unwrap();
    assert_eq!(fresh.get("history").await.unwrap(), None);
    drop(fresh);
    DeviceStore::wipe().await.unwrap();
}
