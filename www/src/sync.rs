//! Sync: fetch only the claims updated since the last download or sync
//! (`_lastUpdated=gt…`), merge them by id into the history, and say what is new.

use std::collections::HashSet;
use std::sync::Arc;

use bluebutton_wasm::browser::BrowserError;
use leptos::prelude::*;

use crate::claims::{Claims, SyncReport};
use crate::dom;
use crate::history::{client, data_problem, fetch_and_parse, keep};
use crate::state::{AppState, Download};
use crate::worker::built::{Built, Check};
use crate::worker::client::Parse;

/// The Sync action (one per dashboard, `dispatch_local(())`): asks only for what changed since
/// the last download or sync; `pending()` while it runs. The current history stays on screen
/// if it fails.
pub fn action(state: AppState) -> Action<(), ()> {
    Action::new_local(move |_: &()| {
        let prepared = prepare(state);
        async move {
            if let Some(sync) = prepared {
                run(state, sync).await;
            }
        }
    })
}

/// Starts a sync now (after a sign-in that found claims kept on this device).
pub fn start(state: AppState) {
    if let Some(sync) = prepare(state) {
        leptos::task::spawn_local(run(state, sync));
    }
}

/// What a sync needs, read when it is dispatched.
struct Prepared {
    client: bluebutton_wasm::browser::fhir::FhirClient,
    current: Arc<Claims>,
    search: bluebutton_wasm::core::api::search::EobSearch,
    started: String,
}

fn prepare(state: AppState) -> Option<Prepared> {
    let client = client(state)?;
    let Download::Ready(current) = state.download.get_untracked() else {
        return None;
    };
    let started = dom::now_iso();
    let search = match state
        .claims_search()
        .last_updated(&format!("gt{}", current.synced_at))
    {
        Ok(s) => s,
        Err(e) => {
            state.announce.set(format!("Sync could not start: {e}"));
            return None;
        }
    };
    state.announce.set("Syncing…".into());
    Some(Prepared {
        client,
        current,
        search,
        started,
    })
}

async fn run(state: AppState, sync: Prepared) {
    let Prepared {
        client,
        current,
        search,
        started,
    } = sync;
    let fresh = fetch_and_parse(&client, &search, |_, _| {}, None).await;
    let merged = match fresh {
        Ok((built, pages)) => merge(&current, &built, pages, started).await,
        Err(e) => Err(e),
    };
    match merged {
        Ok(merged) => {
            let merged = Arc::new(merged);
            let report = merged.last_sync.clone();
            state.download.set(Download::Ready(merged.clone()));
            keep(state, merged);
            if let Some(r) = report {
                state.announce.set(describe(&r));
            }
        }
        Err(BrowserError::Cancelled) => state.announce.set("Sync cancelled.".into()),
        Err(e) => {
            let problem = data_problem(state, &e);
            state
                .announce
                .set(format!("Sync failed: {}", problem.message));
        }
    }
}

/// The history with the `fresh` claims merged in: the fresh pages go first, and the first
/// copy of a claim wins (a known id is replaced by the server's newer version, an unknown
/// one added). The merged history is built in the parse worker.
async fn merge(
    current: &Claims,
    fresh: &Built,
    fresh_pages: Vec<Vec<u8>>,
    at: String,
) -> Result<Claims, BrowserError> {
    let known: HashSet<&str> = current
        .rows
        .iter()
        .filter_map(|r| r.id.as_deref())
        .collect();
    let updated = fresh
        .rows
        .iter()
        .filter(|r| r.id.as_deref().is_some_and(|id| known.contains(id)))
        .count();
    let new = fresh.rows.len() - updated;
    // Newer pages first, so the JSON exports keep the newest version of a claim.
    let mut pages = fresh_pages;
    pages.extend(current.pages.iter().cloned());
    let built = Parse::all(&pages, Check::FirstWins).await?;
    let report = SyncReport {
        new,
        updated,
        at: at.clone(),
    };
    Ok(Claims::from_built(built, pages, at, Some(report)))
}

/// A sentence for the status line.
pub fn describe(r: &SyncReport) -> String {
    match (r.new, r.updated) {
        (0, 0) => format!(
            "Synced at {}: nothing new since the last download.",
            dom::when(&r.at)
        ),
        (n, u) => format!(
            "Synced at {}: {n} new and {u} updated claims.",
            dom::when(&r.at)
        ),
    }
}
