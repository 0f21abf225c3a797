//! The EOB search options object of `eobPage`/`eobHistory`, read into an [`EobSearch`]: known
//! keys only (a misspelt filter would otherwise return every claim), each value checked.

use wasm_bindgen::prelude::*;

use super::args::Options;
use crate::browser::BrowserError;
use crate::core::api::search::EobSearch;

/// What the search options say beyond the search itself: how the history is walked.
#[derive(Default)]
pub(super) struct SearchIn {
    pub(super) concurrency: Option<usize>,
    pub(super) keep_pages: Option<bool>,
}

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

/// Checks the keys (known ones only; the callbacks' types) and wraps the object (an empty one
/// for `undefined`/`null`): each value is then read with its type checked (no generic
/// deserializer in the .wasm for this).
fn checked(value: &JsValue) -> Result<Options, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(Options::wrap(js_sys::Object::new(), "search options"));
    }
    if !value.is_object() || value.is_function() || js_sys::Array::is_array(value) {
        return Err(invalid(format!(
            "search options must be an object such as {{ types: [\"carrier\"] }}, got {}",
            super::args::js_type(value)
        )));
    }
    let options = js_sys::Object::from(value.clone());
    for key in js_sys::Object::keys(&options).iter() {
        let key = key.as_string().unwrap_or_default();
        let v = js_sys::Reflect::get(&options, &key.as_str().into()).unwrap_or_default();
        if SEARCH_KEYS.contains(&key.as_str()) {
            continue;
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
    Ok(Options::wrap(options, "search options"))
}

pub(super) fn search_from(
    value: JsValue,
    default_count: Option<u32>,
) -> Result<(EobSearch, SearchIn), JsValue> {
    let o = checked(&value)?;
    let mut search = EobSearch::new();
    let search_err = |e| JsValue::from(BrowserError::Search(e));
    if let Some(types) = o.string_or_strings("types")? {
        search = search.types(&types.join(",")).map_err(search_err)?;
    }
    for f in o.string_or_strings("lastUpdated")?.unwrap_or_default() {
        search = search.last_updated(&f).map_err(search_err)?;
    }
    for f in o.string_or_strings("serviceDate")?.unwrap_or_default() {
        search = search.service_date(&f).map_err(search_err)?;
    }
    if let Some(n) = o.u32("count")?.or(default_count) {
        search = search.count(n).map_err(search_err)?;
    }
    if let Some(n) = o.u64("startIndex")? {
        search = search.start_index(n);
    }
    if let Some(sources) = o.string_or_strings("sources")? {
        search = search.source_list(&sources.join(",")).map_err(search_err)?;
    }
    if o.bool("includeNotFinal")? == Some(true) {
        search = search.include_not_final();
    }
    if let Some(tags) = o.string_or_strings("tags")? {
        search = search
            .tags(tags.iter().map(String::as_str))
            .map_err(search_err)?;
    }
    let walk = SearchIn {
        concurrency: o.u32("concurrency")?.map(|n| n as usize),
        keep_pages: o.bool("keepPages")?,
    };
    Ok((search, walk))
}
