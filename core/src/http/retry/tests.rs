//! Unit tests of the parent module.

#![allow(clippy::unwrap_used)]
use super::*;
use proptest::prelude::*;

#[test]
fn backoff_sequence_with_fixed_jitter() {
    let p = RetryPolicy::default();
    let seq: Vec<_> = (0..4).map(|a| p.next_delay(a, None, 0.5)).collect();
    assert_eq!(seq, vec![Some(500), Some(1000), Some(2000), None]);
    let big = RetryPolicy {
        max_retries: 40,
        ..p
    };
    assert_eq!(big.next_delay(20, None, 0.5), Some(15_000));
    assert_eq!(big.next_delay(39, None, 0.999), Some(29_970));
    assert_eq!(big.next_delay(0, None, f64::NAN), Some(0));
    assert_eq!(big.next_delay(0, None, 7.0), Some(999));
}

#[test]
fn retry_after_values() {
    let now = 784_111_777_000;
    let cases: &[(&str, Option<u64>)] = &[
        ("120", Some(120_000)),
        (" 0 ", Some(0)),
        ("-5", None),
        ("1.5", None),
        ("soon", None),
        ("", None),
        ("Sun, 06 Nov 1994 08:49:37 GMT", Some(0)),
        ("Sun, 06 Nov 1994 08:50:37 GMT", Some(60_000)),
        ("Sat, 05 Nov 1994 08:49:37 GMT", Some(0)),
        ("Sunday, 06-Nov-94 08:49:37 GMT", None),
        ("Sun, 06 Foo 1994 08:49:37 GMT", None),
        ("Sun, 06 Nov 1994 25:49:37 GMT", None),
    ];
    for (v, want) in cases {
        assert_eq!(parse_retry_after(v, now), *want, "{v}");
    }
}

#[test]
fn hints_are_capped_and_exhaustion_wins() {
    let p = RetryPolicy::default();
    assert_eq!(p.next_delay(0, Some("99999"), 0.0), Some(60_000));
    assert_eq!(p.next_delay(3, Some("1"), 0.0), None);
    let drf = r#"{"detail": "Request was throttled. Expected available in 4 seconds."}"#;
    assert_eq!(p.next_delay(0, Some(drf), 0.9), Some(4000));
    assert_eq!(p.next_delay(0, Some("garbage"), 0.0), Some(0));
}

#[test]
fn statuses() {
    for s in [429, 500, 502, 503, 504] {
        assert!(should_retry(Method::Get, s));
        assert!(!should_retry(Method::Post, s));
    }
    for s in [200, 301, 400, 401, 403, 404, 501] {
        assert!(!is_retryable_status(s));
    }
}

proptest! {
    #[test]
    fn delay_never_exceeds_caps(attempt in 0u32..100, jitter in any::<f64>(), ra in proptest::option::of("\\PC{0,20}")) {
        let p = RetryPolicy::default();
        if let Some(d) = p.next_delay(attempt, ra.as_deref(), jitter) {
            prop_assert!(d <= p.retry_after_cap_ms);
            prop_assert!(attempt < p.max_retries);
        }
    }
}
