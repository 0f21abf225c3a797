#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};

use super::*;
use crate::fhir::summarize_claims;

const DIR: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../shared/fixtures/bluebutton"
);

/// Streams `bytes` in chunks of `size` (0: all at once).
fn streamed(bytes: &[u8], size: usize) -> Result<ClaimSummary, FhirError> {
    let mut s = SummaryStream::new();
    if size == 0 {
        s.push(bytes)?;
    } else {
        for chunk in bytes.chunks(size) {
            s.push(chunk)?;
        }
    }
    s.finish()
}

/// The stream gives what the old path gives, for every chunking: the same summary, or an
/// error with the same code.
fn assert_same(bytes: &[u8], what: &str) {
    let old = summarize_claims(bytes);
    for size in [1, 7, 4096, 0] {
        let new = streamed(bytes, size);
        match (&old, &new) {
            (Ok(a), Ok(b)) => assert_eq!(a, b, "{what}, chunks of {size}"),
            (Err(a), Err(b)) => {
                assert_eq!(a.code(), b.code(), "{what}, chunks of {size}: {a} / {b}")
            }
            _ => panic!("{what}, chunks of {size}: old {old:?}, new {new:?}"),
        }
    }
}

fn json_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            json_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "json") {
            out.push(p);
        }
    }
}

#[test]
fn equals_the_old_path_on_every_fixture() {
    if !Path::new(DIR).is_dir() {
        println!("SKIP: {DIR} not found (../shared/fixtures is absent)");
        return;
    }
    let mut files = Vec::new();
    json_files(Path::new(DIR), &mut files);
    let mut bundles = 0;
    let mut claims = 0;
    for f in &files {
        let bytes = std::fs::read(f).unwrap();
        assert_same(&bytes, &f.display().to_string());
        if let Ok(s) = summarize_claims(&bytes) {
            bundles += 1;
            claims += s.claims + s.not_final.claims + s.prior_authorizations.claims;
        }
    }
    // v1, v2 and v3 EOB searches are among them.
    assert!(
        bundles >= 10,
        "only {bundles} Bundles among {} files",
        files.len()
    );
    assert!(claims >= 50, "only {claims} claims");
}

