//! The claims explorer: type chips, date range, text search, sort, 50 rows a page, and the
//! detail panel of the chosen claim.

use std::sync::Arc;

use bluebutton_wasm::core::fhir::{ClaimKind, ClaimType};
use leptos::prelude::*;
use leptos_router::components::Outlet;
use leptos_router::hooks::use_location;

use crate::claims::Claims;
use crate::model::{count, money, status_class, status_label, type_short, Row};
use crate::routes::{claim_path, href};
use crate::state::AppState;

/// Rows per page.
pub const PAGE_SIZE: usize = 50;

/// Sort orders.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sort {
    /// Newest service date first.
    DateDesc,
    /// Oldest first.
    DateAsc,
    /// Largest paid amount first.
    PaidDesc,
    /// By claim type, then date.
    Type,
}

impl Sort {
    fn parse(s: &str) -> Self {
        match s {
            "date-asc" => Self::DateAsc,
            "paid-desc" => Self::PaidDesc,
            "type" => Self::Type,
            _ => Self::DateDesc,
        }
    }
}

/// The filter settings.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Filter {
    /// Claim types shown (empty = all).
    pub types: Vec<ClaimType>,
    /// Kinds shown: final, not final yet, prior authorization (empty = all).
    pub statuses: Vec<ClaimKind>,
    /// First service date shown (`YYYY-MM-DD`, or empty).
    pub from: String,
    /// Last service date shown.
    pub to: String,
    /// The search text as typed.
    pub query: String,
}

impl Filter {
    fn keeps(&self, row: &Row, query: &str) -> bool {
        (self.types.is_empty() || self.types.contains(&row.kind))
            && (self.statuses.is_empty() || self.statuses.contains(&row.status))
            && (self.from.is_empty() || (!row.date.is_empty() && row.end >= self.from))
            && (self.to.is_empty() || (!row.date.is_empty() && row.date <= self.to))
            && (query.is_empty() || row.haystack.contains(query))
    }
}

/// The explorer's settings, kept while switching tabs (provided by the dashboard).
#[derive(Clone, Copy)]
pub struct ExplorerState {
    /// Filters.
    pub filter: RwSignal<Filter>,
    /// Sort order.
    pub sort: RwSignal<Sort>,
    /// Current page (0-based).
    pub page: RwSignal<usize>,
}

impl ExplorerState {
    /// Creates the settings and provides them as context.
    pub fn provide() {
        provide_context(Self {
            filter: RwSignal::new(Filter::default()),
            sort: RwSignal::new(Sort::DateDesc),
            page: RwSignal::new(0),
        });
    }

    /// Changes the filter and goes back to page 1.
    fn refilter(self, change: impl FnOnce(&mut Filter)) {
        self.filter.update(change);
        self.page.set(0);
    }
}

fn select(claims: &Claims, filter: &Filter, sort: Sort) -> Vec<usize> {
    let query = crate::text::lower(filter.query.trim());
    let mut idx: Vec<usize> = claims
        .rows
        .iter()
        .filter(|r| filter.keeps(r, &query))
        .map(|r| r.idx)
        .collect();
    let rows = &claims.rows;
    // One comparator (one instantiation of the sort in the .wasm, not one per order).
    idx.sort_by(|a, b| {
        let (a, b) = (&rows[*a], &rows[*b]);
        match sort {
            Sort::DateDesc => b.date.cmp(&a.date),
            Sort::DateAsc => a.date.cmp(&b.date),
            Sort::PaidDesc => b
                .paid
                .unwrap_or(f64::MIN)
                .total_cmp(&a.paid.unwrap_or(f64::MIN)),
            Sort::Type => (a.kind, &b.date).cmp(&(b.kind, &a.date)),
        }
    });
    idx
}

