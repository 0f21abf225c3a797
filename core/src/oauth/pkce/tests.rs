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

#[test]
fn base64url_is_base64s_url_safe_alphabet_without_padding() {
    // Every length a verifier, a challenge or a state uses (and the edges), against the
    // base64 crate (a dev-dependency, the reference); past 96 bytes the input is cut at 96.
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine as _;
    let bytes: Vec<u8> = (0..=255u8).cycle().take(120).collect();
    for len in 0..=96 {
        assert_eq!(
            base64url(&bytes[..len]),
            URL_SAFE_NO_PAD.encode(&bytes[..len]),
            "{len} bytes"
        );
    }
    assert_eq!(base64url(&bytes), URL_SAFE_NO_PAD.encode(&bytes[..96]));
    assert_eq!(base64url(&bytes).len(), VERIFIER_MAX_LEN);
}
