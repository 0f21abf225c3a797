//! The JavaScript exports, split by subject: conversion and error mapping only, no logic.
//! Feature `js-auth` compiles the sign-in part (`args`, `http`, `oauth`, `session`: sync
//! only, its async shell is `npm/session.js`), `js-data` the data
//! part (`args`, `claims`); `js` is both. The npm package builds each part as its own .wasm.

mod args;
#[cfg(feature = "js-data")]
mod claims;
#[cfg(feature = "js-data")]
mod client;
#[cfg(feature = "js-auth")]
mod http;
#[cfg(feature = "js-data")]
mod inflate;
#[cfg(feature = "js-data")]
mod json_text;
#[cfg(feature = "js-auth")]
mod oauth;
#[cfg(feature = "js-data")]
mod search_options;
#[cfg(feature = "js-auth")]
mod session;
#[cfg(feature = "js-data")]
mod target;
#[cfg(feature = "js-data")]
mod token_source;

/// The sign-in .wasm's allocator: talc, about 2.4 KB gzip smaller than Rust's default for
/// wasm32 (dlmalloc). The data .wasm keeps dlmalloc, which summarised the 50-page bench input
/// faster there (BENCHMARKS.md §5); a Rust app picks its own.
#[cfg(not(feature = "js-data"))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
