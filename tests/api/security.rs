//! Security properties checked natively: the bearer-token origin guard (checklist R24) on
//! the tricky URL forms and `#![forbid(unsafe_code)]` with no `unsafe` anywhere in `src/`.
//! (That OAuth `state` is compared only in constant time (R5) is the type's doing: `State`
//! travels end to end, its `==` and `matches` are `ct_eq`, and a plain string does not fit
//! `CallbackChecks::expected_state`: a `compile_fail` doc test in `core/src/oauth/callback.rs`.)
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};

use crate::source_scan::{code_only, files_under};
use bluebutton_wasm::core::http::origin::{same_origin, OriginError};

const PROD: &str = "https://api.bluebutton.cms.gov/v2/fhir/";
const SANDBOX: &str = "https://sandbox.bluebutton.cms.gov/v2/fhir/";
const LOCAL: &str = "http://127.0.0.1:8000/v2/fhir/";

fn verdict(base: &str, candidate: &str) -> &'static str {
    match same_origin(base, candidate) {
        Ok(url) => {
            // Whatever passes is on the base's exact origin tuple.
            let b = url::Url::parse(base).unwrap();
            assert_eq!(url.scheme(), b.scheme(), "{candidate}");
            assert_eq!(url.host_str(), b.host_str(), "{candidate}");
            assert_eq!(
                url.port_or_known_default(),
                b.port_or_known_default(),
                "{candidate}"
            );
            // Re-parsed independently: the serialised URL carries no user info either.
            let again = url::Url::parse(url.as_str()).unwrap();
            assert!(again.username().is_empty() && again.password().is_none());
            assert_eq!(again.as_str(), url.as_str(), "{candidate}");
            "ok"
        }
        Err(e) => e.code().as_str(),
    }
}

