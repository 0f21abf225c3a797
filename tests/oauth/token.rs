//! The token endpoint, sans-IO: exact request bytes, success-body processing (R19), and every
//! error body shape Blue Button sends (`shared/docs/bluebutton-api.md` §3, §11).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use bluebutton_wasm::core::api::env::{ApiVersion, Endpoints, Environment};
use bluebutton_wasm::core::http::{HttpRequest, HttpResponse, Method};
use bluebutton_wasm::core::oauth::error::OAuthError;
use bluebutton_wasm::core::oauth::pkce::CodeVerifier;
use bluebutton_wasm::core::oauth::secret::{
    AccessToken, AuthorizationCode, ClientSecret, RefreshToken,
};
use bluebutton_wasm::core::oauth::token::{
    process_revoke_response, process_token_response, TokenClient, TokenSet, DEFAULT_EXPIRES_IN_S,
    REFRESH_SKEW_MS,
};

const APPENDIX_B_OCTETS: [u8; 32] = [
    116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186, 22, 212, 37, 77,
    105, 214, 191, 240, 91, 88, 5, 88, 83, 132, 141, 121,
];
/// A fixed "received at" time (Unix ms), as the shell's clock would pass it.
const NOW: f64 = 1_700_000_000_000.0;

fn client(secret: Option<&str>) -> TokenClient {
    let mut c = TokenClient::new(
        &Endpoints::new(&Environment::Sandbox, ApiVersion::V2),
        "my-client",
    );
    c.client_secret = secret.map(ClientSecret::new);
    c
}

fn body(req: &HttpRequest) -> &str {
    std::str::from_utf8(&req.body).unwrap()
}

fn assert_form_post(req: &HttpRequest, url: &str) {
    assert_eq!(req.method, Method::Post);
    assert_eq!(req.method.as_str(), "POST");
    assert_eq!(req.url, url);
    assert_eq!(
        req.headers,
        vec![
            (
                "content-type".to_owned(),
                "application/x-www-form-urlencoded".to_owned()
            ),
            ("accept".to_owned(), "application/json".to_owned()),
        ]
    );
    assert_eq!(
        req.header("Content-Type"),
        Some("application/x-www-form-urlencoded")
    );
}

fn response(status: u16, body: &str) -> HttpResponse {
    HttpResponse::new(status, vec![], body.as_bytes().to_vec())
}

fn ok_body(json: &str) -> Result<TokenSet, OAuthError> {
    process_token_response(&response(200, json), NOW)
}

#[test]
fn code_exchange_request_bytes() {
    let req = client(None).code_exchange_request(
        &AuthorizationCode::new("code-123"),
        "https://app.example/cb?x=1",
        CodeVerifier::from_entropy(&APPENDIX_B_OCTETS),
    );
    assert_form_post(&req, "https://sandbox.bluebutton.cms.gov/v2/o/token/");
    assert_eq!(
        body(&req),
        "grant_type=authorization_code&code=code-123&redirect_uri=https%3A%2F%2Fapp.example%2Fcb%3Fx%3D1&client_id=my-client&code_verifier=dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
    );

    let req = client(Some("s+cret&x=~")).code_exchange_request(
        &AuthorizationCode::new("a b"),
        "http://127.0.0.1:8080/",
        CodeVerifier::from_entropy(&APPENDIX_B_OCTETS),
    );
    assert_form_post(&req, "https://sandbox.bluebutton.cms.gov/v2/o/token/");
    assert_eq!(
        body(&req),
        "grant_type=authorization_code&code=a+b&redirect_uri=http%3A%2F%2F127.0.0.1%3A8080%2F&client_id=my-client&code_verifier=dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk&client_secret=s%2Bcret%26x%3D%7E"
    );
}

