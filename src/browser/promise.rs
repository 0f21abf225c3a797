//! One promise for every future the sign-in part hands to JavaScript (its async exports, and
//! the session's shared refresh): each builds its future and hands it over boxed, so the
//! promise machinery (`future_to_promise`, its task and its resolve/reject closures) is
//! compiled once instead of once per future (a smaller sign-in .wasm; issue 12, "The weight").

use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::pin::Pin;

use wasm_bindgen::JsValue;

/// A boxed export future: resolves with its value, rejects with its (coded) error.
type ExportFuture = Pin<Box<dyn Future<Output = Result<JsValue, JsValue>>>>;

/// A `Promise` that runs `future`; what an `async fn` export would return, without a copy of
/// the machinery per export. Errors reject the promise (they are never thrown synchronously).
pub(crate) fn promise(
    future: impl Future<Output = Result<JsValue, JsValue>> + 'static,
) -> js_sys::Promise {
    boxed(Box::pin(future))
}

/// The one instantiation of `future_to_promise`. `AssertUnwindSafe`: with `panic = "unwind"`
/// (test builds) it needs an unwind-safe future; a panic never resumes this future anyway.
#[inline(never)]
fn boxed(future: ExportFuture) -> js_sys::Promise {
    wasm_bindgen_futures::future_to_promise(AssertUnwindSafe(future))
}
