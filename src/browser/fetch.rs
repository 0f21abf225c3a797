//! Runs a core [`HttpRequest`] with the global `fetch` (window, worker or Node 20), never
//! following redirects, and reads the body with a size cap.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::browser::BrowserError;
use crate::core::http::{HttpRequest, HttpResponse};

/// Cap for token-endpoint bodies: real ones are under 2 KB.
pub const TOKEN_BODY_CAP: usize = 64 * 1024;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = fetch)]
    fn global_fetch(input: &web_sys::Request) -> js_sys::Promise;
}

fn js_message(value: &JsValue) -> String {
    value
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| value.as_string())
        .unwrap_or_else(|| "unknown error".into())
}

/// Sends the request; a 3xx (or an opaque redirect) is [`BrowserError::UnexpectedRedirect`].
pub async fn send(request: &HttpRequest, cap: usize) -> Result<HttpResponse, BrowserError> {
    send_with(request, cap, None).await
}

/// Like [`send`], cancellable through `signal`; the body is read as a stream and refused
/// as soon as it passes `cap` bytes (checklist R29), so memory stays bounded.
pub async fn send_with(
    request: &HttpRequest,
    cap: usize,
    signal: Option<&web_sys::AbortSignal>,
) -> Result<HttpResponse, BrowserError> {
    let network = |e: JsValue| BrowserError::Network {
        url: request.url.clone(),
        message: js_message(&e),
    };
    let init = web_sys::RequestInit::new();
    init.set_method(request.method.as_str());
    init.set_redirect(web_sys::RequestRedirect::Manual);
    let headers = web_sys::Headers::new().map_err(network)?;
    for (name, value) in &request.headers {
        headers.set(name, value).map_err(network)?;
    }
    init.set_headers(&headers);
    if let Some(signal) = signal {
        init.set_signal(Some(signal));
    }
    if !request.body.is_empty() {
        let body = js_sys::Uint8Array::from(request.body.as_slice());
        init.set_body(&body);
    }
    let req = web_sys::Request::new_with_str_and_init(&request.url, &init).map_err(network)?;
    let response: web_sys::Response = JsFuture::from(global_fetch(&req))
        .await
        .map_err(network)?
        .dyn_into()
        .map_err(network)?;
    let status = response.status();
    if response.type_() == web_sys::ResponseType::Opaqueredirect || (300..400).contains(&status) {
        return Err(BrowserError::UnexpectedRedirect {
            url: request.url.clone(),
        });
    }
    let header_list = header_pairs(&response.headers());
    let declared = header_list
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.trim().parse::<usize>().ok());
    if declared.is_some_and(|len| len > cap) {
        // Refused before reading a byte; release the connection.
        if let Some(stream) = response.body() {
            let _ = stream.cancel();
        }
        return Err(BrowserError::ResponseTooLarge {
            url: request.url.clone(),
            cap,
        });
    }
    // The declared length sizes the buffer once (for a gzip-encoded response it is the
    // encoded length, so only a first guess).
    let Some(stream) = response.body() else {
        return Ok(HttpResponse::new(status, header_list, Vec::new()));
    };
    let body = read_capped(&stream, cap, declared.unwrap_or(0))
        .await
        .map_err(|e| match e {
            ReadError::TooLarge => BrowserError::ResponseTooLarge {
                url: request.url.clone(),
                cap,
            },
            ReadError::Js(v) => network(v),
        })?;
    Ok(HttpResponse::new(status, header_list, body))
}

/// `[name, value]` pairs (a `Headers`, or an array of pairs) as Rust pairs: `Array.from` takes
/// them in one call (no iterator protocol driven from Rust, which costs more code).
pub(crate) fn header_pairs(headers: &JsValue) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for entry in js_sys::Array::from(headers).iter() {
        let pair = js_sys::Array::from(&entry);
        if let (Some(k), Some(v)) = (pair.get(0).as_string(), pair.get(1).as_string()) {
            out.push((k, v));
        }
    }
    out
}

/// Why [`read_capped`] returned no bytes.
pub(crate) enum ReadError {
    /// The stream went past the cap (it was cancelled there).
    TooLarge,
    /// The stream failed (a network error, or a `DecompressionStream`'s `TypeError`).
    Js(JsValue),
}

/// Reads a byte stream chunk by chunk, stopping (and cancelling the stream) past `cap`;
/// the buffer is allocated once at `size_hint` (at most `cap`) and grows only past it.
pub(crate) async fn read_capped(
    stream: &web_sys::ReadableStream,
    cap: usize,
    size_hint: usize,
) -> Result<Vec<u8>, ReadError> {
    let reader: web_sys::ReadableStreamDefaultReader = stream
        .get_reader()
        .dyn_into()
        .map_err(|o: js_sys::Object| ReadError::Js(o.into()))?;
    let mut out = Vec::with_capacity(size_hint.min(cap));
    loop {
        let chunk = JsFuture::from(reader.read()).await.map_err(ReadError::Js)?;
        let done = js_sys::Reflect::get(&chunk, &"done".into())
            .map_err(ReadError::Js)?
            .is_truthy();
        if done {
            return Ok(out);
        }
        let value = js_sys::Reflect::get(&chunk, &"value".into()).map_err(ReadError::Js)?;
        let bytes = js_sys::Uint8Array::new(&value);
        if out.len() + bytes.length() as usize > cap {
            let _ = reader.cancel();
            return Err(ReadError::TooLarge);
        }
        let start = out.len();
        out.resize(start + bytes.length() as usize, 0);
        bytes.copy_to(&mut out[start..]);
    }
}
