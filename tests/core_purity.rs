//! `src/core` stays pure: no browser crate (`wasm_bindgen`, `web_sys`, `js_sys`, `gloo*`) is
//! named in its code, so it builds, tests and fuzzes natively.
//!
//! Comments, string literals and char literals are skipped, so documentation may name the
//! crates; any use in code (a `use`, a path, an attribute) fails the test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod source_scan;

use std::path::Path;

use source_scan::{code_only, files_under};

/// Identifiers that mean a browser crate (`gloo` also as a prefix: `gloo_net`, `gloo_utils`).
fn is_forbidden(ident: &str) -> bool {
    matches!(ident, "wasm_bindgen" | "web_sys" | "js_sys" | "gloo") || ident.starts_with("gloo_")
}

/// (line number, identifier) of every forbidden identifier in code.
fn violations(src: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    for (n, line) in code_only(src).lines().enumerate() {
        for ident in line.split(|c: char| !(c.is_alphanumeric() || c == '_')) {
            if is_forbidden(ident) {
                found.push((n + 1, ident.to_owned()));
            }
        }
    }
    found
}

#[test]
fn core_names_no_browser_crate() {
    let core = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("src")
        .join("core");
    let files = files_under(&core, "rs");
    // The walk really found the core (so an empty walk cannot pass).
    let names: Vec<String> = files
        .iter()
        .map(|p| {
            p.strip_prefix(&core)
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    for expected in [
        "mod.rs",
        "pkce.rs",
        "secret.rs",
        "env.rs",
        "authorize.rs",
        "form.rs",
        "callback.rs",
        "pending.rs",
        "token.rs",
        "time.rs",
        "scrub.rs",
        "http.rs",
        "error.rs",
    ] {
        assert!(
            names.iter().any(|n| n == expected),
            "src/core/{expected} not found in {names:?}"
        );
    }
    let mut report = Vec::new();
    for file in &files {
        let src = std::fs::read_to_string(file).unwrap();
        for (line, ident) in violations(&src) {
            report.push(format!("{}:{line}: {ident}", file.display()));
        }
    }
    assert!(
        report.is_empty(),
        "src/core must not use browser crates:\n{}",
        report.join("\n")
    );
}

#[test]
fn detector_finds_uses_and_skips_prose() {
    let positive = [
        "use wasm_bindgen::prelude::*;",
        "#[wasm_bindgen]\npub fn f() {}",
        "let w = web_sys::window();",
        "fn f(v: js_sys::Array) {}",
        "use gloo_net::http::Request;",
        "use gloo::timers;",
        "let x = 1; let y = ::web_sys::console::log_1;",
        "let s = \"ok\"; use js_sys::Date;",
        "let c = '\"'; use web_sys::Window;",
        "fn f<'a>(x: &'a str) -> &'a str { wasm_bindgen::x(x) }",
        "let r = r#\"raw\"#; use gloo_utils::format;",
        "/* closed */ use web_sys::Storage;",
    ];
    for src in positive {
        assert!(!violations(src).is_empty(), "missed: {src}");
    }
    let negative = [
        "//! no `wasm-bindgen`, `web-sys`, `js-sys` or `gloo` here",
        "// wasm_bindgen in a comment",
        "/// web_sys::window() in docs",
        "/* js_sys::Array /* nested */ still comment gloo */",
        "let s = \"wasm_bindgen\";",
        "let s = \"escaped \\\" web_sys\";",
        "let s = r#\"a \"quoted\" js_sys\"#;",
        "let b = br\"gloo_net\";",
        "let c = '\\''; let d = 'g';",
        "let wasm_bindgen_like = 1; let my_web_sys = 2; let glooey = 3;",
    ];
    for src in negative {
        assert_eq!(violations(src), vec![], "false positive: {src}");
    }
}
