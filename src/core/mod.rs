//! The pure core: no I/O, no `wasm-bindgen`, `web-sys`, `js-sys` or `gloo`.
//!
//! Everything here takes bytes, strings, numbers and time values and returns values, so it
//! runs under `cargo test`, cargo-fuzz and proptest. A test (`tests/core_purity.rs`) keeps
//! browser crates out of this folder.

pub mod api_error;
pub mod authorize;
pub mod callback;
pub mod env;
pub mod error;
pub mod export;
pub mod fhir;
pub mod form;
pub mod gzip;
pub mod http;
pub mod origin;
pub mod paging;
pub mod pending;
pub mod pkce;
pub mod retry;
pub mod scrub;
pub mod search;
pub mod secret;
pub mod time;
pub mod token;
pub mod url_guard;
