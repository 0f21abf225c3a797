//! The EOB search options object of `eobPage`/`eobHistory`, read into an [`EobSearch`]: known
//! keys only (a misspelt filter would otherwise return every claim), each value checked.

use wasm_bindgen::prelude::*;

use crate::browser::BrowserError;
use crate::core::api::search::EobSearch;

#[derive(serde::Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub(super) struct SearchIn {
    #[serde(default)]
    types: Option<serde_json::Value>,
    #[serde(default)]
    last_updated: Option<serde_json::Value>,
    #[serde(default)]
    service_date: Option<serde_json::Value>,
    #[serde(default)]
    count: Option<u32>,
    #[serde(default)]
    start_index: Option<u64>,
    #[serde(default)]
    sources: Option<serde_json::Value>,
    #[serde(default)]
    include_not_final: Option<bool>,
    #[serde(default)]
    tags: Option<serde_json::Value>,
    #[serde(default)]
    pub(super) concurrency: Option<usize>,
    #[serde(default)]
    pub(super) keep_pages: Option<bool>,
}

/// The search options read as data; `onProgress` and `signal` are JS objects, read apart.
const SEARCH_KEYS: [&str; 10] = [
    "types",
    "lastUpdated",
    "serviceDate",
    "count",
    "startIndex",
    "sources",
    "includeNotFinal",
    "tags",
    "concurrency",
    "keepPages",
];
const CALLBACK_KEYS: [&str; 2] = ["onProgress", "signal"];

fn invalid(message: String) -> JsValue {
    BrowserError::InvalidOptions(message).into()
}

/// A string or an array of strings (`"carrier"`, `["carrier", "pde"]`); anything else is
/// refused rather than ignored, since an ignored filter silently returns every claim.
fn string_list(value: &serde_json::Value, key: &str) -> Result<Vec<String>, JsValue> {
    match value {
        serde_json::Value::String(s) => Ok(vec![s.clone()]),
        serde_json::Value::Array(items) => items
            .iter()
            .map(|v| {
                v.as_str()
                    .map(str::to_owned)
                    .ok_or_else(|| invalid(format!("`{key}` must hold strings only, found {v}")))
            })
            .collect(),
        other => Err(invalid(format!(
            "`{key}` must be a string or an array of strings, got {other}"
        ))),
    }
}

pub(super) fn search_from(
    value: JsValue,
    default_count: Option<u32>,
) -> Result<(EobSearch, SearchIn), JsValue> {
    let o: SearchIn = if value.is_undefined() || value.is_null() {
        SearchIn::default()
    } else {
        if !value.is_object() || value.is_function() || js_sys::Array::is_array(&value) {
            return Err(invalid(format!(
                "search options must be an object such as {{ types: [\"carrier\"] }}, got {}",
                super::args::js_type(&value)
            )));
        }
        let options = js_sys::Object::from(value.clone());
        let plain = js_sys::Object::new();
        for key in js_sys::Object::keys(&options).iter() {
            let key = key.as_string().unwrap_or_default();
            let v = js_sys::Reflect::get(&options, &key.as_str().into()).unwrap_or_default();
            if SEARCH_KEYS.contains(&key.as_str()) {
                if !v.is_undefined() {
                    let _ = js_sys::Reflect::set(&plain, &key.as_str().into(), &v);
                }
            } else if key == "onProgress" && !(v.is_undefined() || v.is_function()) {
                return Err(invalid("`onProgress` must be a function".into()));
            } else if key == "signal"
                && !(v.is_undefined() || v.is_instance_of::<web_sys::AbortSignal>())
            {
                return Err(invalid("`signal` must be an AbortSignal".into()));
            } else if !CALLBACK_KEYS.contains(&key.as_str()) {
                return Err(invalid(format!(
                    "unknown search option `{key}` (known: {}, {})",
                    SEARCH_KEYS.join(", "),
                    CALLBACK_KEYS.join(", ")
                )));
            }
        }
        serde_wasm_bindgen::from_value(plain.into()).map_err(|e| invalid(e.to_string()))?
    };
    let mut search = EobSearch::new();
    let search_err = |e| JsValue::from(BrowserError::Search(e));
    if let Some(types) = &o.types {
        search = search
            .types(&string_list(types, "types")?.join(","))
            .map_err(search_err)?;
    }
    for f in o.last_updated.iter().map(|v| string_list(v, "lastUpdated")) {
        for f in f? {
            search = search.last_updated(&f).map_err(search_err)?;
        }
    }
    for f in o.service_date.iter().map(|v| string_list(v, "serviceDate")) {
        for f in f? {
            search = search.service_date(&f).map_err(search_err)?;
        }
    }
    if let Some(n) = o.count.or(default_count) {
        search = search.count(n).map_err(search_err)?;
    }
    if let Some(n) = o.start_index {
        search = search.start_index(n);
    }
    if let Some(sources) = &o.sources {
        search = search
            .source_list(&string_list(sources, "sources")?.join(","))
            .map_err(search_err)?;
    }
    if o.include_not_final == Some(true) {
        search = search.include_not_final();
    }
    if let Some(tags) = &o.tags {
        let tags = string_list(tags, "tags")?;
        search = search
            .tags(tags.iter().map(String::as_str))
            .map_err(search_err)?;
    }
    Ok((search, o))
}
