//! Unit tests of the parent module.

#![allow(clippy::unwrap_used)]
use super::*;

#[derive(serde::Deserialize, Debug)]
#[allow(dead_code)]
struct S {
    a: Vec<Inner>,
}
#[derive(serde::Deserialize, Debug)]
#[allow(dead_code)]
struct Inner {
    n: u8,
}

#[test]
fn categories() {
    let cases: &[(&[u8], &str)] = &[
        (b"", "empty_body"),
        (b" \n", "empty_body"),
        (b"<html>", "not_json"),
        (b"\xff\xfe{}", "not_json"),
        (br#"{"a":[{"n":1}"#, "truncated_json"),
        (br#"{"a":[{"n":"x"}]}"#, "unexpected_shape"),
        (b"\xEF\xBB\xBF{\"a\":[]}", "ok"),
    ];
    for (input, want) in cases {
        let got = match parse_json::<S>(input) {
            Ok(_) => "ok",
            Err(e) => e.code().as_str(),
        };
        assert_eq!(got, *want, "{:?}", String::from_utf8_lossy(input));
    }
}

#[test]
fn shape_errors_carry_a_path() {
    let e = parse_json::<S>(br#"{"a":[{"n":1},{"n":"x"}]}"#).unwrap_err();
    assert_eq!(
        e,
        FhirError::Shape {
            path: "a[1].n".into(),
            message: "invalid type: string \"x\", expected u8".into()
        }
    );
}

#[test]
fn deep_nesting_is_refused() {
    let deep = "[".repeat(100_000);
    assert_eq!(
        parse_json::<serde_json::Value>(deep.as_bytes()),
        Err(FhirError::TooDeep)
    );
}
