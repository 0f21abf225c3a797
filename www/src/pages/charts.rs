//! The Charts section: spending per month (stacked by claim type) and claims per type, as
//! inline SVG with a colour legend; each chart has its numbers in a table (its text
//! equivalent, behind "Show the numbers").

use leptos::prelude::*;

use crate::components::charts::{chart_types, claims_by_type, spending_by_month, type_rows};
use crate::model::{count, money, type_short};
use crate::state::AppState;

/// The charts section (waits for the whole history).
#[component]
pub fn ChartsPage() -> impl IntoView {
    let state = AppState::get();
    move || {
        let Some(claims) = state.claims() else {
            return view! {
                <section class="card">
                    <h2>"Charts"</h2>
                    <p>"The charts appear when the whole history has downloaded."</p>
                </section>
            }
            .into_any();
        };
        let s = &claims.summary;
        let legend = chart_types()
            .filter(|t| s.by_type.get(t).is_some_and(|ts| ts.claims > 0))
            .map(|t| {
                view! {
                    <li>
                        <svg class="swatch" viewBox="0 0 10 10" aria-hidden="true" inner_html=format!(r#"<rect class="t-{}" width="10" height="10"/>"#, t.as_str()) />
                        {type_short(t)}
                    </li>
                }
            })
            .collect_view();
        let months = s
            .by_month
            .iter()
            .map(|m| {
                view! {
                    <tr>
                        <th scope="row">{m.month.clone()}</th>
                        <td class="num">{count(m.all.claims)}</td>
                        <td class="num">{money(m.all.amounts.paid)}</td>
                    </tr>
                }
            })
            .collect_view();
        let types = type_rows(s)
            .into_iter()
            .map(|(t, n)| {
                view! {
                    <tr>
                        <th scope="row">{type_short(t)}</th>
                        <td class="num">{count(n)}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <section class="card charts">
                <h2>"Spending per month"</h2>
                <p class="muted">"What Medicare paid each month for final claims, split by claim type. Hover a bar for its amount, or open the numbers below."</p>
                <ul class="legend" aria-label="Claim type colours">{legend}</ul>
                <figure class="chart wide" tabindex="0" inner_html=spending_by_month(s)></figure>
                <details class="numbers">
                    <summary>"Show the numbers"</summary>
                    <div class="table-wrap">
                        <table id="months-table">
                            <caption class="sr-only">"Claims and Medicare paid per month"</caption>
                            <thead>
                                <tr>
                                    <th scope="col">"Month"</th>
                                    <th scope="col" class="num">"Claims"</th>
                                    <th scope="col" class="num">"Paid"</th>
                                </tr>
                            </thead>
                            <tbody>{months}</tbody>
                        </table>
                    </div>
                </details>
            </section>
            <section class="card charts">
                <h2>"Claims by type"</h2>
                <figure class="chart narrow" inner_html=claims_by_type(s)></figure>
                <details class="numbers">
                    <summary>"Show the numbers"</summary>
                    <div class="table-wrap">
                        <table id="types-table">
                            <caption class="sr-only">"Number of claims by type"</caption>
                            <thead>
                                <tr>
                                    <th scope="col">"Type"</th>
                                    <th scope="col" class="num">"Claims"</th>
                                </tr>
                            </thead>
                            <tbody>{types}</tbody>
                        </table>
                    </div>
                </details>
                {apart_note(s)}
            </section>
        }
        .into_any()
    }
}

/// What the charts leave out: claims not final yet and prior authorizations, counted apart.
fn apart_note(s: &bluebutton_wasm::core::fhir::ClaimSummary) -> Option<impl IntoView> {
    let (not_final, prior) = (s.not_final.claims, s.prior_authorizations.claims);
    (not_final + prior > 0).then(|| {
        view! {
            <p class="muted" id="charts-apart">
                {format!(
                    "Not in these charts: {} not final yet (they may still change) and {} prior authorizations.",
                    count(not_final),
                    count(prior)
                )}
            </p>
        }
    })
}
