//! Headless-Chromium tests of the browser shell (wasm-bindgen-test). Run by
//! `scripts/test-browser.sh`, which starts `tests/support/token-server.mjs` on 127.0.0.1 and
//! passes its URL at compile time in `BB_TEST_SERVER`.

use bluebutton_wasm::browser::oauth::{self, BeginOptions, TokenOptions};
use bluebutton_wasm::browser::session::Session;
use bluebutton_wasm::browser::{fetch, location, random, storage, BrowserError};
use bluebutton_wasm::core::api::env::{ApiVersion, Environment};
use bluebutton_wasm::core::http::HttpRequest;
use bluebutton_wasm::core::oauth::authorize::ResponseType;
use bluebutton_wasm::core::oauth::error::OAuthError;
use bluebutton_wasm::core::oauth::pending::STORAGE_KEY;
use bluebutton_wasm::core::oauth::pkce::CodeVerifier;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

const SERVER: &str = match option_env!("BB_TEST_SERVER") {
    Some(s) => s,
    None => "http://127.0.0.1:8765",
};

#[wasm_bindgen(inline_js = r#"
export function countRandomCalls() {
  const original = globalThis.crypto.getRandomValues.bind(globalThis.crypto);
  globalThis.__bbRandomCalls = 0;
  globalThis.crypto.getRandomValues = (buf) => { globalThis.__bbRandomCalls += 1; return original(buf); };
  return () => { globalThis.crypto.getRandomValues = original; };
}
export function randomCalls() { return globalThis.__bbRandomCalls; }
export function historyLength() { return history.length; }
export function setUrl(u) { history.replaceState(null, '', u); }
export function search() { return location.search; }
export function hash() { return location.hash; }
"#)]
extern "C" {
    #[wasm_bindgen(js_name = countRandomCalls)]
    fn count_random_calls() -> js_sys::Function;
    #[wasm_bindgen(js_name = randomCalls)]
    fn random_calls() -> u32;
    #[wasm_bindgen(js_name = historyLength)]
    fn history_length() -> u32;
    #[wasm_bindgen(js_name = setUrl)]
    fn set_url(url: &str);
    fn search() -> String;
    fn hash() -> String;
}

#[wasm_bindgen_test]
fn randomness_comes_from_crypto_get_random_values() {
    let restore = count_random_calls();
    let a = random::entropy32().unwrap();
    let b = random::entropy32().unwrap();
    let calls = random_calls();
    restore.call0(&JsValue::NULL).unwrap();
    assert!(calls >= 2, "getRandomValues was called {calls} times");
    assert_ne!(a, b);
}

#[wasm_bindgen_test]
fn thousand_verifiers_and_states_are_distinct() {
    let mut seen = std::collections::HashSet::new();
    for _ in 0..1000 {
        let v = CodeVerifier::from_entropy(&random::entropy32().unwrap());
        assert_eq!(v.secret().len(), 43);
        assert!(seen.insert(v.into_secret()));
        let s = random::new_state().unwrap();
        assert_eq!(s.secret().len(), 43);
        assert!(seen.insert(s.secret().to_owned()));
    }
}

fn begin_options(env: &str, response_type: ResponseType) -> BeginOptions {
    BeginOptions {
        env: Environment::parse(env).unwrap(),
        env_text: env.into(),
        version: ApiVersion::V2,
        client_id: "test-client".into(),
        redirect_uri: "http://127.0.0.1:9/callback".into(),
        response_type,
        scopes: vec![],
        lang: None,
    }
}

#[wasm_bindgen_test]
async fn session_storage_round_trip_is_single_use() {
    storage::set("bb-test", "value").unwrap();
    assert_eq!(storage::take("bb-test").unwrap().as_deref(), Some("value"));
    assert_eq!(storage::get("bb-test").unwrap(), None);

    let (_url, state) =
        oauth::begin(&begin_options("local", ResponseType::ImplicitLegacy)).unwrap();
    let state = state.secret().to_owned(); // the redirect carries the text
    assert!(storage::get(STORAGE_KEY).unwrap().is_some());
    let callback = format!("http://127.0.0.1:9/callback#access_token=tok&token_type=bearer&expires_in=3599.5&state={state}");
    let done = oauth::complete(Some(callback.clone()), &TokenOptions::default())
        .await
        .unwrap();
    assert_eq!(done.tokens.access_token.secret(), "tok");
    assert_eq!(
        storage::get(STORAGE_KEY).unwrap(),
        None,
        "pending record deleted on use"
    );
    let again = oauth::complete(Some(callback), &TokenOptions::default())
        .await
        .unwrap_err();
    assert_eq!(
        again,
        BrowserError::OAuth(OAuthError::NoPendingAuthorization)
    );
}

#[wasm_bindgen_test]
async fn a_failed_callback_also_consumes_the_pending_record() {
    let _ = oauth::begin(&begin_options("local", ResponseType::Code)).unwrap();
    let wrong = "http://127.0.0.1:9/callback?code=c&state=not-the-state-we-sent";
    let err = oauth::complete(Some(wrong.into()), &TokenOptions::default())
        .await
        .unwrap_err();
    assert_eq!(err.code(), "state_mismatch");
    assert_eq!(storage::get(STORAGE_KEY).unwrap(), None);
}

