//! Unit tests of the parent module.

use super::*;

#[test]
fn cases() {
    assert_eq!(decode_pairs("").unwrap(), vec![]);
    assert_eq!(
        decode_pairs("a&b=").unwrap(),
        vec![("a".into(), "".into()), ("b".into(), "".into())]
    );
    assert_eq!(
        decode_pairs("a=b=c").unwrap(),
        vec![("a".into(), "b=c".into())]
    );
    assert!(matches!(
        decode_pairs("a=%4"),
        Err(OAuthError::MalformedEscape(_))
    ));
    assert!(matches!(
        decode_pairs("a=%"),
        Err(OAuthError::MalformedEscape(_))
    ));
    assert!(matches!(
        decode_pairs("a=%FF"),
        Err(OAuthError::InvalidUtf8(_))
    ));
    assert!(matches!(
        decode_pairs("%G0=1"),
        Err(OAuthError::MalformedEscape(_))
    ));
}
