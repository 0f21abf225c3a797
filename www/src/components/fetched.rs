//! [`Fetched`]: a card whose content comes from a `LocalResource`: a loading card under
//! `Suspense`, the content, or the problem under `ErrorBoundary` with a retry.
//!
//! One component for every fetched card (patient, coverage, insurance card), with the content
//! type-erased to [`AnyView`]: `Suspense` and `ErrorBoundary` are compiled once, not once per
//! card, which keeps the wasm smaller.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use leptos::prelude::*;

use crate::components::problem::{caught, ProblemView};
use crate::problem::Problem;

/// Awaits a resource and draws it: `Arc::new(move || Box::pin(async move { r.await.map(draw) }))`.
pub type Loader =
    Arc<dyn Fn() -> Pin<Box<dyn Future<Output = Result<AnyView, Problem>> + Send>> + Send + Sync>;

/// A fetched card: `loading` while `load` is pending, its view when it is `Ok`, the problem
/// panel (`error_id`, with `retry`) when it is `Err`.
#[component]
pub fn Fetched(
    /// The heading of the loading card.
    title: &'static str,
    /// The sentence of the loading card.
    loading: &'static str,
    /// The id of the problem panel.
    error_id: &'static str,
    /// Awaits the resource and draws it.
    load: Loader,
    /// What "Try again" does (refetch the resource).
    retry: Callback<()>,
) -> impl IntoView {
    let failed = move |errors: ArcRwSignal<Errors>| {
        caught(&errors)
            .map(|problem| view! { <ProblemView problem=problem id=error_id on_retry=retry /> })
    };
    view! {
        <Suspense fallback=move || view! {
            <section class="card" aria-busy="true">
                <h2>{title}</h2>
                <p>{loading}</p>
            </section>
        }>
            <ErrorBoundary fallback=failed>
                {move || Suspend::new(load())}
            </ErrorBoundary>
        </Suspense>
    }
}
