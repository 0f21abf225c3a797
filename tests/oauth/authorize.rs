//! The authorize URL: defaults (R14), S256 always (R2), option checks mirroring Blue Button's
//! own (state ≥ 16, v3 scopes, lang), redirect URI rules, and the R15 round trip.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use bluebutton_wasm::core::api::env::{ApiVersion, ConfigError, Endpoints, Environment};
use bluebutton_wasm::core::oauth::authorize::{
    check_redirect_uri, check_state, AuthorizeRequest, ResponseType, MAX_STATE_LEN, MIN_STATE_LEN,
};
use bluebutton_wasm::core::oauth::error::OAuthError;
use bluebutton_wasm::core::oauth::pkce::CodeVerifier;
use proptest::prelude::*;

const CHALLENGE: &str = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

/// A state made the way the browser shell makes one: base64url of 32 random bytes.
fn generated_state(seed: u8) -> String {
    let bytes: Vec<u8> = (0..32u8)
        .map(|i| i.wrapping_mul(31).wrapping_add(seed))
        .collect();
    URL_SAFE_NO_PAD.encode(bytes)
}

fn request() -> AuthorizeRequest {
    AuthorizeRequest {
        env: Environment::Sandbox,
        version: ApiVersion::V2,
        client_id: "my-client-id".into(),
        redirect_uri: "https://app.example/callback".into(),
        state: generated_state(7).into(),
        code_challenge: CHALLENGE.into(),
        ..AuthorizeRequest::default()
    }
}

/// The query of a built URL as decoded pairs (through the `url` crate, not the crate under test).
fn pairs(built: &str) -> Vec<(String, String)> {
    let url = url::Url::parse(built).unwrap();
    url.query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

fn values<'a>(pairs: &'a [(String, String)], name: &str) -> Vec<&'a str> {
    pairs
        .iter()
        .filter(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
        .collect()
}

fn option_error_name(err: &OAuthError) -> &'static str {
    match err {
        OAuthError::InvalidOption { name, .. } => name,
        OAuthError::MissingOption(name) => name,
        other => panic!("expected an option error, got {other:?}"),
    }
}

#[test]
fn default_response_type_is_code() {
    assert_eq!(ResponseType::default(), ResponseType::Code);
    assert_eq!(
        AuthorizeRequest::default().response_type,
        ResponseType::Code
    );
    let built = request().build().unwrap();
    let p = pairs(&built);
    assert_eq!(values(&p, "response_type"), vec!["code"]);
    // The implicit flow has to be asked for by name.
    let implicit = AuthorizeRequest {
        response_type: ResponseType::ImplicitLegacy,
        ..request()
    }
    .build()
    .unwrap();
    assert_eq!(values(&pairs(&implicit), "response_type"), vec!["token"]);
    assert_eq!(ResponseType::parse("code").unwrap(), ResponseType::Code);
    for bad in ["", "Code", "id_token", "code token", "token "] {
        assert_eq!(
            option_error_name(&ResponseType::parse(bad).unwrap_err()),
            "responseType",
            "{bad:?}"
        );
    }
}

#[test]
fn challenge_method_is_always_s256() {
    for version in [ApiVersion::V1, ApiVersion::V2, ApiVersion::V3] {
        for response_type in [ResponseType::Code, ResponseType::ImplicitLegacy] {
            let built = AuthorizeRequest {
                version,
                response_type,
                scopes: vec!["openid".into()],
                ..request()
            }
            .build()
            .unwrap();
            let p = pairs(&built);
            assert_eq!(values(&p, "code_challenge_method"), vec!["S256"], "{built}");
            assert_eq!(values(&p, "code_challenge"), vec![CHALLENGE], "{built}");
        }
    }
}

#[test]
fn challenge_is_checked() {
    let verifier = CodeVerifier::from_entropy(&[3; 32]);
    let ok = AuthorizeRequest {
        code_challenge: verifier.challenge().as_str().into(),
        ..request()
    };
    assert!(ok.build().is_ok());
    for bad in [
        "",
        &CHALLENGE[..42],
        &format!("{CHALLENGE}A"),
        "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw+cM",
        "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw/cM",
        "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstwcM=",
    ] {
        let err = AuthorizeRequest {
            code_challenge: bad.into(),
            ..request()
        }
        .build()
        .unwrap_err();
        assert_eq!(option_error_name(&err), "codeChallenge", "{bad:?}");
    }
}

