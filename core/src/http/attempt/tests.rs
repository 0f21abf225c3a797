//! Unit tests of the parent module: every transition, then the bounds for any sequence.

use super::*;
use proptest::prelude::*;

/// `{"resourceType":"Bundle"}`, gzipped.
const GZ: &[u8] = &[
    0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x03, 0xab, 0x56, 0x2a, 0x4a, 0x2d, 0xce,
    0x2f, 0x2d, 0x4a, 0x4e, 0x0d, 0xa9, 0x2c, 0x48, 0x55, 0xb2, 0x52, 0x72, 0x2a, 0xcd, 0x4b, 0xc9,
    0x49, 0x55, 0xaa, 0x05, 0x00, 0xba, 0xb1, 0x25, 0xf5, 0x19, 0x00, 0x00, 0x00,
];
const BUNDLE: &[u8] = br#"{"resourceType":"Bundle"}"#;
const DRF_429: &[u8] = br#"{"detail":"Request was throttled. Expected available in 4 seconds."}"#;
const TIMED_OUT: &str = "User access has timed out. To refresh Medicare data, end user must re-authenticate and consent to share their data.";

type O = Outcome<&'static str>;
type N = Next<&'static str>;
/// A named case: a machine and the (outcome, expected answer) steps fed to it.
type Case = (&'static str, Attempt, Vec<(O, N)>);

fn response(status: u16, headers: &[(&str, &str)], body: &[u8]) -> O {
    let headers = headers
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    Outcome::Response(HttpResponse::new(status, headers, body.to_vec()))
}

fn status(code: u16) -> O {
    response(code, &[], b"{}")
}

fn ok() -> O {
    response(200, &[], BUNDLE)
}

fn wait(after_ms: u64) -> N {
    Next::Retry { after_ms }
}

fn done() -> N {
    Next::Done(BUNDLE.to_vec())
}

fn api(error: ApiError) -> N {
    Next::Fail(AttemptError::Api(error))
}

fn upstream(status: u16) -> N {
    api(ApiError::Upstream {
        status,
        detail: None,
    })
}

/// A 401 whose body is DRF's 13-month text.
fn timed_out() -> O {
    response(
        401,
        &[],
        format!(r#"{{"detail":"{TIMED_OUT}"}}"#).as_bytes(),
    )
}

/// `SessionExpired`, with the server's 13-month text or without any.
fn session_expired(grant_timed_out: bool) -> N {
    api(ApiError::SessionExpired {
        detail: grant_timed_out.then(|| TIMED_OUT.to_owned()),
        grant_timed_out,
    })
}

/// Feeds `steps` (outcome, expected answer) to a fresh machine, all with jitter 0.5.
fn run(name: &str, mut attempt: Attempt, steps: Vec<(O, N)>) {
    for (i, (outcome, want)) in steps.into_iter().enumerate() {
        assert_eq!(attempt.next(outcome, 0.5), want, "{name}, step {i}");
    }
}

fn get() -> Attempt {
    Attempt::new(Method::Get, RequestKind::Other)
}

fn post() -> Attempt {
    Attempt::new(Method::Post, RequestKind::Other)
}

#[test]
fn transitions() {
    let truncated = &GZ[..GZ.len() - 4];
    let mut bad_crc = GZ.to_vec();
    bad_crc[GZ.len() - 8..GZ.len() - 4].fill(0);
    let cases: Vec<Case> = vec![
        ("2xx is done", get(), vec![(ok(), done())]),
        (
            "2xx gzip is inflated",
            get(),
            vec![(response(200, &[], GZ), done())],
        ),
        (
            "network errors back off, then the last one is handed back",
            get(),
            vec![
                (Outcome::NetworkError("a"), wait(500)),
                (Outcome::NetworkError("b"), wait(1000)),
                (Outcome::NetworkError("c"), wait(2000)),
                (
                    Outcome::NetworkError("d"),
                    Next::Fail(AttemptError::Shell("d")),
                ),
            ],
        ),
        (
            "a network error, then success",
            get(),
            vec![(Outcome::NetworkError("a"), wait(500)), (ok(), done())],
        ),
        (
            "5xx back off until the retries run out: the last answer is the error",
            get(),
            vec![
                (status(500), wait(500)),
                (status(502), wait(1000)),
                (status(504), wait(2000)),
                (status(503), upstream(503)),
            ],
        ),
        (
            "501 is not retried",
            get(),
            vec![(status(501), upstream(501))],
        ),
        (
            "Retry-After in seconds is honoured, and capped",
            get(),
            vec![
                (response(429, &[("Retry-After", "7")], b"{}"), wait(7000)),
                (
                    response(503, &[("retry-after", "3600")], b"{}"),
                    wait(60_000),
                ),
                (ok(), done()),
            ],
        ),
        (
            "DRF's throttle text is read when the header is not",
            get(),
            vec![(response(429, &[], DRF_429), wait(4000)), (ok(), done())],
        ),
        (
            "an unreadable Retry-After falls back to the backoff",
            get(),
            vec![(
                response(
                    503,
                    &[("retry-after", "Sun, 06 Nov 1994 08:49:37 GMT")],
                    DRF_429,
                ),
                wait(500),
            )],
        ),
        (
            "a throttle that outlasts the retries keeps the server's wait",
            get().with_policy(RetryPolicy {
                max_retries: 0,
                ..RetryPolicy::default()
            }),
            vec![(
                response(429, &[], DRF_429),
                api(ApiError::Throttled {
                    detail: Some("Request was throttled. Expected available in 4 seconds.".into()),
                    retry_after_ms: Some(4000),
                }),
            )],
        ),
        (
            "network errors, 5xx and truncated bodies share one budget",
            get(),
            vec![
                (Outcome::NetworkError("a"), wait(500)),
                (status(503), wait(1000)),
                (response(200, &[], truncated), wait(2000)),
                (
                    response(200, &[], truncated),
                    Next::Fail(AttemptError::Gzip(GzipError::Truncated)),
                ),
            ],
        ),
        (
            "a truncated gzip header is retried too",
            get(),
            vec![(response(200, &[], &GZ[..5]), wait(500)), (ok(), done())],
        ),
        (
            "corrupt gzip is not retried",
            get(),
            vec![(
                response(200, &[], &bad_crc),
                Next::Fail(AttemptError::Gzip(GzipError::CrcMismatch {
                    expected: 0,
                    actual: 0xf525_b1ba,
                })),
            )],
        ),
        (
            "401: one refresh, then the retry succeeds",
            get(),
            vec![(status(401), Next::RefreshThenRetry), (ok(), done())],
        ),
        (
            "401 again after the refresh is the error",
            get(),
            vec![
                (status(401), Next::RefreshThenRetry),
                (timed_out(), session_expired(true)),
            ],
        ),
        (
            "no refresh token: the 401 with the server's words is the error",
            get(),
            vec![
                (timed_out(), Next::RefreshThenRetry),
                (Outcome::NoRefreshToken, session_expired(true)),
            ],
        ),
        (
            "a failed refresh is the error",
            get(),
            vec![
                (status(401), Next::RefreshThenRetry),
                (
                    Outcome::RefreshFailed("invalid_grant"),
                    Next::Fail(AttemptError::Shell("invalid_grant")),
                ),
            ],
        ),
        (
            "the refresh is not one of the retries",
            get(),
            vec![
                (status(503), wait(500)),
                (status(401), Next::RefreshThenRetry),
                (status(503), wait(1000)),
                (status(503), wait(2000)),
                (status(401), session_expired(false)),
            ],
        ),
        (
            "a refresh token reported missing unasked ends it",
            get(),
            vec![(Outcome::NoRefreshToken, session_expired(false))],
        ),
        (
            "cancelled before or between tries",
            get(),
            vec![
                (status(503), wait(500)),
                (Outcome::Cancelled, Next::Fail(AttemptError::Cancelled)),
            ],
        ),
        (
            "other statuses are typed errors at once",
            Attempt::new(Method::Get, RequestKind::Demographics),
            vec![(
                response(403, &[], br#"{"detail":"no"}"#),
                api(ApiError::DemographicsWithheld {
                    detail: Some("no".into()),
                }),
            )],
        ),
        (
            "404",
            get(),
            vec![(status(404), api(ApiError::NotFound { detail: None }))],
        ),
        (
            "POST: a 503 is not retried",
            post(),
            vec![(status(503), upstream(503))],
        ),
        (
            "POST: a network error is not retried",
            post(),
            vec![(
                Outcome::NetworkError("a"),
                Next::Fail(AttemptError::Shell("a")),
            )],
        ),
        (
            "POST: a 401 is not refreshed",
            post(),
            vec![(status(401), session_expired(false))],
        ),
        (
            "POST: a truncated body is not retried",
            post(),
            vec![(
                response(200, &[], truncated),
                Next::Fail(AttemptError::Gzip(GzipError::Truncated)),
            )],
        ),
        (
            "finished: no further try is asked for",
            get(),
            vec![
                (ok(), done()),
                (
                    Outcome::NetworkError("a"),
                    Next::Fail(AttemptError::Shell("a")),
                ),
                (status(503), upstream(503)),
                (status(401), session_expired(false)),
            ],
        ),
        (
            "failed: no further try is asked for",
            get(),
            vec![
                (status(404), api(ApiError::NotFound { detail: None })),
                (status(503), upstream(503)),
            ],
        ),
    ];
    for (name, attempt, steps) in cases {
        run(name, attempt, steps);
    }
}

#[test]
fn waits_follow_the_policy_with_the_jitter_given() {
    let policy = RetryPolicy {
        max_retries: 5,
        base_ms: 20,
        cap_ms: 200,
        ..RetryPolicy::default()
    };
    let mut attempt = get().with_policy(policy);
    let waits: Vec<_> = [0.0, 0.999, 0.5, 1.0, f64::NAN]
        .into_iter()
        .map(|jitter| attempt.next(Outcome::NetworkError(()), jitter))
        .collect();
    let want: Vec<Next<()>> = vec![
        wait_unit(0),
        wait_unit(39),
        wait_unit(40),
        wait_unit(159),
        wait_unit(0),
    ];
    assert_eq!(waits, want);
    assert_eq!(
        attempt.next(Outcome::NetworkError(()), 0.5),
        Next::Fail(AttemptError::Shell(()))
    );
}

fn wait_unit(after_ms: u64) -> Next<()> {
    Next::Retry { after_ms }
}

#[test]
fn bodies_are_decoded_as_the_transport_delivers_them() {
    let labelled = [("content-encoding", "gzip")];
    let mut native = get().with_decoding(Transport::Native, 1 << 20);
    assert_eq!(native.next(response(200, &labelled, GZ), 0.0), done());
    let mut browser = get();
    assert_eq!(browser.next(response(200, &labelled, BUNDLE), 0.0), done());
    let mut capped = get().with_decoding(Transport::Browser, 4);
    assert_eq!(
        capped.next(response(200, &[], GZ), 0.0),
        Next::Fail(AttemptError::Gzip(GzipError::DecompressedTooLarge {
            max: 4
        }))
    );
}

fn inflate_gz() -> N {
    Next::Inflate {
        gzip: GZ.to_vec(),
        expected: BUNDLE.len(),
    }
}

#[test]
fn the_shell_inflates_a_gzip_body_of_promised_size() {
    let shell = || get().with_shell_inflate(true);
    run(
        "the shell's inflater succeeds",
        shell(),
        vec![
            (response(200, &[], GZ), inflate_gz()),
            (Outcome::Inflated(BUNDLE.to_vec()), done()),
        ],
    );
    run(
        "a plain body is not handed over",
        shell(),
        vec![(ok(), done())],
    );
    run(
        "an error status is classified first",
        shell(),
        vec![(
            response(404, &[], GZ),
            api(ApiError::NotFound { detail: None }),
        )],
    );
    run(
        "output of another length than promised is refused",
        shell(),
        vec![
            (response(200, &[], GZ), inflate_gz()),
            (
                Outcome::Inflated(b"{}".to_vec()),
                Next::Fail(AttemptError::Gzip(GzipError::LengthMismatch {
                    expected: 25,
                    actual: 2,
                })),
            ),
        ],
    );
    // A cut after the deflate data keeps a plausible ISIZE: the shell gets it, refuses it,
    // and the core names it (truncated, so retried like a network error).
    let mut cut = GZ[..GZ.len() - 5].to_vec();
    cut.extend_from_slice(&GZ[GZ.len() - 4..]);
    run(
        "a refused body is named by the core: truncated is retried",
        shell(),
        vec![
            (
                response(200, &[], &cut),
                Next::Inflate {
                    gzip: cut.clone(),
                    expected: BUNDLE.len(),
                },
            ),
            (Outcome::InflateRefused(cut.clone()), wait(500)),
            (ok(), done()),
        ],
    );
    let mut bad_crc = GZ.to_vec();
    let crc_at = bad_crc.len() - 8;
    bad_crc[crc_at..crc_at + 4].copy_from_slice(&[0, 0, 0, 0]);
    run(
        "a refused body is named by the core: a CRC mismatch fails",
        shell(),
        vec![
            (
                response(200, &[], &bad_crc),
                Next::Inflate {
                    gzip: bad_crc.clone(),
                    expected: BUNDLE.len(),
                },
            ),
            (
                Outcome::InflateRefused(bad_crc.clone()),
                Next::Fail(AttemptError::Gzip(GzipError::CrcMismatch {
                    expected: 0,
                    actual: 0xf525_b1ba,
                })),
            ),
        ],
    );
    // The trailer promises more than the cap: the core inflates (counting) and refuses.
    run(
        "a body promised over the cap stays with the core",
        shell().with_decoding(Transport::Browser, 4),
        vec![(
            response(200, &[], GZ),
            Next::Fail(AttemptError::Gzip(GzipError::DecompressedTooLarge {
                max: 4,
            })),
        )],
    );
    // A lying trailer (promises 4 bytes, inflates to 25): the shell stops at 5 and hands
    // it back; the core counts to the end and names it.
    let mut liar = GZ.to_vec();
    let isize_at = liar.len() - 4;
    liar[isize_at..].copy_from_slice(&4u32.to_le_bytes());
    run(
        "a shell that stops past the promise gets the core's error",
        shell().with_decoding(Transport::Browser, 4),
        vec![
            (
                response(200, &[], &liar),
                Next::Inflate {
                    gzip: liar.clone(),
                    expected: 4,
                },
            ),
            (
                Outcome::InflateRefused(liar.clone()),
                Next::Fail(AttemptError::Gzip(GzipError::DecompressedTooLarge {
                    max: 4,
                })),
            ),
        ],
    );
    // A native transport decides by the header and inflates in the core.
    let mut native = shell().with_decoding(Transport::Native, 1 << 20);
    assert_eq!(
        native.next(response(200, &[("content-encoding", "gzip")], GZ), 0.0),
        done()
    );
}

fn any_outcome() -> impl Strategy<Value = O> {
    let statuses = prop::sample::select(vec![200u16, 401, 403, 404, 429, 500, 501, 502, 503, 504]);
    let bodies = prop::sample::select(vec![
        BUNDLE.to_vec(),
        GZ.to_vec(),
        GZ[..GZ.len() - 4].to_vec(),
        GZ[..5].to_vec(),
        DRF_429.to_vec(),
    ]);
    let retry_after = prop::option::of(prop::sample::select(vec!["0", "7", "3600", "soon"]));
    prop_oneof![
        6 => (statuses, bodies, retry_after).prop_map(|(s, b, ra)| {
            let headers: Vec<(&str, &str)> = ra.map(|v| ("retry-after", v)).into_iter().collect();
            response(s, &headers, &b)
        }),
        2 => Just(Outcome::NetworkError("network")),
        1 => Just(Outcome::Cancelled),
        1 => Just(Outcome::NoRefreshToken),
        1 => Just(Outcome::RefreshFailed("refresh")),
        1 => Just(Outcome::Inflated(BUNDLE.to_vec())),
        1 => Just(Outcome::InflateRefused(GZ[..GZ.len() - 4].to_vec())),
    ]
}

proptest! {
    #[test]
    fn bounds_hold_for_any_sequence(
        outcomes in prop::collection::vec(any_outcome(), 1..20),
        jitters in prop::collection::vec(any::<f64>(), 20),
        max_retries in 0u32..5,
        is_get in any::<bool>(),
        shell_inflates in any::<bool>(),
    ) {
        let policy = RetryPolicy { max_retries, ..RetryPolicy::default() };
        let method = if is_get { Method::Get } else { Method::Post };
        let mut attempt = Attempt::new(method, RequestKind::Other)
            .with_policy(policy)
            .with_shell_inflate(shell_inflates);
        let (mut tries, mut retries, mut refreshes, mut finished) = (0u32, 0u32, 0u32, false);
        for (outcome, jitter) in outcomes.into_iter().zip(jitters) {
            let answer = attempt.next(outcome, jitter);
            if finished {
                // Once finished, it never asks for another try.
                prop_assert!(matches!(answer, Next::Done(_) | Next::Fail(_)));
                continue;
            }
            tries += 1;
            match answer {
                Next::Retry { after_ms } => {
                    retries += 1;
                    prop_assert!(after_ms <= policy.cap_ms.max(policy.retry_after_cap_ms));
                }
                Next::RefreshThenRetry => refreshes += 1,
                Next::Done(_) | Next::Fail(_) => finished = true,
                // Inflating is part of the same try, and only when the shell offered.
                Next::Inflate { .. } => {
                    prop_assert!(shell_inflates);
                    tries -= 1;
                }
            }
        }
        prop_assert!(retries <= max_retries);
        prop_assert!(refreshes <= 1);
        prop_assert!(tries <= 1 + max_retries + refreshes);
        if !is_get {
            prop_assert_eq!(retries + refreshes, 0);
        }
    }
}
