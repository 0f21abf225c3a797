//! The Connect screen (environment, version, client, flow) and the secret prompt shown on
//! return when the sign-in was started with a client secret.

use leptos::prelude::*;

use crate::state::{AppState, Phase};
use crate::{actions, dom, history};

const LOCAL_CLIENT: &str = "bbwasm-local-public";

/// The connect form.
#[component]
pub fn ConnectPage() -> impl IntoView {
    let state = AppState::get();
    let config = state.config;
    let error = RwSignal::new(String::new());
    let redirect = dom::redirect_uri();
    let redirect_copy = redirect.clone();
    let copied = RwSignal::new(false);

    let on_env = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        config.update(|c| {
            if value == "local" && c.client_id.trim().is_empty() {
                c.client_id = LOCAL_CLIENT.into();
            } else if value != "local" && c.client_id == LOCAL_CLIENT {
                c.client_id.clear();
            }
            c.env = value;
        });
    };
    // The demo build may call the local sandbox; a published site's policy does not allow it.
    let local_allowed = dom::may_connect(dom::LOCAL_SANDBOX);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(String::new());
        let base = config.with_untracked(|c| c.environment().map(|e| e.base_url().to_owned()));
        if let Ok(base) = base {
            if !dom::may_connect(&base) {
                error.set(format!(
                    "This site's security policy does not let it connect to {base}. \
                     Choose the CMS sandbox or production (the local sandbox is in the demo build: make demo)."
                ));
                return;
            }
        }
        if let Err(message) = actions::connect(state) {
            error.set(message);
        }
    };
    let selected = move |v: &'static str| move || config.with(|c| c.env == v);
    let version_is = move |v: u32| move || config.with(|c| c.version == v);

    view! {
        <section class="card connect">
            <h2>"Connect your Medicare account"</h2>
            <p>
                "This app reads your Medicare claims through the CMS Blue Button 2.0 API. "
                "You sign in on the Medicare page and choose what to share; the access stays in this browser tab's memory."
            </p>
            <form id="connect-form" on:submit=on_submit novalidate>
                <div class="field">
                    <label for="env">"Environment"</label>
                    <select id="env" on:change=on_env>
                        {local_allowed.then(|| view! {
                            <option value="local" selected=selected("local")>"Local sandbox (127.0.0.1:8000)"</option>
                        })}
                        <option value="sandbox" selected=selected("sandbox")>"CMS sandbox (synthetic data)"</option>
                        <option value="production" selected=selected("production")>"Production (real Medicare data)"</option>
                        <option value="custom" selected=selected("custom")>"Custom base URL"</option>
                    </select>
                </div>
                <Show when=move || config.with(|c| c.env == "custom")>
                    <div class="field">
                        <label for="custom-url">"Base URL"</label>
                        <input
                            id="custom-url"
                            type="url"
                            placeholder="http://127.0.0.1:8000"
                            prop:value=move || config.with(|c| c.custom_url.clone())
                            on:input=move |ev| config.update(|c| c.custom_url = event_target_value(&ev))
                        />
                    </div>
                </Show>
                <div class="field">
                    <label for="version">"API version"</label>
                    <select
                        id="version"
                        on:change=move |ev| {
                            let v = event_target_value(&ev).parse().unwrap_or(2);
                            config.update(|c| c.version = v);
                        }
                    >
                        <option value="2" selected=version_is(2)>"v2 (FHIR R4, recommended)"</option>
                        <option value="1" selected=version_is(1)>"v1 (FHIR STU3)"</option>
                        <option value="3" selected=version_is(3)>"v3 (early access)"</option>
                    </select>
                </div>
                <div class="field">
                    <label for="client-id">"Client id"</label>
                    <input
                        id="client-id"
                        type="text"
                        autocomplete="off"
                        spellcheck="false"
                        prop:value=move || config.with(|c| c.client_id.clone())
                        on:input=move |ev| config.update(|c| c.client_id = event_target_value(&ev))
                    />
                </div>
                <div class="field">
                    <label for="redirect-uri">"Redirect URI (register this exact address with your app)"</label>
                    <div class="row">
                        <input id="redirect-uri" type="text" readonly prop:value=redirect.clone() />
                        <button
                            type="button"
                            class="secondary"
                            id="copy-redirect"
                            on:click=move |_| {
                                dom::copy_text(&redirect_copy);
                                copied.set(true);
                            }
                        >
                            {move || if copied.get() { "Copied" } else { "Copy" }}
                        </button>
                    </div>
                </div>
                <div class="field">
                    <label for="client-secret">"Client secret (optional, sandbox testing only)"</label>
                    <input
                        id="client-secret"
                        type="password"
                        autocomplete="off"
                        aria-describedby="secret-warning"
                        prop:value=move || state.secret.get()
                        on:input=move |ev| state.secret.set(event_target_value(&ev))
                    />
                    <p id="secret-warning" class="warning">
                        "Warning: anything typed into a web page can be read by anyone using it. "
                        "Use a secret only with sandbox test apps, never a production secret. "
                        "It stays in this tab's memory and is never saved; you will be asked for it again when Medicare sends you back."
                    </p>
                </div>
                <fieldset class="field">
                    <legend>"Sign-in flow"</legend>
                    <label class="choice">
                        <input
                            type="radio"
                            name="flow"
                            id="flow-code"
                            prop:checked=move || config.with(|c| !c.implicit)
                            on:change=move |_| config.update(|c| c.implicit = false)
                        />
                        "Authorization code with PKCE (recommended)"
                    </label>
                    <label class="choice">
                        <input
                            type="radio"
                            name="flow"
                            id="flow-implicit"
                            prop:checked=move || config.with(|c| c.implicit)
                            on:change=move |_| config.update(|c| c.implicit = true)
                        />
                        "Implicit (legacy, deprecated: no refresh, token in the address bar)"
                    </label>
                </fieldset>
                <RememberChoice />
                <p id="connect-error" class="error" role="alert">{move || error.get()}</p>
                <button id="connect" type="submit" class="primary">"Connect Medicare"</button>
            </form>
        </section>
    }
}

