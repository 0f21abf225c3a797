//! The Export section: the history as one FHIR Bundle (JSON), as NDJSON, or as a CSV of
//! claim lines, each saved through a Blob download.

use bluebutton_wasm::core::fhir::export::{bundle_json, claim_lines_csv, ndjson};
use leptos::prelude::*;

use crate::dom;
use crate::model::count;
use crate::state::AppState;

#[derive(Clone, Copy)]
enum Format {
    Bundle,
    Ndjson,
    Csv,
}

/// The export section.
#[component]
pub fn ExportPage() -> impl IntoView {
    let state = AppState::get();
    let message = RwSignal::new(String::new());
    let save = move |format: Format| {
        let Some(claims) = state.claims() else { return };
        let day = dom::today();
        let result = match format {
            Format::Bundle => bundle_json(&claims.pages).map(|t| {
                (
                    format!("medicare-claims-{day}.json"),
                    "application/fhir+json",
                    t,
                )
            }),
            Format::Ndjson => ndjson(&claims.pages).map(|t| {
                (
                    format!("medicare-claims-{day}.ndjson"),
                    "application/fhir+ndjson",
                    t,
                )
            }),
            Format::Csv => Ok((
                format!("medicare-claim-lines-{day}.csv"),
                "text/csv",
                claim_lines_csv(&claims.all_eobs()),
            )),
        };
        message.set(match result {
            Ok((name, mime, text)) => match dom::download_text(&name, mime, &text) {
                Ok(()) => format!("Saved {name}."),
                Err(e) => format!("The file could not be saved: {e}."),
            },
            Err(e) => format!("The export could not be built: {e}."),
        });
    };
    move || {
        let Some(claims) = state.claims() else {
            return view! {
                <section class="card">
                    <h2>"Export"</h2>
                    <p>"Exports are available when the whole history has downloaded."</p>
                </section>
            }
            .into_any();
        };
        view! {
            <section class="card export">
                <h2>"Export your claims"</h2>
                <p>
                    {format!("{} claims. ", count(claims.len() as u64))}
                    "Files are made in this browser and saved to your device; nothing is sent anywhere. "
                    "They contain health information: keep them somewhere safe."
                </p>
                <div class="row wrap">
                    <button id="export-bundle" class="primary" on:click=move |_| save(Format::Bundle)>
                        "FHIR Bundle (JSON)"
                    </button>
                    <button id="export-ndjson" class="primary" on:click=move |_| save(Format::Ndjson)>
                        "NDJSON (one claim a line)"
                    </button>
                    <button id="export-csv" class="primary" on:click=move |_| save(Format::Csv)>
                        "Claim lines (CSV)"
                    </button>
                </div>
                <p id="export-message" role="status">{move || message.get()}</p>
            </section>
        }
        .into_any()
    }
}
