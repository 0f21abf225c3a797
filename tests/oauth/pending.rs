//! The pending authorization: storage format, 10-minute lifetime, and `complete()` (R4 core
//! half: what is checked when the stored value is used).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use bluebutton_wasm::core::api::env::{ApiVersion, ConfigError, Environment};
use bluebutton_wasm::core::oauth::callback::{AuthErrorCode, CallbackResult};
use bluebutton_wasm::core::oauth::error::OAuthError;
use bluebutton_wasm::core::oauth::pending::{PendingAuthorization, PENDING_TTL_MS, STORAGE_KEY};
use bluebutton_wasm::core::oauth::pkce::CodeVerifier;
use proptest::prelude::*;

const STATE: &str = "0123456789abcdef0123456789abcdef";
const VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
const CREATED: f64 = 1_700_000_000_000.0;

fn pending() -> PendingAuthorization {
    PendingAuthorization {
        state: STATE.into(),
        verifier: VERIFIER.into(),
        redirect_uri: "http://127.0.0.1:8080/app/".into(),
        env: "local".into(),
        version: 2,
        client_id: "client-1".into(),
        response_type: "code".into(),
        created_at_ms: CREATED,
    }
}

fn code_url(state: &str) -> String {
    format!("http://127.0.0.1:8080/app/?code=the-code&state={state}")
}

#[test]
fn json_round_trip() {
    let p = pending();
    let json = p.to_json();
    // camelCase field names, as the JS side and older stored values use.
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    let mut keys: Vec<&str> = value
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "clientId",
            "createdAtMs",
            "env",
            "redirectUri",
            "responseType",
            "state",
            "verifier",
            "version"
        ]
    );
    assert_eq!(value["createdAtMs"], serde_json::json!(CREATED));
    assert_eq!(PendingAuthorization::from_json(&json).unwrap(), p);
    assert!(STORAGE_KEY.starts_with("bluebutton-wasm:"));
}

#[test]
fn garbage_is_no_pending_authorization() {
    let mut missing_field = serde_json::to_value(pending()).unwrap();
    missing_field.as_object_mut().unwrap().remove("verifier");
    let mut wrong_type = serde_json::to_value(pending()).unwrap();
    wrong_type["version"] = serde_json::json!("2");
    let mut negative_version = serde_json::to_value(pending()).unwrap();
    negative_version["version"] = serde_json::json!(-1);
    let cases = [
        String::new(),
        "{".into(),
        "null".into(),
        "[]".into(),
        "\"text\"".into(),
        "{}".into(),
        "undefined".into(),
        missing_field.to_string(),
        wrong_type.to_string(),
        negative_version.to_string(),
        format!("{}trailing", pending().to_json()),
    ];
    for text in &cases {
        assert_eq!(
            PendingAuthorization::from_json(text).unwrap_err(),
            OAuthError::NoPendingAuthorization,
            "{text:?}"
        );
    }
}

#[test]
fn lifetime_boundaries() {
    assert_eq!(PENDING_TTL_MS, 600_000.0);
    let p = pending();
    let cases = [
        (CREATED, false),
        (CREATED + 1.0, false),
        (CREATED + PENDING_TTL_MS - 1.0, false),
        (CREATED + PENDING_TTL_MS, false),
        (CREATED + PENDING_TTL_MS + 1.0, true),
        (CREATED + 86_400_000.0, true),
        // A created time in the future: up to a minute of clock skew is tolerated...
        (CREATED - 1.0, false),
        (CREATED - 60_000.0, false),
        // ... more than that counts as expired (broken clock or forged value).
        (CREATED - 60_001.0, true),
        (0.0, true),
        (f64::NAN, true),
        (f64::INFINITY, true),
        (f64::NEG_INFINITY, true),
    ];
    for (now, expected) in cases {
        assert_eq!(
            p.is_expired(now),
            expected,
            "now = created {:+}",
            now - CREATED
        );
    }
    let nan = PendingAuthorization {
        created_at_ms: f64::NAN,
        ..pending()
    };
    assert!(nan.is_expired(CREATED));

    // complete() refuses an expired sign-in before looking at the URL.
    let err = p
        .complete(&code_url(STATE), CREATED + PENDING_TTL_MS + 1.0)
        .unwrap_err();
    assert_eq!(err, OAuthError::PendingExpired(10));
    assert!(err.to_string().contains("10 minutes"), "{err}");
    let err = p.complete("garbage", CREATED - 120_000.0).unwrap_err();
    assert_eq!(err.code(), "pending_expired");
    // At the boundary it still completes.
    assert!(p
        .complete(&code_url(STATE), CREATED + PENDING_TTL_MS)
        .is_ok());
}

#[test]
fn complete_code_flow() {
    let done = pending()
        .complete(&code_url(STATE), CREATED + 5_000.0)
        .unwrap();
    match &done.callback.result {
        CallbackResult::Code { code } => assert_eq!(code.secret(), "the-code"),
        other => panic!("{other:?}"),
    }
    assert_eq!(
        done.callback.state.as_ref().map(|s| s.secret()),
        Some(STATE)
    );
    assert_eq!(done.verifier.secret(), VERIFIER);
    assert_eq!(
        done.verifier.challenge().as_str(),
        CodeVerifier::parse(VERIFIER).unwrap().challenge().as_str()
    );
}

