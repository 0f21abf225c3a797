//! The relay in front of an https upstream (the sandbox behind a TLS front with a CA made at
//! test time): the library's whole code flow, refresh and revoke through the relay, built
//! and read by the library's core; and an upstream whose certificate is not trusted.

use crate::common::*;
use bluebutton_core::api::env::{ApiVersion, Endpoints, Environment};
use bluebutton_core::oauth::pkce::CodeVerifier;
use bluebutton_core::oauth::secret::AuthorizationCode;
use bluebutton_core::oauth::token::{process_revoke_response, process_token_response, TokenClient};

#[test]
fn code_flow_refresh_and_revoke_over_verified_tls() {
    let s = start();
    let front = tls_front(&s);
    let mut cfg = config(&front.base);
    cfg.extra_root_certs = vec![front.ca_pem.clone()];
    let relay = relay_with(&s, cfg);

    // The app's configuration: the (https) upstream for everything, the relay for token and
    // revoke, no secret in the app.
    let env = Environment::parse(&front.base).unwrap();
    let endpoints = Endpoints::new(&env, ApiVersion::V2)
        .with_relay(&relay)
        .unwrap();
    let client = TokenClient::new(&endpoints, CONFIDENTIAL);
    assert!(client.token_url.starts_with(&relay), "{}", client.token_url);

    let verifier = CodeVerifier::from_entropy(&[9; 32]);
    let code = code_for(&s, "v2", verifier.challenge().as_str(), 7);
    let req = client.code_exchange_request(&AuthorizationCode::new(code), REDIRECT, verifier);
    assert!(!String::from_utf8_lossy(&req.body).contains("client_secret"));
    let tokens = process_token_response(&send_core(&req), now_ms()).unwrap();
    assert_eq!(tokens.patient.as_deref(), Some("-20000000000007"));
    let refresh = tokens.refresh_token.clone().unwrap();

    let refreshed =
        process_token_response(&send_core(&client.refresh_request(&refresh)), now_ms()).unwrap();
    assert_ne!(
        refreshed.access_token.secret(),
        tokens.access_token.secret()
    );
    // Refresh tokens rotate: the first one is spent (the upstream's own error, relayed).
    let reused = process_token_response(&send_core(&client.refresh_request(&refresh)), now_ms());
    assert!(reused.is_err());

    let at = refreshed.access_token.secret().to_string();
    let fhir = format!("{}/v2/fhir/Patient/", s.base);
    let bearer = format!("Bearer {at}");
    assert_eq!(get(&fhir, &[("authorization", &bearer)]).status, 200);
    process_revoke_response(&send_core(&client.revoke_request(&at))).unwrap();
    assert_eq!(get(&fhir, &[("authorization", &bearer)]).status, 401);
}

// Without the test CA the upstream's certificate does not verify: 502 with a JSON body that
// names the cause and the way out; the sandbox never sees the request.
#[test]
fn untrusted_upstream_is_refused_with_a_clear_502() {
    let s = start();
    let front = tls_front(&s);
    let relay = relay_with(&s, config(&front.base));
    let r = post_form(
        &format!("{relay}/v2/o/token/"),
        &[("grant_type", "refresh_token"), ("refresh_token", "x")],
        &[("origin", ORIGIN)],
    );
    assert_eq!(r.status, 502, "{}", r.text());
    let j = r.json();
    assert_eq!(j["error"], "upstream_tls");
    let why = j["error_description"].as_str().unwrap();
    assert!(why.contains("not trusted"), "{why}");
    assert!(why.contains("--extra-root-cert"), "{why}");
    assert!(!why.contains(SECRET));
    // The browser app can read the error (CORS applies to the relay's own answers too).
    assert_eq!(r.header("access-control-allow-origin"), Some(ORIGIN));
    // The library reads it as a token error carrying the relay's words.
    let err = process_token_response(
        &bluebutton_core::http::HttpResponse::new(r.status, vec![], r.body.clone()),
        now_ms(),
    )
    .unwrap_err();
    assert!(err.to_string().contains("not trusted"), "{err}");
}

// A certificate that names `localhost` only does not verify for `127.0.0.1`, even with the
// CA trusted.
#[test]
fn certificate_for_another_name_is_refused() {
    let s = start();
    let front = tls_front_named(&s, &["localhost"]);
    let port = front.base.rsplit(':').next().unwrap();
    let mut cfg = config(&format!("https://127.0.0.1:{port}"));
    cfg.extra_root_certs = vec![front.ca_pem.clone()];
    let relay = relay_with(&s, cfg);
    let r = post_form(&format!("{relay}/v2/o/token/"), &[], &[]);
    assert_eq!(r.status, 502, "{}", r.text());
    assert_eq!(r.json()["error"], "upstream_tls");
    let why = r.json()["error_description"].as_str().unwrap().to_string();
    assert!(why.contains("does not name the upstream host"), "{why}");
}
