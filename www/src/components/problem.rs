//! [`ProblemView`]: a visible, human error panel with one action button.

use bluebutton_wasm::core::ErrorCode;
use leptos::prelude::*;

use crate::actions;
use crate::problem::{Problem, Remedy};
use crate::state::AppState;

/// Shows a problem. `on_retry` runs for [`Remedy::Retry`] (and for [`Remedy::Reconnect`] on
/// the sign-in screen, where it goes back to the connect form); [`Remedy::Dismiss`] has no
/// button.
#[component]
pub fn ProblemView(
    /// The problem.
    problem: Problem,
    /// The element id (tests and links).
    #[prop(into)]
    id: String,
    /// What "Try again" does.
    on_retry: Callback<()>,
) -> impl IntoView {
    let state = AppState::get();
    let (label, reconnect) = match problem.remedy {
        Remedy::Reconnect => ("Reconnect", true),
        Remedy::Retry => ("Try again", false),
        Remedy::Dismiss => ("", false),
    };
    let label = if problem.code == ErrorCode::AuthorizationError {
        "Try again"
    } else {
        label
    };
    let on_click = move |_| {
        if reconnect && state.phase.get_untracked() == crate::state::Phase::Connected {
            actions::reconnect(state);
        } else {
            on_retry.run(());
        }
    };
    view! {
        <section id=id class="problem" role="alert" data-code=problem.code.as_str()>
            <h2>{problem.title.clone()}</h2>
            <p>{problem.message.clone()}</p>
            <p class="code">"Error code: " <code>{problem.code.as_str()}</code></p>
            {(!label.is_empty())
                .then(|| view! { <button class="primary action" on:click=on_click>{label}</button> })}
        </section>
    }
}

/// The first [`Problem`] an `ErrorBoundary` caught (views return `Result<_, Problem>`).
pub fn caught(errors: &ArcRwSignal<Errors>) -> Option<Problem> {
    errors.with(|list| {
        list.iter()
            .find_map(|(_, e)| e.downcast_ref::<Problem>().cloned())
    })
}
