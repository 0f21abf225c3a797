//! Edge cases found by review of the OAuth core: Blue Button's stateless `not_found`,
//! an app fragment next to a query response, token values kept out of errors, and
//! absurd lifetimes.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use bluebutton_wasm::core::http::HttpResponse;
use bluebutton_wasm::core::oauth::callback::{
    parse_callback, AuthErrorCode, CallbackChecks, CallbackResult,
};
use bluebutton_wasm::core::oauth::pending::PendingAuthorization;
use bluebutton_wasm::core::oauth::token::process_token_response;

const STATE: &str = "0123456789abcdef0123";
/// [`STATE`] as the app keeps it: a redacted, constant-time-compared `State`.
static SENT_STATE: std::sync::LazyLock<bluebutton_wasm::core::oauth::secret::State> =
    std::sync::LazyLock::new(|| STATE.into());

fn checks() -> CallbackChecks<'static> {
    CallbackChecks {
        expected_state: Some(&SENT_STATE),
        expected_issuer: None,
    }
}

#[test]
fn blue_buttons_stateless_not_found_reaches_the_app() {
    let cb = parse_callback("https://app.example/cb?error=not_found", checks()).unwrap();
    assert!(matches!(
        cb.result,
        CallbackResult::Error { error: AuthErrorCode::Other(ref e), .. } if e == "not_found"
    ));
    // Any other stateless error is still refused.
    let err = parse_callback("https://app.example/cb?error=access_denied", checks()).unwrap_err();
    assert_eq!(err.code(), "missing_state");
    // And a code without state too.
    let err = parse_callback("https://app.example/cb?code=x", checks()).unwrap_err();
    assert_eq!(err.code(), "missing_state");
}

#[test]
fn an_app_fragment_does_not_hide_a_query_response() {
    let url = format!("https://app.example/cb?code=abc&state={STATE}#%zz");
    let cb = parse_callback(&url, checks()).unwrap();
    assert!(matches!(cb.result, CallbackResult::Code { .. }));
    // A malformed fragment that carries a response is still an error.
    let url = format!("https://app.example/cb#access_token=%zz&state={STATE}");
    assert_eq!(
        parse_callback(&url, checks()).unwrap_err().code(),
        "malformed_escape"
    );
}

#[test]
fn a_token_shaped_body_is_not_echoed_in_errors() {
    let body = br#""tok-SECRET-123""#.to_vec();
    let err = process_token_response(&HttpResponse::new(200, vec![], body), 0.0).unwrap_err();
    assert_eq!(err.code(), "invalid_token_response");
    assert!(!err.to_string().contains("SECRET"), "{err}");
}

#[test]
fn absurd_lifetimes_are_refused() {
    let body = br#"{"access_token":"a","token_type":"Bearer","expires_in":1e308}"#.to_vec();
    let err = process_token_response(&HttpResponse::new(200, vec![], body), 0.0).unwrap_err();
    assert_eq!(err.code(), "invalid_token_response");
    let url = format!(
        "https://app.example/cb#access_token=a&token_type=bearer&expires_in={}&state={STATE}",
        "9".repeat(40)
    );
    assert_eq!(
        parse_callback(&url, checks()).unwrap_err().code(),
        "invalid_parameter"
    );
}

#[test]
fn debug_output_redacts_state_and_verifier() {
    let cb = parse_callback(
        &format!("https://app.example/cb?code=abc&state={STATE}"),
        checks(),
    )
    .unwrap();
    assert!(!format!("{cb:?}").contains(STATE));
    let p = PendingAuthorization {
        state: STATE.into(),
        verifier: "v".repeat(43),
        redirect_uri: "https://app.example/cb".into(),
        env: "sandbox".into(),
        version: 2,
        client_id: "c".into(),
        response_type: "code".into(),
        created_at_ms: 0.0,
    };
    let text = format!("{p:?}");
    assert!(
        !text.contains(STATE) && !text.contains(&"v".repeat(43)),
        "{text}"
    );
}

/// Found by `cargo fuzz run callback` (artifact crash-39a6db49…): an uppercase ASCII host
/// followed by non-ASCII bytes tripped a debug assertion in the URL parser's ASCII-only IDNA
/// back end. Non-ASCII URLs are now refused before parsing, everywhere.
#[test]
fn fuzz_regression_non_ascii_urls_are_errors_not_panics() {
    let input = String::from_utf8_lossy(&[119, 115, 58, 99, 79, 253, 253, 253, 63]).into_owned();
    assert_eq!(
        parse_callback(&input, CallbackChecks::default())
            .unwrap_err()
            .code(),
        "invalid_url"
    );
    assert!(parse_callback("https://exAmple.ørg/cb?code=x", CallbackChecks::default()).is_err());
    use bluebutton_wasm::core::http::origin::{rebase_link, same_origin};
    let base = "https://sandbox.bluebutton.cms.gov/v2/fhir/";
    assert!(same_origin(base, "ws:cO\u{fffd}?").is_err());
    assert!(same_origin(base, "https://SANDBOX.bluebutton.cms.göv/").is_err());
    assert!(rebase_link(base, "https://X.ß/").is_err());
    assert_eq!(
        bluebutton_wasm::core::oauth::scrub::scrubbed_path("https://A.é/?code=1"),
        "/"
    );
    assert!(bluebutton_wasm::core::api::env::Environment::parse("https://bLue.bütton/").is_err());
}

/// Found by the same fuzzer once non-ASCII was refused (artifact crash-7bc63e65…): an ASCII
/// text whose host is percent-encoded (`%AA` decodes to a non-ASCII byte).
#[test]
fn fuzz_regression_percent_encoded_hosts_are_errors_not_panics() {
    let input = String::from_utf8_lossy(&[
        119, 115, 58, 53, 99, 111, 100, 101, 67, 37, 65, 65, 91, 37, 65, 65, 58,
    ])
    .into_owned();
    assert_eq!(
        parse_callback(&input, CallbackChecks::default())
            .unwrap_err()
            .code(),
        "invalid_url"
    );
    use bluebutton_wasm::core::http::origin::same_origin;
    let base = "https://sandbox.bluebutton.cms.gov/v2/fhir/";
    assert!(same_origin(base, "https://sandbox.bluebutton.cms.g%6Fv/v2/fhir/").is_err());
    assert!(same_origin(base, "//ev%69l.example/x").is_err());
    // Percent-escapes in paths and queries stay fine.
    assert!(same_origin(
        base,
        "ExplanationOfBenefit/?_lastUpdated=gt2024-01-01T00%3A00%3A00Z"
    )
    .is_ok());
    assert!(parse_callback(
        "https://app.example/cb?code=a%2Bb&state=0123456789abcdef0123",
        checks()
    )
    .is_ok());
}

/// Third fuzz finding (crash-… `ws\n:A%Baaa20\0`): the URL parser drops newlines, so the
/// guard must see the scheme the way the parser will.
#[test]
fn fuzz_regression_newlines_in_the_scheme() {
    let input = String::from_utf8_lossy(&[119, 115, 10, 58, 65, 37, 66, 97, 97, 97, 50, 48, 0])
        .into_owned();
    assert_eq!(
        bluebutton_wasm::core::oauth::scrub::scrubbed_path(&input),
        "/"
    );
    assert!(parse_callback(&input, CallbackChecks::default()).is_err());
    let base = "https://sandbox.bluebutton.cms.gov/v2/fhir/";
    assert!(bluebutton_wasm::core::http::origin::same_origin(base, "ht\ttps://x%41/").is_err());
}
