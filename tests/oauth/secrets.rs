//! Secrets never show in Debug/Display or in the errors built from them (R6), and are
//! compared through `ct_eq` (R5).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use bluebutton_wasm::core::api::env::{ApiVersion, Endpoints, Environment};
use bluebutton_wasm::core::http::HttpResponse;
use bluebutton_wasm::core::oauth::callback::{parse_callback, CallbackChecks};
use bluebutton_wasm::core::oauth::error::OAuthError;
use bluebutton_wasm::core::oauth::pending::PendingAuthorization;
use bluebutton_wasm::core::oauth::pkce::CodeVerifier;
use bluebutton_wasm::core::oauth::secret::{
    ct_eq, AccessToken, AuthorizationCode, ClientSecret, RefreshToken, State,
};
use bluebutton_wasm::core::oauth::token::{process_token_response, TokenClient};
use proptest::prelude::*;

/// Distinctive values that must never appear in formatted output.
const SECRET: &str = "s3cr3t-VALUE-9f8e7d";
const STATE: &str = "STATE-abcdef0123456789";
/// [`STATE`] as the app keeps it: a redacted, constant-time-compared `State`.
static SENT_STATE: std::sync::LazyLock<bluebutton_wasm::core::oauth::secret::State> =
    std::sync::LazyLock::new(|| STATE.into());
const WRONG_STATE: &str = "WRONG-abcdef0123456789";
const CODE: &str = "CODE-5ec2e7c0de";
const TOKEN: &str = "TOKEN-a11ce55";
const REFRESH: &str = "REFRESH-7e5e7";
const VERIFIER: &str = "VERIFIERdBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

/// Fails if any of the secret values appears in `text`.
fn assert_clean(what: &str, text: &str) {
    for secret in [SECRET, STATE, WRONG_STATE, CODE, TOKEN, REFRESH, VERIFIER] {
        assert!(!text.contains(secret), "{what} leaks {secret:?}: {text}");
    }
}

/// Both renderings of an error.
fn assert_error_clean(what: &str, err: &OAuthError) {
    assert_clean(what, &format!("{err:?}"));
    assert_clean(what, &err.to_string());
}

#[test]
fn secret_types_are_redacted() {
    let rendered = [
        ("AccessToken", format!("{:?}", AccessToken::new(SECRET))),
        ("AccessToken", format!("{}", AccessToken::new(SECRET))),
        ("AccessToken", format!("{:#?}", AccessToken::new(SECRET))),
        ("RefreshToken", format!("{:?}", RefreshToken::new(SECRET))),
        ("RefreshToken", format!("{}", RefreshToken::new(SECRET))),
        (
            "AuthorizationCode",
            format!("{:?}", AuthorizationCode::new(SECRET)),
        ),
        (
            "AuthorizationCode",
            format!("{}", AuthorizationCode::new(SECRET)),
        ),
        ("State", format!("{:?}", State::new(SECRET))),
        ("State", format!("{}", State::new(SECRET))),
        ("ClientSecret", format!("{:?}", ClientSecret::new(SECRET))),
        ("ClientSecret", format!("{}", ClientSecret::new(SECRET))),
    ];
    for (name, text) in &rendered {
        assert_eq!(text, &format!("{name}([redacted])"));
        assert_clean(name, text);
    }
    let verifier = CodeVerifier::parse(VERIFIER).unwrap();
    assert_eq!(format!("{verifier:?}"), "CodeVerifier([redacted])");
    // The challenge is public (it travels in the authorize URL) but is not the verifier.
    assert_clean("CodeChallenge", &format!("{:?}", verifier.challenge()));
    // The values are still there for the wire.
    assert_eq!(AccessToken::new(SECRET).secret(), SECRET);
    assert_eq!(verifier.secret(), VERIFIER);
}

#[test]
fn containers_do_not_print_secrets() {
    // A token set from the token endpoint.
    let body = format!(
        r#"{{"access_token":"{TOKEN}","token_type":"Bearer","expires_in":3600,"refresh_token":"{REFRESH}","patient":"-1"}}"#
    );
    let set =
        process_token_response(&HttpResponse::new(200, vec![], body.into_bytes()), 0.0).unwrap();
    assert_clean("TokenSet", &format!("{set:?}"));
    assert_eq!(set.access_token.secret(), TOKEN);

    // A client carrying a secret.
    let mut client = TokenClient::new(&Endpoints::new(&Environment::Local, ApiVersion::V2), "app");
    client.client_secret = Some(ClientSecret::new(SECRET));
    assert_clean("TokenClient", &format!("{client:?}"));

    // Parsed callbacks: the code and the access token are redacted.
    let cb = parse_callback(
        &format!("https://app.example/cb?code={CODE}&state={STATE}"),
        CallbackChecks::default(),
    )
    .unwrap();
    assert_clean("Callback result (code)", &format!("{:?}", cb.result));
    let cb = parse_callback(
        &format!(
            "https://app.example/cb#access_token={TOKEN}&token_type=bearer&refresh_token={REFRESH}"
        ),
        CallbackChecks::default(),
    )
    .unwrap();
    assert_clean("Callback (token)", &format!("{cb:?}"));

    // A completed pending sign-in: the verifier and the code are redacted.
    let pending = PendingAuthorization {
        state: STATE.into(),
        verifier: VERIFIER.into(),
        redirect_uri: "https://app.example/cb".into(),
        env: "sandbox".into(),
        version: 2,
        client_id: "app".into(),
        response_type: "code".into(),
        created_at_ms: 0.0,
    };
    let done = pending
        .complete(
            &format!("https://app.example/cb?code={CODE}&state={STATE}"),
            1.0,
        )
        .unwrap();
    assert_clean(
        "CompletedCallback verifier",
        &format!("{:?}", done.verifier),
    );
    assert_clean(
        "CompletedCallback result",
        &format!("{:?}", done.callback.result),
    );
}

