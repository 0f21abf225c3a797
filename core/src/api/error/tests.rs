#![allow(clippy::unwrap_used)]

use super::*;
use proptest::prelude::*;

const NO_PERM: &str = r#"{"detail": "You do not have permission to perform this action."}"#;

#[test]
fn table() {
    use RequestKind::*;
    let outcome = r#"{"resourceType":"OperationOutcome","issue":[{"severity":"error","code":"processing","diagnostics":"Unsupported ID pattern"}]}"#;
    let cases: &[(u16, &str, RequestKind, &str)] = &[
        (
            401,
            r#"{"detail": "Authentication credentials were not provided."}"#,
            Other,
            "session_expired",
        ),
        (401, "", EobV1V2, "session_expired"),
        (403, NO_PERM, Demographics, "demographics_withheld"),
        (403, NO_PERM, EobV1V2, "eob_forbidden"),
        (403, NO_PERM, Other, "forbidden"),
        (403, NO_PERM, InsuranceCard, "insurance_card_forbidden"),
        (401, "", InsuranceCard, "session_expired"),
        (
            404,
            r#"{"detail": "Not found."}"#,
            InsuranceCard,
            "not_found",
        ),
        (
            403,
            r#"{"status_code":403,"error":"invalid_grant","error_description":"User access cannot be found."}"#,
            Other,
            "access_revoked",
        ),
        (404, r#"{"detail": "Not found."}"#, Other, "not_found"),
        (
            400,
            r#"{"detail": "the type parameter value is not valid"}"#,
            EobV1V2,
            "bad_request",
        ),
        (400, outcome, Other, "operation_outcome"),
        (500, outcome, Other, "operation_outcome"),
        (404, outcome, Other, "not_found"),
        (
            429,
            r#"{"detail": "Request was throttled. Expected available in 3 seconds."}"#,
            Other,
            "throttled",
        ),
        (
            502,
            r#"{"detail": "A failure occurred contacting the upstream server"}"#,
            EobV1V2,
            "upstream_unavailable",
        ),
        (
            503,
            "<html>Service Unavailable</html>",
            Other,
            "upstream_unavailable",
        ),
        (504, "", Other, "upstream_unavailable"),
        (302, "", Other, "redirect_status"),
        (418, "{}", Other, "unexpected_status"),
        (
            405,
            r#"{"detail": "Method \"POST\" not allowed."}"#,
            Demographics,
            "unexpected_status",
        ),
    ];
    for (status, body, kind, want) in cases {
        let e = classify_response(*status, body.as_bytes(), *kind).unwrap();
        assert_eq!(e.code(), *want, "{status} {body}");
        assert!(!e.to_string().is_empty());
    }
}

#[test]
fn keeps_the_servers_words() {
    let e = classify_response(
        502,
        br#"{"detail": "A failure occurred contacting the upstream server"}"#,
        RequestKind::Other,
    )
    .unwrap();
    assert!(
        e.to_string()
            .contains("A failure occurred contacting the upstream server"),
        "{e}"
    );
    let e = classify_response(400, br#"{"resourceType":"OperationOutcome","issue":[{"diagnostics":"Unsupported ID pattern"}]}"#, RequestKind::Other).unwrap();
    assert!(
        matches!(&e, ApiError::OperationOutcome { diagnostics: Some(d), .. } if d == "Unsupported ID pattern")
    );
    let e = classify_response(
        429,
        br#"{"detail": "Request was throttled. Expected available in 3 seconds."}"#,
        RequestKind::Other,
    )
    .unwrap();
    assert_eq!(
        e,
        ApiError::Throttled {
            detail: Some("Request was throttled. Expected available in 3 seconds.".into()),
            retry_after_ms: Some(3000)
        }
    );
    assert!(e.to_string().contains("wait 3 seconds"));
}

#[test]
fn thirteen_month_timeout_is_recognised() {
    let body = br#"{"detail": "User access has timed out. To refresh Medicare data, end user must re-authenticate and consent to share their data."}"#;
    let e = classify_response(401, body, RequestKind::Other).unwrap();
    assert!(matches!(
        e,
        ApiError::SessionExpired {
            grant_timed_out: true,
            ..
        }
    ));
    let token = br#"{"status_code":401,"error":"invalid_grant","error_description":"User access has timed out."}"#;
    assert!(matches!(
        classify_response(401, token, RequestKind::Other).unwrap(),
        ApiError::SessionExpired {
            grant_timed_out: true,
            ..
        }
    ));
    let plain = classify_response(
        401,
        br#"{"detail":"Authentication credentials were not provided."}"#,
        RequestKind::Other,
    )
    .unwrap();
    assert!(matches!(
        plain,
        ApiError::SessionExpired {
            grant_timed_out: false,
            ..
        }
    ));
}

#[test]
fn long_details_are_clipped() {
    let body = format!(r#"{{"detail":"{}"}}"#, "é".repeat(400));
    let ApiError::NotFound { detail: Some(d) } =
        classify_response(404, body.as_bytes(), RequestKind::Other).unwrap()
    else {
        unreachable!()
    };
    assert!(d.len() <= MAX_DETAIL + 3);
}

#[test]
fn success_bodies() {
    assert!(classify_response(204, b"", RequestKind::Other).is_none());
    assert_eq!(
        check_resource(200, b"", Some("Patient"))
            .unwrap_err()
            .code(),
        "response_not_json"
    );
    assert_eq!(
        check_resource(
            200,
            br#"{"resourceType":"OperationOutcome"}"#,
            Some("Patient")
        )
        .unwrap_err(),
        ApiError::UnexpectedResource {
            expected: "Patient".into(),
            found: Some("OperationOutcome".into())
        }
    );
}

proptest! {
    #[test]
    fn never_panics(status in 0u16..1000, body in proptest::collection::vec(any::<u8>(), 0..200)) {
        for kind in [RequestKind::Demographics, RequestKind::EobV1V2, RequestKind::InsuranceCard, RequestKind::Other] {
            if let Some(e) = classify_response(status, &body, kind) {
                prop_assert!(!e.code().as_str().is_empty());
            }
        }
        let _ = check_resource(status, &body, Some("Bundle"));
    }
}

/// §12.5's v3 bodies: strict mode's and BB2's 500 put prose in `error`; server-ng's
/// OperationOutcome keeps its severity, code and diagnostics; an OAuth code in `error` is
/// not mistaken for prose.
#[test]
fn v3_error_bodies() {
    let e = classify_response(
        400,
        br#"{"error": "Invalid parameters: ['hello']"}"#,
        RequestKind::Other,
    )
    .unwrap();
    assert_eq!(
        e,
        ApiError::BadRequest {
            detail: Some("Invalid parameters: ['hello']".into())
        }
    );
    let e = classify_response(
        500,
        br#"{"error": "Server Error (500)"}"#,
        RequestKind::Other,
    )
    .unwrap();
    assert!(e.to_string().contains("Server Error (500)"), "{e}");
    assert_eq!(e.code(), crate::ErrorCode::UpstreamUnavailable);
    let e = classify_response(
        400,
        br#"{"resourceType":"OperationOutcome","issue":[{"severity":"error","code":"processing","diagnostics":"Unknown source. Supported sources are: [DDPS, NCH, MCS, VMS, FISS, CWF]"}]}"#,
        RequestKind::Other,
    )
    .unwrap();
    assert_eq!(
        e,
        ApiError::OperationOutcome {
            status: 400,
            severity: Some("error".into()),
            code: Some("processing".into()),
            diagnostics: Some(
                "Unknown source. Supported sources are: [DDPS, NCH, MCS, VMS, FISS, CWF]".into()
            ),
        }
    );
    assert!(e.to_string().contains("Unknown source"), "{e}");
    let e = classify_response(400, br#"{"error": "invalid_request"}"#, RequestKind::Other).unwrap();
    assert_eq!(e, ApiError::BadRequest { detail: None });
}

/// The card's 403 names the two scopes to ask for and says to sign in again; the app-level
/// refusal (the app lacks the capabilities) keeps the server's words; an `invalid_grant` 403
/// is still a revoked access, whatever the endpoint.
#[test]
fn insurance_card_forbidden_says_which_scopes_to_request() {
    let e = classify_response(403, NO_PERM.as_bytes(), RequestKind::InsuranceCard).unwrap();
    assert_eq!(e.code(), "insurance_card_forbidden");
    let text = e.to_string();
    for needle in [
        "patient/Patient.rs",
        "patient/Coverage.rs",
        "Sign in again",
        "You do not have permission to perform this action.",
    ] {
        assert!(text.contains(needle), "{needle:?} missing from {text:?}");
    }
    let app = br#"{"detail":"This application, Demo, does not have access to make any calls for digital insurance card resources. If you are the app maintainer, please contact the Blue Button API team."}"#;
    let e = classify_response(403, app, RequestKind::InsuranceCard).unwrap();
    assert_eq!(e.code(), "insurance_card_forbidden");
    assert!(e
        .to_string()
        .contains("does not have access to make any calls for digital insurance card resources"));
    let revoked = br#"{"status_code":403,"error":"invalid_grant","error_description":"User access cannot be found."}"#;
    assert_eq!(
        classify_response(403, revoked, RequestKind::InsuranceCard)
            .unwrap()
            .code(),
        "access_revoked"
    );
}
