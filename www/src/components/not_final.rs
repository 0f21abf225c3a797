//! [`NotFinalToggle`]: on v3, "Include recent claims not yet final" (the `includeNotFinal`
//! search: every claim source, which also brings prior authorizations), downloading the
//! history again when changed.

use leptos::prelude::*;

use crate::actions;
use crate::state::AppState;

/// The toggle, shown only for v3 sessions.
#[component]
pub fn NotFinalToggle() -> impl IntoView {
    let state = AppState::get();
    move || {
        state.is_v3().then(|| {
            view! {
                <section class="card not-final-toggle">
                    <label class="choice">
                        <input
                            type="checkbox"
                            id="include-not-final"
                            aria-describedby="include-not-final-hint"
                            prop:checked=move || state.include_not_final.get()
                            on:change=move |ev| {
                                state.include_not_final.set(event_target_checked(&ev));
                                actions::download(state);
                            }
                        />
                        "Include recent claims not yet final"
                    </label>
                    <p id="include-not-final-hint" class="muted">
                        "Recent claims Medicare is still processing, and prior authorizations: they may change, and they are not counted in the paid totals."
                    </p>
                </section>
            }
        })
    }
}
