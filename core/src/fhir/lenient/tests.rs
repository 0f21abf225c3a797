//! Unit tests of the parent module.

#![allow(clippy::unwrap_used)]
use super::*;

#[derive(serde::Deserialize, Debug, PartialEq)]
struct Probe {
    #[serde(default, deserialize_with = "string")]
    s: Option<String>,
    #[serde(default, deserialize_with = "number")]
    n: Option<f64>,
    #[serde(default, deserialize_with = "uint")]
    u: Option<u64>,
    #[serde(default, deserialize_with = "count")]
    c: usize,
}

#[test]
fn every_json_type_is_tolerated() {
    let values = [
        "null",
        "true",
        "1",
        "-1",
        "1.5",
        "\"IGNORED_FIELD\"",
        "\"7\"",
        "[1,[2]]",
        "{\"a\":{}}",
    ];
    for v in values {
        for field in ["s", "n", "u", "c"] {
            let json = format!("{{\"{field}\": {v}}}");
            let p: Result<Probe, _> = serde_json::from_str(&json);
            assert!(p.is_ok(), "{json}: {p:?}");
        }
    }
    let p: Probe = serde_json::from_str(r#"{"s":1.5,"n":"7","u":"7","c":[1,2,3]}"#).unwrap();
    assert_eq!(
        p,
        Probe {
            s: Some("1.5".into()),
            n: Some(7.0),
            u: Some(7),
            c: 3
        }
    );
    let p: Probe = serde_json::from_str(r#"{"n":"NaN","u":-3}"#).unwrap();
    assert_eq!((p.n, p.u), (None, None));
}

#[test]
fn syntax_errors_still_fail() {
    assert!(serde_json::from_str::<Probe>(r#"{"s": [1,}"#).is_err());
}
