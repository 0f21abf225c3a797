//! The page side: starts the parse worker once, sends it page bodies (transferred), awaits
//! the view model; falls back to the main thread when the worker is not there.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use bluebutton_wasm::browser::BrowserError;
use js_sys::{Array, Function, Promise, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{MessageEvent, Worker};

use super::built::{build_bytes, Built, Check};
use super::host::message;

/// Global of the page counting the pages parsed on the main thread (the fallback).
pub const MAIN_THREAD_COUNTER: &str = "bbMainThreadParsedPages";
/// The worker's script, next to the app's files: Trunk's loader shim, which
/// `scripts/build-site.sh` makes one file (glue and init) so the worker fetches no script.
const LOADER: &str = "worker-bin_loader.js";
/// How long the worker may take to load before the page stops waiting for it.
const READY_WITHIN_MS: i32 = 20_000;

/// Waiting jobs: how to settle each one's promise.
struct Pending {
    resolve: Function,
    reject: Function,
}

/// The one parse worker of the page.
struct Shared {
    worker: Worker,
    pending: HashMap<u32, Pending>,
    next_job: u32,
    /// The worker said "ready": its handler is installed. Before that, a message would be
    /// dispatched to no handler (the wasm is still loading) and lost, so it waits here.
    ready: bool,
    queue: Vec<(JsValue, Option<Array>)>,
    /// Marks each job's promise as handled: one rejected before `finish` awaits it (the worker
    /// failed early) must not be reported as an unhandled rejection.
    ignore: Closure<dyn FnMut(JsValue)>,
}

impl Shared {
    /// Posts `msg` (transferring `transfer`), or queues it until the worker is ready.
    fn post(&mut self, msg: JsValue, transfer: Option<Array>) {
        if !self.ready {
            self.queue.push((msg, transfer));
            return;
        }
        let _ = match &transfer {
            Some(t) => self.worker.post_message_with_transfer(&msg, t),
            None => self.worker.post_message(&msg),
        };
    }

    fn ready(&mut self) {
        self.ready = true;
        for (msg, transfer) in std::mem::take(&mut self.queue) {
            self.post(msg, transfer);
        }
    }
}

thread_local! {
    /// `None` before the first download; `Some(None)` once the worker could not start.
    static WORKER: RefCell<Option<Option<Rc<RefCell<Shared>>>>> = const { RefCell::new(None) };
}

fn note(text: &str) {
    web_sys::console::info_1(&text.into());
}

/// The worker, started on first use.
fn shared() -> Option<Rc<RefCell<Shared>>> {
    WORKER.with(|cell| {
        let mut cell = cell.borrow_mut();
        if cell.is_none() {
            *cell = Some(spawn().map_err(|why| {
                note(&format!(
                    "The parse worker could not start ({why}): claims are parsed on the main thread."
                ))
            }).ok());
        }
        cell.clone().flatten()
    })
}

/// Forgets a worker that failed: later downloads parse on the main thread.
fn retire(why: &str) {
    note(&format!(
        "The parse worker stopped ({why}): claims are parsed on the main thread."
    ));
    let old = WORKER.with(|cell| cell.borrow_mut().replace(None).flatten());
    if let Some(shared) = old {
        let shared = shared.borrow();
        shared.worker.terminate();
        for pending in shared.pending.values() {
            let _ = pending.reject.call1(&JsValue::NULL, &why.into());
        }
    }
}

fn spawn() -> Result<Rc<RefCell<Shared>>, String> {
    let url = format!("{}/{LOADER}", crate::routes::base());
    let worker = Worker::new(&url).map_err(|e| format!("{e:?}"))?;
    let shared = Rc::new(RefCell::new(Shared {
        worker: worker.clone(),
        pending: HashMap::new(),
        next_job: 1,
        ready: false,
        queue: Vec::new(),
        ignore: Closure::new(|_: JsValue| {}),
    }));
    let weak = Rc::downgrade(&shared);
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let Some(shared) = weak.upgrade() else { return };
        let data = event.data();
        let get = |name: &str| Reflect::get(&data, &name.into()).unwrap_or(JsValue::UNDEFINED);
        let Some(job) = get("job").as_f64().map(|j| j as u32) else {
            return;
        };
        let (settle, value) = match get("kind").as_string().as_deref() {
            Some("done") => (true, get("json")),
            Some("error") => (false, get("message")),
            Some("ready") => return shared.borrow_mut().ready(),
            _ => return,
        };
        let pending = shared.borrow_mut().pending.remove(&job);
        if let Some(p) = pending {
            let f = if settle { p.resolve } else { p.reject };
            let _ = f.call1(&JsValue::NULL, &value);
        }
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    // A worker script that cannot load (blocked, missing) or a crash: fall back.
    let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
        event.prevent_default();
        let why = event
            .dyn_ref::<web_sys::ErrorEvent>()
            .map(|e| e.message())
            .filter(|m| !m.is_empty())
            .unwrap_or_else(|| "its script did not load".into());
        retire(&why);
    });
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    on_error.forget();
    // A worker whose wasm never starts (blocked inside the worker, no error event): give up
    // after READY_WITHIN_MS, so a download never waits on it.
    let weak = Rc::downgrade(&shared);
    let check = Closure::once_into_js(move || {
        if weak.upgrade().is_some_and(|s| !s.borrow().ready) {
            retire("it did not start in time");
        }
    });
    if let Some(window) = web_sys::window() {
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
            check.unchecked_ref(),
            READY_WITHIN_MS,
        );
    }
    Ok(shared)
}