/// The explorer section (waits for the whole history); `/claims/<id>` adds that claim's
/// detail below the table (the router's outlet: the table stays while claims change).
#[component]
pub fn ClaimsPage() -> impl IntoView {
    let state = AppState::get();
    let table = move || match state.claims() {
        Some(claims) => view! { <Explorer claims=claims /> }.into_any(),
        None => view! {
            <section class="card">
                <h2>"Claims"</h2>
                <p>"The table appears when the whole history has downloaded."</p>
            </section>
        }
        .into_any(),
    };
    view! {
        {table}
        <Outlet />
    }
}

#[component]
fn Explorer(claims: Arc<Claims>) -> impl IntoView {
    let pathname = use_location().pathname;
    let ex = expect_context::<ExplorerState>();
    let (filter, sort) = (ex.filter, ex.sort);
    let data = StoredValue::new(claims.clone());
    let selection = Memo::new(move |_| {
        let f = filter.get();
        Arc::new(data.with_value(|c| select(c, &f, sort.get())))
    });
    let pages = move || selection.with(|s| s.len().div_ceil(PAGE_SIZE).max(1));
    // The page, clamped (a refreshed history may be shorter).
    let page = move || ex.page.get().min(pages() - 1);
    // From the rows, not the summary: claims not final yet have types too.
    let present: Vec<ClaimType> = ClaimType::ALL
        .iter()
        .chain([ClaimType::Unknown].iter())
        .copied()
        .filter(|t| {
            claims
                .rows
                .iter()
                .any(|r| r.kind == *t && r.status != ClaimKind::PriorAuthorization)
        })
        .collect();
    let s = &claims.summary;
    let apart = [
        (ClaimKind::Final, "Final claims", s.claims),
        (ClaimKind::NotFinal, "Not final yet", s.not_final.claims),
        (
            ClaimKind::PriorAuthorization,
            "Prior authorizations",
            s.prior_authorizations.claims,
        ),
    ];
    // Status chips only when something is not a final claim.
    let status_chips = (s.not_final.claims + s.prior_authorizations.claims > 0).then(|| {
        let chips = apart
            .into_iter()
            .filter(|(_, _, n)| *n > 0)
            .map(|(k, label, n)| {
                let on = move || filter.with(|f| f.statuses.contains(&k));
                view! {
                    <button
                        class="chip"
                        data-status=k.as_str()
                        aria-pressed=move || if on() { "true" } else { "false" }
                        on:click=move |_| ex.refilter(|f| {
                            if let Some(i) = f.statuses.iter().position(|x| *x == k) {
                                f.statuses.remove(i);
                            } else {
                                f.statuses.push(k);
                            }
                        })
                    >
                        {format!("{label} ({})", count(n))}
                    </button>
                }
            })
            .collect_view();
        view! {
            <div class="chips" role="group" aria-label="Final claims, claims not final yet and prior authorizations" id="status-chips">{chips}</div>
        }
    });
    let chips = present
        .into_iter()
        .map(|t| {
            let on = move || filter.with(|f| f.types.contains(&t));
            view! {
                <button
                    class="chip"
                    data-type=t.as_str()
                    aria-pressed=move || if on() { "true" } else { "false" }
                    on:click=move |_| ex.refilter(|f| {
                        if let Some(i) = f.types.iter().position(|x| *x == t) {
                            f.types.remove(i);
                        } else {
                            f.types.push(t);
                        }
                    })
                >
                    {type_short(t)}
                </button>
            }
        })
        .collect_view();
    let body = move || {
        let start = page() * PAGE_SIZE;
        let ids: Vec<usize> =
            selection.with(|s| s.iter().skip(start).take(PAGE_SIZE).copied().collect());
        data.with_value(|c| {
            ids.into_iter()
                .map(|i| row_view(&c.rows[i], pathname))
                .collect_view()
        })
    };
    let showing = move || {
        let n = selection.with(|s| s.len());
        let start = page() * PAGE_SIZE;
        if n == 0 {
            "No claims match these filters.".to_owned()
        } else {
            format!(
                "Showing {}–{} of {} claims",
                count(start as u64 + 1),
                count((start + PAGE_SIZE).min(n) as u64),
                count(n as u64)
            )
        }
    };
    view! {
        <section class="card explorer">
            <h2>"Claims"</h2>
            <div class="filters">
                <div class="chips" role="group" aria-label="Claim types">{chips}</div>
                {status_chips}
                <div class="row wrap">
                    <div class="field">
                        <label for="from">"From"</label>
                        <input id="from" type="date" prop:value=move || filter.with(|f| f.from.clone()) on:change=move |ev| ex.refilter(|f| f.from = event_target_value(&ev)) />
                    </div>
                    <div class="field">
                        <label for="to">"To"</label>
                        <input id="to" type="date" prop:value=move || filter.with(|f| f.to.clone()) on:change=move |ev| ex.refilter(|f| f.to = event_target_value(&ev)) />
                    </div>
                    <div class="field grow">
                        <label for="search">"Search (provider, code, diagnosis, id)"</label>
                        <input id="search" type="search" prop:value=move || filter.with(|f| f.query.clone()) on:input=move |ev| ex.refilter(|f| f.query = event_target_value(&ev)) />
                    </div>
                    <div class="field">
                        <label for="sort">"Sort by"</label>
                        <select id="sort" on:change=move |ev| { sort.set(Sort::parse(&event_target_value(&ev))); ex.page.set(0); }>
                            <option value="date-desc" selected=move || sort.get() == Sort::DateDesc>"Newest first"</option>
                            <option value="date-asc" selected=move || sort.get() == Sort::DateAsc>"Oldest first"</option>
                            <option value="paid-desc" selected=move || sort.get() == Sort::PaidDesc>"Largest paid first"</option>
                            <option value="type" selected=move || sort.get() == Sort::Type>"Claim type"</option>
                        </select>
                    </div>
                </div>
            </div>
            <p id="claims-showing" aria-live="polite">{showing}</p>
            <div class="table-wrap">
                <table id="claims-table">
                    <caption class="sr-only">"Your claims, one row per claim"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Date"</th>
                            <th scope="col">"Type"</th>
                            <th scope="col">"Provider"</th>
                            <th scope="col">"Services and diagnoses"</th>
                            <th scope="col" class="num">"Billed"</th>
                            <th scope="col" class="num">"Paid"</th>
                        </tr>
                    </thead>
                    <tbody>{body}</tbody>
                </table>
            </div>
            <nav class="pager" aria-label="Pages of claims">
                <button id="prev-page" class="secondary" disabled=move || { page() == 0 } on:click=move |_| ex.page.set(page().saturating_sub(1))>
                    "Previous"
                </button>
                <span id="page-of">{move || format!("Page {} of {}", page() + 1, pages())}</span>
                <button id="next-page" class="secondary" disabled=move || { page() + 1 >= pages() } on:click=move |_| ex.page.set(page() + 1)>
                    "Next"
                </button>
            </nav>
        </section>
    }
}

