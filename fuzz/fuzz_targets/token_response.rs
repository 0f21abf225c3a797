//! Any bytes as a token-endpoint (and revoke) response body with statuses 200, 400 and 401:
//! never panics, a success only comes from a 200 and has a usable token, and an error always
//! has a stable code and a message.
#![no_main]

use bluebutton_core::http::HttpResponse;
use bluebutton_core::oauth::token::{process_revoke_response, process_token_response};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for status in [200u16, 400, 401] {
        let response = HttpResponse::new(status, vec![], data.to_vec());
        match process_token_response(&response, 1_700_000_000_000.0) {
            Ok(set) => {
                assert_eq!(status, 200);
                assert!(!set.access_token.secret().is_empty());
                assert_eq!(set.token_type, "Bearer");
                assert!(set.expires_in.is_finite() && set.expires_in >= 0.0);
                assert!(set.expires_at_ms >= 1_700_000_000_000.0);
                assert!(set.scopes.iter().all(|s| !s.is_empty() && !s.contains(' ')));
                if let Some(ms) = set.access_grant_expiration_ms {
                    assert!(ms.is_finite());
                    assert!(set.access_grant_expiration.is_some());
                }
                let _ = set.demographics_shared();
                let _ = set.needs_refresh(1_700_000_000_000.0, 10_000.0);
            }
            Err(err) => {
                assert!(!err.code().as_str().is_empty());
                assert!(!err.to_string().is_empty());
                if status != 200 {
                    // Error statuses are mapped from the body, never "invalid token response".
                    assert_ne!(err.code(), "invalid_token_response");
                } else {
                    assert_eq!(err.code(), "invalid_token_response");
                }
            }
        }
        let revoked = process_revoke_response(&response);
        assert_eq!(revoked.is_ok(), status == 200);
    }
});
