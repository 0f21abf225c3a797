//! The worker side: receives page bodies, parses them, and answers with the view model, one
//! claim's detail, the exports (CSV, FHIR Bundle, NDJSON), or the Overview's patient, coverage
//! and insurance card.
//! Runs in a `DedicatedWorkerGlobalScope`: nothing here touches `window` or the DOM.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use bluebutton_wasm::browser::BrowserError;
use bluebutton_wasm::core::fhir::export::{bundle_json, ndjson};
use bluebutton_wasm::core::fhir::text::Interner;
use bluebutton_wasm::core::fhir::{
    coverages_from_body, parse_insurance_card, patient_from_body, Bundle,
};
use js_sys::{Object, Reflect, Uint32Array, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

use super::built::{build, csv_of, detail_bytes, parse_page, Check};
use super::overview::{CoverageView, PatientView};

/// Global of the worker counting the pages it parsed (read by the e2e test).
pub const PARSED_COUNTER: &str = "bbWorkerParsedPages";

/// One history being received.
#[derive(Default)]
struct Job {
    pages: Vec<Bundle>,
    /// Shared by the job's pages (their repeated strings are held once); dropped with the job.
    interner: Interner,
    /// The first failure: the build answers it instead of a result.
    failed: Option<BrowserError>,
}

/// Installs the message handler and tells the page it is ready.
pub fn run() {
    let Ok(scope) = js_sys::global().dyn_into::<DedicatedWorkerGlobalScope>() else {
        web_sys::console::error_1(&"worker-bin runs only as a dedicated Web Worker".into());
        return;
    };
    let jobs: Rc<RefCell<HashMap<u32, Job>>> = Rc::default();
    let reply = scope.clone();
    let handler = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let answer = handle(&jobs, &event.data());
        if let Some(answer) = answer {
            let _ = reply.post_message(&answer);
        }
    });
    scope.set_onmessage(Some(handler.as_ref().unchecked_ref()));
    handler.forget();
    let _ = Reflect::set(&scope, &PARSED_COUNTER.into(), &0.into());
    let _ = scope.post_message(&message(0, "ready", &[]));
}

fn field(data: &JsValue, name: &str) -> JsValue {
    Reflect::get(data, &name.into()).unwrap_or(JsValue::UNDEFINED)
}

/// The message's `body` (an `ArrayBuffer`), copied into wasm memory.
fn body(data: &JsValue) -> Vec<u8> {
    Uint8Array::new(&field(data, "body")).to_vec()
}

/// A message `{job, kind, ...fields}`.
pub(super) fn message(job: u32, kind: &str, fields: &[(&str, JsValue)]) -> JsValue {
    let out = Object::new();
    let _ = Reflect::set(&out, &"job".into(), &job.into());
    let _ = Reflect::set(&out, &"kind".into(), &kind.into());
    for (name, value) in fields {
        let _ = Reflect::set(&out, &(*name).into(), value);
    }
    out.into()
}

fn count_parsed() {
    let global = js_sys::global();
    let n = Reflect::get(&global, &PARSED_COUNTER.into())
        .ok()
        .and_then(|v| v.as_f64())
        .unwrap_or(0.0);
    let _ = Reflect::set(&global, &PARSED_COUNTER.into(), &(n + 1.0).into());
}

