//! The signed-in screen: section tabs, the download status, and the current section.

use leptos::prelude::*;

use crate::components::not_final::NotFinalToggle;
use crate::components::progress::DownloadStatus;
use crate::pages::charts::ChartsPage;
use crate::pages::claims::{ClaimsPage, ExplorerState};
use crate::pages::export::ExportPage;
use crate::pages::overview::OverviewPage;
use crate::state::{AppState, Tab};

const TABS: [(Tab, &str, &str); 4] = [
    (Tab::Overview, "tab-overview", "Overview"),
    (Tab::Claims, "tab-claims", "Claims"),
    (Tab::Charts, "tab-charts", "Charts"),
    (Tab::Export, "tab-export", "Export"),
];

/// Tabs and the selected section.
#[component]
pub fn Dashboard() -> impl IntoView {
    let state = AppState::get();
    ExplorerState::provide();
    let buttons = TABS
        .iter()
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
            }}
        </div>
    }
}
