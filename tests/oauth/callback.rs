//! The redirect parser (checklist R8–R13, RFC 9207) and the address-bar scrubber (R16),
//! mostly as tables of URL → expected result.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use bluebutton_wasm::core::oauth::callback::{
    parse_callback, AuthErrorCode, Callback, CallbackChecks, CallbackResult,
};
use bluebutton_wasm::core::oauth::error::OAuthError;
use bluebutton_wasm::core::oauth::expires::parse_expires_in;
use bluebutton_wasm::core::oauth::form::decode_pairs;
use bluebutton_wasm::core::oauth::scrub::scrubbed_path;
use proptest::prelude::*;

const STATE: &str = "0123456789abcdef0123";
/// [`STATE`] as the app keeps it: a redacted, constant-time-compared `State`.
static SENT_STATE: std::sync::LazyLock<bluebutton_wasm::core::oauth::secret::State> =
    std::sync::LazyLock::new(|| STATE.into());
const APP: &str = "https://app.example/cb";
const ISSUER: &str = "https://sandbox.bluebutton.cms.gov";
/// The implicit-flow example URL from the seed docs.
const SEED_IMPLICIT: &str = "http://localhost:3000/#access_token=abc123&token_type=Bearer&expires_in=35849.875807&scope=profile+patient%2FPatient.read+patient%2FExplanationOfBenefit.read+patient%2FCoverage.read&state=0123456789abcdef0123";

fn with_state() -> CallbackChecks<'static> {
    CallbackChecks {
        expected_state: Some(&SENT_STATE),
        expected_issuer: None,
    }
}

fn parse(url: &str) -> Result<Callback, OAuthError> {
    parse_callback(url, with_state())
}

fn code_of(cb: &Callback) -> &str {
    match &cb.result {
        CallbackResult::Code { code } => code.secret(),
        other => panic!("expected a code, got {other:?}"),
    }
}

fn rfc_text(c: char) -> bool {
    c == ' ' || c == '!' || ('#'..='[').contains(&c) || (']'..='~').contains(&c)
}

#[test]
fn code_flow() {
    let cb = parse(&format!("{APP}?code=abc&state={STATE}")).unwrap();
    assert_eq!(code_of(&cb), "abc");
    assert_eq!(cb.state.as_ref().map(|s| s.secret()), Some(STATE));
    assert!(cb.extra.is_empty());
    assert!(cb.warnings.is_empty());

    // Order does not matter; values are form-decoded.
    let cb = parse(&format!("{APP}?state={STATE}&code=a%2Bb+c%20d")).unwrap();
    assert_eq!(code_of(&cb), "a+b c d");

    // Without an expected state there is no state check.
    let cb = parse_callback(&format!("{APP}?code=xyz"), CallbackChecks::default()).unwrap();
    assert_eq!(code_of(&cb), "xyz");
    assert_eq!(cb.state, None);

    // A bare query (no base) is accepted, as is a non-OAuth fragment after a code query.
    assert_eq!(
        code_of(&parse(&format!("?code=q&state={STATE}")).unwrap()),
        "q"
    );
    assert_eq!(
        code_of(&parse(&format!("{APP}?code=q&state={STATE}#section-2")).unwrap()),
        "q"
    );
    // An empty code is not a code.
    assert_eq!(
        parse(&format!("{APP}?code=&state={STATE}")).unwrap_err(),
        OAuthError::MissingParameter("code")
    );
}

