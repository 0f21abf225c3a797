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
    let mut header_list = Vec::new();
    if let Ok(Some(iter)) = js_sys::try_iter(&response.headers()) {
        for entry in iter.flatten() {
            let pair = js_sys::Array::from(&entry);
            if let (Some(k), Some(v)) = (pair.get(0).as_string(), pair.get(1).as_string()) {
                header_list.push((k, v));
            }
        }
    }
    if let Some(len) = header_list
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.parse::<usize>().ok())
    {
        if len > cap {
            return Err(BrowserError::ResponseTooLarge {
                url: request.url.clone(),
                cap,
            });
        }
    }
    let buffer = JsFuture::from(response.array_buffer().map_err(network)?)
        .await
        .map_err(network)?;
    let bytes = js_sys::Uint8Array::new(&buffer);
    if bytes.length() as usize > cap {
        return Err(BrowserError::ResponseTooLarge {
            url: request.url.clone(),
            cap,
        });
    }
    Ok(HttpResponse::new(status, header_list, bytes.to_vec()))
}