#[test]
fn refresh_and_revoke_request_bytes() {
    let req = client(None).refresh_request(&RefreshToken::new("r1"));
    assert_form_post(&req, "https://sandbox.bluebutton.cms.gov/v2/o/token/");
    assert_eq!(
        body(&req),
        "grant_type=refresh_token&refresh_token=r1&client_id=my-client"
    );

    let req = client(Some("shh")).refresh_request(&RefreshToken::new("r/2="));
    assert_eq!(
        body(&req),
        "grant_type=refresh_token&refresh_token=r%2F2%3D&client_id=my-client&client_secret=shh"
    );

    let req = client(None).revoke_request("tok");
    assert_form_post(
        &req,
        "https://sandbox.bluebutton.cms.gov/v2/o/revoke_token/",
    );
    assert_eq!(body(&req), "token=tok&client_id=my-client");

    let req = client(Some("shh")).revoke_request("tok");
    assert_eq!(
        body(&req),
        "token=tok&client_id=my-client&client_secret=shh"
    );

    // A relay replaces the token and revoke endpoints and keeps the version path.
    let endpoints = Endpoints::new(&Environment::Production, ApiVersion::V3)
        .with_relay("https://relay.example.org/")
        .unwrap();
    let relayed = TokenClient::new(&endpoints, "app");
    assert_eq!(
        relayed.refresh_request(&RefreshToken::new("r")).url,
        "https://relay.example.org/v3/o/token/"
    );
    assert_eq!(
        relayed.revoke_request("t").url,
        "https://relay.example.org/v3/o/revoke_token/"
    );
    assert_eq!(
        endpoints.fhir_base,
        "https://api.bluebutton.cms.gov/v3/fhir/"
    );
    assert!(Endpoints::new(&Environment::Sandbox, ApiVersion::V2)
        .with_relay("not a url")
        .is_err());
}