#[test]
fn state_rules() {
    assert_eq!(MIN_STATE_LEN, 16);
    // Generated states (43 base64url characters) are accepted.
    for seed in 0..20 {
        let state = generated_state(seed);
        assert_eq!(state.len(), 43);
        check_state(&state).unwrap();
        let built = AuthorizeRequest {
            state: state.clone().into(),
            ..request()
        }
        .build()
        .unwrap();
        assert_eq!(values(&pairs(&built), "state"), vec![state.as_str()]);
    }
    let cases: &[(String, Option<&str>)] = &[
        (String::new(), Some("missing_option")),
        ("a".into(), Some("invalid_option")),
        ("0123456789abcde".into(), Some("invalid_option")), // 15
        ("0123456789abcdef".into(), None),                  // 16
        ("x".repeat(MAX_STATE_LEN), None),
        ("x".repeat(MAX_STATE_LEN + 1), Some("invalid_option")),
        ("0123456789abcdef\n".into(), Some("invalid_option")),
        ("0123456789abcdeé".into(), Some("invalid_option")),
        ("state with spaces & = # + %".into(), None),
    ];
    for (state, expected) in cases {
        let direct = check_state(state).err().map(|e| e.code().as_str());
        assert_eq!(direct, *expected, "check_state({state:?})");
        let built = AuthorizeRequest {
            state: state.clone().into(),
            ..request()
        }
        .build();
        assert_eq!(
            built.err().map(|e| e.code().as_str()),
            *expected,
            "build({state:?})"
        );
    }
    // The short-state message tells the length and the rule.
    let msg = check_state("short-state").unwrap_err().to_string();
    assert!(msg.contains("11 characters") && msg.contains("16"), "{msg}");
}

#[test]
fn redirect_uri_rules() {
    let local_custom = Environment::parse("http://127.0.0.1:9000").unwrap();
    let remote_custom = Environment::parse("https://bb.example.org/prefix").unwrap();
    // (environment, redirect URI, accepted?)
    let cases: &[(&Environment, &str, bool)] = &[
        (&Environment::Production, "https://app.example/cb", true),
        (&Environment::Production, "http://app.example/cb", false),
        (&Environment::Production, "HTTP://app.example/cb", false),
        (&Environment::Production, "http://127.0.0.1:8080/cb", true),
        (&Environment::Production, "http://127.1.2.3/cb", true),
        (&Environment::Production, "http://localhost:3000/", true),
        (&Environment::Production, "http://LOCALHOST/", true),
        (&Environment::Production, "http://[::1]:8080/cb", true),
        (
            &Environment::Production,
            "http://localhost.evil.example/",
            false,
        ),
        (
            &Environment::Production,
            "http://127.0.0.1.evil.example/",
            false,
        ),
        (&Environment::Sandbox, "http://app.example/cb", true),
        (&Environment::Local, "http://app.example/cb", true),
        (&local_custom, "http://app.example/cb", true),
        (&remote_custom, "http://app.example/cb", false),
        (&remote_custom, "http://[::1]/cb", true),
        // Custom schemes (native apps; BB2 allows them with PKCE).
        (&Environment::Production, "com.example.app:/cb", true),
        (
            &Environment::Production,
            "com.custom.bluebutton://callback",
            true,
        ),
        // Never a fragment (RFC 6749 §3.1.2), not even an empty one.
        (&Environment::Sandbox, "https://app.example/cb#frag", false),
        (&Environment::Sandbox, "https://app.example/cb#", false),
        (&Environment::Sandbox, "http://localhost/cb#x=1", false),
        // Schemes that cannot receive a redirect.
        (&Environment::Sandbox, "javascript:alert(1)", false),
        (&Environment::Sandbox, "data:text/html,hi", false),
        (&Environment::Sandbox, "file:///tmp/cb", false),
        // Not URLs at all.
        (&Environment::Sandbox, "/relative/cb", false),
        (&Environment::Sandbox, "app.example/cb", false),
        (&Environment::Sandbox, "", false),
        (&Environment::Sandbox, "   ", false),
    ];
    for (env, uri, accepted) in cases {
        let result = check_redirect_uri(env, uri);
        assert_eq!(result.is_ok(), *accepted, "{env:?} {uri:?}: {result:?}");
        if let Err(e) = &result {
            assert_eq!(option_error_name(e), "redirectUri", "{uri:?}");
        }
        let built = AuthorizeRequest {
            env: (*env).clone(),
            redirect_uri: (*uri).into(),
            ..request()
        }
        .build();
        assert_eq!(built.is_ok(), *accepted, "build {env:?} {uri:?}");
        if let Ok(built) = built {
            assert_eq!(values(&pairs(&built), "redirect_uri"), vec![*uri]);
        }
    }
}

