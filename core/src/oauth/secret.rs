//! Secret value types: redacted in `Debug`/`Display`, compared in constant time.
//!
//! Every OAuth secret (access and refresh tokens, authorization codes, PKCE verifiers and
//! `state`) is wrapped so that logging or formatting an error never prints it (checklist R6),
//! and so that comparisons go through [`ct_eq`] rather than `==` (R5).

use sha2::{Digest, Sha256};

/// Compares two strings in time that depends only on their lengths' digests, not on where
/// they first differ: both are hashed with SHA-256 and the digests are compared byte by byte
/// without an early exit.
///
/// ```
/// use bluebutton_core::oauth::secret::ct_eq;
/// assert!(ct_eq("abc", "abc"));
/// assert!(!ct_eq("abc", "abd"));
/// assert!(!ct_eq("abc", "ab"));
/// ```
pub fn ct_eq(a: &str, b: &str) -> bool {
    let da = Sha256::digest(a.as_bytes());
    let db = Sha256::digest(b.as_bytes());
    let mut diff = 0u8;
    for (x, y) in da.iter().zip(db.iter()) {
        diff |= x ^ y;
    }
    diff == 0
}

macro_rules! secret_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Default, serde::Serialize, serde::Deserialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl From<&str> for $name {
            fn from(value: &str) -> Self {
                Self(value.to_owned())
            }
        }

        impl From<String> for $name {
            fn from(value: String) -> Self {
                Self(value)
            }
        }

        impl $name {
            /// Wraps a secret string.
            pub fn new(value: impl Into<String>) -> Self {
                Self(value.into())
            }
            /// The secret itself: use it only to put it on the wire.
            pub fn secret(&self) -> &str {
                &self.0
            }
            /// Constant-time comparison with a plain string (see [`ct_eq`]).
            pub fn matches(&self, other: &str) -> bool {
                ct_eq(&self.0, other)
            }
        }

        impl std::fmt::Debug for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, concat!(stringify!($name), "([redacted])"))
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, concat!(stringify!($name), "([redacted])"))
            }
        }

        impl PartialEq for $name {
            fn eq(&self, other: &Self) -> bool {
                ct_eq(&self.0, &other.0)
            }
        }
        impl Eq for $name {}
    };
}

secret_type!(
    /// An OAuth access token (a bearer credential).
    ///
    /// ```
    /// use bluebutton_core::oauth::secret::AccessToken;
    /// let t = AccessToken::new("s3cr3t");
    /// assert_eq!(format!("{t:?}"), "AccessToken([redacted])");
    /// assert_eq!(t.secret(), "s3cr3t");
    /// ```
    AccessToken
);
secret_type!(
    /// An OAuth refresh token. Blue Button rotates them: each is single-use.
    ///
    /// ```
    /// use bluebutton_core::oauth::secret::RefreshToken;
    /// assert_eq!(RefreshToken::new("r").to_string(), "RefreshToken([redacted])");
    /// ```
    RefreshToken
);
secret_type!(
    /// An authorization code from the code-flow redirect (single-use, lives 60 s on Blue Button).
    ///
    /// ```
    /// use bluebutton_core::oauth::secret::AuthorizationCode;
    /// assert!(AuthorizationCode::new("abc").matches("abc"));
    /// ```
    AuthorizationCode
);
secret_type!(
    /// The OAuth `state` value binding a redirect to the request that started it.
    ///
    /// ```
    /// use bluebutton_core::oauth::secret::State;
    /// let s = State::new("0123456789abcdef0123");
    /// assert_eq!(format!("{s:?}"), "State([redacted])");
    /// ```
    State
);
secret_type!(
    /// A confidential client's secret (public once shipped to a browser: prefer a relay).
    ///
    /// ```
    /// use bluebutton_core::oauth::secret::ClientSecret;
    /// assert_eq!(format!("{:?}", ClientSecret::new("x")), "ClientSecret([redacted])");
    /// ```
    ClientSecret
);

#[cfg(test)]
mod tests;