#[test]
fn callback_errors_carry_no_secret() {
    let expecting = CallbackChecks {
        expected_state: Some(&SENT_STATE),
        expected_issuer: Some("https://issuer.example"),
    };
    let urls = [
        // StateMismatch: neither the expected nor the received state.
        format!("https://app.example/cb?code={CODE}&state={WRONG_STATE}"),
        format!("https://app.example/cb?error=access_denied&state={WRONG_STATE}"),
        format!("https://app.example/cb#access_token={TOKEN}&token_type=bearer&state={WRONG_STATE}"),
        // MissingState.
        format!("https://app.example/cb?code={CODE}"),
        // DuplicateParameter.
        format!("https://app.example/cb?code={CODE}&code={CODE}x&state={STATE}"),
        format!("https://app.example/cb?code={CODE}&state={STATE}&state={STATE}"),
        format!("https://app.example/cb#access_token={TOKEN}&access_token={TOKEN}&state={STATE}"),
        // MalformedEscape / InvalidUtf8 in a secret value.
        format!("https://app.example/cb?code={CODE}%zz&state={STATE}"),
        format!("https://app.example/cb?code={CODE}%FF&state={STATE}"),
        format!("https://app.example/cb?code={CODE}&state={STATE}%4"),
        format!("https://app.example/cb#access_token={TOKEN}%C3&token_type=bearer&state={STATE}"),
        // Fragment field errors next to a token.
        format!("https://app.example/cb#access_token={TOKEN}&token_type=mac&state={STATE}&iss=https%3A%2F%2Fissuer.example"),
        format!("https://app.example/cb#access_token={TOKEN}&state={STATE}&iss=https%3A%2F%2Fissuer.example"),
        format!("https://app.example/cb#access_token={TOKEN}&token_type=bearer&expires_in=-1&state={STATE}&iss=https%3A%2F%2Fissuer.example"),
        // IssuerMismatch.
        format!("https://app.example/cb?code={CODE}&state={STATE}&iss=https%3A%2F%2Fevil.example"),
        format!("https://app.example/cb?code={CODE}&state={STATE}"),
        // InvalidUrl.
        format!("https://app.example/cb?code={CODE}\n&state={STATE}"),
        format!("bad base?code={CODE}&state={STATE}"),
        format!("https://app.example/cb?code=&state={STATE}&iss=https%3A%2F%2Fissuer.example"),
    ];
    let mut seen = std::collections::BTreeSet::new();
    for url in &urls {
        let err = parse_callback(url, expecting).unwrap_err();
        seen.insert(err.code().as_str());
        assert_error_clean(url, &err);
    }
    // The cases above really reach these error kinds.
    for code in [
        "state_mismatch",
        "missing_state",
        "duplicate_parameter",
        "malformed_escape",
        "invalid_utf8",
        "invalid_parameter",
        "missing_parameter",
        "issuer_mismatch",
        "invalid_url",
    ] {
        assert!(seen.contains(code), "no case produced {code}: {seen:?}");
    }
}

#[test]
fn pending_and_pkce_errors_carry_no_secret() {
    let pending = |state: &str, verifier: &str, created: f64| PendingAuthorization {
        state: state.into(),
        verifier: verifier.into(),
        redirect_uri: "https://app.example/cb".into(),
        env: "sandbox".into(),
        version: 2,
        client_id: "app".into(),
        response_type: "code".into(),
        created_at_ms: created,
    };
    let good_url = format!("https://app.example/cb?code={CODE}&state={STATE}");
    let errors = [
        pending(STATE, VERIFIER, 0.0)
            .complete(
                &format!("https://app.example/cb?code={CODE}&state={WRONG_STATE}"),
                1.0,
            )
            .unwrap_err(),
        pending(STATE, VERIFIER, 0.0)
            .complete(&good_url, 1e12)
            .unwrap_err(),
        // A stored verifier that is not valid: the error names the position, not the text.
        pending(STATE, &format!("{VERIFIER}+{SECRET}"), 0.0)
            .complete(&good_url, 1.0)
            .unwrap_err(),
        pending(STATE, SECRET, 0.0)
            .complete(&good_url, 1.0)
            .unwrap_err(),
        PendingAuthorization::from_json(&format!(
            r#"{{"state":"{STATE}","verifier":"{VERIFIER}"}}"#
        ))
        .unwrap_err(),
    ];
    let codes: Vec<&str> = errors.iter().map(|e| e.code().as_str()).collect();
    assert_eq!(
        codes,
        [
            "state_mismatch",
            "pending_expired",
            "invalid_pkce_verifier",
            "invalid_pkce_verifier",
            "no_pending_authorization"
        ]
    );
    for err in &errors {
        assert_error_clean("pending", err);
    }
    for bad in [SECRET, &format!("{VERIFIER}={SECRET}")] {
        let err = CodeVerifier::parse(bad).map(|_| ()).unwrap_err();
        assert_clean("PkceError", &format!("{err:?} {err}"));
    }
}