#[test]
fn scopes() {
    // v3 requires scopes; v1 and v2 do not (the server then uses the app's scopes).
    let err = AuthorizeRequest {
        version: ApiVersion::V3,
        ..request()
    }
    .build()
    .unwrap_err();
    assert_eq!(option_error_name(&err), "scopes");
    for version in [ApiVersion::V1, ApiVersion::V2] {
        let built = AuthorizeRequest {
            version,
            ..request()
        }
        .build()
        .unwrap();
        assert!(values(&pairs(&built), "scope").is_empty(), "{built}");
    }

    // Joined with a space, which form encoding writes as `+`.
    let built = AuthorizeRequest {
        version: ApiVersion::V3,
        scopes: vec![
            "openid".into(),
            "profile".into(),
            "patient/Patient.rs".into(),
            "patient/ExplanationOfBenefit.rs".into(),
        ],
        ..request()
    }
    .build()
    .unwrap();
    assert!(
        built.contains(
            "&scope=openid+profile+patient%2FPatient.rs+patient%2FExplanationOfBenefit.rs"
        ),
        "{built}"
    );
    assert_eq!(
        values(&pairs(&built), "scope"),
        vec!["openid profile patient/Patient.rs patient/ExplanationOfBenefit.rs"]
    );

    // Scope tokens follow RFC 6749 §3.3 (no space, `"` or `\`, not empty).
    for bad in ["", "a b", "pa\"tient", "back\\slash", "é", "tab\t"] {
        let err = AuthorizeRequest {
            scopes: vec!["openid".into(), bad.into()],
            ..request()
        }
        .build()
        .unwrap_err();
        assert_eq!(option_error_name(&err), "scopes", "{bad:?}");
    }
}

#[test]
fn lang_is_en_or_es() {
    for lang in ["en", "es"] {
        let built = AuthorizeRequest {
            lang: Some(lang.into()),
            ..request()
        }
        .build()
        .unwrap();
        assert_eq!(values(&pairs(&built), "lang"), vec![lang]);
    }
    let without = request().build().unwrap();
    assert!(values(&pairs(&without), "lang").is_empty());
    for bad in ["", "fr", "EN", "es-mx", "en-us", " en"] {
        let err = AuthorizeRequest {
            lang: Some(bad.into()),
            ..request()
        }
        .build()
        .unwrap_err();
        assert_eq!(option_error_name(&err), "lang", "{bad:?}");
    }
}

#[test]
fn client_id_required() {
    for bad in ["", "   "] {
        let err = AuthorizeRequest {
            client_id: bad.into(),
            ..request()
        }
        .build()
        .unwrap_err();
        assert_eq!(err, OAuthError::MissingOption("clientId"));
    }
}

#[test]
fn environments() {
    let ok: &[(&str, Environment)] = &[
        ("sandbox", Environment::Sandbox),
        ("  sandbox ", Environment::Sandbox),
        ("production", Environment::Production),
        ("local", Environment::Local),
        ("https://sandbox.bluebutton.cms.gov/", Environment::Sandbox),
        ("https://api.bluebutton.cms.gov", Environment::Production),
        (
            "http://127.0.0.1:9000/",
            Environment::Custom("http://127.0.0.1:9000".into()),
        ),
    ];
    for (text, expected) in ok {
        assert_eq!(&Environment::parse(text).unwrap(), expected, "{text:?}");
    }
    for bad in [
        "",
        "staging",
        "Sandbox",
        "prod",
        "ftp://bb.example",
        "https://bb.example/?x=1",
        "https://bb.example/#x",
        "mailto:someone@example.org",
    ] {
        let err = Environment::parse(bad).unwrap_err();
        assert_eq!(err.code(), "unknown_environment", "{bad:?}");
    }
    assert_eq!(
        ApiVersion::from_number(0).unwrap_err(),
        ConfigError::UnsupportedVersion(0)
    );
    assert_eq!(
        ApiVersion::from_number(4).unwrap_err().code(),
        "unsupported_version"
    );
}

