//! The bluebutton-wasm reference app (Leptos, client-side rendered): connect to Medicare
//! through Blue Button 2.0, then browse, chart and export the claims history.
//!
//! Every view has its own address ([`routes`]); the app's root is also the OAuth redirect
//! URI: when the address carries `code`, `error` or an implicit `access_token`, the sign-in
//! is finished first.
//!
//! The app exists only in the browser: natively (e.g. `cargo test --workspace`) the crate
//! is empty.
#![cfg(target_arch = "wasm32")]

pub mod actions;
pub mod claims;
pub mod components;
pub mod dom;
pub mod history;
pub mod kept;
pub mod model;
pub mod pages;
pub mod problem;
pub mod routes;
pub mod state;
pub mod sync;
pub mod text;
pub mod worker;

use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::{path, NavigateOptions};

use crate::components::claim_detail::ClaimDetail;
use crate::components::problem::ProblemView;
use crate::pages::charts::ChartsPage;
use crate::pages::claims::ClaimsPage;
use crate::pages::connect::{ConnectFirst, ConnectPage, KeptBanner, SecretPrompt};
use crate::pages::dashboard::{CardRoute, Dashboard};
use crate::pages::export::ExportPage;
use crate::pages::not_found::NotFound;
use crate::pages::overview::OverviewPage;
use crate::state::{AppState, Phase};

/// The root component: the router, the header and the routes.
#[component]
pub fn App() -> impl IntoView {
    let state = AppState::provide();
    if dom::is_callback() {
        actions::complete(state);
    } else if state.remember.get_untracked() {
        actions::show_kept(state);
    }
    view! {
        <Router base=routes::base()>
            <routes::AddressBar />
            <a class="skip" href="#content">"Skip to content"</a>
            <main id="app">
                <Header />
                <p id="status" class="status" role="status" aria-live="polite">
                    {move || state.announce.get()}
                </p>
                <div id="content">
                    <Routes fallback=|| view! { <NotFound /> }>
                        <ParentRoute path=path!("") view=Shell>
                            <Route path=path!("") view=OverviewPage />
                            <ParentRoute path=path!("claims") view=ClaimsPage>
                                <Route path=path!("") view=|| () />
                                <Route path=path!(":id") view=ClaimDetail />
                            </ParentRoute>
                            <Route path=path!("charts") view=ChartsPage />
                            <Route path=path!("export") view=ExportPage />
                            <Route path=path!("card") view=CardRoute />
                        </ParentRoute>
                    </Routes>
                </div>
            </main>
        </Router>
    }
}

/// The title and, when signed in, the sign-out button (which returns to the root).
#[component]
fn Header() -> impl IntoView {
    let state = AppState::get();
    let navigate = use_navigate();
    let connected = move || state.phase.get() == Phase::Connected;
    let sign_out = move |_| {
        actions::sign_out(state);
        // The full path, unresolved: "/" resolved against the base is the bare `/sub/path`.
        navigate(
            &routes::href("/"),
            NavigateOptions {
                resolve: false,
                ..Default::default()
            },
        );
    };
    view! {
        <header class="top">
            <h1>"Blue Button claims viewer"</h1>
            <Show when=connected>
                <button id="sign-out" class="secondary" on:click=sign_out.clone()>
                    "Sign out"
                </button>
            </Show>
        </header>
    }
}

/// Every known view: the dashboard and the view when signed in, else the sign-in screens
/// (with a note when the address named a view that needs the data).
#[component]
fn Shell() -> impl IntoView {
    let state = AppState::get();
    // Back to the view the user was on when the sign-in started (replacing the root entry,
    // so Back does not land on it twice).
    let navigate = use_navigate();
    Effect::new(move |_| {
        if state.phase.get() == Phase::Connected {
            if let Some(path) = routes::take_return() {
                navigate(
                    &routes::href(&path),
                    NavigateOptions {
                        replace: true,
                        resolve: false,
                        ..Default::default()
                    },
                );
            }
        }
    });
    let location = use_location();
    let at_root = move || routes::strip_base(&location.pathname.get(), &routes::base()) == "/";
    move || match state.phase.get() {
        Phase::Connected => view! { <Dashboard /> }.into_any(),
        Phase::Kept => view! {
            <KeptBanner />
            <Dashboard />
        }
        .into_any(),
        Phase::Connect => view! {
            <Show when=move || !at_root()>
                <ConnectFirst />
            </Show>
            <ConnectPage />
        }
        .into_any(),
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
    }
}
