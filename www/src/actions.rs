//! What the buttons do: start a sign-in, finish it, load the data, cancel, sign out.

use std::sync::Arc;

use bluebutton_wasm::browser::oauth::{self, BeginOptions, TokenOptions};
use bluebutton_wasm::browser::session::Session;
use bluebutton_wasm::browser::BrowserError;
use bluebutton_wasm::core::api::env::ApiVersion;
use bluebutton_wasm::core::oauth::authorize::ResponseType;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::claims::Claims;
use crate::dom;
use crate::history::{client, data_problem, fetch_and_parse, keep, session_origin};
use crate::kept;
use crate::problem::Problem;
use crate::state::{AppState, Download, Grant, Phase, CONFIG_KEY};

/// Scopes asked for on v3 (required there; v1/v2 use the app's registered scopes).
const V3_SCOPES: [&str; 5] = [
    "openid",
    "profile",
    "patient/Patient.rs",
    "patient/Coverage.rs",
    "patient/ExplanationOfBenefit.rs",
];

/// Saves the choices and goes to the authorize page. Returns a message when the choices
/// are not usable.
pub fn connect(state: AppState) -> Result<(), String> {
    let mut config = state.config.get_untracked();
    let env = config.environment()?;
    if config.client_id.trim().is_empty() {
        return Err("Enter the client id of your Blue Button app.".into());
    }
    config.client_id = config.client_id.trim().to_owned();
    config.uses_secret = !state.secret.get_untracked().is_empty();
    config.save();
    crate::routes::remember_return();
    let version = config.api_version();
    let options = BeginOptions {
        env,
        env_text: config.env_text(),
        version,
        client_id: config.client_id.clone(),
        redirect_uri: dom::redirect_uri(),
        response_type: if config.implicit {
            ResponseType::ImplicitLegacy
        } else {
            ResponseType::Code
        },
        scopes: if version == ApiVersion::V3 {
            V3_SCOPES.iter().map(|s| (*s).to_owned()).collect()
        } else {
            Vec::new()
        },
        lang: None,
    };
    let (url, _state) = oauth::begin(&options).map_err(|e| e.to_string())?;
    dom::navigate(&url);
    Ok(())
}

/// Finishes the sign-in from the current URL (the redirect back from Medicare).
pub fn complete(state: AppState) {
    let config = state.config.get_untracked();
    let needs_secret = config.uses_secret && !config.implicit && !dom::callback_has_error();
    if needs_secret && state.secret.get_untracked().is_empty() {
        state.phase.set(Phase::NeedSecret);
        return;
    }
    state.phase.set(Phase::Completing);
    let options = TokenOptions {
        client_secret: Some(state.secret.get_untracked()).filter(|s| !s.is_empty()),
        relay_url: None,
    };
    spawn_local(async move {
        match oauth::complete(None, &options).await {
            Ok(done) => {
                let tokens = done.tokens.clone();
                state.grant.set(Some(Grant {
                    patient: tokens.patient.clone(),
                    demographics_shared: tokens.demographics_shared(),
                    scopes: tokens.scopes.clone(),
                    expires: tokens.access_grant_expiration.clone(),
                    refreshable: tokens.refresh_token.is_some(),
                }));
                state
                    .session
                    .set_value(Some(Session::from_completed(done, false)));
                state.phase.set(Phase::Connected);
                state.announce.set("Connected to Medicare.".into());
                if state.remember.get_untracked() {
                    state.reload.notify();
                    update_kept(state).await;
                } else {
                    load_all(state);
                }
            }
            Err(e) => {
                dom::scrub_url();
                crate::routes::forget_return();
                state
                    .phase
                    .set(Phase::CallbackFailed(Problem::from_sign_in(&e)));
            }
        }
    });
}

/// Loads the patient, coverage and the whole claims history (and, on v3, the insurance card):
/// the dashboard's resources fetch again, and the history downloads.
pub fn load_all(state: AppState) {
    state.reload.notify();
    download(state);
}