#[wasm_bindgen_test]
fn scrub_removes_oauth_parameters_without_a_new_history_entry() {
    let path = location::href().unwrap();
    let path = url_path(&path);
    set_url(&format!(
        "{path}?code=abc&state=xyz&keep=1#access_token=t&state=s"
    ));
    let before = history_length();
    location::scrub_callback().unwrap();
    assert_eq!(search(), "?keep=1");
    assert_eq!(hash(), "");
    assert_eq!(history_length(), before);
    set_url(&path);
}

fn url_path(href: &str) -> String {
    let after_scheme = href.split_once("://").map(|(_, r)| r).unwrap_or(href);
    let path = after_scheme
        .find('/')
        .map(|i| &after_scheme[i..])
        .unwrap_or("/");
    path.split(['?', '#']).next().unwrap_or("/").to_owned()
}

async fn stats() -> serde_json::Value {
    let response = fetch::send(&HttpRequest::get(format!("{SERVER}/test/stats")), 4096)
        .await
        .unwrap();
    serde_json::from_slice(&response.body).unwrap()
}

/// A code-flow sign-in against the local token server, and its tokens marked expired.
async fn signed_in_then_expired() -> (oauth::Completed, Session) {
    let (url, state) = oauth::begin(&begin_options(SERVER, ResponseType::Code)).unwrap();
    let state = state.secret().to_owned(); // the redirect carries the text
    let challenge = url
        .split(['?', '&'])
        .find_map(|p| p.strip_prefix("code_challenge="))
        .unwrap()
        .to_owned();
    let register = HttpRequest::form_post(
        format!("{SERVER}/test/code"),
        &[("code", "good-code"), ("challenge", &challenge)],
    );
    assert_eq!(fetch::send(&register, 4096).await.unwrap().status, 200);

    let callback = format!("http://127.0.0.1:9/callback?code=good-code&state={state}");
    let done = oauth::complete(Some(callback), &TokenOptions::default())
        .await
        .unwrap();
    let mut expired = done.tokens.clone();
    expired.expires_at_ms = 0.0;
    let session = Session::new(
        expired,
        done.client.clone(),
        done.env.clone(),
        done.version,
        false,
    );
    (done, session)
}

#[wasm_bindgen_test]
async fn code_exchange_then_single_flight_refresh_against_a_local_server() {
    let (done, session) = signed_in_then_expired().await;
    assert_eq!(done.tokens.patient.as_deref(), Some("-20140000008325"));
    assert!(done.tokens.demographics_shared());
    assert!(done.tokens.access_grant_expiration_ms.is_some());

    // Five callers find the token expired at once: exactly one refresh goes out.
    let before = stats().await["refresh_token"].as_u64().unwrap();
    let calls: Vec<_> = (0..5).map(|_| session.access_token()).collect();
    let tokens = futures_util::future::join_all(calls).await;
    let first = tokens[0].as_ref().unwrap().secret().to_owned();
    for t in &tokens {
        assert_eq!(t.as_ref().unwrap().secret(), first);
    }
    assert_ne!(first, done.tokens.access_token.secret());
    let after = stats().await["refresh_token"].as_u64().unwrap();
    assert_eq!(
        after - before,
        1,
        "exactly one POST /token for five callers"
    );

    // Sign-out revokes and forgets.
    session.sign_out().await.unwrap();
    assert!(session.tokens().is_none());
}

#[wasm_bindgen_test]
async fn a_refresh_that_lands_after_sign_out_leaves_the_session_signed_out() {
    let (_done, session) = signed_in_then_expired().await;
    // The refresh is sent on the first poll; sign-out runs before its answer comes back.
    let (refreshed, signed_out) =
        futures_util::future::join(session.access_token(), session.sign_out()).await;
    signed_out.unwrap();
    assert_eq!(refreshed.unwrap_err(), BrowserError::SignedOut);
    assert!(
        session.tokens().is_none(),
        "the late refresh did not sign it back in"
    );
    assert_eq!(
        session.access_token().await.unwrap_err(),
        BrowserError::SignedOut
    );
}

#[wasm_bindgen_test]
async fn a_reused_pkce_verifier_is_refused_by_the_server() {
    let (_url, state) = oauth::begin(&begin_options(SERVER, ResponseType::Code)).unwrap();
    let state = state.secret().to_owned(); // the redirect carries the text
                                           // No code registered with this challenge: the server answers invalid_grant.
    let callback = format!("http://127.0.0.1:9/callback?code=unknown&state={state}");
    let err = oauth::complete(Some(callback), &TokenOptions::default())
        .await
        .unwrap_err();
    assert_eq!(err.code(), "invalid_grant");
    assert!(err.to_string().contains("code_challenge does not match"));
}

