//! A guard run before the `url` parser sees untrusted text. Host names are ASCII-only in this
//! crate (the IDNA back end is the no-op one, to keep Unicode tables out of the wasm), so text
//! with non-ASCII characters, or with a percent-encoded host, is refused up front: the parser
//! would only reject it later, and in debug builds its ASCII-only back end asserts instead.

/// Why the text was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// A character outside ASCII.
    NonAscii,
    /// A `%` in the host part (percent-encoded host names are not supported).
    EncodedHost,
}

/// Checks `text` before it is parsed or joined as a URL.
///
/// ```
/// use bluebutton_core::http::url_guard::{check, Refusal};
/// assert_eq!(check("https://api.bluebutton.cms.gov/v2/fhir/?q=%41"), Ok(()));
/// assert_eq!(check("ExplanationOfBenefit?startIndex=10&x=a:%41"), Ok(()));
/// assert_eq!(check("com.example.app:/cb%20x"), Ok(()));
/// assert_eq!(check("https://exämple.org/"), Err(Refusal::NonAscii));
/// assert_eq!(check("ws:5codeC%AA[%AA:"), Err(Refusal::EncodedHost));
/// assert_eq!(check("//ev%69l.example/"), Err(Refusal::EncodedHost));
/// assert_eq!(check("ws\n:A%Baaa20\0"), Err(Refusal::EncodedHost));
/// ```
pub fn check(text: &str) -> Result<(), Refusal> {
    if !text.is_ascii() {
        return Err(Refusal::NonAscii);
    }
    // As the WHATWG parser does: drop tabs and newlines anywhere, trim C0 controls and spaces.
    let cleaned: String = text
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let text = cleaned.trim_matches(|c: char| c <= ' ');
    let (scheme, rest) = match scheme_end(text) {
        Some(i) => (Some(&text[..i]), &text[i + 1..]),
        None => (None, text),
    };
    let special = scheme.is_some_and(|s| {
        ["http", "https", "ws", "wss", "ftp", "file"]
            .iter()
            .any(|x| x.eq_ignore_ascii_case(s))
    });
    let has_authority = if special {
        true
    } else {
        rest.starts_with("//") || (scheme.is_none() && rest.starts_with("\\\\"))
    };
    if !has_authority {
        return Ok(());
    }
    let authority = rest
        .trim_start_matches(['/', '\\'])
        .split(['/', '\\', '?', '#'])
        .next()
        .unwrap_or_default();
    if authority.contains('%') {
        return Err(Refusal::EncodedHost);
    }
    Ok(())
}

/// The index of the `:` ending a URL scheme (`ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )`).
fn scheme_end(text: &str) -> Option<usize> {
    let colon = text.find(':')?;
    let scheme = &text[..colon];
    let mut chars = scheme.chars();
    let first_ok = chars.next().is_some_and(|c| c.is_ascii_alphabetic());
    let rest_ok = chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    (first_ok && rest_ok).then_some(colon)
}
