//! The signed-in screen: section tabs, the download status, and the current section.

use leptos::prelude::*;

use crate::components::not_final::NotFinalToggle;
use crate::components::progress::DownloadStatus;
use crate::pages::card::CardPage;
use crate::pages::charts::ChartsPage;
use crate::pages::claims::{ClaimsPage, ExplorerState};
use crate::pages::export::ExportPage;
use crate::pages::overview::OverviewPage;
use crate::state::{AppState, Tab};

const TABS: [(Tab, &str, &str); 5] = [
    (Tab::Overview, "tab-overview", "Overview"),
    (Tab::Claims, "tab-claims", "Claims"),
    (Tab::Charts, "tab-charts", "Charts"),
    (Tab::Export, "tab-export", "Export"),
    (Tab::Card, "tab-card", "Insurance card"),
];

/// Tabs and the selected section.
#[component]
pub fn Dashboard() -> impl IntoView {
    let state = AppState::get();
    ExplorerState::provide();
    // The insurance card exists only on the v3 API.
    let v3 = state.is_v3();
    let buttons = TABS
        .iter()
        .filter(|(tab, _, _)| *tab != Tab::Card || v3)
        .map(|&(tab, id, label)| {
            view! {
                <button
                    id=id
                    class="tab"
                    aria-current=move || (state.tab.get() == tab).then_some("page")
                    on:click=move |_| state.tab.set(tab)
                >
                    {label}
                </button>
            }
        })
        .collect_view();
    view! {
        <nav class="tabs" aria-label="Sections">{buttons}</nav>
        <NotFinalToggle />
        <DownloadStatus />
        <div class="section">
            {move || match state.tab.get() {
                Tab::Overview => view! { <OverviewPage /> }.into_any(),
                Tab::Claims => view! { <ClaimsPage /> }.into_any(),
                Tab::Charts => view! { <ChartsPage /> }.into_any(),
                Tab::Export => view! { <ExportPage /> }.into_any(),
                Tab::Card => view! { <CardPage /> }.into_any(),
            }}
        </div>
    }
}
