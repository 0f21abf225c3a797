//! Helpers shared by the Chromium tests that talk to `bluebutton-sandbox` (`fhir`, `chaos`):
//! the sandbox URL, faults, minted tokens, clients.

use bluebutton_wasm::browser::fhir::FhirClient;
use bluebutton_wasm::browser::session::Session;
use bluebutton_wasm::browser::{clock, fetch};
use bluebutton_wasm::core::api::env::{ApiVersion, Endpoints, Environment};
use bluebutton_wasm::core::http::retry::RetryPolicy;
use bluebutton_wasm::core::http::{HttpRequest, Method};
use bluebutton_wasm::core::oauth::token::{process_token_response, TokenClient, TokenSet};

/// The clean sandbox `scripts/test-browser.sh` started (URL passed at compile time).
pub const SANDBOX: &str = match option_env!("BB_SANDBOX") {
    Some(s) => s,
    None => "http://127.0.0.1:8000",
};

/// The sandbox's default public client.
pub const CLIENT_ID: &str = "bbwasm-local-public";

pub fn json_post(url: String, body: &str) -> HttpRequest {
    HttpRequest {
        method: Method::Post,
        url,
        headers: vec![("content-type".into(), "application/json".into())],
        body: body.as_bytes().to_vec(),
    }
}

/// Arms `name` for the next `count` FHIR responses of the sandbox at `base`.
pub async fn fault(base: &str, name: &str, count: u32) {
    let body = format!(r#"{{"fault":"{name}","count":{count}}}"#);
    let r = fetch::send(&json_post(format!("{base}/sandbox/faults"), &body), 4096)
        .await
        .unwrap();
    assert_eq!(r.status, 200, "arming {name}");
}

/// Clears any fault left armed (a fault for zero responses).
pub async fn clear_faults(base: &str) {
    fault(base, "unavailable_503", 0).await;
}

/// Retries as the library does, with short waits (20 ms base, 200 ms cap).
pub fn fast(max_retries: u32) -> RetryPolicy {
    RetryPolicy {
        max_retries,
        base_ms: 20,
        cap_ms: 200,
        ..RetryPolicy::default()
    }
}

/// Tokens (with a refresh token) for synthetic user `user`, minted by the sandbox without
/// the consent page; `extra` adds JSON members such as `,"demographics":false`.
pub async fn mint_tokens(base: &str, user: u32, version: ApiVersion, extra: &str) -> TokenSet {
    clear_faults(base).await;
    let body = format!(
        r#"{{"user":{user},"version":"v{}"{extra}}}"#,
        version.number()
    );
    let response = fetch::send(&json_post(format!("{base}/sandbox/token"), &body), 8192)
        .await
        .unwrap();
    let tokens = process_token_response(&response, clock::now_ms()).unwrap();
    assert!(
        tokens.refresh_token.is_some(),
        "the sandbox gives a refresh token"
    );
    tokens
}

/// The token endpoint client of the sandbox at `base`.
pub fn token_client(base: &str, version: ApiVersion) -> TokenClient {
    let env = Environment::parse(base).unwrap();
    TokenClient::new(&Endpoints::new(&env, version), CLIENT_ID)
}

/// A FHIR client for synthetic user `user` on `base`.
pub async fn client(
    base: &str,
    user: u32,
    version: ApiVersion,
    extra: &str,
    retry: RetryPolicy,
) -> FhirClient {
    let tokens = mint_tokens(base, user, version, extra).await;
    let env = Environment::parse(base).unwrap();
    let session = Session::new(tokens, token_client(base, version), env, version, false);
    let mut c = FhirClient::for_session(session);
    c.retry = retry;
    c
}
