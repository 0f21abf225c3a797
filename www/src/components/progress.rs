//! [`DownloadStatus`]: the claims download progress bar (n of total, cancellable), and what
//! happened when it ended.

use leptos::prelude::*;

use crate::actions;
use crate::components::problem::ProblemView;
use crate::model::count;
use crate::state::{AppState, Download};

/// The download status line shown above every data tab.
#[component]
pub fn DownloadStatus() -> impl IntoView {
    let state = AppState::get();
    let sync = crate::sync::action(state);
    let syncing = sync.pending();
    move || {
        match state.download.get() {
        Download::Idle => ().into_any(),
        Download::Running { done, total } => {
            let label = match total {
                Some(t) => format!("Downloading claims: {} of {}", count(done as u64), count(t as u64)),
                None => format!("Downloading claims: {} so far", count(done as u64)),
            };
            // Without a total yet, the bar is indeterminate (no value).
            let max = total.map(|t| t.max(done).max(1).to_string());
            let value = total.map(|_| done.to_string());
            view! {
                <section class="download card" aria-busy="true">
                    <label for="download-progress">{label.clone()}</label>
                    <div class="row">
                        <progress id="download-progress" max=max value=value>
                            {label}
                        </progress>
                        <button id="cancel-download" class="secondary" on:click=move |_| actions::cancel(state)>
                            "Cancel"
                        </button>
                    </div>
                </section>
            }
            .into_any()
        }
        Download::Cancelled => view! {
            <section class="download card" id="download-cancelled">
                <p>"The download was cancelled; claims are not shown until the whole history is in."</p>
                <button class="primary" on:click=move |_| actions::download(state)>"Download again"</button>
            </section>
        }
        .into_any(),
        Download::Failed(problem) => view! {
            <ProblemView
                problem=problem
                id="download-error"
                on_retry=Callback::new(move |()| actions::download(state))
            />
        }
        .into_any(),
        Download::Ready(claims) => view! {
            <section class="download done" id="download-done">
                <p>
                    {format!("All downloaded: {}.", claims.describe())}
                    " "
                    <button class="link" id="sync" disabled=syncing on:click=move |_| { sync.dispatch_local(()); }>
                        {move || if syncing.get() { "Syncing…" } else { "Sync (only what changed)" }}
                    </button>
                    " · "
                    <button class="link" id="reload" on:click=move |_| actions::load_all(state)>
                        "Download everything again"
                    </button>
                </p>
                {claims.last_sync.as_ref().map(|r| view! {
                    <p id="sync-report">{crate::sync::describe(r)}</p>
                })}
            </section>
        }
        .into_any(),
    }
    }
}