#[test]
fn version_paths() {
    let envs = [
        Environment::Sandbox,
        Environment::Production,
        Environment::Local,
        Environment::parse("http://127.0.0.1:9000/base").unwrap(),
    ];
    for env in &envs {
        for n in 1..=3u32 {
            let version = ApiVersion::from_number(n).unwrap();
            assert_eq!(version.number(), n);
            let built = AuthorizeRequest {
                env: env.clone(),
                version,
                scopes: vec!["openid".into()],
                ..request()
            }
            .build()
            .unwrap();
            let expected_prefix = format!("{}/v{n}/o/authorize/?", env.base_url());
            assert!(built.starts_with(&expected_prefix), "{built}");
            let url = url::Url::parse(&built).unwrap();
            assert!(
                url.path().ends_with(&format!("/v{n}/o/authorize/")),
                "{built}"
            );
            assert_eq!(url.fragment(), None);
            let endpoints = Endpoints::new(env, version);
            assert_eq!(
                endpoints.authorize,
                format!("{}/v{n}/o/authorize/", env.base_url())
            );
            assert_eq!(endpoints.token, format!("{}/v{n}/o/token/", env.base_url()));
        }
    }
}

/// The parameter multiset a request should produce.
fn expected_params(req: &AuthorizeRequest) -> Vec<(String, String)> {
    let mut out = vec![
        (
            "response_type".to_owned(),
            req.response_type.as_str().to_owned(),
        ),
        ("client_id".to_owned(), req.client_id.clone()),
        ("redirect_uri".to_owned(), req.redirect_uri.clone()),
        ("state".to_owned(), req.state.secret().to_owned()),
        ("code_challenge".to_owned(), req.code_challenge.clone()),
        ("code_challenge_method".to_owned(), "S256".to_owned()),
    ];
    if !req.scopes.is_empty() {
        out.push(("scope".to_owned(), req.scopes.join(" ")));
    }
    if let Some(lang) = &req.lang {
        out.push(("lang".to_owned(), lang.clone()));
    }
    out.sort();
    out
}

fn env_strategy() -> impl Strategy<Value = Environment> {
    prop_oneof![
        Just(Environment::Sandbox),
        Just(Environment::Production),
        Just(Environment::Local),
        Just(Environment::Custom("http://127.0.0.1:9000/prefix".into())),
    ]
}

fn redirect_strategy() -> impl Strategy<Value = String> {
    (
        prop_oneof![
            Just("https://app.example".to_owned()),
            Just("http://localhost:3000".to_owned()),
            Just("http://[::1]:8080".to_owned()),
            Just("com.example.app:".to_owned()),
        ],
        "(/[A-Za-z0-9._~!$'()*,;:@-]{0,12}){0,4}",
        prop::option::of("[A-Za-z0-9._~=&+%/?-]{0,20}"),
    )
        .prop_map(|(origin, path, query)| {
            let path = if path.is_empty() {
                "/".to_owned()
            } else {
                path
            };
            match query {
                Some(q) => format!("{origin}{path}?{q}"),
                None => format!("{origin}{path}"),
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    /// R15: every URL we build parses back (with the `url` crate) to the same parameter
    /// multiset, on the right endpoint, with no fragment.
    #[test]
    fn built_url_round_trips(
        env in env_strategy(),
        n in 1..=3u32,
        client_id in "[ -~]{0,40}",
        redirect_uri in redirect_strategy(),
        state in "[ -~]{16,80}",
        challenge_seed in any::<[u8; 32]>(),
        scopes in prop::collection::vec("[!#-\\[\\]-~]{1,20}", 0..5),
        lang in prop::option::of(prop_oneof![Just("en".to_owned()), Just("es".to_owned())]),
        implicit in any::<bool>(),
    ) {
        let version = ApiVersion::from_number(n).unwrap();
        let req = AuthorizeRequest {
            env: env.clone(),
            version,
            client_id,
            redirect_uri,
            state: state.into(),
            code_challenge: CodeVerifier::from_entropy(&challenge_seed).challenge().as_str().to_owned(),
            response_type: if implicit { ResponseType::ImplicitLegacy } else { ResponseType::Code },
            scopes,
            lang,
        };
        let redirect_ok = url::Url::parse(&req.redirect_uri).is_ok_and(|u| u.fragment().is_none());
        let should_build = !req.client_id.trim().is_empty()
            && redirect_ok
            && !(version == ApiVersion::V3 && req.scopes.is_empty());
        let built = req.build();
        prop_assert_eq!(built.is_ok(), should_build, "{:?}", built);
        if let Ok(built) = built {
            let url = url::Url::parse(&built).unwrap();
            prop_assert_eq!(url.fragment(), None);
            let endpoint = url::Url::parse(&Endpoints::new(&env, version).authorize).unwrap();
            prop_assert_eq!(url.origin(), endpoint.origin());
            prop_assert_eq!(url.path(), endpoint.path());
            let mut got = pairs(&built);
            got.sort();
            prop_assert_eq!(got, expected_params(&req));
        }
    }
}