#[test]
fn bb2_success_body() {
    let t = ok_body(
        r#"{"access_token":"at-1","token_type":"Bearer","expires_in":3600,"scope":"profile patient/Patient.rs patient/Coverage.rs patient/ExplanationOfBenefit.rs","refresh_token":"rt-1","patient":"-20140000008325","access_grant_expiration":"2027-12-01T10:00:00Z"}"#,
    )
    .unwrap();
    assert_eq!(t.access_token.secret(), "at-1");
    assert_eq!(t.token_type, "Bearer");
    assert_eq!(t.expires_in, 3600.0);
    assert_eq!(t.expires_at_ms, NOW + 3_600_000.0);
    assert_eq!(
        t.scopes,
        [
            "profile",
            "patient/Patient.rs",
            "patient/Coverage.rs",
            "patient/ExplanationOfBenefit.rs"
        ]
    );
    assert_eq!(t.refresh_token.as_ref().map(|r| r.secret()), Some("rt-1"));
    assert_eq!(t.patient.as_deref(), Some("-20140000008325"));
    assert_eq!(
        t.access_grant_expiration.as_deref(),
        Some("2027-12-01T10:00:00Z")
    );
    // `date -u -d 2027-12-01T10:00:00Z +%s` = 1827655200
    assert_eq!(t.access_grant_expiration_ms, Some(1_827_655_200_000.0));
    assert!(t.warnings.is_empty());
    assert!(t.demographics_shared());

    // The docs' variant: space instead of T, lower-case bearer, no refresh token.
    let t = ok_body(
        r#"{"access_token":"a","expires_in":36000,"token_type":"bearer","scope":"profile","patient":"-20140000000001","access_grant_expiration":"2025-09-05 19:17:53Z"}"#,
    )
    .unwrap();
    assert_eq!(t.token_type, "Bearer");
    assert_eq!(t.access_grant_expiration_ms, Some(1_757_099_873_000.0));
    assert_eq!(t.refresh_token, None);

    // `""` (research-study apps, missing grant) and blank mean "no grant expiration".
    for empty in [r#""""#, r#""  ""#, "null"] {
        let t = ok_body(&format!(
            r#"{{"access_token":"a","token_type":"Bearer","expires_in":3600,"access_grant_expiration":{empty}}}"#
        ))
        .unwrap();
        assert_eq!(t.access_grant_expiration, None, "{empty}");
        assert_eq!(t.access_grant_expiration_ms, None, "{empty}");
    }
    // Unreadable dates keep the text and give no milliseconds.
    for odd in [
        "yesterday",
        "2027-13-01T00:00:00Z",
        "2027-12-01T10:00:00",
        "2027-12-01",
    ] {
        let t = ok_body(&format!(
            r#"{{"access_token":"a","token_type":"Bearer","expires_in":3600,"access_grant_expiration":"{odd}"}}"#
        ))
        .unwrap();
        assert_eq!(t.access_grant_expiration.as_deref(), Some(odd));
        assert_eq!(t.access_grant_expiration_ms, None, "{odd}");
    }
    // Empty refresh token and patient are absent; a numeric patient id is kept as text.
    let t = ok_body(
        r#"{"access_token":"a","token_type":"Bearer","expires_in":1,"refresh_token":"","patient":""}"#,
    )
    .unwrap();
    assert_eq!(t.refresh_token, None);
    assert_eq!(t.patient, None);
    let t = ok_body(r#"{"access_token":"a","token_type":"Bearer","expires_in":1,"patient":12345}"#)
        .unwrap();
    assert_eq!(t.patient.as_deref(), Some("12345"));
}

#[test]
fn expires_in_variants() {
    // (JSON value, Ok(expires_in, warned) or Err)
    let cases: &[(&str, Option<(f64, bool)>)] = &[
        ("3600", Some((3600.0, false))),
        ("16768.523842", Some((16768.523842, false))),
        ("0", Some((0.0, false))),
        (r#""3600""#, Some((3600.0, false))),
        (r#""3599.5""#, Some((3599.5, false))),
        ("null", Some((DEFAULT_EXPIRES_IN_S, true))),
        ("-1", None),
        ("-0.5", None),
        (r#""-1""#, None),
        (r#""abc""#, None),
        (r#""""#, None),
        (r#""1e309""#, None),
        ("true", None),
        ("[3600]", None),
        (r#"{"s":3600}"#, None),
    ];
    for (value, expected) in cases {
        let json = format!(r#"{{"access_token":"a","token_type":"Bearer","expires_in":{value}}}"#);
        match (ok_body(&json), expected) {
            (Ok(t), Some((secs, warned))) => {
                assert!(
                    (t.expires_in - secs).abs() < 1e-9,
                    "{value}: {}",
                    t.expires_in
                );
                assert!(
                    (t.expires_at_ms - (NOW + secs * 1000.0)).abs() < 1e-3,
                    "{value}: {}",
                    t.expires_at_ms
                );
                assert_eq!(!t.warnings.is_empty(), *warned, "{value}: {:?}", t.warnings);
            }
            (Err(e), None) => assert_eq!(e.code(), "invalid_token_response", "{value}"),
            (got, want) => panic!("{value}: got {got:?}, want {want:?}"),
        }
    }
    // R19: a missing expires_in falls back to 300 s, with a warning saying so.
    assert_eq!(DEFAULT_EXPIRES_IN_S, 300.0);
    let t = ok_body(r#"{"access_token":"a","token_type":"Bearer"}"#).unwrap();
    assert_eq!(t.expires_in, 300.0);
    assert_eq!(t.expires_at_ms, NOW + 300_000.0);
    assert_eq!(t.warnings.len(), 1);
    assert!(t.warnings[0].contains("expires_in") && t.warnings[0].contains("300"));

    // The implicit flow's token set follows the same rule.
    let t = TokenSet::from_implicit(AccessToken::new("a"), None, vec![], None, NOW);
    assert_eq!(t.expires_at_ms, NOW + 300_000.0);
    assert_eq!(t.warnings.len(), 1);
    let t = TokenSet::from_implicit(AccessToken::new("a"), Some(35849.875807), vec![], None, NOW);
    assert!((t.expires_at_ms - (NOW + 35_849_875.807)).abs() < 1e-3);
    assert!(t.warnings.is_empty());
}

#[test]
fn invalid_success_bodies() {
    let cases = [
        "",
        "not json",
        "<html>oops</html>",
        "[]",
        "null",
        r#""at""#,
        r#"{"token_type":"Bearer","expires_in":3600}"#,
        r#"{"access_token":"","token_type":"Bearer","expires_in":3600}"#,
        r#"{"access_token":null,"token_type":"Bearer"}"#,
        r#"{"access_token":"a","expires_in":3600}"#,
        r#"{"access_token":"a","token_type":"mac","expires_in":3600}"#,
        r#"{"access_token":"a","token_type":"DPoP","expires_in":3600}"#,
        r#"{"access_token":"a","token_type":"","expires_in":3600}"#,
        r#"{"access_token":7,"token_type":"Bearer"}"#,
        r#"{"access_token":"a","token_type":"Bearer","scope":["a"]}"#,
        r#"{"access_token":"a","token_type":"Bearer""#,
    ];
    for body in cases {
        let err = ok_body(body).unwrap_err();
        assert_eq!(err.code(), "invalid_token_response", "{body:?}: {err:?}");
    }
    let err = ok_body(r#"{"access_token":"a","token_type":"mac"}"#).unwrap_err();
    assert!(err.to_string().contains("mac"), "{err}");
}

#[test]
fn needs_refresh_at_the_skew_boundary() {
    assert_eq!(REFRESH_SKEW_MS, 10_000.0);
    let t = ok_body(r#"{"access_token":"a","token_type":"Bearer","expires_in":3600}"#).unwrap();
    let expiry = NOW + 3_600_000.0;
    assert_eq!(t.expires_at_ms, expiry);
    // A fake clock walking up to and past the boundary.
    let cases = [
        (NOW, false),
        (expiry - REFRESH_SKEW_MS - 1.0, false),
        (expiry - REFRESH_SKEW_MS - 0.001, false),
        (expiry - REFRESH_SKEW_MS, true),
        (expiry - REFRESH_SKEW_MS + 1.0, true),
        (expiry - 1.0, true),
        (expiry, true),
        (expiry + 86_400_000.0, true),
    ];
    for (now, expected) in cases {
        assert_eq!(
            t.needs_refresh(now, REFRESH_SKEW_MS),
            expected,
            "now = expiry {:+} ms",
            now - expiry
        );
    }
    // With no skew the boundary is the expiry itself.
    assert!(!t.needs_refresh(expiry - 1.0, 0.0));
    assert!(t.needs_refresh(expiry, 0.0));
    // A zero-lifetime token needs a refresh at once.
    let t = ok_body(r#"{"access_token":"a","token_type":"Bearer","expires_in":0}"#).unwrap();
    assert!(t.needs_refresh(NOW, 0.0));
}

#[test]
fn demographics_shared() {
    let cases: &[(&str, bool)] = &[
        ("profile patient/Patient.read", true),
        ("profile patient/Patient.rs", true),
        ("patient/Patient.r profile", true),
        ("profile patient/Patient.s", true),
        (
            "openid profile patient/Patient.* patient/Coverage.read",
            true,
        ),
        ("patient/Patient.read", false),
        ("patient/Patient.rs patient/Coverage.rs", false),
        ("profile", false),
        (
            "profile patient/Coverage.read patient/ExplanationOfBenefit.rs",
            false,
        ),
        ("profile patient/Patient.readx", false),
        ("profile patient/Patient.", false),
        ("profile patient/Patient", false),
        ("profile user/Patient.read", false),
        ("profiles patient/Patient.read", false),
        ("", false),
    ];
    for (scope, expected) in cases {
        let t = ok_body(&format!(
            r#"{{"access_token":"a","token_type":"Bearer","expires_in":3600,"scope":"{scope}"}}"#
        ))
        .unwrap();
        assert_eq!(t.demographics_shared(), *expected, "{scope:?}");
        let implicit = TokenSet::from_implicit(
            AccessToken::new("a"),
            Some(1.0),
            scope
                .split(' ')
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect(),
            None,
            0.0,
        );
        assert_eq!(
            implicit.demographics_shared(),
            *expected,
            "implicit {scope:?}"
        );
    }
}

/// (status, body, expected code, words from the server the message must keep)
const ERROR_SHAPES: &[(u16, &str, &str, &str)] = &[
    (
        400,
        r#"{"error":"invalid_request","error_description":"Missing code_verifier."}"#,
        "token_endpoint_error",
        "Missing code_verifier.",
    ),
    // §3, §12.6: ONE_TIME apps may not refresh: the hour is over, an ended session whose
    // message says to sign in again (not the client-secret hint of client_authentication).
    (
        403,
        r#"{"status_code":403,"error":"invalid_client","error_description":"Your application is not allowed to refresh tokens. Please contact support."}"#,
        "session_expired",
        "Your application is not allowed to refresh tokens.",
    ),
    (
        401,
        r#"{"status_code":401,"error":"invalid_grant","error_description":"User access has timed out. Please request access again."}"#,
        "session_expired",
        "User access has timed out.",
    ),
    (
        400,
        r#"{"error":"invalid_grant","error_description":"The authorization for accessing user data has expired. Please re-authorize."}"#,
        "session_expired",
        "The authorization for accessing user data has expired",
    ),
    (
        403,
        r#"{"status_code":403,"error":"invalid_grant","error_description":"User access cannot be found. Please request access again."}"#,
        "access_revoked",
        "User access cannot be found.",
    ),
    (
        401,
        r#"{"error":"invalid_client","error_description":"Client authentication failed."}"#,
        "client_authentication",
        "Client authentication failed.",
    ),
    (
        401,
        r#"{"error":"invalid_client"}"#,
        "client_authentication",
        "invalid_client",
    ),
    (
        400,
        r#"{"error":"invalid_grant","error_description":"code_challenge does not match"}"#,
        "invalid_grant",
        "code_challenge does not match",
    ),
    (
        400,
        r#"{"error":"invalid_grant"}"#,
        "invalid_grant",
        "invalid_grant",
    ),
    (
        400,
        // The refresh token was deleted: a newer consent to this app replaced it (§12.5).
        r#"{"status_code":400,"error":"invalid_grant","error_description":"Refresh token not found."}"#,
        "access_revoked",
        "Refresh token not found.",
    ),
    (
        403,
        r#"{"detail": "You do not have permission to perform this action."}"#,
        "token_endpoint_error",
        "You do not have permission to perform this action.",
    ),
    (
        401,
        r#"{"detail": "Authentication credentials were not provided."}"#,
        "client_authentication",
        "Authentication credentials were not provided.",
    ),
    (
        404,
        r#"{"status_code":404,"message":"Not found."}"#,
        "token_endpoint_error",
        "Not found.",
    ),
    (
        502,
        r#"{"status_code":502,"message":"Failed to retrieve data from data source."}"#,
        "token_endpoint_error",
        "Failed to retrieve data from data source.",
    ),
    (
        403,
        r#"{"status_code":403,"message":"Request denied"}"#,
        "token_endpoint_error",
        "Request denied",
    ),
    (
        400,
        r#"{"status_code":400,"message":"Missing Required Parameter(s): code_verifier"}"#,
        "token_endpoint_error",
        "Missing Required Parameter(s): code_verifier",
    ),
    (
        400,
        "Illegal query parameter [client_secret] detected",
        "token_endpoint_error",
        "Illegal query parameter [client_secret] detected",
    ),
    (
        502,
        "<html><body>502 Bad Gateway</body></html>",
        "token_endpoint_error",
        "502 Bad Gateway",
    ),
    (500, "", "token_endpoint_error", "500 with an empty body"),
    (
        503,
        "   \n",
        "token_endpoint_error",
        "503 with an empty body",
    ),
    (401, "", "client_authentication", "401 with an empty body"),
];

#[test]
fn every_error_shape_keeps_the_servers_words() {
    for (status, body, code, words) in ERROR_SHAPES {
        for received_at in [0.0, NOW] {
            let err = process_token_response(&response(*status, body), received_at).unwrap_err();
            assert_eq!(err.code(), *code, "{status} {body}: {err:?}");
            let message = err.to_string();
            assert!(message.contains(words), "{status} {body}: {message}");
        }
    }
    // The status and the OAuth error code are kept where the variant has them.
    let err = process_token_response(&response(400, ERROR_SHAPES[0].1), NOW).unwrap_err();
    assert_eq!(
        err,
        OAuthError::TokenEndpoint {
            status: 400,
            error: Some("invalid_request".into()),
            description: "Missing code_verifier.".into(),
        }
    );
    let err = process_token_response(&response(400, ERROR_SHAPES[7].1), NOW).unwrap_err();
    assert_eq!(
        err,
        OAuthError::InvalidGrant {
            status: 400,
            error: "invalid_grant".into(),
            description: "code_challenge does not match".into(),
        }
    );
    // The advice fits a refused code and a refused refresh token alike, and the server's
    // sentence is not doubled up ("found..").
    for description in ["Invalid code.", "code_challenge does not match"] {
        let body = format!(r#"{{"error":"invalid_grant","error_description":"{description}"}}"#);
        let message = process_token_response(&response(400, &body), NOW)
            .unwrap_err()
            .to_string();
        assert!(!message.contains(".."), "{message}");
        assert!(message.contains("Sign in again"), "{message}");
        assert!(message.contains("refresh token works once"), "{message}");
        assert!(
            message.contains(description.trim_end_matches('.')),
            "{message}"
        );
    }
    // Long plain-text bodies are cut to 300 characters.
    let long = "y".repeat(10_000);
    match process_token_response(&response(500, &long), NOW).unwrap_err() {
        OAuthError::TokenEndpoint { description, .. } => assert_eq!(description.len(), 300),
        other => panic!("{other:?}"),
    }
    // Non-UTF-8 bodies do not break the mapping.
    let err = process_token_response(&HttpResponse::new(500, vec![], vec![0xff, 0xfe, b'x']), NOW)
        .unwrap_err();
    assert_eq!(err.code(), "token_endpoint_error");
    // Any non-200 status is an error, even with a token in the body.
    let err = process_token_response(
        &response(
            201,
            r#"{"access_token":"a","token_type":"Bearer","expires_in":1}"#,
        ),
        NOW,
    )
    .unwrap_err();
    assert_eq!(err.code(), "token_endpoint_error");
}

#[test]
fn transient_errors_are_not_session_expiry() {
    // A gateway or upstream timeout is not the 13-month "User access has timed out": the
    // app must not throw the session away for it.
    let cases: &[(u16, &str)] = &[
        (504, "upstream request timed out"),
        (504, r#"{"detail":"The request timed out."}"#),
        (
            502,
            r#"{"status_code":502,"message":"Connection to data source timed out."}"#,
        ),
        (408, "Request timed out"),
    ];
    for (status, body) in cases {
        let err = process_token_response(&response(*status, body), NOW).unwrap_err();
        assert_eq!(
            err.code(),
            "token_endpoint_error",
            "{status} {body}: {err:?}"
        );
    }
}

#[test]
fn revoke_responses() {
    assert_eq!(process_revoke_response(&response(200, "")), Ok(()));
    assert_eq!(process_revoke_response(&response(200, "{}")), Ok(()));
    let err = process_revoke_response(&response(
        403,
        r#"{"status_code":403,"description":"Application did not have access to the provided token."}"#,
    ))
    .unwrap_err();
    assert_eq!(
        err,
        OAuthError::TokenEndpoint {
            status: 403,
            error: None,
            description: "Application did not have access to the provided token.".into(),
        }
    );
    assert!(err
        .to_string()
        .contains("Application did not have access to the provided token."));
    let err = process_revoke_response(&response(401, r#"{"error":"invalid_client"}"#)).unwrap_err();
    assert_eq!(err.code(), "client_authentication");
    let err = process_revoke_response(&response(503, "")).unwrap_err();
    assert_eq!(err.code(), "token_endpoint_error");
}

fn decoded(req: &HttpRequest) -> Vec<(String, String)> {
    form_urlencoded::parse(&req.body).into_owned().collect()
}

fn owned(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1_000))]

    /// Every request body decodes back to exactly the fields sent, in order, whatever the
    /// characters in the code, redirect URI, client id, token or secret.
    #[test]
    fn request_bodies_round_trip(
        code in proptest::prelude::any::<String>(),
        redirect in proptest::prelude::any::<String>(),
        client_id in proptest::prelude::any::<String>(),
        token in proptest::prelude::any::<String>(),
        secret in proptest::option::of(proptest::prelude::any::<String>()),
        entropy in proptest::prelude::any::<[u8; 32]>(),
    ) {
        let mut c = TokenClient::new(&Endpoints::new(&Environment::Sandbox, ApiVersion::V2), client_id.clone());
        c.client_secret = secret.clone().map(ClientSecret::new);
        let verifier = CodeVerifier::from_entropy(&entropy);
        let verifier_text = verifier.secret().to_owned();
        let with_secret = |mut fields: Vec<(String, String)>| {
            if let Some(s) = &secret {
                fields.push(("client_secret".to_owned(), s.clone()));
            }
            fields
        };

        let req = c.code_exchange_request(&AuthorizationCode::new(code.clone()), &redirect, verifier);
        proptest::prop_assert_eq!(decoded(&req), with_secret(owned(&[
            ("grant_type", "authorization_code"),
            ("code", &code),
            ("redirect_uri", &redirect),
            ("client_id", &client_id),
            ("code_verifier", &verifier_text),
        ])));

        let req = c.refresh_request(&RefreshToken::new(token.clone()));
        proptest::prop_assert_eq!(decoded(&req), with_secret(owned(&[
            ("grant_type", "refresh_token"),
            ("refresh_token", &token),
            ("client_id", &client_id),
        ])));

        let req = c.revoke_request(&token);
        proptest::prop_assert_eq!(decoded(&req), with_secret(owned(&[
            ("token", &token),
            ("client_id", &client_id),
        ])));
        // Bodies are plain ASCII (everything else percent-encoded).
        proptest::prop_assert!(req.body.iter().all(u8::is_ascii_graphic));
    }
}

/// §12.6: a one-time app's refused refresh is an ended session that says why, so the app
/// offers a reconnect instead of refreshing again.
#[test]
fn one_time_refresh_refusal_is_an_ended_session() {
    let body = r#"{"status_code":403,"error":"invalid_client","error_description":"Your application is not allowed to refresh tokens. Please contact support."}"#;
    let err = process_token_response(&response(403, body), NOW).unwrap_err();
    assert!(matches!(err, OAuthError::SessionExpired { .. }), "{err:?}");
    let message = err.to_string();
    assert!(message.contains("one-time access"), "{message}");
    assert!(message.contains("sign in and consent again"), "{message}");
}