#[test]
fn equals_the_old_path_on_awkward_json() {
    let eob = |extra: &str| {
        format!(
            r#"{{"resource":{{"resourceType":"ExplanationOfBenefit","id":"a\"{{[}}]","type":{{"coding":[{{"system":"https://bluebutton.cms.gov/resources/codesystem/eob-type","code":"CARRIER"}}]}},"item":[{{"servicedDate":"2021-03-04"}}],"payment":{{"amount":{{"value":10.5}}}}{extra}}}}}"#
        )
    };
    let cases = [
        // Strings with brackets, braces and (escaped) quotes, in keys and values.
        format!(
            r#"{{"resourceType":"Bundle","id":"x]}}{{[\"\\","entry":[{},{}]}}"#,
            eob(""),
            eob(r#","note":"}}]\\\"entry\":[\\""#)
        ),
        // An `entry` key nested inside resources (and in `link`), entries after other keys.
        format!(
            r#"{{"link":[{{"entry":[1,2]}}],"meta":{{"entry":{{"entry":[]}}}},"total":4,"entry":[{}],"resourceType":"Bundle"}}"#,
            eob(r#","contained":[{"resourceType":"Bundle","entry":[{"resource":{}}]}]"#)
        ),
        // Entries before the other keys; pretty-printed.
        format!(
            "{{\n  \"entry\" : [\n    {} ,\n    {}\n  ] ,\n  \"resourceType\": \"Bundle\"\n}}\n",
            eob(""),
            eob("")
        ),
        // A value "entry" (not a key) followed by an array elsewhere.
        format!(
            r#"{{"resourceType":"Bundle","id":"entry","link":[],"entry":[{}]}}"#,
            eob("")
        ),
        // A key spelt with an escape is read from the skeleton.
        format!(r#"{{"resourceType":"Bundle","\u0065ntry":[{}]}}"#, eob("")),
        r#"{"resourceType":"Bundle","entry":null}"#.to_owned(),
        r#"{"resourceType":"Bundle","entry":[]}"#.to_owned(),
        r#"{"resourceType":"Bundle"}"#.to_owned(),
        "\u{feff}{\"resourceType\":\"Bundle\",\"entry\":[{}]}".to_owned(),
    ];
    for (n, c) in cases.iter().enumerate() {
        assert!(
            summarize_claims(c.as_bytes()).is_ok(),
            "case {n} must be valid"
        );
        assert_same(c.as_bytes(), &format!("case {n}: {c}"));
    }
    let both = streamed(cases[0].as_bytes(), 3).unwrap();
    assert_eq!((both.claims, both.amounts.paid), (2, Some(21.0)));
}

#[test]
fn bad_documents_give_the_old_error() {
    let good = r#"{"resourceType":"Bundle","total":2,"entry":[{"resource":{"resourceType":"Patient"}},{"resource":{"resourceType":"Patient"}}]}"#;
    let cases = [
        format!("{good} x"),
        format!("{good}{{}}"),
        good.replace("}},{", "}} {"),
        good.replace("}}]", "}},]"),
        good.replace("[{", "[,{"),
        good.replace("[{", "[7,{"),
        good.replace("[{", "[\"x\",{"),
        good.replace("[{", "[null,{"),
        good.replace("Bundle", "Patient"),
        good.replace(r#"{"resourceType":"Patient"}}]"#, "7}]"),
        good.replace(r#""entry":["#, r#""entry":7,"x":["#),
        format!("{},\"entry\":[]}}", &good[..good.len() - 1]),
        good.replace("\"resource\":{", "\"resource\":{\"item\":["),
        "<html>502</html>".to_owned(),
        "   ".to_owned(),
        String::new(),
        "[1,2]".to_owned(),
        // Two faults: the one before the entries comes first, as in the old path.
        good.replace("\"total\":2", "\"total\":tru")
            .replace("[{", "[7,{"),
        good.replace("\"total\":2", "\"entry\":[],\"total\":2")
            .replace("[{", "[7,{"),
        good.replace("\"total\":2", "\"total\":2}")
            .replace("[{", "[7,{"),
    ];
    for (n, c) in cases.iter().enumerate() {
        assert!(
            summarize_claims(c.as_bytes()).is_err(),
            "case {n} must be bad: {c}"
        );
        assert_same(c.as_bytes(), &format!("case {n}: {c}"));
    }
}

#[test]
fn a_cut_document_is_an_error_at_every_length() {
    let good = br#"{"resourceType":"Bundle","total":1,"entry":[{"resource":{"resourceType":"Patient","id":"a\"b"}}]}"#;
    for len in 0..good.len() {
        let err = streamed(&good[..len], 1).unwrap_err();
        let code = err.code().as_str();
        assert!(
            matches!(code, "truncated_json" | "empty_body"),
            "{len}: {err}"
        );
        assert_eq!(
            code,
            summarize_claims(&good[..len]).unwrap_err().code().as_str(),
            "{len}"
        );
    }
    assert!(streamed(good, 1).is_ok());
}

#[test]
fn errors_name_the_place_in_the_whole_input() {
    let doc = "{\"resourceType\":\"Bundle\",\n\"entry\":[{\"resource\":{}},\n {\"resource\":7}]}";
    for size in [1, 5, 0] {
        match streamed(doc.as_bytes(), size).unwrap_err() {
            FhirError::Shape { path, .. } if cfg!(target_arch = "wasm32") => {
                assert!(path.starts_with("line 3"), "{path}")
            }
            FhirError::Shape { path, .. } => assert_eq!(path, "entry[1].resource"),
            e => panic!("{e:?}"),
        }
    }
    let syntax =
        "{\"resourceType\":\"Bundle\",\n\"entry\":[{\"resource\":{}},\n {\"resource\":{\"a\" 1}}]}";
    let old = summarize_claims(syntax.as_bytes()).unwrap_err();
    for size in [1, 5, 0] {
        assert_eq!(
            streamed(syntax.as_bytes(), size).unwrap_err(),
            old,
            "chunks of {size}"
        );
    }
    let cut = "{\"resourceType\":\"Bundle\",\n\"entry\":[{\"resource\":{}},\n {\"resou";
    let old = summarize_claims(cut.as_bytes()).unwrap_err();
    assert_eq!(streamed(cut.as_bytes(), 4).unwrap_err(), old);
}

#[test]
fn holds_at_most_its_limit() {
    let entry = r#"{"resource":{"resourceType":"Patient","id":"0123456789"}}"#;
    let doc = format!(r#"{{"resourceType":"Bundle","entry":[{entry},{entry}]}}"#);
    for size in [1, 7, 0] {
        let mut s = SummaryStream::with_limit(entry.len());
        let ok = doc
            .as_bytes()
            .chunks(if size == 0 { doc.len() } else { size })
            .try_for_each(|c| s.push(c));
        assert!(ok.is_ok(), "an entry of exactly the limit passes");
        assert_eq!(s.finish().unwrap().other_resources, 2);

        let mut s = SummaryStream::with_limit(entry.len() - 1);
        let err = doc
            .as_bytes()
            .chunks(if size == 0 { doc.len() } else { size })
            .try_for_each(|c| s.push(c));
        assert_eq!(
            err.unwrap_err(),
            FhirError::TooLarge {
                max: entry.len() - 1
            }
        );
        assert_eq!(
            s.push(b"]}").unwrap_err().code().as_str(),
            "response_too_large",
            "stays failed"
        );
    }
    // The skeleton too (a document whose entries are not streamed).
    let mut s = SummaryStream::with_limit(10);
    assert_eq!(
        s.push(b"[1,2,3,4,5,6,7]").unwrap_err(),
        FhirError::TooLarge { max: 10 }
    );
}

#[test]
fn entry_key_detection() {
    assert!(after_entry_key(br#"{"entry":"#));
    assert!(after_entry_key(b"{\"a\":1 ,\n \"entry\" :\n"));
    assert!(!after_entry_key(br#"{"a\"entry":"#));
    assert!(!after_entry_key(br#"{"xentry":"#));
    assert!(!after_entry_key(br#"{"entry""#));
    assert!(!after_entry_key(b""));
}

#[test]
fn padding_outside_the_entries_costs_no_memory() {
    let mut s = SummaryStream::with_limit(64);
    s.push(br#"{"resourceType":"Bundle","#).unwrap();
    for _ in 0..1000 {
        s.push(b" \n\t ").unwrap();
    }
    s.push(br#""entry":[]}"#).unwrap();
    for _ in 0..1000 {
        s.push(b"  ").unwrap();
    }
    assert_eq!(s.finish().unwrap().pages, 1);
    // Whitespace still separates tokens.
    assert_eq!(
        streamed(br#"{"resourceType":"Bundle","total":1  2}"#, 1)
            .unwrap_err()
            .code()
            .as_str(),
        "not_json"
    );
}

#[test]
fn deep_json_is_an_error_not_a_stack_overflow() {
    for open in ["[", "{\"a\":"] {
        let body = open.repeat(100_000);
        let in_entry = format!("{{\"resourceType\":\"Bundle\",\"entry\":[{body}");
        let as_entry = format!("{{\"resourceType\":\"Bundle\",\"entry\":{body}");
        for doc in [&body, &in_entry, &as_entry] {
            let old = summarize_claims(doc.as_bytes()).unwrap_err();
            for size in [4096, 0] {
                let new = streamed(doc.as_bytes(), size).unwrap_err();
                assert!(
                    matches!(new.code().as_str(), "json_too_deep" | "truncated_json"),
                    "{new}"
                );
                assert_eq!(new.code(), old.code(), "chunks of {size}");
            }
        }
    }
}

#[test]
fn a_mismatched_bracket_in_an_entry_is_the_old_syntax_error() {
    let good = "{\"resourceType\":\"Bundle\",\"entry\":[{\"resource\":{\"resourceType\":\"Patient\",\"x\":[{\"a\":1}]}},{\"resource\":{}}]}";
    for bad in [
        good.replacen("}]}}", "}}}}", 1),
        good.replacen("[{\"a\"", "{{\"a\"", 1),
        good.replacen("}]}},", "}]]},", 1),
    ] {
        let old = summarize_claims(bad.as_bytes()).unwrap_err();
        assert_eq!(old.code().as_str(), "not_json", "{bad}");
        for size in [1, 3, 8, 0] {
            assert_eq!(
                streamed(bad.as_bytes(), size).unwrap_err().code(),
                old.code(),
                "{bad}, chunks of {size}"
            );
        }
    }
}

#[test]
fn a_stray_quote_in_an_entry_is_the_old_syntax_error_not_a_cut_document() {
    let good = "{\"resourceType\":\"Bundle\",\"entry\":[{\"resource\":{\"resourceType\":\"Patient\",\"a\":{\"b\":1}, \"c\":2}},{\"resource\":{}}]}";
    let bad = good.replacen("}, \"c\"", "} \" }, \"c\"", 1);
    let old = summarize_claims(bad.as_bytes()).unwrap_err();
    assert_eq!(old.code().as_str(), "not_json", "{bad}");
    for size in [1, 3, 8] {
        assert_eq!(
            streamed(bad.as_bytes(), size).unwrap_err(),
            old,
            "chunks of {size}"
        );
    }
    // The same past the holding limit: the syntax error, not response_too_large.
    let mut s = SummaryStream::with_limit(60);
    let err = bad.as_bytes().chunks(3).try_for_each(|c| s.push(c)).err();
    let err = err.unwrap_or_else(|| s.finish().unwrap_err());
    assert_eq!(err.code(), old.code(), "{err}");
}
