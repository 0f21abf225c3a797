//! The page side: starts the parse worker once, sends it page bodies (transferred), awaits
//! the view model, a claim's detail or the CSV export; falls back to the main thread when the
//! worker is not there.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use bluebutton_wasm::browser::BrowserError;
use js_sys::{Array, Function, Promise, Reflect, Uint32Array, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{MessageEvent, Worker};

use super::built::{build_bytes, csv_bytes, detail_bytes, Built, Check};
use super::detail::Detail;
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
    /// Told the number of pages parsed so far, after each one.
    progress: Option<Box<dyn Fn(u32)>>,
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
            Some("done") => (true, get("value")),
            Some("error") => (false, get("message")),
            Some("ready") => return shared.borrow_mut().ready(),
            Some("parsed") => {
                let shared = shared.borrow();
                let progress = shared.pending.get(&job).and_then(|p| p.progress.as_ref());
                if let (Some(progress), Some(n)) = (progress, get("pages").as_f64()) {
                    progress(n as u32);
                }
                return;
            }
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

/// One job in the worker: its id, the worker, and the promise its answer settles.
struct Ticket {
    id: u32,
    shared: Rc<RefCell<Shared>>,
    promise: Promise,
}

impl Ticket {
    /// A new job in the worker, `None` without one.
    fn new(progress: Option<Box<dyn Fn(u32)>>) -> Option<Self> {
        let shared = shared()?;
        let id = {
            let mut s = shared.borrow_mut();
            s.next_job = s.next_job.wrapping_add(1);
            s.next_job
        };
        let inner = shared.clone();
        let mut progress = Some(progress);
        let promise = Promise::new(&mut |resolve, reject| {
            let progress = progress.take().flatten();
            inner.borrow_mut().pending.insert(
                id,
                Pending {
                    resolve,
                    reject,
                    progress,
                },
            );
        });
        let _ = promise.catch(&shared.borrow().ignore);
        Some(Self {
            id,
            shared,
            promise,
        })
    }

    /// Sends a page body (a copy out of wasm memory, transferred, not cloned).
    fn page(&self, body: &[u8]) {
        let buffer = Uint8Array::from(body).buffer();
        let msg = message(self.id, "page", &[("body", buffer.clone().into())]);
        self.shared
            .borrow_mut()
            .post(msg, Some(Array::of1(&buffer)));
    }

    /// Sends the last message and awaits the answer's `value` (or the reason it failed).
    async fn answer(
        self,
        kind: &str,
        fields: &[(&str, JsValue)],
        transfer: Option<Array>,
    ) -> Result<JsValue, String> {
        let Self {
            id,
            shared,
            promise,
        } = self;
        shared
            .borrow_mut()
            .post(message(id, kind, fields), transfer);
        drop(shared);
        JsFuture::from(promise)
            .await
            .map_err(|why| why.as_string().unwrap_or_default())
    }

    /// [`Ticket::answer`] read as the JSON of a `T`; `None` (with a console note that the work
    /// falls back to the main thread) when the worker failed or its answer does not read.
    async fn answer_json<T: serde::de::DeserializeOwned>(
        self,
        kind: &str,
        fields: &[(&str, JsValue)],
        transfer: Option<Array>,
    ) -> Option<T> {
        match self.answer(kind, fields, transfer).await {
            Ok(json) => match serde_json::from_str(&json.as_string().unwrap_or_default()) {
                Ok(value) => return Some(value),
                Err(e) => note(&format!(
                    "The parse worker's answer was not read ({e}): parsing on the main thread."
                )),
            },
            Err(why) => note(&format!(
                "The parse worker answered {why}: parsing on the main thread."
            )),
        }
        None
    }
}

/// One history being parsed: pages go in as they arrive, the view model comes out.
///
/// Dropped before [`Parse::finish`] (a cancelled or failed download), the worker forgets it.
pub struct Parse {
    job: Option<Ticket>,
}

impl Parse {
    /// Starts a parse in the worker (or, without one, on the main thread at the end).
    pub fn start() -> Self {
        Self {
            job: Ticket::new(None),
        }
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
        if let Some(job) = &self.job {
            job.page(body);
        }
    }

    /// The view model of `pages` (the same bodies given to [`Parse::page`], in order), from
    /// the worker, else built here. An error (a page that is not a Bundle, a short history)
    /// is the main-thread build's, so it is typed as without a worker.
    pub async fn finish(mut self, pages: &[Vec<u8>], check: Check) -> Result<Built, BrowserError> {
        if let Some(job) = self.job.take() {
            let (total, strict) = match check {
                Check::Total(t) => (t.map_or(JsValue::NULL, |t| (t as f64).into()), true),
                Check::FirstWins => (JsValue::NULL, false),
            };
            let fields = [("total", total), ("check", strict.into())];
            if let Some(built) = job.answer_json("end", &fields, None).await {
                return Ok(built);
            }
        }
        count_main_thread(pages.len());
        build_bytes(pages, check)
    }
}

impl Drop for Parse {
    fn drop(&mut self) {
        if let Some(job) = self.job.take() {
            let mut s = job.shared.borrow_mut();
            s.pending.remove(&job.id);
            s.post(message(job.id, "drop", &[]), None);
        }
    }
}

/// The detail of the claim at `entry` of the page `body`: formatted in the worker, else here.
pub async fn detail(body: &[u8], entry: u32) -> Result<Detail, String> {
    if let Some(job) = Ticket::new(None) {
        let buffer = Uint8Array::from(body).buffer();
        let fields = [("body", buffer.clone().into()), ("entry", entry.into())];
        if let Some(detail) = job
            .answer_json("detail", &fields, Some(Array::of1(&buffer)))
            .await
        {
            return Ok(detail);
        }
    }
    count_main_thread(1);
    detail_bytes(body, entry as usize)
}

/// The CSV of claim lines of the claims at `at` (history order) in `pages`, built in the
/// worker (told the pages parsed so far), else here. A JS string, handed to a Blob as is.
pub async fn claim_lines_csv(
    pages: &[Vec<u8>],
    at: &[(u32, u32)],
    progress: impl Fn(u32) + 'static,
) -> Result<JsValue, String> {
    if let Some(job) = Ticket::new(Some(Box::new(progress))) {
        for page in pages {
            job.page(page);
        }
        let flat: Vec<u32> = at.iter().flat_map(|&(p, e)| [p, e]).collect();
        let buffer = Uint32Array::from(flat.as_slice()).buffer();
        match job
            .answer(
                "csv",
                &[("at", buffer.clone().into())],
                Some(Array::of1(&buffer)),
            )
            .await
        {
            Ok(text) if text.is_string() => return Ok(text),
            Ok(_) => {
                note("The parse worker's answer was not text: building the CSV on the main thread.")
            }
            Err(why) => note(&format!(
                "The parse worker answered {why}: building the CSV on the main thread."
            )),
        }
    }
    count_main_thread(pages.len());
    csv_bytes(pages, at).map(|text| JsValue::from_str(&text))
}

/// Counts pages parsed on this thread (the fallback), for the e2e test.
fn count_main_thread(pages: usize) {
    let global = js_sys::global();
    let before = Reflect::get(&global, &MAIN_THREAD_COUNTER.into())
        .ok()
        .and_then(|v| v.as_f64())
        .unwrap_or(0.0);
    let _ = Reflect::set(
        &global,
        &MAIN_THREAD_COUNTER.into(),
        &(before + pages as f64).into(),
    );
}
