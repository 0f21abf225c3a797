//! The bluebutton-wasm reference app (Leptos, client-side rendered): connect to Medicare
//! through Blue Button 2.0, then browse, chart and export the claims history.
//!
//! One page serves as both the start page and the OAuth redirect URI: when the address
//! carries `code`, `error` or an implicit `access_token`, the sign-in is finished first.
//!
//! The app exists only in the browser: natively (e.g. `cargo test --workspace`) the crate
//! is empty.
#![cfg(target_arch = "wasm32")]

pub mod actions;
pub mod components;
pub mod dom;
pub mod model;
pub mod pages;
pub mod problem;
pub mod state;
pub mod sync;

use leptos::prelude::*;

use crate::components::problem::ProblemView;
use crate::pages::connect::{ConnectPage, SecretPrompt};
use crate::pages::dashboard::Dashboard;
use crate::state::{AppState, Phase};

/// The root component.
#[component]
pub fn App() -> impl IntoView {
    let state = AppState::provide();
    if dom::is_callback() {
        actions::complete(state);
    }
    let connected = move || state.phase.get() == Phase::Connected;
    view! {
        <a class="skip" href="#content">"Skip to content"</a>
        <main id="app">
            <header class="top">
                <h1>"Blue Button claims viewer"</h1>
                <Show when=connected>
                    <button id="sign-out" class="secondary" on:click=move |_| actions::sign_out(state)>
                        "Sign out"
                    </button>
                </Show>
            </header>
            <p id="status" class="status" role="status" aria-live="polite">
                {move || state.announce.get()}
            </p>
            <div id="content">{move || screen(state)}</div>
        </main>
    }
}

fn screen(state: AppState) -> AnyView {
    match state.phase.get() {
        Phase::Connect => view! { <ConnectPage /> }.into_any(),
        Phase::Completing => view! {
            <section class="card" aria-busy="true">
                <h2>"Finishing your sign-in…"</h2>
                <p>"Exchanging the Medicare authorization for access to your claims."</p>
            </section>
        }
        .into_any(),
        Phase::NeedSecret => view! { <SecretPrompt /> }.into_any(),
        Phase::CallbackFailed(problem) => view! {
            <ProblemView
                problem=problem
                id="callback-error"
                on_retry=Callback::new(move |()| actions::reconnect(state))
            />
        }
        .into_any(),
        Phase::Connected => view! { <Dashboard /> }.into_any(),
    }
}
