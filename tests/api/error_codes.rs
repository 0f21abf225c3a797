//! The error-code table has three copies that people read: `ErrorCode` (the source), the
//! TypeScript union `ErrorCode` (in `npm/index.d.ts`, or a TypeScript section in `src/`), and the
//! README's "Error codes" table.
//! These tests fail when a code is added, renamed or removed in one and not the others.

use std::collections::BTreeSet;
use std::path::Path;

use bluebutton_wasm::core::ErrorCode;

use crate::source_scan::files_under;

fn read(relative: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)).unwrap()
}

fn enum_codes() -> BTreeSet<&'static str> {
    ErrorCode::ALL.iter().map(|c| c.as_str()).collect()
}

/// Names missing on one side and extra on the other, as a readable report.
fn differences(what: &str, found: &BTreeSet<String>) -> Vec<String> {
    let want = enum_codes();
    let mut problems = Vec::new();
    for code in &want {
        if !found.contains(*code) {
            problems.push(format!("{what} lacks `{code}`"));
        }
    }
    for code in found {
        if !want.contains(code.as_str()) {
            problems.push(format!(
                "{what} names `{code}`, which ErrorCode does not have"
            ));
        }
    }
    problems
}

/// The string literals of `export type ErrorCode = 'a' | 'b' | …;`.
fn typescript_union(dts: &str) -> BTreeSet<String> {
    let start = dts
        .find("export type ErrorCode =")
        .expect("npm/index.d.ts declares `export type ErrorCode = …;`");
    let body = &dts[start..];
    let body = &body[..body.find(';').expect("the ErrorCode union ends with `;`")];
    let body = body.trim_start_matches("export type ErrorCode =");
    let mut codes = BTreeSet::new();
    for member in body.split('|').map(str::trim).filter(|m| !m.is_empty()) {
        let name = member
            .strip_prefix('\'')
            .and_then(|m| m.strip_suffix('\''))
            .unwrap_or_else(|| {
                panic!("ErrorCode union member {member:?} is not a 'string' literal")
            });
        assert!(
            codes.insert(name.to_owned()),
            "'{name}' is in the union twice"
        );
    }
    codes
}

/// The hand-written TypeScript: the `typescript_custom_section`s in `src/` (the union is in
/// `src/js/args.rs`; the package's entry files are generated from them), and `npm/index.d.ts` if any.
fn typescript_sources() -> Vec<(std::path::PathBuf, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = vec![root.join("npm/index.d.ts")];
    files.extend(files_under(&root.join("src"), "rs"));
    files
        .into_iter()
        .filter_map(|f| std::fs::read_to_string(&f).ok().map(|text| (f, text)))
        .collect()
}

#[test]
fn the_typescript_union_names_every_code_and_no_other() {
    let sources = typescript_sources();
    let declaring: Vec<_> = sources
        .iter()
        .filter(|(_, text)| text.contains("export type ErrorCode ="))
        .collect();
    assert_eq!(
        declaring.len(),
        1,
        "one file declares `export type ErrorCode = …;`: {:?}",
        declaring.iter().map(|(f, _)| f).collect::<Vec<_>>()
    );
    let (file, dts) = declaring[0];
    let what = format!("the ErrorCode union in {}", file.display());
    let problems = differences(&what, &typescript_union(dts));
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(
        dts.contains("code: ErrorCode;"),
        "BlueButtonError's `code` in {} is typed `ErrorCode`",
        file.display()
    );
}

#[test]
fn no_typescript_error_declares_code_as_a_bare_string() {
    for (file, text) in typescript_sources() {
        for (at, _) in text.match_indices("extends Error") {
            let body = &text[at..];
            let body = &body[..body.find('}').unwrap_or(body.len())];
            let compact: String = body.chars().filter(|c| !c.is_whitespace()).collect();
            assert!(
                !compact.contains("code:string") && !compact.contains("code?:string"),
                "{}: an error interface types `code` as `string`; use the `ErrorCode` union",
                file.display()
            );
        }
    }
}

/// The README table as the enum says it should read.
fn expected_table() -> String {
    let mut table =
        String::from("| Code | Meaning | What to do |\n|------|---------|------------|\n");
    for code in ErrorCode::ALL {
        table.push_str(&format!(
            "| `{}` | {} | {} |\n",
            code.as_str(),
            code.meaning(),
            code.what_to_do()
        ));
    }
    table
}

#[test]
fn the_readme_has_one_table_with_a_row_per_code() {
    let readme = read("README.md");
    let header = "| Code | Meaning | What to do |";
    assert_eq!(
        readme.lines().filter(|l| l.trim() == header).count(),
        1,
        "README.md has exactly one error-code table headed `{header}`"
    );
    let rows: Vec<&str> = readme
        .lines()
        .skip_while(|l| l.trim() != header)
        .skip(2)
        .take_while(|l| l.starts_with('|'))
        .collect();
    let found: BTreeSet<String> = rows
        .iter()
        .map(|row| {
            let cell = row.trim_start_matches('|').split('|').next().unwrap_or("");
            cell.trim().trim_matches('`').to_owned()
        })
        .collect();
    let mut problems = differences("the README table", &found);
    if problems.is_empty() {
        // Same codes: the rows must also say what the enum says, in its order.
        let table: String = readme
            .lines()
            .skip_while(|l| l.trim() != header)
            .take_while(|l| l.starts_with('|'))
            .map(|l| format!("{l}\n"))
            .collect();
        if table != expected_table() {
            problems.push("the README rows differ from ErrorCode's meaning and what_to_do".into());
        }
    }
    assert!(
        problems.is_empty(),
        "{}\n\nThe table, from core/src/error_code.rs:\n\n{}",
        problems.join("\n"),
        expected_table()
    );
}
