//! The binary's command line: help, and clear startup errors with a non-zero exit (nothing
//! listens, the secret is never printed).

use std::io::{BufRead, BufReader, Read};
use std::process::{Command, Stdio};

use crate::common::{post_form, ORIGIN};

fn relay(args: &[&str], env: &[(&str, &str)]) -> std::process::Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_bluebutton-relay"));
    c.args(args).env_remove("BB_RELAY_TEST_SECRET");
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().unwrap()
}

const BASE: [&str; 8] = [
    "--upstream",
    "https://sandbox.bluebutton.cms.gov",
    "--client-id",
    "app",
    "--client-secret-env",
    "BB_RELAY_TEST_SECRET",
    "--allow-origin",
    "https://app.example",
];

fn with(extra: &[&'static str]) -> Vec<&'static str> {
    BASE.iter().copied().chain(extra.iter().copied()).collect()
}

#[test]
fn help_lists_the_options() {
    let out = relay(&["--help"], &[]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    for opt in [
        "--upstream",
        "--client-secret-env",
        "--allow-origin",
        "--extra-root-cert",
        "--proxy-fhir",
    ] {
        assert!(text.contains(opt), "{opt}");
    }
}

#[test]
fn startup_errors_are_clear_and_exit_non_zero() {
    let secret = [("BB_RELAY_TEST_SECRET", "s3cret-value")];
    type Env<'a> = &'a [(&'a str, &'a str)];
    let cases: Vec<(Vec<&str>, Env, &str)> = vec![
        (
            with(&[]),
            &[],
            "environment variable BB_RELAY_TEST_SECRET is not set",
        ),
        (
            with(&["--extra-root-cert", "/nonexistent/ca.pem"]),
            &secret,
            "--extra-root-cert /nonexistent/ca.pem: cannot read the file",
        ),
        (
            with(&["--extra-root-cert", "Cargo.toml"]),
            &secret,
            "--extra-root-cert Cargo.toml: no certificate found",
        ),
        (
            vec![
                "--upstream",
                "http://sandbox.bluebutton.cms.gov",
                "--client-id",
                "app",
                "--client-secret-env",
                "BB_RELAY_TEST_SECRET",
                "--allow-origin",
                "https://app.example",
            ],
            &secret,
            "is plain http",
        ),
        (
            BASE[..6].to_vec(),
            &secret,
            "at least one --allow-origin is required",
        ),
        (with(&["--port", "x"]), &secret, "--port"),
        (
            with(&["--allow-origin", "https://app.example/callback"]),
            &secret,
            "is not an origin",
        ),
        (with(&["--bogus"]), &secret, "unknown option --bogus"),
    ];
    for (args, env, want) in cases {
        let out = relay(&args, env);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(want), "{args:?}: {err}");
        assert!(!err.contains("s3cret-value"), "{err}");
        assert!(out.stdout.is_empty(), "nothing listens: {args:?}");
    }
}

// A PEM file with a broken certificate block is refused too.
#[test]
fn a_broken_certificate_is_refused() {
    let dir = std::env::temp_dir().join(format!("bluebutton-relay-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let pem = dir.join("broken.pem");
    std::fs::write(
        &pem,
        "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
    )
    .unwrap();
    let path = pem.to_str().unwrap().to_string();
    let mut args = BASE.to_vec();
    args.push("--extra-root-cert");
    args.push(&path);
    let out = relay(&args, &[("BB_RELAY_TEST_SECRET", "x")]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("broken.pem"), "{err}");
}

// The log: one line per request with method, path, status and the cause of a failure; never
// the secret, the tokens, the code or the verifier sent.
#[test]
fn the_log_names_causes_and_never_secrets() {
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let upstream = format!("http://127.0.0.1:{}", closed.local_addr().unwrap().port());
    drop(closed);
    let mut child = Command::new(env!("CARGO_BIN_EXE_bluebutton-relay"))
        .args([
            "--upstream",
            &upstream,
            "--client-id",
            "app",
            "--client-secret-env",
            "BB_RELAY_TEST_SECRET",
            "--allow-origin",
            ORIGIN,
            "--port",
            "0",
        ])
        .env("BB_RELAY_TEST_SECRET", "s3cret-value")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    let base = first
        .trim()
        .strip_prefix("bluebutton-relay listening on ")
        .unwrap()
        .to_string();
    let r = post_form(
        &format!("{base}/v2/o/token/"),
        &[
            ("grant_type", "authorization_code"),
            ("code", "code-XYZ"),
            ("code_verifier", "verifier-XYZ"),
            ("refresh_token", "refresh-XYZ"),
        ],
        &[],
    );
    assert_eq!(r.status, 502);
    child.kill().unwrap();
    child.wait().unwrap();
    let mut log = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut log)
        .unwrap();
    assert!(log.contains("POST /v2/o/token/ 502"), "{log}");
    assert!(log.contains("upstream_unavailable"), "{log}");
    for secret in ["s3cret-value", "XYZ"] {
        assert!(!log.contains(secret), "{log}");
    }
}
