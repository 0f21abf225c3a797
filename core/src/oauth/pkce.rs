//! PKCE (RFC 7636) with the S256 method only.
//!
//! The verifier is made from caller-supplied entropy (the browser shell passes 32 bytes from
//! `crypto.getRandomValues`), so this module never touches a random number generator and is
//! fully deterministic under test. `plain` has no code path at all (RFC 9700 §2.1.1).

use sha2::{Digest, Sha256};

use crate::error_code::ErrorCode;

/// Minimum verifier length (RFC 7636 §4.1).
pub const VERIFIER_MIN_LEN: usize = 43;
/// Maximum verifier length (RFC 7636 §4.1).
pub const VERIFIER_MAX_LEN: usize = 128;
/// The only challenge method this crate sends.
pub const METHOD_S256: &str = "S256";

/// Why a verifier string was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PkceError {
    /// Fewer than 43 or more than 128 characters.
    #[error("PKCE code verifier must be 43 to 128 characters long, got {0}; create one with createPkcePair()")]
    BadLength(usize),
    /// A character outside `[A-Z] / [a-z] / [0-9] / "-" / "." / "_" / "~"`.
    #[error("PKCE code verifier contains a character outside A-Z a-z 0-9 - . _ ~ at position {0}")]
    BadCharacter(usize),
    /// Less than 32 bytes of entropy were supplied.
    #[error("PKCE code verifier needs at least 32 bytes (256 bits) of entropy, got {0}")]
    NotEnoughEntropy(usize),
}

impl PkceError {
    /// The stable code: every PKCE refusal is `invalid_pkce_verifier`.
    ///
    /// ```
    /// use bluebutton_core::oauth::pkce::PkceError;
    /// assert_eq!(PkceError::BadLength(3).code(), "invalid_pkce_verifier");
    /// ```
    pub fn code(&self) -> ErrorCode {
        ErrorCode::InvalidPkceVerifier
    }
}

/// A PKCE code verifier. Not `Clone`: the token exchange consumes it (checklist R7).
///
/// ```
/// use bluebutton_core::oauth::pkce::CodeVerifier;
/// let v = CodeVerifier::parse("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk").unwrap();
/// assert_eq!(v.challenge().as_str(), "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
/// assert!(CodeVerifier::parse("too-short").is_err());
/// ```
///
/// It cannot be copied (this example must fail to compile):
///
/// ```compile_fail,E0277
/// use bluebutton_core::oauth::pkce::CodeVerifier;
/// fn needs_clone<T: Clone>(_: &T) {}
/// needs_clone(&CodeVerifier::from_entropy(&[7; 32]));
/// ```
///
/// and the code exchange takes it, so it cannot be used twice (this example must fail too):
///
/// ```compile_fail,E0382
/// # use bluebutton_core::{api::env::*, oauth::token::TokenClient, oauth::pkce::CodeVerifier, oauth::secret::AuthorizationCode};
/// let client = TokenClient::new(&Endpoints::new(&Environment::Local, ApiVersion::V2), "app");
/// let verifier = CodeVerifier::from_entropy(&[7; 32]);
/// let first = client.code_exchange_request(&AuthorizationCode::new("a"), "http://127.0.0.1:8080/", verifier);
/// let again = client.code_exchange_request(&AuthorizationCode::new("b"), "http://127.0.0.1:8080/", verifier);
/// ```
pub struct CodeVerifier(String);

impl CodeVerifier {
    /// Builds a verifier by base64url-encoding (no padding) 32 bytes of entropy, which gives
    /// 43 characters from the unreserved set. Longer entropy gives a longer verifier, capped at
    /// 96 bytes (128 characters).
    ///
    /// ```
    /// use bluebutton_core::oauth::pkce::CodeVerifier;
    /// let v = CodeVerifier::from_entropy(&[7u8; 32]);
    /// assert_eq!(v.secret().len(), 43);
    /// ```
    pub fn from_entropy(bytes: &[u8; 32]) -> Self {
        Self(base64url(bytes))
    }

