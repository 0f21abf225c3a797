//! The signed-in screen: section links (each section has its own address), the download
//! status, and the current section (the router's outlet).

use leptos::prelude::*;
use leptos_router::components::Outlet;
use leptos_router::hooks::use_location;

use crate::components::not_final::NotFinalToggle;
use crate::components::progress::DownloadStatus;
use crate::pages::card::{CardPage, CardResource};
use crate::pages::claims::ExplorerState;
use crate::pages::overview::OverviewData;
use crate::routes::{self, Section};
use crate::state::AppState;

fn tab(section: Section) -> (&'static str, &'static str) {
    match section {
        Section::Overview => ("tab-overview", "Overview"),
        Section::Claims => ("tab-claims", "Claims"),
        Section::Charts => ("tab-charts", "Charts"),
        Section::Export => ("tab-export", "Export"),
        Section::Card => ("tab-card", "Insurance card"),
    }
}

/// Section links and the selected section.
#[component]
pub fn Dashboard() -> impl IntoView {
    let state = AppState::get();
    ExplorerState::provide();
    let location = use_location();
    let base = routes::base();
    let current = {
        let base = base.clone();
        Memo::new(move |_| Section::of(&routes::strip_base(&location.pathname.get(), &base)))
    };
    // The insurance card exists only on the v3 API.
    let v3 = state.is_v3();
    OverviewData::provide(state);
    if v3 {
        CardResource::provide(state);
    }
    let links = Section::ALL
        .into_iter()
        .filter(|s| *s != Section::Card || v3)
        .map(|section| {
            let (id, label) = tab(section);
            // Plain links under the base: the router follows them without leaving the page
            // (and the overview's `/` stays `/sub/path/` under a sub-path).
            let href = routes::href(section.path());
            view! {
                <a
                    id=id
                    class="tab"
                    href=href
                    aria-current=move || (current.get() == Some(section)).then_some("page")
                >
                    {label}
                </a>
            }
        })
        .collect_view();
    view! {
        <nav class="tabs" aria-label="Sections">{links}</nav>
        <NotFinalToggle />
        <Show when=move || state.phase.get() == crate::state::Phase::Connected>
            <crate::pages::connect::RememberChoice />
        </Show>
        <DownloadStatus />
        <div class="section">
            <Outlet />
        </div>
    }
}

/// `/card`: the insurance card on v3; on v1/v2 a note (the card exists only on v3).
#[component]
pub fn CardRoute() -> impl IntoView {
    if AppState::get().is_v3() {
        view! { <CardPage /> }.into_any()
    } else {
        view! {
            <section class="card note" id="card-v3-only">
                <h2>"Insurance card"</h2>
                <p>"The Digital Insurance Card exists only on the v3 API. Sign out and connect with v3 to see it."</p>
            </section>
        }
        .into_any()
    }
}
