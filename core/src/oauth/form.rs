//! Strict `application/x-www-form-urlencoded` decoding for OAuth responses.
//!
//! Unlike a lenient decoder (which keeps `%zz` literally and replaces bad UTF-8), this one
//! makes a malformed escape or non-UTF-8 bytes an error, because a redirect carrying either
//! was not produced by a conforming server and must not be half-read.

use crate::oauth::error::OAuthError;

/// Decodes `a=1&b=x+y` into pairs, in order. `+` is a space; empty pieces are skipped.
///
/// ```
/// use bluebutton_core::oauth::form::decode_pairs;
/// let pairs = decode_pairs("scope=a+b%20c&x=%C3%A9").unwrap();
/// assert_eq!(pairs, vec![("scope".into(), "a b c".into()), ("x".into(), "é".into())]);
/// assert!(decode_pairs("code=%zz").is_err());
/// ```
pub fn decode_pairs(input: &str) -> Result<Vec<(String, String)>, OAuthError> {
    let mut out = Vec::new();
    for piece in input.split('&').filter(|p| !p.is_empty()) {
        let (raw_name, raw_value) = piece.split_once('=').unwrap_or((piece, ""));
        let name = decode_component(raw_name, raw_name)?;
        let value = decode_component(raw_value, &name)?;
        out.push((name, value));
    }
    Ok(out)
}

/// Decodes one component; `label` names the parameter in errors.
fn decode_component(raw: &str, label: &str) -> Result<String, OAuthError> {
    let bytes = raw.as_bytes();
    let mut buf = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => {
                buf.push(b' ');
                i += 1;
            }
            b'%' => {
                let hi = bytes.get(i + 1).and_then(|b| hex(*b));
                let lo = bytes.get(i + 2).and_then(|b| hex(*b));
                match (hi, lo) {
                    (Some(h), Some(l)) => buf.push(h << 4 | l),
                    _ => return Err(OAuthError::MalformedEscape(truncate(label))),
                }
                i += 3;
            }
            b => {
                buf.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(buf).map_err(|_| OAuthError::InvalidUtf8(truncate(label)))
}

fn hex(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Keeps error messages short when a parameter name is huge or hostile.
fn truncate(label: &str) -> String {
    label.chars().take(40).collect()
}

#[cfg(test)]
mod tests;
