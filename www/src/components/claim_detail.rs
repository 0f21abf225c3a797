//! [`ClaimDetail`]: one claim in full: header facts, diagnoses, lines with their
//! adjudications, and claim-level totals.

use bluebutton_wasm::core::fhir::eob::{Adjudication, Item};
use bluebutton_wasm::core::fhir::ExplanationOfBenefit;
use leptos::prelude::*;

use crate::model::{
    concept_text, first_code, money, provider_id, status_class, status_label, type_label,
};
use crate::state::AppState;

/// The detail panel of the selected claim (nothing when none is selected).
#[component]
pub fn ClaimDetail() -> impl IntoView {
    let state = AppState::get();
    move || {
        let idx = state.selected.get()?;
        let claims = state.claims()?;
        let eob = claims.eobs.get(idx)?;
        Some(detail_view(eob, state))
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

fn detail_view(eob: &ExplanationOfBenefit, state: AppState) -> AnyView {
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
                <button class="secondary" id="close-detail" on:click=move |_| state.selected.set(None)>
                    "Close"
                </button>
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
                <h3>"Diagnoses"</h3>
                <div class="table-wrap">
                    <table class="diagnoses">
                        <thead><tr><th scope="col">"#"</th><th scope="col">"Code"</th><th scope="col">"Description"</th><th scope="col">"Kind"</th></tr></thead>
                        <tbody>{diagnoses}</tbody>
                    </table>
                </div>
            })}
            {has_lines.then(|| view! {
                <h3>"Lines"</h3>
                <div class="table-wrap">
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