    /// Like [`CodeVerifier::from_entropy`] for any length from 32 to 96 bytes.
    ///
    /// ```
    /// use bluebutton_core::oauth::pkce::CodeVerifier;
    /// assert_eq!(CodeVerifier::from_entropy_slice(&[1u8; 96]).unwrap().secret().len(), 128);
    /// assert!(CodeVerifier::from_entropy_slice(&[1u8; 16]).is_err());
    /// ```
    pub fn from_entropy_slice(bytes: &[u8]) -> Result<Self, PkceError> {
        if bytes.len() < 32 {
            return Err(PkceError::NotEnoughEntropy(bytes.len()));
        }
        let used = &bytes[..bytes.len().min(96)];
        Ok(Self(base64url(used)))
    }

    /// Accepts a verifier made elsewhere, checking RFC 7636 §4.1; a bad one is an error,
    /// never silently fixed.
    pub fn parse(value: &str) -> Result<Self, PkceError> {
        validate_verifier(value)?;
        Ok(Self(value.to_owned()))
    }

    /// The verifier text, to be sent once in the token request.
    pub fn secret(&self) -> &str {
        &self.0
    }

    /// The S256 challenge: BASE64URL-NOPAD(SHA-256(ASCII(verifier))).
    pub fn challenge(&self) -> CodeChallenge {
        CodeChallenge(s256(&self.0))
    }

    /// Gives up the verifier text (consumes it).
    pub fn into_secret(self) -> String {
        self.0
    }
}

impl std::fmt::Debug for CodeVerifier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("CodeVerifier([redacted])")
    }
}

/// A PKCE S256 code challenge (public: it is sent in the authorize URL).
///
/// ```
/// use bluebutton_core::oauth::pkce::CodeChallenge;
/// let c = CodeChallenge::for_verifier("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk").unwrap();
/// assert_eq!(c.as_str(), "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeChallenge(String);

impl CodeChallenge {
    /// Validates the verifier, then computes its S256 challenge.
    pub fn for_verifier(verifier: &str) -> Result<Self, PkceError> {
        validate_verifier(verifier)?;
        Ok(Self(s256(verifier)))
    }
    /// The challenge text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
    /// Always `"S256"`.
    pub fn method(&self) -> &'static str {
        METHOD_S256
    }
}

/// Checks RFC 7636 §4.1: 43..=128 characters from the unreserved set.
///
/// ```
/// use bluebutton_core::oauth::pkce::{validate_verifier, PkceError};
/// assert_eq!(validate_verifier(&"a".repeat(42)), Err(PkceError::BadLength(42)));
/// assert!(validate_verifier(&"a".repeat(43)).is_ok());
/// ```
pub fn validate_verifier(value: &str) -> Result<(), PkceError> {
    let len = value.chars().count();
    if !(VERIFIER_MIN_LEN..=VERIFIER_MAX_LEN).contains(&len) {
        return Err(PkceError::BadLength(len));
    }
    if let Some(pos) = value.chars().position(|c| !is_unreserved(c)) {
        return Err(PkceError::BadCharacter(pos));
    }
    Ok(())
}

/// Is `c` in RFC 3986's unreserved set (`ALPHA / DIGIT / "-" / "." / "_" / "~"`)?
pub(crate) fn is_unreserved(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_' | '~')
}

fn s256(verifier: &str) -> String {
    base64url(&Sha256::digest(verifier.as_bytes()))
}

/// Base64url without padding (RFC 4648 §5) of at most 96 bytes (the longest verifier's
/// entropy): PKCE verifiers and challenges, and the browser's `state`. Longer input is cut at
/// 96 bytes. A dozen lines instead of the `base64` crate's generic engine (~2.5 KB of the
/// sign-in .wasm); a unit test checks it against that crate for every length it is used at.
///
/// ```
/// use bluebutton_core::oauth::pkce::base64url;
/// assert_eq!(base64url(&[0xfb, 0xff]), "-_8");
/// assert_eq!(base64url(&[7u8; 32]).len(), 43);
/// ```
pub fn base64url(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let input = &bytes[..bytes.len().min(96)];
    let mut out = String::with_capacity(input.len().div_ceil(3) * 4);
    for chunk in input.chunks(3) {
        // Up to 24 bits, first byte highest; k bytes give k + 1 characters (no padding).
        let bits = chunk
            .iter()
            .zip([16, 8, 0])
            .fold(0u32, |bits, (&b, shift)| bits | (u32::from(b) << shift));
        for shift in [18, 12, 6, 0].into_iter().take(chunk.len() + 1) {
            out.push(char::from(ALPHABET[((bits >> shift) & 63) as usize]));
        }
    }
    out
}

#[cfg(test)]
mod tests;
