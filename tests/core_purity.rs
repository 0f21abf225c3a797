//! `src/core` stays pure: no browser crate (`wasm_bindgen`, `web_sys`, `js_sys`, `gloo*`) is
//! named in its code, so it builds, tests and fuzzes natively.
//!
//! Comments, string literals and char literals are skipped, so documentation may name the
//! crates; any use in code (a `use`, a path, an attribute) fails the test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};

/// Identifiers that mean a browser crate (`gloo` also as a prefix: `gloo_net`, `gloo_utils`).
fn is_forbidden(ident: &str) -> bool {
    matches!(ident, "wasm_bindgen" | "web_sys" | "js_sys" | "gloo") || ident.starts_with("gloo_")
}

/// Rust source with comments and string/char literal contents replaced by spaces (line
/// structure kept, so reported line numbers stay right).
fn code_only(src: &str) -> String {
    let chars: Vec<char> = src.chars().collect();
    let mut out = String::with_capacity(src.len());
    let blank = |c: char| if c == '\n' { '\n' } else { ' ' };
    let is_ident = |c: char| c.is_alphanumeric() || c == '_';
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        let prev_ident = i > 0 && is_ident(chars[i - 1]);
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                out.push(' ');
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            // Block comments nest in Rust.
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    out.push_str("  ");
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    out.push_str("  ");
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    out.push(blank(chars[i]));
                    i += 1;
                }
            }
        } else if let Some((body, hashes)) = raw_string_at(&chars, i).filter(|_| !prev_ident) {
            // Raw string r"..." / r#"..."# / br#"..."#.
            for _ in i..body {
                out.push(' ');
            }
            i = body;
            while i < chars.len() {
                if chars[i] == '"'
                    && chars[i + 1..].iter().take_while(|h| **h == '#').count() >= hashes
                {
                    for _ in 0..=hashes {
                        out.push(' ');
                    }
                    i += 1 + hashes;
                    break;
                }
                out.push(blank(chars[i]));
                i += 1;
            }
        } else if c == '"' {
            out.push(' ');
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' {
                    out.push(' ');
                    i += 1;
                }
                if i < chars.len() {
                    out.push(blank(chars[i]));
                    i += 1;
                }
            }
            out.push(' ');
            i += 1;
        } else if c == '\'' {
            // A char literal ('x', '\n', '\u{..}') or a lifetime ('a).
            if next == Some('\\') {
                out.push(' ');
                i += 1;
                while i < chars.len() && chars[i] != '\'' {
                    if chars[i] == '\\' {
                        out.push(' ');
                        i += 1;
                    }
                    if i < chars.len() {
                        out.push(' ');
                        i += 1;
                    }
                }
                out.push(' ');
                i += 1;
            } else if chars.get(i + 2) == Some(&'\'') {
                out.push_str("   ");
                i += 3;
            } else {
                out.push(c);
                i += 1;
            }
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// If a raw string (`r"`, `r#"`, `br#"`, ...) starts at `i`: where its body starts and how
/// many `#` close it.
fn raw_string_at(chars: &[char], i: usize) -> Option<(usize, usize)> {
    let start = match (chars.get(i), chars.get(i + 1)) {
        (Some('r'), _) => i + 1,
        (Some('b'), Some('r')) => i + 2,
        _ => return None,
    };
    let hashes = chars
        .get(start..)?
        .iter()
        .take_while(|h| **h == '#')
        .count();
    (chars.get(start + hashes) == Some(&'"')).then_some((start + hashes + 1, hashes))
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

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn core_names_no_browser_crate() {
    let core = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("src")
        .join("core");
    let mut files = Vec::new();
    rust_files(&core, &mut files);
    files.sort();
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