/// R26: `POST /token` is never retried, even on a 503: the code is single-use.
#[wasm_bindgen_test]
async fn a_failing_code_exchange_is_not_retried() {
    let (_url, state) = oauth::begin(&begin_options(SERVER, ResponseType::Code)).unwrap();
    let state = state.secret().to_owned(); // the redirect carries the text
    let before = stats().await["authorization_code"].as_u64().unwrap();
    let callback = format!("http://127.0.0.1:9/callback?code=unavailable-503&state={state}");
    let err = oauth::complete(Some(callback), &TokenOptions::default())
        .await
        .unwrap_err();
    let after = stats().await["authorization_code"].as_u64().unwrap();
    assert_eq!(after - before, 1, "exactly one POST /token ({err})");
    assert!(err.to_string().contains("503"), "{err}");
}

#[wasm_bindgen_test]
async fn redirects_are_not_followed() {
    let err = fetch::send(&HttpRequest::get(format!("{SERVER}/redirect")), 4096)
        .await
        .unwrap_err();
    assert_eq!(err.code(), "unexpected_redirect");
}

/// Every value in localStorage and sessionStorage, one string.
fn all_storage() -> String {
    let window = web_sys::window().unwrap();
    let mut out = String::new();
    for store in [
        window.local_storage().unwrap().unwrap(),
        window.session_storage().unwrap().unwrap(),
    ] {
        for i in 0..store.length().unwrap() {
            let key = store.key(i).unwrap().unwrap();
            out.push_str(&format!(
                "{key}={} ",
                store.get_item(&key).unwrap().unwrap()
            ));
        }
    }
    out
}

fn tokens(access: &str, refresh: &str) -> bluebutton_wasm::core::oauth::token::TokenSet {
    let body = format!(
        r#"{{"access_token":"{access}","token_type":"Bearer","expires_in":3600,"refresh_token":"{refresh}","scope":"patient/Patient.rs","patient":"-20000000000001"}}"#
    );
    let response = bluebutton_wasm::core::http::HttpResponse::new(200, vec![], body.into_bytes());
    bluebutton_wasm::core::oauth::token::process_token_response(&response, js_sys::Date::now())
        .unwrap()
}

/// R17: tokens stay in memory unless the app opts in; the opt-in keeps them in sessionStorage
/// only, restores them in the same tab, survives a corrupt record, and sign-out clears it.
#[wasm_bindgen_test]
async fn session_persistence_is_opt_in_session_storage_only_and_cleared_on_sign_out() {
    use bluebutton_wasm::browser::session::SESSION_KEY;
    use bluebutton_wasm::core::api::env::Endpoints;
    use bluebutton_wasm::core::oauth::token::TokenClient;
    storage::remove(SESSION_KEY).unwrap();
    // Revocation at sign-out goes to a port where nothing listens: it fails, storage is cleared anyway.
    let env = Environment::parse("http://127.0.0.1:9").unwrap();
    let client = TokenClient::new(&Endpoints::new(&env, ApiVersion::V2), "app");

    let memory = Session::new(
        tokens(
            "in-memory-access-token-0123456789",
            "in-memory-refresh-0123456789",
        ),
        client.clone(),
        env.clone(),
        ApiVersion::V2,
        false,
    );
    let dump = all_storage();
    assert!(
        !dump.contains("in-memory-"),
        "nothing stored without the opt-in: {dump}"
    );
    assert!(Session::restore(None).unwrap().is_none());
    drop(memory);

    let kept = Session::new(
        tokens(
            "persisted-access-token-0123456789",
            "persisted-refresh-0123456789",
        ),
        client.clone(),
        env.clone(),
        ApiVersion::V2,
        true,
    );
    let saved = storage::get(SESSION_KEY)
        .unwrap()
        .expect("saved in sessionStorage");
    assert!(saved.contains("persisted-access-token"));
    let local = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    for i in 0..local.length().unwrap() {
        let key = local.key(i).unwrap().unwrap();
        assert!(
            !local
                .get_item(&key)
                .unwrap()
                .unwrap()
                .contains("persisted-"),
            "localStorage never"
        );
    }
    let restored = Session::restore(None)
        .unwrap()
        .expect("restored in the same tab");
    let (a, b) = (kept.tokens().unwrap(), restored.tokens().unwrap());
    assert_eq!(a.access_token, b.access_token);
    assert_eq!(a.refresh_token, b.refresh_token);
    assert_eq!(a.expires_at_ms, b.expires_at_ms);

    // Sign-out forgets the tokens and the record, even when revocation cannot reach the server.
    assert!(
        restored.sign_out().await.is_err(),
        "revocation failed (no server)"
    );
    assert!(restored.tokens().is_none());
    assert_eq!(storage::get(SESSION_KEY).unwrap(), None);
    assert!(!all_storage().contains("persisted-"), "{}", all_storage());

    // A corrupt record is dropped, not trusted.
    storage::set(SESSION_KEY, "{not json").unwrap();
    assert!(Session::restore(None).unwrap().is_none());
    assert_eq!(storage::get(SESSION_KEY).unwrap(), None);
}
