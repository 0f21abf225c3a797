//! Unit tests of the parent module.

use super::*;

#[test]
fn ct_eq_cases() {
    assert!(ct_eq("", ""));
    assert!(!ct_eq("", "a"));
    assert!(!ct_eq("abcdef", "abc"));
    assert!(!ct_eq("ABC", "abc"));
    assert!(ct_eq("same-value-here", "same-value-here"));
}

#[test]
fn every_secret_is_redacted() {
    let s = "TOPSECRET";
    let all = [
        format!("{:?}", AccessToken::new(s)),
        format!("{}", AccessToken::new(s)),
        format!("{:?}", RefreshToken::new(s)),
        format!("{:?}", AuthorizationCode::new(s)),
        format!("{:?}", State::new(s)),
        format!("{:?}", ClientSecret::new(s)),
    ];
    for text in all {
        assert!(!text.contains(s), "{text} leaks the secret");
        assert!(text.ends_with("([redacted])"));
    }
}
