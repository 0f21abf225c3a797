//! The page side: starts the parse worker once, sends it page bodies (transferred), awaits
//! the view model, a claim's detail, the CSV export or the Overview's views. Without the
//! worker these fail with code `unavailable` and words asking for a reload.

use bluebutton_wasm::core::json::{read_via_value, FromJson};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use bluebutton_wasm::browser::BrowserError;
use bluebutton_wasm::core::fhir::InsuranceCard;
use bluebutton_wasm::core::ErrorCode;
use js_sys::{Array, Function, Promise, Reflect, Uint32Array, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{MessageEvent, Worker};

use super::built::{Built, Check};
use super::detail::Detail;
use super::host::{internal, message};
use super::overview::{CoverageView, PatientView};
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
            *cell = Some(
                spawn()
                    .map_err(|why| note(&format!("The parse worker could not start ({why}).")))
                    .ok(),
            );
        }
        cell.clone().flatten()
    })
}

/// Forgets a worker that failed: its jobs and later ones fail with `unavailable`.
fn retire(why: &str) {
    note(&format!("The parse worker stopped ({why})."));
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
            Some("error") => (false, data.clone()),
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
    // A worker script that cannot load (blocked, missing) or a crash.
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

    /// Sends the last message and awaits the answer's `value` (or why it failed).
    async fn answer(
        self,
        kind: &str,
        fields: &[(&str, JsValue)],
        transfer: Option<Array>,
    ) -> Result<JsValue, BrowserError> {
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
            .map_err(|why| worker_error(&why))
    }

    /// [`Ticket::answer`] that must be text (an export, handed to a Blob as is).
    async fn answer_text(
        self,
        kind: &str,
        fields: &[(&str, JsValue)],
        transfer: Option<Array>,
    ) -> Result<JsValue, String> {
        match self.answer(kind, fields, transfer).await {
            Ok(text) if text.is_string() => Ok(text),
            Ok(_) => Err("the parse worker's answer was not text".into()),
            Err(e) => Err(e.to_string()),
        }
    }

    /// [`Ticket::answer`] read as the JSON of a `T` (one untyped parse and [`FromJson`]: the
    /// page links no typed serde reader for the worker's answers, and a long history's rows are
    /// read without a call into JS per value).
    async fn answer_json<T: serde::de::DeserializeOwned + FromJson>(
        self,
        kind: &str,
        fields: &[(&str, JsValue)],
        transfer: Option<Array>,
    ) -> Result<T, BrowserError> {
        let json = self.answer(kind, fields, transfer).await?;
        read_via_value(json.as_string().unwrap_or_default().as_bytes())
            .map_err(|e| internal(format!("the parse worker's answer could not be read ({e})")))
    }
}

/// The error of a job from what rejected it: the worker's `{code, message, page?}`, or the
/// reason the worker stopped (a string).
fn worker_error(why: &JsValue) -> BrowserError {
    if let Some(reason) = why.as_string() {
        return unavailable(&format!("stopped ({reason})"));
    }
    let get = |name: &str| Reflect::get(why, &name.into()).ok();
    let code = get("code")
        .and_then(|v| v.as_string())
        .and_then(|c| ErrorCode::from_code(&c))
        .unwrap_or(ErrorCode::Internal);
    let message = get("message")
        .and_then(|v| v.as_string())
        .unwrap_or_else(|| "the parse worker failed".into());
    let error = BrowserError::Forwarded { code, message };
    match get("page").and_then(|v| v.as_f64()) {
        Some(page) => BrowserError::PageFailed {
            page: page as usize,
            url: format!("page {page} of the history"),
            source: Box::new(error),
        },
        None => error,
    }
}

/// The worker is not there (it could not start, or `why`): nothing can be parsed.
fn unavailable(why: &str) -> BrowserError {
    BrowserError::Forwarded {
        code: ErrorCode::Unavailable,
        message: format!(
            "the claims reader (a Web Worker of this page) {why}, so your data cannot be read; reload the page"
        ),
    }
}

/// A new job, or the error saying the worker could not start.
fn ticket(progress: Option<Box<dyn Fn(u32)>>) -> Result<Ticket, BrowserError> {
    Ticket::new(progress).ok_or_else(|| unavailable("could not start"))
}

