//! Any bytes → lossy UTF-8 → the redirect parser, with and without an expected state and
//! issuer, and the strict form decoder (checklist R8). Besides "never panics", it checks
//! the invariants every accepted callback must keep.
#![no_main]

use bluebutton_core::oauth::callback::{parse_callback, CallbackChecks, CallbackResult};
use bluebutton_core::oauth::form::decode_pairs;
use bluebutton_core::oauth::scrub::scrubbed_path;
use libfuzzer_sys::fuzz_target;

const STATE: &str = "0123456789abcdef0123";
/// [`STATE`] as the app keeps it: a redacted, constant-time-compared `State`.
static SENT_STATE: std::sync::LazyLock<bluebutton_core::oauth::secret::State> =
    std::sync::LazyLock::new(|| STATE.into());
const ISSUER: &str = "https://sandbox.bluebutton.cms.gov";

fn rfc_text(c: char) -> bool {
    c == ' ' || c == '!' || ('#'..='[').contains(&c) || (']'..='~').contains(&c)
}

fn check(cb: &bluebutton_core::oauth::callback::Callback) {
    match &cb.result {
        CallbackResult::Code { code } => assert!(!code.secret().is_empty()),
        CallbackResult::Token {
            access_token,
            token_type,
            expires_in,
            ..
        } => {
            assert!(!access_token.secret().is_empty());
            assert_eq!(token_type, "Bearer");
            if let Some(e) = expires_in {
                assert!(e.is_finite() && *e >= 0.0);
            }
        }
        CallbackResult::Error {
            error,
            description,
            uri,
        } => {
            assert!(!error.as_str().is_empty() && error.as_str().chars().all(rfc_text));
            for text in description.iter().chain(uri.iter()) {
                assert!(text.chars().all(rfc_text));
            }
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);

    if let Ok(pairs) = decode_pairs(&text) {
        // Strict decoding never invents pieces: at most one pair per `&`-separated piece.
        assert!(pairs.len() <= text.split('&').count());
    }

    let plain = parse_callback(&text, CallbackChecks::default());
    if let Ok(cb) = &plain {
        check(cb);
    }
    let state_only = parse_callback(
        &text,
        CallbackChecks {
            expected_state: Some(&SENT_STATE),
            expected_issuer: None,
        },
    );
    if let Ok(cb) = &state_only {
        check(cb);
        assert_eq!(cb.state.as_ref().map(|s| s.secret()), Some(STATE));
        // A check only ever removes successes; it never changes what was parsed.
        assert_eq!(plain.as_ref().ok(), Some(cb));
    }
    let strict = parse_callback(
        &text,
        CallbackChecks {
            expected_state: Some(&SENT_STATE),
            expected_issuer: Some(ISSUER),
        },
    );
    if let Ok(cb) = &strict {
        assert_eq!(state_only.as_ref().ok(), Some(cb));
    }
    if plain.is_err() {
        assert!(state_only.is_err() && strict.is_err());
    }

    let _ = scrubbed_path(&text);
});
