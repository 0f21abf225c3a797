//! The bluebutton-wasm reference app (Leptos, client-side rendered).
use leptos::prelude::*;

/// The root component.
#[component]
pub fn App() -> impl IntoView {
    view! {
        <main id="app">
            <h1>"Blue Button claims viewer"</h1>
            <p id="status">"Ready to connect to Medicare."</p>
        </main>
    }
}
