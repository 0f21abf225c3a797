//! The reference app's parse worker (a dedicated Web Worker, built by Trunk as a second
//! Rust target): parses downloaded claim pages off the main thread. See
//! `bluebutton_www::worker`.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    bluebutton_www::worker::host::run();
}

/// Natively there is nothing to run: the worker is built for the browser by Trunk.
#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("worker-bin is the app's Web Worker: it runs in the browser (`make demo`).");
}
