//! [`ClaimDetail`]: one claim in full: header facts, diagnoses, lines with their
//! adjudications, and claim-level totals. The claim's page is parsed in the parse worker
//! (see [`crate::worker`]), which sends back the [`Detail`] this view shows.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::state::{AppState, Download};
use crate::worker::detail::{Detail, DiagnosisLine, ItemLine};

/// The view at `/claims/<id>`: that claim's detail panel, or why it cannot be shown yet (the
/// history is still downloading, or did not download) or at all (no such claim).
#[component]
pub fn ClaimDetail() -> impl IntoView {
    let state = AppState::get();
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").unwrap_or_default());
    // Keyboard and screen-reader users land on the claim; everyone sees it scrolled into
    // view (on a click, Back/Forward, or a link).
    Effect::new(move |_| {
        id.track();
        request_animation_frame(focus_title);
    });
    // Closing the claim (Close, Back, Escape...) removes the element that had the focus: the
    // focus goes back to the claim's link in the table, where the person left it.
    let shown = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
    {
        let shown = shown.clone();
        Effect::new(move |_| {
            if let Ok(mut s) = shown.lock() {
                *s = id.get();
            }
        });
    }
    on_cleanup(move || {
        let id = shown.lock().map(|s| s.clone()).unwrap_or_default();
        let link = crate::routes::href(&crate::routes::claim_path(&id));
        request_animation_frame(move || focus_row_link(&link));
    });
    // The claim's detail, from the worker, with the id it is for (a claim opened after
    // another shows "Opening" until its own detail is there, not the other's): `None` when
    // the history is not there or has no such claim.
    let detail = LocalResource::new(move || {
        let id = id.get();
        let claims = state.claims();
        async move {
            let found = match claims.as_ref().and_then(|c| c.place(&id)) {
                Some((page, entry)) => Some(crate::worker::client::detail(page, entry).await),
                None => None,
            };
            (id, found)
        }
    });
    // Read in a reactive closure, not under <Suspense>: Suspense builds the detail before it
    // is in the page, and the focus could not move to its title then.
    move || {
        let id = id.get();
        match state.download.get() {
            Download::Ready(_) => match detail.get() {
                Some((shown, found)) if shown == id => match found {
                    Some(Ok(d)) => detail_view(d),
                    Some(Err(why)) => missing(
                        "claim-failed",
                        format!("Claim {id} could not be read ({why}). Download the history again, then open the claim."),
                    ),
                    None => missing(
                        "claim-missing",
                        format!("Your claims history has no claim with the id {id}. Choose a claim in the table."),
                    ),
                },
                _ => missing("claim-opening", format!("Opening claim {id}…")),
            },
            Download::Idle | Download::Running { .. } => missing(
                "claim-pending",
                format!("Claim {id} is not loaded yet: it opens here once the whole history has downloaded."),
            ),
            Download::Cancelled | Download::Failed(_) => missing(
                "claim-pending",
                format!("Claim {id} is not loaded: the history did not download. Download it again, then the claim opens here."),
            ),
        }
    }
}

/// The note shown instead of a claim.
fn missing(id: &'static str, text: String) -> AnyView {
    view! {
        <section class="card note" id=id aria-labelledby="claim-detail-title">
            <h2 id="claim-detail-title" tabindex="-1">"Claim"</h2>
            <p>{text}</p>
        </section>
    }
    .into_any()
}

fn focus_title() {
    let el = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("claim-detail-title"));
    if let Some(el) = el {
        el.scroll_into_view();
        if let Ok(h) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el) {
            let _ = h.focus();
        }
    }
}

/// Focuses the table's link to `href` when the focus was lost (on the page itself): a person
/// who moved on to another control keeps it.
fn focus_row_link(href: &str) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let lost = match (doc.active_element(), doc.body()) {
        (None, _) => true,
        (Some(active), Some(body)) => {
            let body: &web_sys::Element = body.as_ref();
            &active == body
        }
        (Some(_), None) => false,
    };
    if !lost {
        return;
    }
    let quoted = href.replace('\\', "\\\\").replace('"', "\\\"");
    let link = doc
        .query_selector(&format!("#claims-table a[href=\"{quoted}\"]"))
        .ok()
        .flatten()
        .and_then(|el| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el).ok());
    if let Some(link) = link {
        let _ = link.focus();
    }
}

