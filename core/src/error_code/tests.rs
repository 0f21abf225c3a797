use std::collections::HashSet;

use super::ErrorCode;

#[test]
fn codes_are_unique_snake_case_and_serialize_as_themselves() {
    let mut seen = HashSet::new();
    for &code in ErrorCode::ALL {
        let s = code.as_str();
        assert!(seen.insert(s), "{s} appears twice");
        assert!(
            !s.is_empty()
                && s.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
                && s.starts_with(|c: char| c.is_ascii_lowercase())
                && !s.ends_with('_'),
            "{s} is not snake_case"
        );
        assert_eq!(code.to_string(), s);
        assert_eq!(code, s);
        let json = serde_json::to_string(&code).unwrap();
        assert_eq!(json, format!("\"{s}\""));
        assert_eq!(serde_json::from_str::<ErrorCode>(&json).unwrap(), code);
    }
    assert!(serde_json::from_str::<ErrorCode>("\"invalid_json\"").is_err());
}

#[test]
fn every_code_says_what_it_means_and_what_to_do() {
    for &code in ErrorCode::ALL {
        for text in [code.meaning(), code.what_to_do()] {
            assert!(
                text.ends_with('.') && !text.contains('|') && !text.contains('\n'),
                "{code}: {text:?} must be one table cell ending in a full stop"
            );
        }
    }
}