/// Asks for the client secret again to finish a sign-in started with one.
#[component]
pub fn SecretPrompt() -> impl IntoView {
    let state = AppState::get();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !state.secret.get_untracked().is_empty() {
            actions::complete(state);
        }
    };
    view! {
        <section class="card">
            <h2>"Enter the client secret to finish"</h2>
            <p>
                "This sign-in was started with a client secret. Secrets are never saved, so type it again to finish connecting. "
                "The sign-in must be finished within 10 minutes."
            </p>
            <form on:submit=on_submit>
                <div class="field">
                    <label for="secret-again">"Client secret"</label>
                    <input
                        id="secret-again"
                        type="password"
                        autocomplete="off"
                        on:input=move |ev| state.secret.set(event_target_value(&ev))
                    />
                </div>
                <div class="row">
                    <button type="submit" id="secret-finish" class="primary">"Finish connecting"</button>
                    <button
                        type="button"
                        class="secondary"
                        on:click=move |_| {
                            dom::scrub_url();
                            state.phase.set(Phase::Connect);
                        }
                    >
                        "Start over"
                    </button>
                </div>
            </form>
        </section>
    }
}

/// Shown above the connect form when the address names a view that needs the data (after a
/// reload, or a link): the data lives only in this tab's memory, so connect first; the view
/// opens once signed in.
#[component]
pub fn ConnectFirst() -> impl IntoView {
    let location = leptos_router::hooks::use_location();
    let what = move || {
        let path = crate::routes::strip_base(&location.pathname.get(), &crate::routes::base());
        match path.trim_matches('/').strip_prefix("claims/") {
            Some(id) if !id.is_empty() => format!(
                "Claim {id} is not loaded yet: connect to Medicare first. It opens here once your claims have downloaded."
            ),
            _ => "This view shows your Medicare data, which is not loaded yet: connect to Medicare first, and it opens here.".to_owned(),
        }
    };
    view! {
        <section class="card note" id="connect-first" role="note">
            <h2>"Connect first"</h2>
            <p>{what}</p>
        </section>
    }
}

/// "Remember my claims on this device": on, the downloaded history is kept sealed in this
/// browser (`crate::kept`); off, what was kept is wiped with its key.
#[component]
pub fn RememberChoice() -> impl IntoView {
    let state = AppState::get();
    let on_change = move |ev: leptos::ev::Event| {
        let on = event_target_checked(&ev);
        if on {
            crate::kept::set_remembered(true);
            state.remember.set(true);
            if let Some(claims) = state.claims() {
                history::keep(state, claims);
            }
        } else {
            actions::forget_device(state);
        }
    };
    view! {
        <div class="field remember">
            <label class="choice" for="remember">
                <input
                    type="checkbox"
                    id="remember"
                    prop:checked=move || state.remember.get()
                    on:change=on_change
                    aria-describedby="remember-hint"
                />
                "Remember my claims on this device"
            </label>
            <p id="remember-hint" class="hint">
                "Kept encrypted in this browser, so the next visit shows them at once and asks Medicare only for what changed. "
                "The sign-in itself is not kept. Sign out or untick this to remove them."
            </p>
        </div>
    }
}

/// Above the kept claims when not signed in: where they come from, and what to do.
#[component]
pub fn KeptBanner() -> impl IntoView {
    let state = AppState::get();
    view! {
        <section class="card note" id="kept-banner" aria-labelledby="kept-title">
            <h2 id="kept-title">"Claims kept on this device"</h2>
            <p>
                {move || format!(
                    "Downloaded {}. Connect to bring them up to date: only what changed since is asked for.",
                    crate::dom::when(&state.kept_since.get().unwrap_or_default())
                )}
            </p>
            <div class="row">
                <button
                    id="kept-connect"
                    class="primary"
                    on:click=move |_| {
                        state.phase.set(Phase::Connect);
                    }
                >
                    "Connect to update"
                </button>
                <button id="forget-device" class="secondary" on:click=move |_| actions::forget_device(state)>
                    "Forget this device"
                </button>
            </div>
        </section>
    }
}
