//! The Overview: who (patient card, or a note when demographics were not shared), coverage
//! parts, and the claims summary (counts per type, dates, totals).

use bluebutton_wasm::core::fhir::ClaimType;
use leptos::prelude::*;
use std::sync::Arc;

use crate::components::fetched::{Fetched, Loader};
use crate::history;
use crate::model::{count, money, type_label};
use crate::problem::Problem;
use crate::state::{AppState, Download};
use crate::worker;
use crate::worker::overview::{CoverageView, PatientView};

/// The patient and coverage, fetched once per session by the dashboard
/// ([`OverviewData::provide`]) and again when `AppState::reload` is notified or on retry.
#[derive(Clone, Copy)]
pub struct OverviewData {
    /// The patient card (`None` inside = demographics not shared).
    pub patient: LocalResource<Result<Option<PatientView>, Problem>>,
    /// The coverage lines.
    pub coverage: LocalResource<Result<Vec<CoverageView>, Problem>>,
}

impl OverviewData {
    /// Starts fetching both and provides them as context.
    pub fn provide(state: AppState) {
        let patient = LocalResource::new(move || {
            state.reload.track();
            let client = history::client(state);
            async move {
                let client = client.ok_or_else(Problem::signed_out)?;
                // Fetched here (the token stays on this thread), parsed in the worker.
                let read = async {
                    match client.patient_body().await? {
                        Some(body) => worker::client::patient(&body).await,
                        None => Ok(None),
                    }
                };
                read.await.map_err(|e| history::data_problem(state, &e))
            }
        });
        let coverage = LocalResource::new(move || {
            state.reload.track();
            let client = history::client(state);
            async move {
                let client = client.ok_or_else(Problem::signed_out)?;
                let read = async {
                    let body = client.coverage_body().await?;
                    worker::client::coverage(&body).await
                };
                read.await.map_err(|e| history::data_problem(state, &e))
            }
        });
        provide_context(Self { patient, coverage });
    }
}

/// The overview section.
#[component]
pub fn OverviewPage() -> impl IntoView {
    view! {
        <div class="grid">
            <PatientCard />
            <CoverageCard />
        </div>
        <SummaryCard />
    }
}

#[component]
fn PatientCard() -> impl IntoView {
    let state = AppState::get();
    let OverviewData { patient, .. } = expect_context();
    let grant = move || state.grant.get_untracked().unwrap_or_default();
    let shown = move |p: Option<PatientView>| {
        match p {
        Some(p) => patient_view(&p, grant().expires).into_any(),
        None => view! {
            <section class="card note" id="demographics-note">
                <h2>"Personal details not shared"</h2>
                <p>
                    "You chose not to share your name, address and birth date with this app. "
                    "That's fine: your claims and coverage are still shown. To share them, sign out and connect again."
                </p>
                <p class="muted">{format!("Medicare patient id: {}", grant().patient.unwrap_or_else(|| "—".into()))}</p>
            </section>
        }
        .into_any(),
    }
    };
    let load: Loader = Arc::new(move || Box::pin(async move { patient.await.map(shown) }));
    view! {
        <Fetched
            title="You"
            loading="Loading your details…"
            error_id="patient-error"
            load=load
            retry=Callback::new(move |()| patient.refetch())
        />
    }
}

fn patient_view(p: &PatientView, grant_until: Option<String>) -> impl IntoView {
    let name = p.name.clone();
    let rows = [
        ("Birth date", p.birth_date.clone()),
        ("Gender", p.gender.clone()),
        ("Lives in", p.lives_in.clone()),
        ("Medicare patient id", p.id.clone()),
        (
            "Access granted until",
            grant_until
                .map(|g| g.chars().take(10).collect())
                .unwrap_or_default(),
        ),
    ];
    view! {
        <section class="card" id="patient-card">
            <h2>{name}</h2>
            <dl class="facts">
                {rows
                    .into_iter()
                    .filter(|(_, v)| !v.is_empty())
                    .map(|(k, v)| view! { <dt>{k}</dt><dd>{v}</dd> })
                    .collect_view()}
            </dl>
        </section>
    }
}

