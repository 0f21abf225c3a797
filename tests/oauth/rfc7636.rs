//! PKCE (RFC 7636): the Appendix B vector, the verifier grammar of §4.1 and the S256
//! challenge of §4.2 (checklist R1, R2).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use bluebutton_wasm::core::oauth::pkce::{
    validate_verifier, CodeChallenge, CodeVerifier, PkceError, METHOD_S256, VERIFIER_MAX_LEN,
    VERIFIER_MIN_LEN,
};
use proptest::prelude::*;
use sha2::{Digest, Sha256};

/// RFC 7636 Appendix B: the 32 octets of entropy.
const APPENDIX_B_OCTETS: [u8; 32] = [
    116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186, 22, 212, 37, 77,
    105, 214, 191, 240, 91, 88, 5, 88, 83, 132, 141, 121,
];
/// RFC 7636 Appendix B: the verifier made from those octets.
const APPENDIX_B_VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
/// RFC 7636 Appendix B: the S256 challenge of that verifier.
const APPENDIX_B_CHALLENGE: &str = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

fn is_unreserved(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_' | '~')
}

fn is_base64url(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-' || c == '_'
}

/// An independent S256 computation (straight from §4.2, not through the crate).
fn reference_s256(verifier: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

#[test]
fn appendix_b_from_entropy() {
    let verifier = CodeVerifier::from_entropy(&APPENDIX_B_OCTETS);
    assert_eq!(verifier.secret(), APPENDIX_B_VERIFIER);
    let challenge = verifier.challenge();
    assert_eq!(challenge.as_str(), APPENDIX_B_CHALLENGE);
    assert_eq!(challenge.method(), "S256");
    assert_eq!(METHOD_S256, "S256");
    assert_eq!(verifier.into_secret(), APPENDIX_B_VERIFIER);
}

#[test]
fn appendix_b_from_entropy_slice_and_parse() {
    let from_slice = CodeVerifier::from_entropy_slice(&APPENDIX_B_OCTETS).unwrap();
    assert_eq!(from_slice.secret(), APPENDIX_B_VERIFIER);

    let parsed = CodeVerifier::parse(APPENDIX_B_VERIFIER).unwrap();
    assert_eq!(parsed.challenge().as_str(), APPENDIX_B_CHALLENGE);

    let direct = CodeChallenge::for_verifier(APPENDIX_B_VERIFIER).unwrap();
    assert_eq!(direct.as_str(), APPENDIX_B_CHALLENGE);
    assert_eq!(direct, parsed.challenge());
    assert_eq!(reference_s256(APPENDIX_B_VERIFIER), APPENDIX_B_CHALLENGE);
}

#[test]
fn verifier_length_bounds() {
    assert_eq!(VERIFIER_MIN_LEN, 43);
    assert_eq!(VERIFIER_MAX_LEN, 128);
    let cases: &[(usize, Result<(), PkceError>)] = &[
        (0, Err(PkceError::BadLength(0))),
        (1, Err(PkceError::BadLength(1))),
        (42, Err(PkceError::BadLength(42))),
        (43, Ok(())),
        (64, Ok(())),
        (128, Ok(())),
        (129, Err(PkceError::BadLength(129))),
        (1000, Err(PkceError::BadLength(1000))),
    ];
    for (len, expected) in cases {
        let value = "a".repeat(*len);
        assert_eq!(&validate_verifier(&value), expected, "length {len}");
        assert_eq!(
            CodeVerifier::parse(&value).map(|_| ()),
            *expected,
            "parse, length {len}"
        );
        assert_eq!(
            CodeChallenge::for_verifier(&value).map(|_| ()),
            *expected,
            "for_verifier, length {len}"
        );
    }
}

#[test]
fn verifier_characters() {
    let base = "a".repeat(42);
    // Each bad character placed last (position 42) and first (position 0).
    for bad in ["=", "+", "/", " ", "%", "é", "\u{0}", "\n", "😀", "*", "!"] {
        let last = format!("{base}{bad}");
        assert_eq!(
            validate_verifier(&last),
            Err(PkceError::BadCharacter(42)),
            "{bad:?} last"
        );
        let first = format!("{bad}{base}");
        assert_eq!(
            CodeVerifier::parse(&first).map(|_| ()),
            Err(PkceError::BadCharacter(0)),
            "{bad:?} first"
        );
    }
    // Lengths are counted in characters, not bytes: 43 two-byte characters are the right
    // length but the wrong alphabet.
    assert_eq!(
        validate_verifier(&"é".repeat(43)),
        Err(PkceError::BadCharacter(0))
    );
    // ... and 42 multibyte characters are too short even though they are 84 bytes.
    assert_eq!(
        validate_verifier(&"é".repeat(42)),
        Err(PkceError::BadLength(42))
    );
    // The whole unreserved set is accepted.
    let all = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";
    assert!(validate_verifier(all).is_ok());
    let padded = format!("{APPENDIX_B_VERIFIER}=");
    assert_eq!(validate_verifier(&padded), Err(PkceError::BadCharacter(43)));
}

#[test]
fn entropy_slice_bounds() {
    assert_eq!(
        CodeVerifier::from_entropy_slice(&[0u8; 31]).map(|_| ()),
        Err(PkceError::NotEnoughEntropy(31))
    );
    assert_eq!(
        CodeVerifier::from_entropy_slice(&[]).map(|_| ()),
        Err(PkceError::NotEnoughEntropy(0))
    );
    let long: Vec<u8> = (0..200u8).collect();
    let verifier = CodeVerifier::from_entropy_slice(&long).unwrap();
    assert_eq!(verifier.secret().len(), 128);
    assert_eq!(verifier.secret(), URL_SAFE_NO_PAD.encode(&long[..96]));
}

#[test]
fn error_messages_say_what_to_do() {
    let e = CodeVerifier::parse("short").map(|_| ()).unwrap_err();
    assert!(e.to_string().contains("43 to 128"), "{e}");
    assert!(e.to_string().contains("got 5"), "{e}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    /// R1: 32..=96 random bytes give a 43..=128 character verifier from the unreserved
    /// set; R2: its challenge is 43 base64url characters equal to SHA-256 computed here.
    #[test]
    fn entropy_gives_valid_verifier(bytes in prop::collection::vec(any::<u8>(), 32..=96)) {
        let verifier = CodeVerifier::from_entropy_slice(&bytes).unwrap();
        let text = verifier.secret();
        prop_assert!((43..=128).contains(&text.len()), "length {}", text.len());
        prop_assert_eq!(text.len(), (bytes.len() * 4).div_ceil(3));
        prop_assert!(text.chars().all(is_unreserved));
        prop_assert_eq!(URL_SAFE_NO_PAD.decode(text).unwrap(), bytes.clone());
        prop_assert!(validate_verifier(text).is_ok());
        prop_assert!(CodeVerifier::parse(text).is_ok());

        let challenge = verifier.challenge();
        prop_assert_eq!(challenge.as_str().len(), 43);
        prop_assert!(challenge.as_str().chars().all(is_base64url));
        prop_assert_eq!(challenge.as_str(), reference_s256(text));
        prop_assert_eq!(challenge.method(), "S256");
    }

    /// The 32-byte constructor agrees with the slice constructor.
    #[test]
    fn fixed_and_slice_constructors_agree(bytes in any::<[u8; 32]>()) {
        let a = CodeVerifier::from_entropy(&bytes);
        let b = CodeVerifier::from_entropy_slice(&bytes).unwrap();
        prop_assert_eq!(a.secret(), b.secret());
        prop_assert_eq!(a.secret().len(), 43);
    }

    /// Arbitrary strings never panic `parse`, and the answer matches the §4.1 grammar.
    #[test]
    fn parse_never_panics(value in any::<String>()) {
        let expected_ok = (43..=128).contains(&value.chars().count())
            && value.chars().all(is_unreserved);
        let result = CodeVerifier::parse(&value);
        prop_assert_eq!(result.is_ok(), expected_ok);
        if let Ok(v) = result {
            let challenge = v.challenge();
            prop_assert_eq!(challenge.as_str(), reference_s256(&value));
        }
    }

    /// Strings drawn mostly from the unreserved set, around the length bounds.
    #[test]
    fn parse_matches_grammar_near_bounds(value in "[A-Za-z0-9._~=+/ -]{38,134}") {
        let expected_ok = (43..=128).contains(&value.chars().count())
            && value.chars().all(is_unreserved);
        prop_assert_eq!(validate_verifier(&value).is_ok(), expected_ok);
        prop_assert_eq!(CodeChallenge::for_verifier(&value).is_ok(), expected_ok);
    }
}
