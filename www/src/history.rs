//! The claims history's plumbing, shared by the buttons ([`crate::actions`]) and the
//! return-visit sync ([`crate::sync`]): the signed-in session's FHIR client, fetching the pages
//! with their parse in the worker, keeping the history on this device, and data errors.

use std::sync::Arc;

use bluebutton_wasm::browser::fhir::{FhirClient, RawPage};
use bluebutton_wasm::browser::BrowserError;
use bluebutton_wasm::core::api::search::EobSearch;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::claims::Claims;
use crate::kept;
use crate::problem::{Problem, Remedy};
use crate::state::AppState;
use crate::worker::built::{Built, Check};
use crate::worker::client::Parse;

/// The FHIR client of the signed-in session, if there is one.
pub fn client(state: AppState) -> Option<FhirClient> {
    let session = state.session.get_value()?;
    Some(FhirClient::for_session(session))
}

/// Fetches every page of `search` on this thread and parses them in the parse worker as they
/// arrive ([`crate::worker`]): the view model and the page bodies.
pub async fn fetch_and_parse(
    client: &FhirClient,
    search: &EobSearch,
    progress: impl Fn(usize, Option<usize>),
    signal: Option<web_sys::AbortSignal>,
) -> Result<(Built, Vec<Vec<u8>>), BrowserError> {
    let parse = Parse::start();
    let mut pages = Vec::new();
    let on_page = |page: RawPage| {
        parse.page(&page.body);
        pages.push(page.body);
    };
    let raw = client
        .eob_history_pages(search, None, on_page, progress, signal)
        .await?;
    let built = parse.finish(Check::Total(raw.total)).await?;
    Ok((built, pages))
}

/// Where the signed-in session's claims come from (to check kept claims against it).
pub fn session_origin(state: AppState) -> Option<kept::Origin> {
    let session = state.session.get_value()?;
    Some(kept::Origin {
        env: session.environment().base_url().to_owned(),
        version: session.version().number(),
        patient: state.grant.get_untracked().and_then(|g| g.patient),
    })
}

/// Keeps `claims` on this device when the person chose so (in the background; a refusal is
/// said in the status line, the claims stay on screen).
pub fn keep(state: AppState, claims: Arc<Claims>) {
    if !state.remember.get_untracked() {
        return;
    }
    let Some(origin) = session_origin(state) else {
        return;
    };
    spawn_local(async move {
        match kept::save(&claims, &origin).await {
            Ok(()) => state.kept_since.set(Some(claims.synced_at.clone())),
            Err(e) => state.announce.set(e.to_string()),
        }
    });
}

/// Turns a data error into a problem; an ended session also ends the session in the app.
pub fn data_problem(state: AppState, error: &BrowserError) -> Problem {
    let problem = Problem::from_data(error);
    if problem.remedy == Remedy::Reconnect {
        state.announce.set(problem.title.clone());
    }
    problem
}
