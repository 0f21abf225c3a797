//! The pure core: no I/O, no `wasm-bindgen`, `web-sys`, `js-sys` or `gloo`.
//!
//! Everything here takes bytes, strings, numbers and time values and returns values, so it
//! runs under `cargo test`, cargo-fuzz and proptest. A test (`tests/core_purity.rs`) keeps
//! browser crates out of this folder.

pub mod api_error;
pub mod fhir;
pub mod gzip;
pub mod origin;
pub mod paging;
pub mod pkce;
pub mod retry;
pub mod search;
pub mod secret;
