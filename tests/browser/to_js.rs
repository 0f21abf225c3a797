//! `parseBundle`, `eobPage` and `claims()` hand typed values to JS as JSON text parsed by the
//! engine (`src/js/args.rs`, `to_js_via_json`), which is faster than serde-wasm-bindgen's
//! one call per property: the objects must be the same as serde-wasm-bindgen's
//! `json_compatible` ones, on every kind of claim the sandbox serves (v2 and v3).

use bluebutton_wasm::core::api::env::ApiVersion;
use bluebutton_wasm::core::api::search::EobSearch;
use serde::Serialize;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

use crate::sandbox_support::{fast, SANDBOX};

fn via_bindgen<T: Serialize>(value: &T) -> JsValue {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .unwrap()
}

fn via_json<T: Serialize>(value: &T) -> JsValue {
    js_sys::JSON::parse(&serde_json::to_string(value).unwrap()).unwrap()
}

/// Deep equality through `JSON.stringify` (key order included; `undefined` would vanish,
/// so a `null` on one side and a missing key on the other differ).
fn same<T: Serialize>(name: &str, value: &T) {
    let a = js_sys::JSON::stringify(&via_bindgen(value)).unwrap();
    let b = js_sys::JSON::stringify(&via_json(value)).unwrap();
    assert_eq!(a.length(), b.length(), "{name}: lengths");
    assert!(a == b, "{name}: the same objects");
}

#[wasm_bindgen_test]
async fn typed_values_reach_js_the_same_through_json_text() {
    for version in [ApiVersion::V2, ApiVersion::V3] {
        let c = crate::sandbox_support::client(SANDBOX, 5, version, "", fast(3)).await;
        let search = EobSearch::new().count(50).unwrap();
        let page = c.eob_page(&search).await.unwrap();
        assert!(!page.entry.is_empty());
        same(&format!("{version:?} page"), &page);
        let history = c.eob_history(&search, None, |_, _| {}, None).await.unwrap();
        same(&format!("{version:?} claims"), &history.eobs);
    }
}
