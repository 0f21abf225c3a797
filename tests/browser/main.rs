//! Headless-Chromium tests (wasm-bindgen-test) in one test binary, one module per subject:
//! the browser shell (randomness, storage, the URL scrub, the code flow and single-flight
//! refresh against `tests/support/token-server.mjs`), the FHIR client against
//! `bluebutton-sandbox`, and chaos (faults, throttling, revoked grants, bombs). Run by
//! `scripts/test-browser.sh`, which starts the servers on 127.0.0.1 and passes their URLs at
//! compile time (`BB_TEST_SERVER`, `BB_SANDBOX`, `BB_CHAOS_SANDBOX`).
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

mod chaos;
mod device_store;
mod fhir;
mod fhir_pages;
mod inflate;
mod lifetimes;
mod sandbox_support;
mod shell;
mod to_js;
mod url_parity;
mod wasm_memory;
#[path = "../support/zeros_gzip.rs"]
mod zeros_gzip;