/// One history being parsed: pages go in as they arrive, the view model comes out.
///
/// Dropped before [`Parse::finish`] (a cancelled or failed download), the worker forgets it.
pub struct Parse {
    /// `None` when the worker could not start.
    job: Option<Ticket>,
}

impl Parse {
    /// Starts a parse in the worker.
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
        parse.finish(check).await
    }

    /// Hands a page body to the worker (a copy out of wasm memory, transferred, not cloned).
    pub fn page(&self, body: &[u8]) {
        if let Some(job) = &self.job {
            job.page(body);
        }
    }

    /// The view model of the pages given to [`Parse::page`], from the worker; its error (a
    /// page that is not a Bundle, a short history) keeps the library error's code and words.
    pub async fn finish(mut self, check: Check) -> Result<Built, BrowserError> {
        let job = self
            .job
            .take()
            .ok_or_else(|| unavailable("could not start"))?;
        let (total, strict) = match check {
            Check::Total(t) => (t.map_or(JsValue::NULL, |t| (t as f64).into()), true),
            Check::FirstWins => (JsValue::NULL, false),
        };
        let fields = [("total", total), ("check", strict.into())];
        job.answer_json("end", &fields, None).await
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

/// The detail of the claim at `entry` of the page `body`, formatted in the worker.
pub async fn detail(body: &[u8], entry: u32) -> Result<Detail, String> {
    view_of("detail", body, &[("entry", entry.into())])
        .await
        .map_err(|e| e.to_string())
}

/// The CSV of claim lines of the claims at `at` (history order) in `pages`, built in the
/// worker (told the pages parsed so far). A JS string, handed to a Blob as is.
pub async fn claim_lines_csv(
    pages: &[Vec<u8>],
    at: &[(u32, u32)],
    progress: impl Fn(u32) + 'static,
) -> Result<JsValue, String> {
    let job = ticket(Some(Box::new(progress))).map_err(|e| e.to_string())?;
    for page in pages {
        job.page(page);
    }
    let flat: Vec<u32> = at.iter().flat_map(|&(p, e)| [p, e]).collect();
    let buffer = Uint32Array::from(flat.as_slice()).buffer();
    job.answer_text(
        "csv",
        &[("at", buffer.clone().into())],
        Some(Array::of1(&buffer)),
    )
    .await
}

/// Which lossless export [`lossless_export`] builds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lossless {
    /// One FHIR `Bundle` of every resource (JSON).
    Bundle,
    /// One resource per line (NDJSON).
    Ndjson,
}

/// A lossless export of `pages` (the bodies as the server sent them), built in the worker so
/// the page links no export code and a long history never blocks it. A JS string, handed to a
/// Blob as is.
pub async fn lossless_export(pages: &[Vec<u8>], format: Lossless) -> Result<JsValue, String> {
    let job = ticket(None).map_err(|e| e.to_string())?;
    let list = Array::new();
    for page in pages {
        list.push(&Uint8Array::from(page.as_slice()).buffer());
    }
    let format = match format {
        Lossless::Bundle => "bundle",
        Lossless::Ndjson => "ndjson",
    };
    let fields = [
        ("format", JsValue::from(format)),
        ("pages", list.clone().into()),
    ];
    job.answer_text("export", &fields, Some(list)).await
}

/// One body (transferred) and `fields` parsed in the worker into what the page shows of it.
async fn view_of<T: serde::de::DeserializeOwned + FromJson>(
    kind: &str,
    body: &[u8],
    fields: &[(&str, JsValue)],
) -> Result<T, BrowserError> {
    let job = ticket(None)?;
    let buffer = Uint8Array::from(body).buffer();
    let mut all = vec![("body", JsValue::from(buffer.clone()))];
    all.extend(fields.iter().cloned());
    job.answer_json(kind, &all, Some(Array::of1(&buffer))).await
}

/// The patient card of a Patient read's body (`None`: a Bundle without a Patient).
pub async fn patient(body: &[u8]) -> Result<Option<PatientView>, BrowserError> {
    view_of("patient", body, &[]).await
}

/// The coverage lines of a Coverage search's body.
pub async fn coverage(body: &[u8]) -> Result<Vec<CoverageView>, BrowserError> {
    view_of("coverage", body, &[]).await
}

/// The v3 insurance card of its body.
pub async fn insurance_card(body: &[u8]) -> Result<InsuranceCard, BrowserError> {
    view_of("card", body, &[]).await
}
