//! Unit tests of the parent module.

use super::*;

#[test]
fn rejects_bad_characters() {
    let base = "a".repeat(42);
    for bad in ["=", "+", "/", "é", " ", "%"] {
        let v = format!("{base}{bad}");
        assert!(matches!(
            validate_verifier(&v),
            Err(PkceError::BadCharacter(42))
        ));
    }
}

#[test]
fn length_bounds() {
    assert!(validate_verifier(&"a".repeat(128)).is_ok());
    assert_eq!(
        validate_verifier(&"a".repeat(129)),
        Err(PkceError::BadLength(129))
    );
    assert_eq!(validate_verifier(""), Err(PkceError::BadLength(0)));
}

#[test]
fn debug_is_redacted() {
    let v = CodeVerifier::from_entropy(&[9; 32]);
    assert_eq!(format!("{v:?}"), "CodeVerifier([redacted])");
}
