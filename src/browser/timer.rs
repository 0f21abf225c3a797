//! Waiting without blocking: a `setTimeout` promise (window, worker or Node), cancellable
//! through an `AbortSignal`.

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(callback: &js_sys::Function, ms: f64) -> JsValue;
}

/// Sleeps `ms` milliseconds; returns `false` when `signal` aborted first.
pub async fn sleep(ms: u64, signal: Option<&web_sys::AbortSignal>) -> bool {
    if signal.is_some_and(|s| s.aborted()) {
        return false;
    }
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        let _ = set_timeout(&resolve, ms as f64);
    });
    let _ = JsFuture::from(promise).await;
    !signal.is_some_and(|s| s.aborted())
}

/// A number in `[0, 1)` for backoff jitter (`Math.random`: not for secrets).
pub fn jitter() -> f64 {
    js_sys::Math::random()
}
