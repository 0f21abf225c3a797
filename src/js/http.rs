//! The requests the sign-in .wasm plans and the answers the npm package's JS session shell
//! (`npm/session.js`) brings back: the sign-in part sends nothing itself (no async Rust, no
//! `fetch` bindings in its .wasm); it says what to send and reads what came back.
//!
//! A request is `{ url, method, headers: [[name, value], …], body?: Uint8Array, cap }`; an
//! answer is `{ url, status, headers: [[name, value], …], body: Uint8Array }`, or
//! `{ url, failure: "network" | "redirect" | "too_large", message? }` when there is none.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::args::JsObject;
use crate::browser::fetch::{header_pairs, TOKEN_BODY_CAP};
use crate::browser::BrowserError;
use crate::core::http::{HttpRequest, HttpResponse};

/// `request` as the shell sends it (`cap`: the most body bytes it may read back).
pub(crate) fn request_to_js(request: &HttpRequest) -> JsValue {
    let headers: js_sys::Array = request
        .headers
        .iter()
        .map(|(name, value)| js_sys::Array::of2(&name.into(), &value.into()))
        .collect();
    JsObject::new()
        .set("url", request.url.as_str())
        .set("method", request.method.as_str())
        .set("headers", headers)
        .set_some(
            "body",
            (!request.body.is_empty()).then(|| js_sys::Uint8Array::from(request.body.as_slice())),
        )
        .set("cap", TOKEN_BODY_CAP as u32)
        .build()
}

/// The shell's answer: the response, or the error that took its place (`network_error`,
/// `unexpected_redirect`, `response_too_large`), with the same codes and words as the Rust
/// shell's `fetch`.
pub(crate) fn answer_from_js(answer: &JsValue) -> Result<HttpResponse, BrowserError> {
    let get = |key: &str| js_sys::Reflect::get(answer, &key.into()).unwrap_or_default();
    let url = get("url").as_string().unwrap_or_default();
    match get("failure").as_string().as_deref() {
        None => {}
        Some("redirect") => return Err(BrowserError::UnexpectedRedirect { url }),
        Some("too_large") => {
            return Err(BrowserError::ResponseTooLarge {
                url,
                cap: TOKEN_BODY_CAP,
            })
        }
        Some(_) => {
            let message = get("message")
                .as_string()
                .unwrap_or_else(|| "unknown error".into());
            return Err(BrowserError::Network { url, message });
        }
    }
    let status = get("status").as_f64().unwrap_or(0.0) as u16;
    let headers = header_pairs(&get("headers"));
    let body = get("body")
        .dyn_into::<js_sys::Uint8Array>()
        .map(|b| b.to_vec())
        .unwrap_or_default();
    Ok(HttpResponse::new(status, headers, body))
}
