//! Entry point of the reference app: installs the panic hook and mounts the app.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(bluebutton_www::App);
}

/// Natively there is nothing to run: the app is built for the browser by Trunk.
#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("bluebutton-www is a browser app: run `make demo`, or `make site` to build dist/.");
}
