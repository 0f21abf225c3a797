//! [`NotFound`]: the view of an address the app does not know.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// "No such page", with a link to the overview.
#[component]
pub fn NotFound() -> impl IntoView {
    let location = use_location();
    view! {
        <section class="card" id="not-found">
            <h2>"Page not found"</h2>
            <p>
                "This app has no page at "
                <code>{move || location.pathname.get()}</code>
                ". Its views are the overview, claims, charts, export and, on v3, the insurance card."
            </p>
            <p>
                // A plain link (the router follows it): `A href="/"` resolves to the bare base,
                // `/sub/path`, which matches no route under a sub-path.
                <a href=crate::routes::href("/")>"Go to the overview"</a>
            </p>
        </section>
    }
}
