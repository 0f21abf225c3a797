//! [`ClaimDetail`]: one claim in full: header facts, diagnoses, lines with their
//! adjudications, and claim-level totals.

use bluebutton_wasm::core::fhir::eob::{Adjudication, Item};
use bluebutton_wasm::core::fhir::ExplanationOfBenefit;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::model::{
    concept_text, first_code, money, provider_id, status_class, status_label, type_label,
};
use crate::state::{AppState, Download};

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
    move || {
        let id = id.get();
        match state.download.get() {
            Download::Ready(claims) => {
                match claims.find(&id) {
                    Some(eob) => detail_view(eob),
                    None => missing(
                        "claim-missing",
                        format!("Your claims history has no claim with the id {id}. Choose a claim in the table."),
                    ),
                }
            }
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

fn adjudications(list: &[Adjudication]) -> String {
    list.iter()
        .filter_map(|a| {
            let what = a.category.as_ref().map(concept_text)?;
            let value = a
                .amount
                .as_ref()
                .and_then(|m| m.value)
                .map(|v| money(Some(v)))
                .or_else(|| a.value.map(|v| v.to_string()))
                .or_else(|| a.reason.as_ref().map(concept_text))?;
            Some(format!("{what}: {value}"))
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn line_view(item: &Item) -> impl IntoView {
    let code = item.service_code();
    let amounts = adjudications(&item.adjudication);
    view! {
        <tr>
            <td class="num">{item.sequence.map(|s| s.to_string()).unwrap_or_default()}</td>
            <td>{item.service_date().unwrap_or_default().to_owned()}</td>
            <td>
                <code>{code.and_then(first_code).unwrap_or_default()}</code>
                " "
                {item.service_name().unwrap_or_default().to_owned()}
            </td>
            <td class="num">
                {item.quantity.as_ref().and_then(|q| q.value).map(|v| v.to_string()).unwrap_or_default()}
            </td>
            <td class="num">{money(item.net.as_ref().and_then(|m| m.value))}</td>
            <td class="adj">{amounts}</td>
        </tr>
    }
}

/// The provider's name and number (NPI), as far as the claim gives them.
fn provider_detail(eob: &ExplanationOfBenefit) -> String {
    match (eob.provider_name(), provider_id(eob)) {
        (Some(name), Some(id)) => format!("{name} ({id})"),
        (Some(name), None) => name.to_owned(),
        (None, id) => id.unwrap_or_default(),
    }
}

fn detail_view(eob: &ExplanationOfBenefit) -> AnyView {
    let amounts = eob.amounts();
    let range = eob
        .service_date_range()
        .map(|(a, b)| {
            if a == b {
                a.to_owned()
            } else {
                format!("{a} to {b}")
            }
        })
        .unwrap_or_else(|| "—".into());
    let diagnoses = eob
        .diagnosis
        .iter()
        .map(|d| {
            let cc = d.diagnosis_codeable_concept.as_ref();
            let kind = d
                .type_
                .iter()
                .map(concept_text)
                .collect::<Vec<_>>()
                .join(", ");
            view! {
                <tr>
                    <td class="num">{d.sequence.map(|s| s.to_string()).unwrap_or_default()}</td>
                    <td><code>{cc.and_then(first_code).unwrap_or_default()}</code></td>
                    <td>{d.name().unwrap_or_default().to_owned()}</td>
                    <td>{kind}</td>
                </tr>
            }
        })
        .collect_view();
    let lines = eob.item.iter().map(line_view).collect_view();
    let totals = adjudications(&eob.adjudication);
    let has_diagnoses = !eob.diagnosis.is_empty();
    let has_lines = !eob.item.is_empty();
    view! {
        <section class="card detail" id="claim-detail" aria-labelledby="claim-detail-title">
            <div class="row spread">
                <h2 id="claim-detail-title" tabindex="-1">{if eob.is_prior_authorization() { "Prior authorization".to_owned() } else { format!("{} claim", type_label(eob.claim_type)) }}</h2>
                <a href=crate::routes::href("/claims") class="button secondary" id="close-detail">
                    "Close"
                </a>
            </div>
            {status_label(eob.kind).map(|label| view! {
                <p id="claim-detail-kind">
                    <span class=status_class(eob.kind)>{label}</span>
                    " "
                    {if eob.is_prior_authorization() {
                        "A request approved or denied before care; not a claim, and not counted in any total."
                    } else {
                        "Medicare is still processing this claim: it may change, and it is not counted in the paid totals."
                    }}
                </p>
            })}
            <dl class="facts">
                <dt>"Claim id"</dt><dd><code>{eob.id.clone().unwrap_or_default()}</code></dd>
                <dt>"Status"</dt><dd>{eob.status.clone().unwrap_or_default()}</dd>
                {eob.source.clone().map(|src| view! { <dt>"Source"</dt><dd>{src}</dd> })}
                {eob.outcome.clone().map(|o| view! { <dt>"Outcome"</dt><dd>{o}</dd> })}
                <dt>"Service dates"</dt><dd>{range}</dd>
                <dt>"Provider"</dt><dd>{provider_detail(eob)}</dd>
                <dt>"Billed"</dt><dd>{money(amounts.submitted)}</dd>
                <dt>"Allowed"</dt><dd>{money(amounts.allowed)}</dd>
                <dt>"Medicare paid"</dt><dd>{money(amounts.paid)}</dd>
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