fn line_view(line: ItemLine) -> impl IntoView {
    view! {
        <tr>
            <td class="num">{line.sequence}</td>
            <td>{line.date}</td>
            <td>
                <code>{line.code}</code>
                " "
                {line.name}
            </td>
            <td class="num">{line.quantity}</td>
            <td class="num">{line.net}</td>
            <td class="adj">{line.adjudication}</td>
        </tr>
    }
}

fn diagnosis_view(d: DiagnosisLine) -> impl IntoView {
    view! {
        <tr>
            <td class="num">{d.sequence}</td>
            <td><code>{d.code}</code></td>
            <td>{d.name}</td>
            <td>{d.kind}</td>
        </tr>
    }
}

fn detail_view(d: Detail) -> AnyView {
    // Shown once the worker answered, in the page: the focus moves to the claim now (the
    // note shown while it was opening had it).
    Effect::new(move |_| focus_title());
    let has_diagnoses = !d.diagnoses.is_empty();
    let has_lines = !d.lines.is_empty();
    let diagnoses = d.diagnoses.into_iter().map(diagnosis_view).collect_view();
    let lines = d.lines.into_iter().map(line_view).collect_view();
    let totals = d.totals;
    view! {
        <section class="card detail" id="claim-detail" aria-labelledby="claim-detail-title">
            <div class="row spread">
                <h2 id="claim-detail-title" tabindex="-1">{d.title}</h2>
                <a href=crate::routes::href("/claims") class="button secondary" id="close-detail">
                    "Close"
                </a>
            </div>
            {d.badge.map(|badge| view! {
                <p id="claim-detail-kind">
                    <span class=badge.class>{badge.label}</span>
                    " "
                    {badge.note}
                </p>
            })}
            <dl class="facts">
                <dt>"Claim id"</dt><dd><code>{d.id}</code></dd>
                <dt>"Status"</dt><dd>{d.status}</dd>
                {d.source.map(|src| view! { <dt>"Source"</dt><dd>{src}</dd> })}
                {d.outcome.map(|o| view! { <dt>"Outcome"</dt><dd>{o}</dd> })}
                <dt>"Service dates"</dt><dd>{d.dates}</dd>
                <dt>"Provider"</dt><dd>{d.provider}</dd>
                <dt>"Billed"</dt><dd>{d.billed}</dd>
                <dt>"Allowed"</dt><dd>{d.allowed}</dd>
                <dt>"Medicare paid"</dt><dd>{d.paid}</dd>
            </dl>
            {(!totals.is_empty()).then(|| view! { <p class="adj">"Claim adjudication: " {totals.clone()}</p> })}
            {has_diagnoses.then(|| view! {
                <h3 id="diagnoses-title">"Diagnoses"</h3>
                // Focusable: on a narrow screen the table scrolls sideways, with the keys too.
                <div class="table-wrap" role="region" aria-labelledby="diagnoses-title" tabindex="0">
                    <table class="diagnoses">
                        <thead><tr><th scope="col">"#"</th><th scope="col">"Code"</th><th scope="col">"Description"</th><th scope="col">"Kind"</th></tr></thead>
                        <tbody>{diagnoses}</tbody>
                    </table>
                </div>
            })}
            {has_lines.then(|| view! {
                <h3 id="lines-title">"Lines"</h3>
                <div class="table-wrap" role="region" aria-labelledby="lines-title" tabindex="0">
                    <table class="lines">
                        <thead>
                            <tr>
                                <th scope="col">"#"</th><th scope="col">"Date"</th><th scope="col">"Service"</th>
                                <th scope="col" class="num">"Qty"</th><th scope="col" class="num">"Net"</th><th scope="col">"Adjudication"</th>
                            </tr>
                        </thead>
                        <tbody>{lines}</tbody>
                    </table>
                </div>
            })}
        </section>
    }
    .into_any()
}