#[test]
fn implicit_fragment_seed_example() {
    let cb = parse(SEED_IMPLICIT).unwrap();
    let CallbackResult::Token {
        access_token,
        token_type,
        expires_in,
        scopes,
        patient,
    } = &cb.result
    else {
        panic!("expected a token, got {:?}", cb.result);
    };
    assert_eq!(access_token.secret(), "abc123");
    assert_eq!(token_type, "Bearer");
    assert_eq!(*expires_in, Some(35849.875807));
    assert_eq!(
        scopes,
        &[
            "profile",
            "patient/Patient.read",
            "patient/ExplanationOfBenefit.read",
            "patient/Coverage.read"
        ]
    );
    assert_eq!(*patient, None);
    assert_eq!(cb.state.as_ref().map(|s| s.secret()), Some(STATE));
    assert!(cb.warnings.is_empty());

    // token_type is matched case-insensitively and normalised.
    for spelling in ["bearer", "BEARER", "bEaReR"] {
        let url = SEED_IMPLICIT.replace("token_type=Bearer", &format!("token_type={spelling}"));
        let cb = parse(&url).unwrap();
        match cb.result {
            CallbackResult::Token { token_type, .. } => assert_eq!(token_type, "Bearer"),
            other => panic!("{spelling}: {other:?}"),
        }
    }

    // Scopes split on `%20` as well as `+`; runs of spaces give no empty scopes.
    let url = format!(
        "{APP}#access_token=t&token_type=bearer&scope=a%20b++c&state={STATE}&patient=-2014"
    );
    match parse(&url).unwrap().result {
        CallbackResult::Token {
            scopes, patient, ..
        } => {
            assert_eq!(scopes, ["a", "b", "c"]);
            assert_eq!(patient.as_deref(), Some("-2014"));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn error_responses() {
    // (where, error value, expected code)
    let codes: &[(&str, AuthErrorCode)] = &[
        ("access_denied", AuthErrorCode::AccessDenied),
        ("invalid_request", AuthErrorCode::InvalidRequest),
        ("unauthorized_client", AuthErrorCode::UnauthorizedClient),
        (
            "unsupported_response_type",
            AuthErrorCode::UnsupportedResponseType,
        ),
        ("invalid_scope", AuthErrorCode::InvalidScope),
        ("server_error", AuthErrorCode::ServerError),
        (
            "temporarily_unavailable",
            AuthErrorCode::TemporarilyUnavailable,
        ),
        ("not_found", AuthErrorCode::Other("not_found".into())),
        (
            "some_new_code",
            AuthErrorCode::Other("some_new_code".into()),
        ),
    ];
    for (value, expected) in codes {
        for sep in ['?', '#'] {
            let cb = parse(&format!("{APP}{sep}error={value}&state={STATE}")).unwrap();
            assert_eq!(cb.state.as_ref().map(|s| s.secret()), Some(STATE));
            match &cb.result {
                CallbackResult::Error {
                    error,
                    description,
                    uri,
                } => {
                    assert_eq!(error, expected, "{sep}{value}");
                    assert_eq!(error.as_str(), *value);
                    assert_eq!(*description, None);
                    assert_eq!(*uri, None);
                }
                other => panic!("{sep}{value}: {other:?}"),
            }
        }
    }

    // Blue Button's "no Medicare record" page links to `<redirect_uri>?error=not_found`
    // without a state: accepted with or without an expected state (an error result grants
    // nothing, and this is the server's own page); any other stateless error is refused (R11).
    let bb404 = format!("{APP}?error=not_found");
    match parse_callback(&bb404, CallbackChecks::default())
        .unwrap()
        .result
    {
        CallbackResult::Error { error, .. } => {
            assert_eq!(error, AuthErrorCode::Other("not_found".into()))
        }
        other => panic!("{other:?}"),
    }
    assert!(parse(&bb404).is_ok());
    assert_eq!(
        parse(&format!("{APP}?error=access_denied")).unwrap_err(),
        OAuthError::MissingState
    );

    // error_description and error_uri: `+` and `%20` decode to spaces; characters outside
    // RFC 6749's set (controls, `"`, `\`, non-ASCII) become `?`.
    let table: &[(&str, &str)] = &[
        ("The+user%20denied+access", "The user denied access"),
        ("a%0Ab%0Dc%09d%00e", "a?b?c?d?e"),
        ("say+%22hi%22", "say ?hi?"),
        ("back%5Cslash", "back?slash"),
        ("caf%C3%A9", "caf?"),
        (
            "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
            "<script>alert(1)</script>",
        ),
        ("", ""),
    ];
    for (raw, expected) in table {
        for sep in ['?', '#'] {
            let url = format!(
                "{APP}{sep}error=access_denied&error_description={raw}&error_uri={raw}&state={STATE}"
            );
            match parse(&url).unwrap().result {
                CallbackResult::Error {
                    description, uri, ..
                } => {
                    assert_eq!(description.as_deref(), Some(*expected), "{raw}");
                    assert_eq!(uri.as_deref(), Some(*expected), "{raw}");
                }
                other => panic!("{other:?}"),
            }
        }
    }
    // Very long descriptions are cut.
    let long = "x".repeat(5000);
    match parse(&format!(
        "{APP}?error=server_error&error_description={long}&state={STATE}"
    ))
    .unwrap()
    .result
    {
        CallbackResult::Error { description, .. } => {
            assert_eq!(description.unwrap().len(), 1000)
        }
        other => panic!("{other:?}"),
    }
    // The error code itself must be a non-empty RFC token.
    for bad in ["", "bad%22code", "access%0Adenied", "%C3%A9"] {
        let err = parse(&format!("{APP}?error={bad}&state={STATE}")).unwrap_err();
        assert!(
            matches!(err, OAuthError::InvalidParameter { name: "error", .. }),
            "{bad:?}: {err:?}"
        );
    }
}

#[test]
fn duplicates_are_refused() {
    let cases: &[(String, &str)] = &[
        (format!("{APP}?code=a&code=b&state={STATE}"), "code"),
        (format!("{APP}?code=a&code=a&state={STATE}"), "code"),
        (format!("{APP}?code=a&state=x&state=x"), "state"),
        (format!("{APP}?code=a&state={STATE}&state={STATE}"), "state"),
        (
            format!("{APP}#access_token=t1&access_token=t2&token_type=bearer&state={STATE}"),
            "access_token",
        ),
        (
            format!("{APP}#access_token=t&token_type=bearer&token_type=bearer&state={STATE}"),
            "token_type",
        ),
        (
            format!(
                "{APP}#access_token=t&token_type=bearer&expires_in=1&expires_in=2&state={STATE}"
            ),
            "expires_in",
        ),
        (format!("{APP}?error=a&error=b&state={STATE}"), "error"),
        (
            format!("{APP}?error=a&error_description=x&error_description=y&state={STATE}"),
            "error_description",
        ),
        (format!("{APP}?code=a&iss=x&iss=x&state={STATE}"), "iss"),
        // The name is compared after decoding: `%63ode` is `code`.
        (format!("{APP}?code=a&%63ode=b&state={STATE}"), "code"),
        // An empty duplicate still counts.
        (format!("{APP}?code=a&code=&state={STATE}"), "code"),
        (format!("{APP}?code=a&code&state={STATE}"), "code"),
    ];
    for (url, name) in cases {
        for checks in [with_state(), CallbackChecks::default()] {
            let err = parse_callback(url, checks).unwrap_err();
            assert_eq!(err, OAuthError::DuplicateParameter((*name).into()), "{url}");
            assert_eq!(err.code(), "duplicate_parameter");
        }
    }
}

#[test]
fn unknown_parameters_are_kept_in_extra() {
    let cb = parse(&format!(
        "{APP}?foo=bar&code=abc&x=1&state={STATE}&foo=baz&empty&sp=a+b"
    ))
    .unwrap();
    assert_eq!(code_of(&cb), "abc");
    let expected: Vec<(String, String)> = [
        ("foo", "bar"),
        ("x", "1"),
        ("foo", "baz"),
        ("empty", ""),
        ("sp", "a b"),
    ]
    .iter()
    .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
    .collect();
    assert_eq!(cb.extra, expected);

    let cb = parse(&format!(
        "{APP}#access_token=t&token_type=bearer&state={STATE}&session_state=s1"
    ))
    .unwrap();
    assert_eq!(
        cb.extra,
        vec![("session_state".to_owned(), "s1".to_owned())]
    );
}

#[test]
fn state_is_checked_on_success_and_error() {
    let upper = STATE.to_ascii_uppercase();
    let prefix = &STATE[..STATE.len() - 1];
    let longer = format!("{STATE}0");
    let space = format!("{STATE}+");
    // (state part of the query, expected error code)
    let cases: &[(Option<&str>, &str)] = &[
        (None, "missing_state"),
        (Some(""), "state_mismatch"),
        (Some("wrong-state-value-1234"), "state_mismatch"),
        (Some(prefix), "state_mismatch"),
        (Some(&longer), "state_mismatch"),
        (Some(&upper), "state_mismatch"),
        (Some(&space), "state_mismatch"),
    ];
    let bodies = [
        ("?", "code=abc"),
        ("?", "error=access_denied"),
        ("#", "error=access_denied&error_description=denied"),
        ("#", "access_token=t&token_type=bearer&expires_in=3600"),
    ];
    for (sep, body) in bodies {
        for (state, expected) in cases {
            let url = match state {
                None => format!("{APP}{sep}{body}"),
                Some(s) => format!("{APP}{sep}{body}&state={s}"),
            };
            let err = parse(&url).unwrap_err();
            assert_eq!(err.code(), *expected, "{url}");
            // Without an expected state the same URL parses and reports what it carried.
            let cb = parse_callback(&url, CallbackChecks::default()).unwrap();
            let carried = state.map(|s| s.replace('+', " "));
            assert_eq!(cb.state, carried.map(Into::into), "{url}");
        }
        // The right state passes, including when percent-encoded.
        let encoded: String = STATE.bytes().map(|b| format!("%{b:02X}")).collect();
        for s in [STATE.to_owned(), encoded] {
            let url = format!("{APP}{sep}{body}&state={s}");
            let cb = parse(&url).unwrap();
            assert_eq!(cb.state.as_ref().map(|s| s.secret()), Some(STATE), "{url}");
        }
    }
}

#[test]
fn implicit_fragment_table() {
    let url =
        |extra: &str| format!("{APP}#access_token=tok&token_type=bearer&state={STATE}{extra}");
    // (fragment tail, Ok(expires_in) or Err(code))
    let cases: &[(&str, Result<Option<f64>, &str>)] = &[
        ("", Ok(None)),
        ("&expires_in=3600", Ok(Some(3600.0))),
        ("&expires_in=3599.5", Ok(Some(3599.5))),
        ("&expires_in=0", Ok(Some(0.0))),
        ("&expires_in=35849.875807", Ok(Some(35849.875807))),
        ("&expires_in=.5", Ok(Some(0.5))),
        ("&expires_in=-1", Err("invalid_parameter")),
        ("&expires_in=NaN", Err("invalid_parameter")),
        ("&expires_in=nan", Err("invalid_parameter")),
        ("&expires_in=1e309", Err("invalid_parameter")),
        ("&expires_in=1e3", Err("invalid_parameter")),
        ("&expires_in=", Err("invalid_parameter")),
        ("&expires_in=inf", Err("invalid_parameter")),
        ("&expires_in=infinity", Err("invalid_parameter")),
        ("&expires_in=%2B1", Err("invalid_parameter")),
        ("&expires_in=+1", Err("invalid_parameter")),
        ("&expires_in=1.2.3", Err("invalid_parameter")),
        ("&expires_in=.", Err("invalid_parameter")),
        ("&expires_in=0x10", Err("invalid_parameter")),
        ("&expires_in=%EF%BC%91", Err("invalid_parameter")), // fullwidth digit one
    ];
    for (tail, expected) in cases {
        let result = parse(&url(tail));
        match (result, expected) {
            (Ok(cb), Ok(want)) => match cb.result {
                CallbackResult::Token { expires_in, .. } => {
                    assert_eq!(expires_in, *want, "{tail}")
                }
                other => panic!("{tail}: {other:?}"),
            },
            (Err(e), Err(code)) => {
                assert_eq!(e.code(), *code, "{tail}");
                assert!(
                    matches!(
                        e,
                        OAuthError::InvalidParameter {
                            name: "expires_in",
                            ..
                        }
                    ),
                    "{tail}: {e:?}"
                );
            }
            (got, want) => panic!("{tail}: got {got:?}, want {want:?}"),
        }
    }
    // 400 digits overflow to infinity and are refused.
    let huge = format!("1{}", "0".repeat(400));
    assert!(parse_expires_in(&huge).is_err());
    assert!(parse_expires_in(&format!("{huge}.5")).is_err());

    // Required fields and the token type.
    let cases: &[(String, OAuthError)] = &[
        (
            format!("{APP}#access_token=&token_type=bearer&state={STATE}"),
            OAuthError::MissingParameter("access_token"),
        ),
        (
            format!("{APP}#access_token=tok&state={STATE}"),
            OAuthError::MissingParameter("token_type"),
        ),
        (
            format!("{APP}#access_token=tok&token_type=&state={STATE}"),
            OAuthError::MissingParameter("token_type"),
        ),
    ];
    for (url, expected) in cases {
        assert_eq!(&parse(url).unwrap_err(), expected, "{url}");
    }
    // A fragment with no access_token, code or error is not an OAuth response.
    let err = parse(&format!("{APP}#token_type=bearer&state={STATE}")).unwrap_err();
    assert_eq!(err, OAuthError::NoResponse);
    for token_type in ["mac", "MAC", "DPoP", "bearer2", "bearer+"] {
        let err = parse(&format!(
            "{APP}#access_token=tok&token_type={token_type}&state={STATE}"
        ))
        .unwrap_err();
        assert!(
            matches!(
                err,
                OAuthError::InvalidParameter {
                    name: "token_type",
                    ..
                }
            ),
            "{token_type}: {err:?}"
        );
    }

    // A refresh token in a fragment is dropped with a warning, and not kept anywhere.
    let cb = parse(&url("&refresh_token=REFRESH-SECRET-42")).unwrap();
    assert!(matches!(cb.result, CallbackResult::Token { .. }));
    assert_eq!(cb.warnings.len(), 1);
    assert!(
        cb.warnings[0].contains("refresh_token"),
        "{:?}",
        cb.warnings
    );
    assert!(cb.extra.is_empty());
    assert!(!format!("{cb:?}").contains("REFRESH-SECRET-42"));
}

#[test]
fn malformed_input() {
    let cases: &[(String, &str)] = &[
        (format!("{APP}?code=%zz&state={STATE}"), "malformed_escape"),
        (format!("{APP}?code=abc%&state={STATE}"), "malformed_escape"),
        (format!("{APP}?code=abc&state={STATE}%"), "malformed_escape"),
        (format!("{APP}?code=%4&state={STATE}"), "malformed_escape"),
        (format!("{APP}?code=%4g&state={STATE}"), "malformed_escape"),
        (
            format!("{APP}?co%zzde=1&code=a&state={STATE}"),
            "malformed_escape",
        ),
        (
            format!("{APP}#access_token=%zz&token_type=bearer"),
            "malformed_escape",
        ),
        (format!("{APP}?code=%FF&state={STATE}"), "invalid_utf8"),
        (format!("{APP}?code=%C3&state={STATE}"), "invalid_utf8"),
        (
            format!("{APP}?code=%ED%A0%80&state={STATE}"),
            "invalid_utf8",
        ), // a surrogate
        (format!("{APP}?%FF=1&code=a&state={STATE}"), "invalid_utf8"),
        (format!("{APP}#error=x&state=%C0%AF"), "invalid_utf8"),
        (APP.to_owned(), "no_oauth_response"),
        (format!("{APP}?"), "no_oauth_response"),
        (format!("{APP}?foo=bar&state={STATE}"), "no_oauth_response"),
        (format!("{APP}#section-2"), "no_oauth_response"),
        (
            format!("{APP}?state={STATE}#state={STATE}"),
            "no_oauth_response",
        ),
        (String::new(), "invalid_url"),
        ("   ".to_owned(), "invalid_url"),
        (format!("{APP}?code=a\n&state={STATE}"), "invalid_url"),
        (format!("{APP}?code=a\u{0}&state={STATE}"), "invalid_url"),
        (format!("not a url?code=a&state={STATE}"), "invalid_url"),
        (format!("/relative/cb?code=a&state={STATE}"), "invalid_url"),
    ];
    for (url, code) in cases {
        let err = parse(url).unwrap_err();
        assert_eq!(err.code(), *code, "{url:?}: {err:?}");
    }
    // `%C3%A9` is fine: é.
    let cb = parse(&format!("{APP}?code=caf%C3%A9&state={STATE}")).unwrap();
    assert_eq!(code_of(&cb), "café");
    // The error names the parameter, not its value.
    let err = parse(&format!("{APP}?code=%zz&state={STATE}")).unwrap_err();
    assert_eq!(err, OAuthError::MalformedEscape("code".into()));
}

#[test]
fn issuer_check() {
    let iss = "https%3A%2F%2Fsandbox.bluebutton.cms.gov";
    let checks = CallbackChecks {
        expected_state: Some(&SENT_STATE),
        expected_issuer: Some(ISSUER),
    };
    let ok = [
        format!("{APP}?code=c&state={STATE}&iss={iss}"),
        format!("{APP}?error=access_denied&state={STATE}&iss={iss}"),
        format!("{APP}#access_token=t&token_type=bearer&state={STATE}&iss={iss}"),
    ];
    for url in &ok {
        let cb = parse_callback(url, checks).unwrap();
        assert!(cb.extra.is_empty(), "iss is a known parameter: {url}");
    }
    let bad: &[(String, Option<&str>)] = &[
        (format!("{APP}?code=c&state={STATE}"), None),
        (format!("{APP}?error=access_denied&state={STATE}"), None),
        (
            format!("{APP}?code=c&state={STATE}&iss={iss}%2F"),
            Some("https://sandbox.bluebutton.cms.gov/"),
        ),
        (
            format!("{APP}?code=c&state={STATE}&iss=https%3A%2F%2Fevil.example"),
            Some("https://evil.example"),
        ),
        (format!("{APP}?code=c&state={STATE}&iss="), Some("")),
        (
            format!("{APP}?code=c&state={STATE}&iss=HTTPS%3A%2F%2Fsandbox.bluebutton.cms.gov"),
            Some("HTTPS://sandbox.bluebutton.cms.gov"),
        ),
    ];
    for (url, found) in bad {
        let err = parse_callback(url, checks).unwrap_err();
        assert_eq!(
            err,
            OAuthError::IssuerMismatch {
                expected: ISSUER.into(),
                found: found.map(str::to_owned),
            },
            "{url}"
        );
        assert_eq!(err.code(), "issuer_mismatch");
    }
    // Without an expected issuer, `iss` is neither required nor checked.
    assert!(parse(&format!("{APP}?code=c&state={STATE}&iss=anything")).is_ok());
    assert!(parse(&format!("{APP}?code=c&state={STATE}")).is_ok());
}

#[test]
fn scrubbed_paths() {
    let cases: &[(&str, &str)] = &[
        ("https://app.example/app/?code=x&state=y&tab=2", "/app/?tab=2"),
        ("https://app.example/app/?tab=2&code=x&state=y", "/app/?tab=2"),
        ("https://app.example/app/?code=x&state=y", "/app/"),
        (
            "https://app.example/app/?error=access_denied&error_description=no&error_uri=u&state=s&page=1",
            "/app/?page=1",
        ),
        ("https://app.example/app/?code=x&iss=i&state=s", "/app/"),
        (
            "https://app.example/app/#access_token=t&token_type=bearer&expires_in=1&scope=a&state=s",
            "/app/",
        ),
        ("https://app.example/app/#error=access_denied&state=s", "/app/"),
        ("https://app.example/app/#section-2", "/app/#section-2"),
        ("https://app.example/app/#", "/app/"),
        ("https://app.example/app/?a=1&b=x+y#top", "/app/?a=1&b=x+y#top"),
        ("https://app.example/deep/path/page.html?code=c", "/deep/path/page.html"),
        ("https://app.example", "/"),
        ("not a url", "/"),
        ("", "/"),
    ];
    for (href, expected) in cases {
        assert_eq!(scrubbed_path(href), *expected, "{href}");
    }
}

const OAUTH_KEYS: [&str; 12] = [
    "code",
    "state",
    "error",
    "error_description",
    "error_uri",
    "access_token",
    "token_type",
    "expires_in",
    "scope",
    "iss",
    "refresh_token",
    "patient",
];

fn any_short_string() -> impl Strategy<Value = String> {
    prop::collection::vec(any::<char>(), 0..10).prop_map(String::from_iter)
}

fn soup_key() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(OAUTH_KEYS.to_vec()).prop_map(str::to_owned),
        1 => "[a-z%0-9+=_]{0,6}",
        1 => any_short_string(),
    ]
}

fn soup_value() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(STATE.to_owned()),
        Just("bearer".to_owned()),
        Just("3600".to_owned()),
        "[A-Za-z0-9%+=.&#?/ -]{0,12}",
        "(%[0-9A-Fa-fzZ]{0,2}){1,4}",
        any_short_string(),
    ]
}