fn row_view(row: &Row, pathname: Memo<String>) -> impl IntoView {
    let date = if row.date.is_empty() {
        "(no date)".to_owned()
    } else {
        row.date.clone()
    };
    // A claim without an id (not seen in the API's data) cannot have an address. Plain links
    // with the base (the router follows them): leptos_router's `A` inside a nested route
    // resolved `/claims/x` without the base under a sub-path.
    let path = claim_path(row.id.as_deref().unwrap_or_default());
    let label = format!("Details of the claim of {date}");
    let selected = {
        let path = path.clone();
        move || pathname.with(|p| p.ends_with(&path))
    };
    view! {
        <tr class:selected=selected data-type=row.kind.as_str() data-status=row.status.as_str()>
            <td>
                <a href=href(&path) class="link" aria-label=label>
                    {date}
                </a>
            </td>
            <td>
                {(row.status != ClaimKind::PriorAuthorization).then(|| type_short(row.kind))}
                {status_label(row.status).map(|label| view! { " " <span class=status_class(row.status)>{label}</span> })}
            </td>
            <td>{row.provider.clone()}</td>
            <td class="codes">{row.codes.clone()}</td>
            <td class="num">{money(row.submitted)}</td>
            <td class="num">{money(row.paid)}</td>
        </tr>
    }
}
