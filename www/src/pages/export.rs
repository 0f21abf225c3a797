//! The Export section: the history as one FHIR Bundle (JSON), as NDJSON, or as a CSV of
//! claim lines, each saved through a Blob download. Each is built in the parse worker
//! ([`crate::worker::client::lossless_export`], [`crate::worker::client::claim_lines_csv`],
//! with the CSV's progress shown here), so the page links no export code.

use leptos::prelude::*;
use wasm_bindgen::JsValue;

use crate::dom;
use crate::model::count;
use crate::state::AppState;
use crate::worker::client::{lossless_export, Lossless};

#[derive(Clone, Copy)]
enum Format {
    Bundle,
    Ndjson,
    Csv,
}

/// A lossless export's file, built in the parse worker: its name, media type and text (or
/// why it could not be made).
async fn lossless(
    pages: &[Vec<u8>],
    format: Lossless,
    day: &str,
) -> Result<(String, &'static str, JsValue), String> {
    let (extension, mime) = match format {
        Lossless::Bundle => ("json", "application/fhir+json"),
        Lossless::Ndjson => ("ndjson", "application/fhir+ndjson"),
    };
    let text = lossless_export(pages, format).await?;
    Ok((format!("medicare-claims-{day}.{extension}"), mime, text))
}

/// The export section.
#[component]
pub fn ExportPage() -> impl IntoView {
    let state = AppState::get();
    // What the CSV's build has done so far (shown while an export runs).
    let progress = RwSignal::new(String::new());
    let save = Action::new_local(move |format: &Format| {
        let format = *format;
        let claims = state.claims();
        async move {
            let Some(claims) = claims else {
                return "Exports are available when the whole history has downloaded.".to_owned();
            };
            let day = dom::today();
            progress.set("Building the file…".to_owned());
            let result = match format {
                Format::Bundle => lossless(&claims.pages, Lossless::Bundle, &day).await,
                Format::Ndjson => lossless(&claims.pages, Lossless::Ndjson, &day).await,
                Format::Csv => {
                    let pages = claims.pages.len();
                    progress.set(format!(
                        "Building the CSV: 0 of {} pages read…",
                        count(pages as u64)
                    ));
                    let told = move |n: u32| {
                        progress.set(format!(
                            "Building the CSV: {} of {} pages read…",
                            count(u64::from(n)),
                            count(pages as u64)
                        ));
                    };
                    crate::worker::client::claim_lines_csv(&claims.pages, claims.places(), told)
                        .await
                        .map(|t| (format!("medicare-claim-lines-{day}.csv"), "text/csv", t))
                }
            };
            match result {
                Ok((name, mime, text)) => match dom::download_value(&name, mime, &text) {
                    Ok(()) => format!("Saved {name}."),
                    Err(e) => format!("The file could not be saved: {e}."),
                },
                Err(e) => format!("The export could not be built: {e}."),
            }
        }
    });
    let busy = save.pending();
    let message = move || {
        if busy.get() {
            progress.get()
        } else {
            save.value().get().unwrap_or_default()
        }
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
                    <button id="export-bundle" class="primary" disabled=busy on:click=move |_| { save.dispatch(Format::Bundle); }>
                        "FHIR Bundle (JSON)"
                    </button>
                    <button id="export-ndjson" class="primary" disabled=busy on:click=move |_| { save.dispatch(Format::Ndjson); }>
                        "NDJSON (one claim a line)"
                    </button>
                    <button id="export-csv" class="primary" disabled=busy on:click=move |_| { save.dispatch(Format::Csv); }>
                        "Claim lines (CSV)"
                    </button>
                </div>
                <p id="export-message" role="status">{message}</p>
            </section>
        }
        .into_any()
    }
}