fn soup() -> impl Strategy<Value = String> {
    let section = prop::collection::vec((soup_key(), prop::option::of(soup_value())), 0..8)
        .prop_map(|pairs| {
            pairs
                .into_iter()
                .map(|(k, v)| match v {
                    Some(v) => format!("{k}={v}"),
                    None => k,
                })
                .collect::<Vec<_>>()
                .join("&")
        });
    (
        prop::sample::select(vec![
            "",
            "https://app.example/cb",
            "http://localhost:3000/",
            "x:",
        ]),
        prop::collection::vec(
            (prop::sample::select(vec!["?", "#", "&", ""]), section),
            0..4,
        ),
    )
        .prop_map(|(base, parts)| {
            let mut out = base.to_owned();
            for (sep, part) in parts {
                out.push_str(sep);
                out.push_str(&part);
            }
            out
        })
}

/// Invariants every successful parse must keep.
fn check_invariants(url: &str, cb: &Callback, checks: CallbackChecks<'_>) {
    if let Some(expected) = checks.expected_state {
        assert_eq!(
            cb.state.as_ref().map(|s| s.secret()),
            Some(expected.secret()),
            "{url:?}"
        );
    }
    match &cb.result {
        CallbackResult::Code { code } => assert!(!code.secret().is_empty(), "{url:?}"),
        CallbackResult::Token {
            access_token,
            token_type,
            expires_in,
            ..
        } => {
            assert!(!access_token.secret().is_empty());
            assert_eq!(token_type, "Bearer");
            if let Some(e) = expires_in {
                assert!(e.is_finite() && *e >= 0.0, "{url:?}: {e}");
            }
        }
        CallbackResult::Error {
            error,
            description,
            uri,
        } => {
            assert!(!error.as_str().is_empty() && error.as_str().chars().all(rfc_text));
            for text in description.iter().chain(uri.iter()) {
                assert!(text.chars().all(rfc_text), "{url:?}: {text:?}");
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(10_000))]

    /// R8: arbitrary strings never panic the parser or the decoder; successes keep the
    /// invariants; the strict decoder agrees with `form_urlencoded` whenever it succeeds.
    #[test]
    fn arbitrary_strings_never_panic(url in any::<String>()) {
        for checks in [CallbackChecks::default(), with_state()] {
            if let Ok(cb) = parse_callback(&url, checks) {
                check_invariants(&url, &cb, checks);
            }
        }
        if let Ok(pairs) = decode_pairs(&url) {
            let lenient: Vec<(String, String)> = form_urlencoded::parse(url.as_bytes()).into_owned().collect();
            prop_assert_eq!(pairs, lenient);
        }
    }

    /// R8 with inputs that look like OAuth responses: `?`/`#`-joined parameter soups.
    #[test]
    fn parameter_soups_never_panic(url in soup()) {
        let plain = parse_callback(&url, CallbackChecks::default());
        let checks = with_state();
        let checked = parse_callback(&url, checks);
        if let Ok(cb) = &plain {
            check_invariants(&url, cb, CallbackChecks::default());
        }
        if let Ok(cb) = &checked {
            check_invariants(&url, cb, checks);
            // The state check only ever removes successes.
            prop_assert_eq!(plain.as_ref().ok(), Some(cb));
        }
        if plain.is_err() {
            // Checks never turn a failure into a success.
            prop_assert!(checked.is_err());
        }
        // The scrubber never panics; for an http(s) page it keeps no OAuth parameter.
        let scrubbed = scrubbed_path(&url);
        if url.starts_with("http") {
            prop_assert!(scrubbed.starts_with('/'), "{:?} -> {:?}", url, scrubbed);
            let again = url::Url::parse(&format!("https://h.example{scrubbed}")).unwrap();
            let fragment = again.fragment().unwrap_or("");
            let leftover = again
                .query_pairs()
                .chain(form_urlencoded::parse(fragment.as_bytes()))
                .find(|(k, _)| OAUTH_KEYS.contains(&k.as_ref()));
            prop_assert!(leftover.is_none(), "{:?} -> {:?}", url, scrubbed);
        }
    }

}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1_000))]

    /// The strict decoder inverts form encoding for any pairs.
    #[test]
    fn decode_inverts_form_encoding(pairs in prop::collection::vec((any::<String>(), any::<String>()), 0..6)) {
        let mut ser = form_urlencoded::Serializer::new(String::new());
        for (k, v) in &pairs {
            ser.append_pair(k, v);
        }
        let encoded = ser.finish();
        prop_assert_eq!(decode_pairs(&encoded).unwrap(), pairs);
    }
}