#[component]
fn CoverageCard() -> impl IntoView {
    let OverviewData { coverage, .. } = expect_context();
    let load: Loader = Arc::new(move || {
        Box::pin(async move { coverage.await.map(|list| coverage_view(&list).into_any()) })
    });
    view! {
        <Fetched
            title="Coverage"
            loading="Loading coverage…"
            error_id="coverage-error"
            load=load
            retry=Callback::new(move |()| coverage.refetch())
        />
    }
}

fn coverage_view(list: &[CoverageView]) -> impl IntoView {
    let items = list
        .iter()
        .map(|c| {
            let status = c.status.clone();
            let since = c
                .since
                .as_ref()
                .map(|s| format!(" since {s}"))
                .unwrap_or_default();
            view! {
                <li>
                    <strong>{c.part.clone()}</strong>
                    " "
                    <span class=format!("badge status-{status}")>{status.clone()}</span>
                    {since}
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="card" id="coverage-card">
            <h2>"Coverage"</h2>
            {list.is_empty().then(|| view! { <p>"No coverage records were returned."</p> })}
            <ul class="parts">{items}</ul>
        </section>
    }
}

#[component]
fn SummaryCard() -> impl IntoView {
    let state = AppState::get();
    move || {
        let Some(claims) = state.claims() else {
            let note = match state.download.get() {
                Download::Failed(_) => "The claims could not be loaded (see the message above).",
                Download::Cancelled => "The download was cancelled; start it again above.",
                _ => "The summary appears when the whole history has downloaded.",
            };
            return view! {
                <section class="card">
                    <h2>"Your claims"</h2>
                    <p>{note}</p>
                </section>
            }
            .into_any();
        };
        let s = &claims.summary;
        let range = match (&s.first_service_date, &s.last_service_date) {
            (Some(a), Some(b)) => format!("{a} to {b}"),
            _ => "—".into(),
        };
        let types = ClaimType::ALL
            .iter()
            .chain([ClaimType::Unknown].iter())
            .filter_map(|t| s.by_type.get(t).map(|ts| (*t, ts.clone())))
            .filter(|(_, ts)| ts.claims > 0)
            .map(|(t, ts)| {
                view! {
                    <tr data-type=t.as_str()>
                        <th scope="row">{type_label(t)}</th>
                        <td class="num">{count(ts.claims)}</td>
                        <td class="num">{count(ts.lines)}</td>
                        <td class="num">{money(ts.amounts.paid)}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <section class="card" id="summary">
                <h2>"Your claims"</h2>
                <dl class="stats">
                    <div><dt>"Claims"</dt><dd id="claim-count">{count(s.claims)}</dd></div>
                    <div><dt>"Service dates"</dt><dd id="date-range">{range}</dd></div>
                    <div><dt>"Medicare paid"</dt><dd id="total-paid">{money(s.amounts.paid)}</dd></div>
                    <div><dt>"Billed"</dt><dd>{money(s.amounts.submitted)}</dd></div>
                    {(s.not_final.claims > 0).then(|| view! {
                        <div><dt>"Not final yet"</dt><dd id="not-final-count">{count(s.not_final.claims)}</dd></div>
                    })}
                    {(s.prior_authorizations.claims > 0).then(|| view! {
                        <div><dt>"Prior authorizations"</dt><dd id="prior-auth-count">{count(s.prior_authorizations.claims)}</dd></div>
                    })}
                </dl>
                {(s.not_final.claims + s.prior_authorizations.claims > 0).then(|| view! {
                    <p class="muted" id="apart-note">
                        "Claims, types and Medicare paid count final claims only. Claims not final yet may still change; prior authorizations are approvals asked for before care, not payments."
                    </p>
                })}
                {(s.claims + s.not_final.claims + s.prior_authorizations.claims == 0).then(|| view! { <p id="no-claims">"No claims were found for this account."</p> })}
                <div class="table-wrap">
                <table class="types">
                    <caption>"Claims by type"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Type"</th>
                            <th scope="col" class="num">"Claims"</th>
                            <th scope="col" class="num">"Lines"</th>
                            <th scope="col" class="num">"Paid"</th>
                        </tr>
                    </thead>
                    <tbody>{types}</tbody>
                </table>
                </div>
            </section>
        }
        .into_any()
    }
}