/// One history being parsed: pages go in as they arrive, the view model comes out.
///
/// Dropped before [`Parse::finish`] (a cancelled or failed download), the worker forgets it.
pub struct Parse {
    job: Option<(u32, Rc<RefCell<Shared>>, Promise)>,
}

impl Parse {
    /// Starts a parse in the worker (or, without one, on the main thread at the end).
    pub fn start() -> Self {
        let job = shared().map(|shared| {
            let id = {
                let mut s = shared.borrow_mut();
                s.next_job = s.next_job.wrapping_add(1);
                s.next_job
            };
            let inner = shared.clone();
            let promise = Promise::new(&mut |resolve, reject| {
                inner
                    .borrow_mut()
                    .pending
                    .insert(id, Pending { resolve, reject });
            });
            let _ = promise.catch(&shared.borrow().ignore);
            (id, shared, promise)
        });
        Self { job }
    }

    /// The view model of `pages` all at once (kept claims, a merge).
    pub async fn all(pages: &[Vec<u8>], check: Check) -> Result<Built, BrowserError> {
        let parse = Self::start();
        for page in pages {
            parse.page(page);
        }
        parse.finish(pages, check).await
    }

    /// Hands a page body to the worker (a copy out of wasm memory, transferred, not cloned).
    pub fn page(&self, body: &[u8]) {
        let Some((id, shared, _)) = &self.job else {
            return;
        };
        let buffer = Uint8Array::from(body).buffer();
        let msg = message(*id, "page", &[("body", buffer.clone().into())]);
        shared.borrow_mut().post(msg, Some(Array::of1(&buffer)));
    }

    /// The view model of `pages` (the same bodies given to [`Parse::page`], in order), from
    /// the worker, else built here. An error (a page that is not a Bundle, a short history)
    /// is the main-thread build's, so it is typed as without a worker.
    pub async fn finish(mut self, pages: &[Vec<u8>], check: Check) -> Result<Built, BrowserError> {
        if let Some((id, shared, promise)) = self.job.take() {
            let (total, strict) = match check {
                Check::Total(t) => (t.map_or(JsValue::NULL, |t| (t as f64).into()), true),
                Check::FirstWins => (JsValue::NULL, false),
            };
            let msg = message(id, "end", &[("total", total), ("check", strict.into())]);
            shared.borrow_mut().post(msg, None);
            drop(shared);
            match JsFuture::from(promise).await {
                Ok(json) => {
                    match serde_json::from_str::<Built>(&json.as_string().unwrap_or_default()) {
                        Ok(built) => return Ok(built),
                        Err(e) => note(&format!(
                        "The parse worker's answer was not read ({e}): parsing on the main thread."
                    )),
                    }
                }
                Err(why) => note(&format!(
                    "The parse worker answered {}: parsing on the main thread.",
                    why.as_string().unwrap_or_default()
                )),
            }
        }
        main_thread(pages, check)
    }
}

impl Drop for Parse {
    fn drop(&mut self) {
        if let Some((id, shared, _)) = self.job.take() {
            let mut s = shared.borrow_mut();
            s.pending.remove(&id);
            s.post(message(id, "drop", &[]), None);
        }
    }
}

/// The fallback: the same build on this thread, counted for the e2e test.
fn main_thread(pages: &[Vec<u8>], check: Check) -> Result<Built, BrowserError> {
    let global = js_sys::global();
    let before = Reflect::get(&global, &MAIN_THREAD_COUNTER.into())
        .ok()
        .and_then(|v| v.as_f64())
        .unwrap_or(0.0);
    let _ = Reflect::set(
        &global,
        &MAIN_THREAD_COUNTER.into(),
        &(before + pages.len() as f64).into(),
    );
    build_bytes(pages, check)
}
