//! Headless-Chromium tests of how a session ends as Blue Button ends it now
//! (`../shared/docs/bluebutton-api.md` §12.5, §12.6), against the local sandbox: a one-time
//! app's refused refresh, a newer consent that replaces this session's tokens, and a refresh
//! that narrows the scope. Each ends in one clear error, repeated without another token call.

use bluebutton_wasm::browser::fetch;
use bluebutton_wasm::browser::fhir::FhirClient;
use bluebutton_wasm::browser::session::Session;
use bluebutton_wasm::core::api::env::{ApiVersion, Endpoints, Environment};
use bluebutton_wasm::core::api::search::EobSearch;
use bluebutton_wasm::core::http::HttpRequest;
use bluebutton_wasm::core::oauth::token::TokenClient;
use bluebutton_wasm::core::ErrorCode;
use wasm_bindgen_test::*;

use crate::sandbox_support::{fast, mint_tokens, SANDBOX};

const ONE_TIME: &str = "bbwasm-local-one-time";

async fn refresh_calls() -> u64 {
    let r = fetch::send(&HttpRequest::get(format!("{SANDBOX}/sandbox/stats")), 4096)
        .await
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&r.body).unwrap();
    v["token_calls"]["refresh_token"].as_u64().unwrap_or(0)
}

/// A session of `client_id` for `user` (tokens minted as a consent would give them).
async fn session(user: u32, version: ApiVersion, client_id: &str, consent: bool) -> Session {
    let extra = format!(r#","client_id":"{client_id}","consent":{consent}"#);
    let tokens = mint_tokens(SANDBOX, user, version, &extra).await;
    let env = Environment::parse(SANDBOX).unwrap();
    let client = TokenClient::new(&Endpoints::new(&env, version), client_id);
    Session::new(tokens, client, env, version, false)
}

fn data(session: &Session) -> FhirClient {
    let mut c = FhirClient::for_session(session.clone());
    c.retry = fast(2);
    c
}

/// Two calls in a row end with `code`, and only the first spent a refresh.
async fn ends_twice_with(c: &FhirClient, code: ErrorCode) -> String {
    let before = refresh_calls().await;
    let first = c
        .eob_page(&EobSearch::new().count(5).unwrap())
        .await
        .unwrap_err();
    assert_eq!(first.code(), code, "{first}");
    let second = c
        .eob_page(&EobSearch::new().count(5).unwrap())
        .await
        .unwrap_err();
    assert_eq!(
        second.code(),
        code,
        "the same reason again, not signed_out: {second}"
    );
    assert_eq!(
        refresh_calls().await - before,
        1,
        "one refresh, never a loop"
    );
    first.to_string()
}

#[wasm_bindgen_test]
async fn a_one_time_apps_hour_ends_in_session_expired_without_a_loop() {
    let s = session(31, ApiVersion::V3, ONE_TIME, true).await;
    let c = data(&s);
    assert!(c
        .eob_page(&EobSearch::new().count(5).unwrap())
        .await
        .is_ok());
    // The access token's hour is over (the sandbox forgets it and answers 401).
    crate::sandbox_support::fault(SANDBOX, "expire_token", 1).await;
    let message = ends_twice_with(&c, ErrorCode::SessionExpired).await;
    assert!(message.contains("one-time access"), "{message}");
    assert!(s.tokens().is_none(), "the dead tokens are dropped");
}

#[wasm_bindgen_test]
async fn a_newer_consent_to_the_same_app_ends_this_session_as_access_revoked() {
    let older = session(32, ApiVersion::V3, "bbwasm-local-public", true).await;
    let c = data(&older);
    assert!(c
        .eob_page(&EobSearch::new().count(5).unwrap())
        .await
        .is_ok());
    // The beneficiary connects the same app again (another device): Blue Button deletes
    // the earlier tokens; the API answers 401 and the old refresh token is gone.
    let newer = session(32, ApiVersion::V3, "bbwasm-local-public", true).await;
    let message = ends_twice_with(&c, ErrorCode::AccessRevoked).await;
    assert!(message.contains("newer sign-in"), "{message}");
    assert!(data(&newer)
        .eob_page(&EobSearch::new().count(5).unwrap())
        .await
        .is_ok());
}

#[wasm_bindgen_test]
async fn a_refresh_can_narrow_the_scope_but_not_widen_it() {
    let s = session(33, ApiVersion::V3, "bbwasm-local-public", true).await;
    let granted = s.tokens().unwrap().scopes;
    assert!(
        granted
            .iter()
            .any(|g| g == "patient/ExplanationOfBenefit.rs"),
        "{granted:?}"
    );
    let before = refresh_calls().await;
    let wider = s
        .refresh_with_scopes(vec![
            "patient/ExplanationOfBenefit.rs".into(),
            "launch/patient".into(),
        ])
        .await
        .unwrap_err();
    assert_eq!(wider.code(), ErrorCode::InvalidOption, "{wider}");
    assert_eq!(
        refresh_calls().await,
        before,
        "refused before anything was sent"
    );
    assert!(s.tokens().is_some(), "the session keeps its tokens");
    let narrowed = s
        .refresh_with_scopes(vec!["patient/ExplanationOfBenefit.s".into()])
        .await
        .unwrap();
    assert_eq!(narrowed.scopes, ["patient/ExplanationOfBenefit.s"]);
    assert!(data(&s)
        .eob_page(&EobSearch::new().count(5).unwrap())
        .await
        .is_ok());
}