#[test]
fn complete_implicit_flow() {
    let p = PendingAuthorization {
        response_type: "token".into(),
        ..pending()
    };
    let url = format!(
        "http://127.0.0.1:8080/app/#access_token=at&token_type=Bearer&expires_in=3600&scope=profile&state={STATE}"
    );
    let done = p.complete(&url, CREATED + 1.0).unwrap();
    match &done.callback.result {
        CallbackResult::Token {
            access_token,
            expires_in,
            scopes,
            ..
        } => {
            assert_eq!(access_token.secret(), "at");
            assert_eq!(*expires_in, Some(3600.0));
            assert_eq!(scopes, &["profile"]);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn complete_error_response_with_right_state() {
    let done = pending()
        .complete(
            &format!("http://127.0.0.1:8080/app/?error=access_denied&state={STATE}"),
            CREATED + 1.0,
        )
        .unwrap();
    match done.callback.result {
        CallbackResult::Error { error, .. } => assert_eq!(error, AuthErrorCode::AccessDenied),
        other => panic!("{other:?}"),
    }
}

#[test]
fn complete_checks_state() {
    let p = pending();
    let upper = STATE.to_ascii_uppercase();
    let cases: &[(String, &str)] = &[
        (
            code_url("0123456789abcdef0123456789abcdeX"),
            "state_mismatch",
        ),
        (code_url(&STATE[..STATE.len() - 1]), "state_mismatch"),
        (code_url(&upper), "state_mismatch"),
        (code_url(""), "state_mismatch"),
        (
            "http://127.0.0.1:8080/app/?code=the-code".to_owned(),
            "missing_state",
        ),
        (
            "http://127.0.0.1:8080/app/?error=access_denied".to_owned(),
            "missing_state",
        ),
        (
            "http://127.0.0.1:8080/app/?error=access_denied&state=other-state-0123456".to_owned(),
            "state_mismatch",
        ),
        (
            format!("http://127.0.0.1:8080/app/?code=a&code=b&state={STATE}"),
            "duplicate_parameter",
        ),
        ("http://127.0.0.1:8080/app/".to_owned(), "no_oauth_response"),
    ];
    for (url, code) in cases {
        let err = p.complete(url, CREATED + 1.0).unwrap_err();
        assert_eq!(err.code(), *code, "{url}");
    }
}

#[test]
fn bad_stored_verifier() {
    for verifier in [
        "",
        "too-short",
        &"a".repeat(129),
        "dBjftJeZ4CVP+mB92K27uhbUJU1p1r/wW1gFWFOEjXk=",
        "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXé",
    ] {
        let p = PendingAuthorization {
            verifier: verifier.into(),
            ..pending()
        };
        let err = p.complete(&code_url(STATE), CREATED + 1.0).unwrap_err();
        assert_eq!(err.code(), "invalid_pkce_verifier", "{verifier:?}");
        assert!(matches!(err, OAuthError::Pkce(_)));
        // The state is checked first: a wrong state wins over a bad verifier.
        let err = p
            .complete(&code_url("wrong-state-0123456789"), CREATED + 1.0)
            .unwrap_err();
        assert_eq!(err.code(), "state_mismatch", "{verifier:?}");
    }
}

#[test]
fn environment_and_version() {
    let p = pending();
    assert_eq!(p.environment().unwrap(), Environment::Local);
    assert_eq!(p.api_version().unwrap(), ApiVersion::V2);
    let odd = PendingAuthorization {
        env: "staging".into(),
        version: 9,
        ..pending()
    };
    assert_eq!(odd.environment().unwrap_err().code(), "unknown_environment");
    assert_eq!(
        odd.api_version().unwrap_err(),
        ConfigError::UnsupportedVersion(9)
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    /// Any pending value survives storage unchanged. Times are whole milliseconds, as
    /// `Date.now()` gives, up to the year 2100: serde_json (without `float_roundtrip`)
    /// can be off by one ulp above about 9e14 ms (year 30,000), which is no concern here.
    #[test]
    fn any_pending_round_trips(
        state in any::<String>(),
        verifier in any::<String>(),
        redirect_uri in any::<String>(),
        env in any::<String>(),
        version in any::<u32>(),
        client_id in any::<String>(),
        response_type in any::<String>(),
        created in 0u64..=4_102_444_800_000,
    ) {
        let p = PendingAuthorization {
            state: state.into(), verifier, redirect_uri, env, version, client_id, response_type,
            created_at_ms: created as f64,
        };
        prop_assert_eq!(PendingAuthorization::from_json(&p.to_json()).unwrap(), p);
    }

    /// Expiry is exactly "age outside [-60 s, 10 min]".
    #[test]
    fn expiry_matches_window(created in 0u64..4_000_000_000_000, age in -200_000i64..800_000) {
        let p = PendingAuthorization { created_at_ms: created as f64, ..pending() };
        let now = created as f64 + age as f64;
        prop_assert_eq!(p.is_expired(now), !(-60_000..=600_000).contains(&age));
    }
}