fn handle(jobs: &RefCell<HashMap<u32, Job>>, data: &JsValue) -> Option<JsValue> {
    let job = field(data, "job").as_f64()? as u32;
    match field(data, "kind").as_string()?.as_str() {
        "page" => {
            let body = body(data);
            let mut jobs = jobs.borrow_mut();
            let state = jobs.entry(job).or_default();
            if state.failed.is_none() {
                match parse_page(&mut state.interner, state.pages.len(), &body) {
                    Ok(bundle) => state.pages.push(bundle),
                    Err(e) => state.failed = Some(e),
                }
                count_parsed();
            }
            let parsed = state.pages.len() as u32;
            Some(message(job, "parsed", &[("pages", parsed.into())]))
        }
        "end" => {
            let state = jobs.borrow_mut().remove(&job).unwrap_or_default();
            let check = if field(data, "check").as_bool() == Some(false) {
                Check::FirstWins
            } else {
                Check::Total(field(data, "total").as_f64().map(|t| t as u64))
            };
            let result = match state.failed {
                Some(why) => Err(why),
                None => build(&state.pages, check).and_then(|built| json(&built)),
            };
            Some(answer(job, result))
        }
        "csv" => {
            let state = jobs.borrow_mut().remove(&job).unwrap_or_default();
            let flat = Uint32Array::new(&field(data, "at")).to_vec();
            let at: Vec<(u32, u32)> = flat.chunks_exact(2).map(|c| (c[0], c[1])).collect();
            let result = match state.failed {
                Some(why) => Err(why),
                None => Ok(csv_of(state.pages, &at)),
            };
            Some(answer(job, result))
        }
        // A lossless export of the pages as the server sent them (all in this one message).
        "export" => {
            let pages: Vec<Vec<u8>> = js_sys::Array::from(&field(data, "pages"))
                .iter()
                .map(|b| Uint8Array::new(&b).to_vec())
                .collect();
            let result = match field(data, "format").as_string().as_deref() {
                Some("bundle") => bundle_json(&pages),
                _ => ndjson(&pages),
            };
            Some(answer(job, result.map_err(BrowserError::from)))
        }
        "detail" => {
            let body = body(data);
            let entry = field(data, "entry").as_f64().unwrap_or(-1.0);
            count_parsed();
            let result = if entry >= 0.0 {
                detail_bytes(&body, entry as usize).map_err(internal)
            } else {
                Err(internal("the claim's place in its page is missing".into()))
            };
            Some(answer(job, result.and_then(|d| json(&d))))
        }
        // The Overview's reads: each body parsed here, the page gets what it shows.
        "patient" => {
            let patient = patient_from_body(&body(data)).map_err(BrowserError::from);
            Some(answer(
                job,
                patient.and_then(|p| json(&p.as_ref().map(PatientView::new))),
            ))
        }
        "coverage" => {
            let list = coverages_from_body(&body(data)).map_err(BrowserError::from);
            let views = list.map(|l| l.iter().map(CoverageView::new).collect::<Vec<_>>());
            Some(answer(job, views.and_then(|v| json(&v))))
        }
        "card" => {
            let card = parse_insurance_card(&body(data)).map_err(BrowserError::from);
            Some(answer(job, card.and_then(|c| json(&c))))
        }
        "drop" => {
            jobs.borrow_mut().remove(&job);
            None
        }
        _ => None,
    }
}

/// `value` as JSON text for the page.
fn json(value: &impl serde::Serialize) -> Result<String, BrowserError> {
    serde_json::to_string(value).map_err(|e| internal(e.to_string()))
}

/// A failure with no code of its own (on either side of the worker).
pub(super) fn internal(message: String) -> BrowserError {
    BrowserError::Forwarded {
        code: bluebutton_wasm::core::ErrorCode::Internal,
        message,
    }
}

/// `{job, kind: "done", value}`, or `{job, kind: "error", code, message}` with `page` (and the
/// code and message of the page's own error) when a page failed.
fn answer(job: u32, result: Result<String, BrowserError>) -> JsValue {
    let error = match result {
        Ok(value) => return message(job, "done", &[("value", value.into())]),
        Err(e) => e,
    };
    let (error, page) = match error {
        BrowserError::PageFailed { page, source, .. } => (*source, Some(page)),
        e => (e, None),
    };
    let mut fields = vec![
        ("code", error.code().as_str().into()),
        ("message", error.to_string().into()),
    ];
    if let Some(page) = page {
        fields.push(("page", (page as f64).into()));
    }
    message(job, "error", &fields)
}