/// Downloads the whole claims history with progress (cancellable).
pub fn download(state: AppState) {
    let Some(client) = client(state) else { return };
    cancel_quietly(state);
    let controller = web_sys::AbortController::new().ok();
    let signal = controller.as_ref().map(|c| c.signal());
    state.abort.set_value(controller);
    state.download.set(Download::Running {
        done: 0,
        total: None,
    });
    let started = dom::now_iso();
    spawn_local(async move {
        let progress = move |done: usize, total: Option<usize>| {
            state.download.set(Download::Running { done, total });
        };
        // 50 a page (the most the API gives): fewer requests, and v3's next-link chain stays
        // under the library's page limit for large histories.
        let search = state.claims_search();
        let result = fetch_and_parse(&client, &search, progress, signal).await;
        state.abort.set_value(None);
        match result {
            Ok((built, pages)) => {
                let claims = Arc::new(Claims::from_built(built, pages, started, None));
                state
                    .announce
                    .set(format!("Downloaded {}.", claims.describe()));
                state.download.set(Download::Ready(claims.clone()));
                keep(state, claims);
            }
            Err(BrowserError::Cancelled) => {
                state.download.set(Download::Cancelled);
                state.announce.set("Download cancelled.".into());
            }
            Err(e) => state
                .download
                .set(Download::Failed(data_problem(state, &e))),
        }
    });
}

/// On a visit with claims kept on this device: shows them at once, before any sign-in.
pub fn show_kept(state: AppState) {
    spawn_local(async move {
        match kept::load().await {
            Ok(Some((claims, _))) if state.phase.get_untracked() == Phase::Connect => {
                state.announce.set(format!(
                    "Showing {} kept on this device, downloaded {}. Connect to bring them up to date.",
                    claims.describe(),
                    crate::dom::when(&claims.synced_at)
                ));
                state.kept_since.set(Some(claims.synced_at.clone()));
                state.download.set(Download::Ready(claims));
                state.phase.set(Phase::Kept);
            }
            Ok(_) => {}
            Err(e) => state.announce.set(e.to_string()),
        }
    });
}

/// After a sign-in with "remember" on: the kept claims of this same account and API are
/// brought up to date with `_lastUpdated` searches only; otherwise the whole history.
async fn update_kept(state: AppState) {
    let origin = session_origin(state);
    match kept::load().await {
        Ok(Some((claims, kept_origin))) if Some(&kept_origin) == origin.as_ref() => {
            state.kept_since.set(Some(claims.synced_at.clone()));
            state.download.set(Download::Ready(claims));
            crate::sync::start(state);
        }
        Ok(Some(_)) => {
            state.announce.set(
                "The claims kept on this device are of another account or API version: downloading yours.".into(),
            );
            download(state);
        }
        Ok(None) => download(state),
        Err(e) => {
            state.announce.set(e.to_string());
            download(state);
        }
    }
}

/// "Forget this device": wipes the kept claims and the device key; when not signed in, the
/// claims leave the screen too.
pub fn forget_device(state: AppState) {
    state.remember.set(false);
    state.kept_since.set(None);
    if state.phase.get_untracked() == Phase::Kept {
        state.reset_data();
        state.phase.set(Phase::Connect);
    }
    spawn_local(async move {
        state.announce.set(match kept::forget().await {
            Ok(()) => "The claims kept on this device and its key were removed.".into(),
            Err(e) => e.to_string(),
        });
    });
}

/// Cancels the running download.
pub fn cancel(state: AppState) {
    if let Some(c) = state.abort.get_value() {
        c.abort();
    }
}

fn cancel_quietly(state: AppState) {
    if let Some(c) = state.abort.get_value() {
        c.abort();
    }
    state.abort.set_value(None);
}

/// Goes back to the connect screen with the same choices (after an ended access).
pub fn reconnect(state: AppState) {
    cancel_quietly(state);
    state.reset_data();
    state.phase.set(Phase::Connect);
}

/// Revokes the tokens, forgets everything stored, and returns to the connect screen.
pub fn sign_out(state: AppState) {
    cancel_quietly(state);
    let session = state.session.get_value();
    state.reset_data();
    state.secret.set(String::new());
    let kept = state.remember.get_untracked() || kept::remembered();
    state.remember.set(false);
    dom::clear_storage(&[CONFIG_KEY, kept::REMEMBER_KEY]);
    state.phase.set(Phase::Connect);
    state.announce.set("Signing out…".into());
    spawn_local(async move {
        if kept {
            let _ = kept::forget().await;
        }
        let revoked = match session {
            Some(s) => s.sign_out().await.is_ok(),
            None => true,
        };
        dom::clear_storage(&[CONFIG_KEY]);
        state.announce.set(if revoked {
            "Signed out. The app's access was revoked and nothing is stored in this browser.".into()
        } else {
            "Signed out. Nothing is stored in this browser (the server could not be told to revoke access; it ends on its own).".into()
        });
    });
}
