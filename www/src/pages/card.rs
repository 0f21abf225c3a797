//! The v3 Digital Insurance Card: the beneficiary's Medicare card drawn as a card (member
//! name, Medicare number, each part with its dates and plan ids, who to call), with a Print
//! button. The print style sheet (`@media print` in `style.css`) prints the card alone.

use bluebutton_wasm::core::fhir::insurance_card::{CardPart, CoverageStatus, InsuranceCard};
use leptos::prelude::*;
use std::sync::Arc;

use crate::components::fetched::{Fetched, Loader};
use crate::history;
use crate::problem::Problem;
use crate::state::AppState;

/// The card, fetched once per v3 session ([`CardResource::provide`], by the dashboard) and
/// again when `AppState::reload` is notified ("Download everything again") or on retry.
#[derive(Clone, Copy)]
pub struct CardResource(LocalResource<Result<InsuranceCard, Problem>>);

impl CardResource {
    /// Starts fetching the card and provides it as context.
    pub fn provide(state: AppState) {
        let resource = LocalResource::new(move || {
            state.reload.track();
            let client = history::client(state);
            async move {
                let client = client.ok_or_else(Problem::signed_out)?;
                // Fetched here (the token stays on this thread), parsed in the worker.
                let read = async {
                    let body = client.insurance_card_body().await?;
                    crate::worker::client::insurance_card(&body).await
                };
                read.await.map_err(|e| history::data_problem(state, &e))
            }
        });
        provide_context(Self(resource));
    }
}

/// The card section: loading, then the card, or the problem with a retry button.
#[component]
pub fn CardPage() -> impl IntoView {
    let CardResource(card) = expect_context::<CardResource>();
    let load: Loader =
        Arc::new(move || Box::pin(async move { card.await.map(|c| card_view(&c).into_any()) }));
    view! {
        <Fetched
            title="Insurance card"
            loading="Loading your Medicare card…"
            error_id="card-error"
            load=load
            retry=Callback::new(move |()| card.refetch())
        />
    }
}

/// `1EG4TE5MK73` as printed on the card: `1EG4-TE5-MK73`.
fn mbi_display(mbi: &str) -> String {
    if mbi.len() == 11 && mbi.is_ascii() {
        format!("{}-{}-{}", &mbi[..4], &mbi[4..7], &mbi[7..])
    } else {
        mbi.to_owned()
    }
}

/// A link target for the payer's web address: `https://` added to a bare host; anything
/// but http(s) is not linked.
fn web_href(url: &str) -> Option<String> {
    let lower = url.to_ascii_lowercase();
    if lower.starts_with("https://") || lower.starts_with("http://") {
        Some(url.to_owned())
    } else if !lower.contains(':') && !url.contains(char::is_whitespace) {
        Some(format!("https://{url}"))
    } else {
        None
    }
}

fn status_label(s: CoverageStatus) -> &'static str {
    match s {
        CoverageStatus::Active => "Active",
        CoverageStatus::Cancelled => "Ended",
        CoverageStatus::Draft => "Not yet active",
        CoverageStatus::EnteredInError => "Recorded in error",
        CoverageStatus::Unknown => "—",
    }
}

/// The plan column: contract-PBP and, for Part D, the pharmacy ids.
fn plan_text(p: &CardPart) -> String {
    let mut bits = Vec::new();
    if let (Some(c), Some(plan)) = (&p.contract, &p.plan) {
        bits.push(format!("Plan {c}-{plan}"));
    }
    if let Some(rx) = &p.rx {
        for (label, v) in [
            ("RxBIN", &rx.bin),
            ("RxPCN", &rx.pcn),
            ("RxGrp", &rx.group),
            ("RxID", &rx.id),
        ] {
            if let Some(v) = v {
                bits.push(format!("{label} {v}"));
            }
        }
    }
    bits.join(" · ")
}

fn part_row(p: &CardPart) -> impl IntoView {
    let ended = p.status == CoverageStatus::Cancelled;
    view! {
        <tr class:ended=ended data-part=format!("{:?}", p.kind)>
            <th scope="row">{p.label.clone()}</th>
            <td>{status_label(p.status)}</td>
            <td>{p.start.clone().unwrap_or_else(|| "—".into())}</td>
            <td>{p.end.clone().unwrap_or_default()}</td>
            <td class="ic-plan">{plan_text(p)}</td>
        </tr>
    }
}

fn print_card() {
    if let Some(w) = web_sys::window() {
        let _ = w.print();
    }
}

fn card_view(card: &InsuranceCard) -> impl IntoView {
    let name = card
        .name
        .clone()
        .unwrap_or_else(|| "(no name on file)".into());
    let mbi = card
        .medicare_number
        .as_deref()
        .map(mbi_display)
        .unwrap_or_else(|| "—".into());
    let payer = card.payer.clone().unwrap_or_default();
    let payer_name = payer.name.clone().unwrap_or_else(|| "Medicare".into());
    let web = payer.url.clone().map(|u| {
        let href = web_href(&u);
        view! {
            <span class="ic-web">
                {match href {
                    Some(h) => view! { <a href=h rel="noopener noreferrer" target="_blank">{u}</a> }.into_any(),
                    None => view! { <span>{u}</span> }.into_any(),
                }}
            </span>
        }
    });
    let rows = card.parts.iter().map(part_row).collect_view();
    let birth = card.birth_date.clone();
    let text = card.card_text.clone();
    view! {
        <div class="card-actions">
            <button id="print-card" class="secondary" on:click=move |_| print_card()>
                "Print card"
            </button>
        </div>
        <article class="insurance-card" id="insurance-card" aria-labelledby="ic-title">
            <header class="ic-head">
                <h2 id="ic-title">"Medicare health insurance"</h2>
            </header>
            <dl class="ic-main">
                <div>
                    <dt>"Name"</dt>
                    <dd id="card-name" class="ic-name">{name}</dd>
                </div>
                <div>
                    <dt>"Medicare number"</dt>
                    <dd id="card-mbi" class="ic-mbi">{mbi}</dd>
                </div>
                {birth.map(|b| view! { <div><dt>"Birth date"</dt><dd>{b}</dd></div> })}
            </dl>
            <table class="ic-parts" id="card-parts">
                <caption>"Coverage"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Part"</th>
                        <th scope="col">"Status"</th>
                        <th scope="col">"Effective"</th>
                        <th scope="col">"Ends"</th>
                        <th scope="col">"Plan"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
            <footer class="ic-payer" id="card-payer">
                <strong>{payer_name}</strong>
                {payer.phone.clone().map(|p| view! { <span>"Call " {p}</span> })}
                {payer.tty.clone().map(|t| view! { <span>"TTY " {t}</span> })}
                {web}
            </footer>
            {text.map(|t| view! { <p class="ic-text">{t}</p> })}
        </article>
    }
}
