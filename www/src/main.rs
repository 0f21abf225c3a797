//! Entry point of the reference app: installs the panic hook and mounts [`App`].
use bluebutton_www::App;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(App);
}