/// Checklist R24: lookalike hosts, user-info tricks, downgrades, IDN, port changes, scheme
/// changes and parser differentials are refused; only the exact origin passes.
#[test]
fn the_bearer_token_only_goes_to_the_configured_origin() {
    let cases: &[(&str, &str, &str)] = &[
        // Same origin, spelled differently.
        (
            SANDBOX,
            "https://sandbox.bluebutton.cms.gov/v2/fhir/ExplanationOfBenefit/?startIndex=10",
            "ok",
        ),
        (
            SANDBOX,
            "HTTPS://SANDBOX.BLUEBUTTON.CMS.GOV/v2/fhir/Patient/",
            "ok",
        ),
        (
            SANDBOX,
            "https://sandbox.bluebutton.cms.gov:443/v2/fhir/",
            "ok",
        ),
        (SANDBOX, "ExplanationOfBenefit/?_count=50", "ok"),
        (SANDBOX, "/v1/fhir/Coverage/", "ok"),
        (
            SANDBOX,
            "  https://sandbox.bluebutton.cms.gov/v2/fhir/  ",
            "ok",
        ),
        (LOCAL, "http://127.0.0.1:8000/v2/fhir/Patient/", "ok"),
        // Lookalike and suffix hosts (no string-prefix matching).
        (
            SANDBOX,
            "https://sandbox.bluebutton.cms.gov.evil.example/v2/fhir/",
            "cross_origin",
        ),
        // A percent-encoded host is refused before parsing (core::http::url_guard).
        (
            SANDBOX,
            "https://sandbox.bluebutton.cms.gov%2eevil.example/v2/fhir/",
            "invalid_request_url",
        ),
        (
            SANDBOX,
            "https://sandbox.bluebutton.cms.gov\t.evil.example/v2/fhir/",
            "cross_origin",
        ),
        (
            SANDBOX,
            "https://evilsandbox.bluebutton.cms.gov/v2/fhir/",
            "cross_origin",
        ),
        (
            SANDBOX,
            "https://api.bluebutton.cms.gov/v2/fhir/",
            "cross_origin",
        ),
        (
            PROD,
            "https://sandbox.bluebutton.cms.gov/v2/fhir/",
            "cross_origin",
        ),
        (
            SANDBOX,
            "https://sandbox.bluebutton.cms.gov./v2/fhir/",
            "cross_origin",
        ),
        // User info: the real host is after the `@`.
        (
            SANDBOX,
            "https://sandbox.bluebutton.cms.gov@evil.example/v2/fhir/",
            "url_user_info",
        ),
        (
            SANDBOX,
            "https://sandbox.bluebutton.cms.gov:443@evil.example/",
            "url_user_info",
        ),
        (
            SANDBOX,
            "https://user:pw@sandbox.bluebutton.cms.gov/v2/fhir/",
            "url_user_info",
        ),
        (
            SANDBOX,
            "https://evil.example\\@sandbox.bluebutton.cms.gov/",
            "cross_origin",
        ),
        // Downgrade and port changes.
        (
            SANDBOX,
            "http://sandbox.bluebutton.cms.gov/v2/fhir/",
            "https_downgrade",
        ),
        (
            SANDBOX,
            "http://sandbox.bluebutton.cms.gov:443/v2/fhir/",
            "https_downgrade",
        ),
        (
            SANDBOX,
            "https://sandbox.bluebutton.cms.gov:8443/v2/fhir/",
            "cross_origin",
        ),
        (LOCAL, "http://127.0.0.1:8001/v2/fhir/", "cross_origin"),
        (LOCAL, "http://127.0.0.1/v2/fhir/", "cross_origin"),
        (LOCAL, "https://127.0.0.1:8000/v2/fhir/", "cross_origin"),
        (LOCAL, "http://localhost:8000/v2/fhir/", "cross_origin"),
        // IDN: non-ASCII hosts are refused (ASCII-only build); punycode is another host.
        (
            SANDBOX,
            "https://sandbox.bluebutton.cms.gоv/v2/fhir/",
            "invalid_request_url",
        ),
        (
            SANDBOX,
            "https://ѕandbox.bluebutton.cms.gov/v2/fhir/",
            "invalid_request_url",
        ),
        (
            SANDBOX,
            "https://xn--sandbox-ucb.bluebutton.cms.gov/v2/fhir/",
            "cross_origin",
        ),
        // Scheme-relative, backslashes, other schemes.
        (SANDBOX, "//evil.example/v2/fhir/", "cross_origin"),
        (SANDBOX, "\\\\evil.example\\v2\\fhir", "cross_origin"),
        (SANDBOX, "https:evil.example/v2/fhir/", "ok"), // WHATWG: relative path on the base
        (SANDBOX, "javascript:alert(document.cookie)", "cross_origin"),
        (SANDBOX, "data:application/json,{}", "cross_origin"),
        (SANDBOX, "file:///etc/passwd", "cross_origin"),
        (
            SANDBOX,
            "ws://sandbox.bluebutton.cms.gov/v2/fhir/",
            "cross_origin",
        ),
        (
            SANDBOX,
            "blob:https://sandbox.bluebutton.cms.gov/0f0e-uuid",
            "cross_origin",
        ),
        (
            SANDBOX,
            "http://testserver/v2/fhir/ExplanationOfBenefit/?startIndex=10",
            "cross_origin",
        ),
        (SANDBOX, "https://", "invalid_request_url"),
        (SANDBOX, "https://[::1", "invalid_request_url"),
    ];
    let mut failures = Vec::new();
    for (base, candidate, want) in cases {
        let got = verdict(base, candidate);
        if got != *want {
            failures.push(format!("{base} + {candidate:?}: want {want}, got {got}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_refused_url_names_the_origin_and_not_the_token() {
    let err = same_origin(SANDBOX, "https://evil.example/x").unwrap_err();
    assert!(matches!(err, OriginError::CrossOrigin { .. }));
    let text = err.to_string();
    assert!(
        text.contains("https://sandbox.bluebutton.cms.gov"),
        "{text}"
    );
    assert!(text.contains("evil.example"), "{text}");
}

fn src_files() -> Vec<(PathBuf, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    // The shell and JS exports (src/) and the pure core crate (core/src/).
    let mut files = files_under(&root.join("src"), "rs");
    files.extend(files_under(&root.join("core/src"), "rs"));
    assert!(files.len() > 40, "found the sources");
    files
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            (p, text)
        })
        .collect()
}

#[test]
fn the_library_forbids_unsafe_code_and_uses_none() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for lib in ["src/lib.rs", "core/src/lib.rs"] {
        let text = std::fs::read_to_string(root.join(lib)).unwrap();
        assert!(
            text.lines().any(|l| l.trim() == "#![forbid(unsafe_code)]"),
            "{lib} must carry #![forbid(unsafe_code)]"
        );
    }
    let manifest = std::fs::read_to_string(root.join("Cargo.toml")).unwrap();
    assert!(
        manifest.contains("unsafe_code = \"forbid\""),
        "Cargo.toml [lints.rust]"
    );

    let mut hits = Vec::new();
    for (path, text) in src_files() {
        for (n, line) in code_only(&text).lines().enumerate() {
            let words = line.split(|c: char| !(c.is_alphanumeric() || c == '_'));
            if words.into_iter().any(|w| w == "unsafe") {
                hits.push(format!("{}:{}", path.display(), n + 1));
            }
            if line.contains("allow(unsafe_code)") {
                hits.push(format!("{}:{} allow(unsafe_code)", path.display(), n + 1));
            }
        }
    }
    assert!(hits.is_empty(), "unsafe in src/: {hits:?}");
}