#[test]
fn token_errors_carry_no_request_secret() {
    // Errors answer a request that carried the code, verifier, refresh token and secret; none
    // of them is in what we build from the answer.
    let bodies: &[(u16, String)] = &[
        (
            400,
            r#"{"error":"invalid_grant","error_description":"code_challenge does not match"}"#
                .into(),
        ),
        (401, r#"{"error":"invalid_client"}"#.into()),
        (500, String::new()),
        (
            200,
            format!(r#"{{"access_token":"{TOKEN}","token_type":"mac"}}"#),
        ),
        (
            200,
            format!(r#"{{"access_token":"{TOKEN}","token_type":"Bearer","expires_in":"soon"}}"#),
        ),
        (
            200,
            format!(r#"{{"access_token":"{TOKEN}","token_type":"Bearer","expires_in":-5}}"#),
        ),
        (
            200,
            format!(
                r#"{{"access_token":"{TOKEN}","refresh_token":"{REFRESH}","token_type":"Bearer","scope":7}}"#
            ),
        ),
        (
            200,
            format!(
                r#"{{"access_token":"{TOKEN}","refresh_token":"{REFRESH}","token_type":"Bearer""#
            ),
        ),
    ];
    for (status, body) in bodies {
        let err = process_token_response(
            &HttpResponse::new(*status, vec![], body.clone().into_bytes()),
            0.0,
        )
        .unwrap_err();
        assert_error_clean(body, &err);
    }
}

#[test]
fn ct_eq_cases() {
    let cases: &[(&str, &str, bool)] = &[
        ("", "", true),
        ("a", "a", true),
        (STATE, STATE, true),
        ("", "a", false),
        ("abc", "abd", false),
        ("abc", "ab", false),     // prefix
        ("ab", "abc", false),     // longer
        ("abc", "xbc", false),    // first byte
        ("ABC", "abc", false),    // case
        ("abc ", "abc", false),   // trailing space
        ("é", "e\u{301}", false), // canonically equal, different bytes
        ("a\0", "a", false),
    ];
    for (a, b, expected) in cases {
        assert_eq!(ct_eq(a, b), *expected, "{a:?} vs {b:?}");
        assert_eq!(ct_eq(b, a), *expected, "{b:?} vs {a:?}");
        assert_eq!(State::new(*a).matches(b), *expected);
        assert_eq!(AccessToken::new(*a) == AccessToken::new(*b), *expected);
        assert_eq!(RefreshToken::new(*a) == RefreshToken::new(*b), *expected);
        assert_eq!(AuthorizationCode::new(*a).matches(b), *expected);
        assert_eq!(ClientSecret::new(*a) == ClientSecret::new(*b), *expected);
    }
    let long = "x".repeat(100_000);
    assert!(ct_eq(&long, &long.clone()));
    assert!(!ct_eq(&long, &format!("{long}x")));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    /// `ct_eq` is plain string equality, including for near-misses.
    #[test]
    fn ct_eq_is_equality(a in any::<String>(), b in any::<String>(), cut in any::<prop::sample::Index>()) {
        prop_assert_eq!(ct_eq(&a, &b), a == b);
        prop_assert!(ct_eq(&a, &a.clone()));
        if !a.is_empty() {
            let end = a.char_indices().map(|(i, _)| i).nth(cut.index(a.chars().count())).unwrap_or(0);
            prop_assert!(!ct_eq(&a, &a[..end]));
        }
    }

    /// Any secret string, redacted in every secret type.
    #[test]
    fn any_secret_is_redacted(tail in "[A-Za-z0-9._~-]{8,64}") {
        // A leading digit: no redacted rendering contains one, so a hit is a real leak.
        let secret = format!("0{tail}");
        for text in [
            format!("{:?}", AccessToken::new(&secret)),
            format!("{}", RefreshToken::new(&secret)),
            format!("{:?}", AuthorizationCode::new(&secret)),
            format!("{}", State::new(&secret)),
            format!("{:?}", ClientSecret::new(&secret)),
        ] {
            prop_assert!(!text.contains(&secret));
        }
    }
}
