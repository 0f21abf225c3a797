//! The smallest app with what the reference app uses of Leptos: a router with a few routes and
//! a link, a signal, a `LocalResource` under `Suspense` and `ErrorBoundary`, mounted on the body.
use leptos::prelude::*;
use leptos::server_fn::error::ServerFnErrorErr;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::hooks::use_params_map;
use leptos_router::path;

#[component]
fn Home() -> impl IntoView {
    let (n, set_n) = signal(0);
    view! { <button on:click=move |_| set_n.update(|v| *v += 1)>"Clicked " {n}</button> }
}

#[component]
fn Claim() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let data = LocalResource::new(move || {
        let id = id();
        async move {
            if id.is_empty() {
                Err(ServerFnErrorErr::Args("no id".into()))
            } else {
                Ok(id.len())
            }
        }
    });
    view! {
        <Suspense fallback=|| "Loading">
            <ErrorBoundary fallback=|_| "Failed">
                {move || data.get().map(|r| r.map(|n| view! { <p>{n}</p> }))}
            </ErrorBoundary>
        </Suspense>
    }
}

fn main() {
    console_error_panic_hook::set_once();
    mount_to_body(|| {
        view! {
            <Router>
                <nav><A href="/">"Home"</A><A href="/claims/1">"Claim"</A></nav>
                <Routes fallback=|| "Not found">
                    <Route path=path!("/") view=Home />
                    <Route path=path!("/claims/:id") view=Claim />
                    <Route path=path!("/charts") view=|| view! { <table><tr><td>"x"</td></tr></table> } />
                </Routes>
            </Router>
        }
    })
}
