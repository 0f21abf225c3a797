//! The pending authorization: what the callback needs (state, verifier, redirect URI,
//! environment, version, created time), stored by the shell in `sessionStorage` under
//! [`STORAGE_KEY`], expiring after [`PENDING_TTL_MS`], and deleted on first use.

use serde::{Deserialize, Serialize};

use crate::api::env::{ApiVersion, ConfigError, Environment};
use crate::http::url_parts::{UrlParser, WhatwgUrl};
use crate::json::{Fields, FromJson, Json, ToJson};
use crate::oauth::callback::{parse_callback_with, Callback, CallbackChecks};
use crate::oauth::error::OAuthError;
use crate::oauth::pkce::CodeVerifier;
use crate::oauth::secret::State;

/// The one `sessionStorage` key the library writes.
pub const STORAGE_KEY: &str = "bluebutton-wasm:pending-authorization";
/// How long a started sign-in stays valid: 10 minutes.
pub const PENDING_TTL_MS: f64 = 10.0 * 60.0 * 1000.0;

/// A sign-in in progress.
///
/// ```
/// use bluebutton_core::oauth::pending::PendingAuthorization;
/// let p = PendingAuthorization {
///     state: "s".repeat(43).into(), verifier: "v".repeat(43), redirect_uri: "http://127.0.0.1:8080/".into(),
///     env: "local".into(), version: 2, client_id: "c".into(), response_type: "code".into(),
///     created_at_ms: 0.0,
/// };
/// let json = p.to_json();
/// assert_eq!(PendingAuthorization::from_json(&json).unwrap(), p);
/// assert!(p.is_expired(600_001.0));
/// ```
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PendingAuthorization {
    /// The state sent in the authorize URL.
    pub state: State,
    /// The PKCE verifier whose challenge was sent.
    pub verifier: String,
    /// The redirect URI sent (the token request must repeat it exactly).
    pub redirect_uri: String,
    /// The environment as given (`sandbox`, `production`, `local` or a base URL).
    pub env: String,
    /// The API version number.
    pub version: u32,
    /// The client id.
    pub client_id: String,
    /// `code` or `token`.
    pub response_type: String,
    /// When the sign-in started (milliseconds since the Unix epoch).
    pub created_at_ms: f64,
}

impl std::fmt::Debug for PendingAuthorization {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PendingAuthorization")
            .field("state", &"[redacted]")
            .field("verifier", &"[redacted]")
            .field("redirect_uri", &self.redirect_uri)
            .field("env", &self.env)
            .field("version", &self.version)
            .field("client_id", &self.client_id)
            .field("response_type", &self.response_type)
            .field("created_at_ms", &self.created_at_ms)
            .finish()
    }
}

impl FromJson for PendingAuthorization {
    fn from_json(value: &Json) -> Result<Self, String> {
        let f = Fields::of(value)?;
        Ok(Self {
            state: f.string("state")?.into(),
            verifier: f.string("verifier")?,
            redirect_uri: f.string("redirectUri")?,
            env: f.string("env")?,
            version: f.u32("version")?,
            client_id: f.string("clientId")?,
            response_type: f.string("responseType")?,
            created_at_ms: f.number("createdAtMs")?,
        })
    }
}

impl ToJson for PendingAuthorization {
    fn to_json(&self) -> Json {
        Json::object([
            ("state", Json::Text(self.state.secret().to_owned())),
            ("verifier", Json::Text(self.verifier.clone())),
            ("redirectUri", Json::Text(self.redirect_uri.clone())),
            ("env", Json::Text(self.env.clone())),
            ("version", Json::Number(f64::from(self.version))),
            ("clientId", Json::Text(self.client_id.clone())),
            ("responseType", Json::Text(self.response_type.clone())),
            ("createdAtMs", Json::Number(self.created_at_ms)),
        ])
    }
}

impl PendingAuthorization {
    /// Serializes for storage.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads a stored value; anything unreadable counts as no pending sign-in.
    pub fn from_json(text: &str) -> Result<Self, OAuthError> {
        serde_json::from_str(text).map_err(|_| OAuthError::NoPendingAuthorization)
    }

    /// Older than [`PENDING_TTL_MS`] (or created in the future by more than a minute,
    /// which means a broken clock or a forged value)?
    pub fn is_expired(&self, now_ms: f64) -> bool {
        let age = now_ms - self.created_at_ms;
        !(-60_000.0..=PENDING_TTL_MS).contains(&age)
    }

    /// The environment.
    pub fn environment(&self) -> Result<Environment, ConfigError> {
        Environment::parse(&self.env)
    }

    /// The API version.
    pub fn api_version(&self) -> Result<ApiVersion, ConfigError> {
        ApiVersion::from_number(self.version)
    }

    /// Checks the callback URL against this pending sign-in: expiry first, then the state
    /// (on success and error responses alike). The caller must already have deleted the
    /// stored value (single use), whatever this returns.
    ///
    /// ```
    /// use bluebutton_core::oauth::pending::PendingAuthorization;
    /// use bluebutton_core::oauth::callback::CallbackResult;
    /// let p = PendingAuthorization {
    ///     state: "0123456789abcdef".into(), verifier: "v".repeat(43),
    ///     redirect_uri: "http://127.0.0.1:8080/".into(), env: "local".into(), version: 2,
    ///     client_id: "c".into(), response_type: "code".into(), created_at_ms: 1000.0,
    /// };
    /// let done = p.complete("http://127.0.0.1:8080/?code=xyz&state=0123456789abcdef", 2000.0).unwrap();
    /// assert!(matches!(done.callback.result, CallbackResult::Code { .. }));
    /// assert_eq!(p.complete("http://127.0.0.1:8080/?code=x&state=0123456789abcdeX", 2000.0).unwrap_err().code(), "state_mismatch");
    /// ```
    pub fn complete(&self, url: &str, now_ms: f64) -> Result<CompletedCallback, OAuthError> {
        self.complete_with(&WhatwgUrl, url, now_ms)
    }

    /// [`PendingAuthorization::complete`] with the URL checked by `urls`.
    pub fn complete_with(
        &self,
        urls: &impl UrlParser,
        url: &str,
        now_ms: f64,
    ) -> Result<CompletedCallback, OAuthError> {
        if self.is_expired(now_ms) {
            return Err(OAuthError::PendingExpired(
                (PENDING_TTL_MS / 60_000.0) as u64,
            ));
        }
        let callback = parse_callback_with(
            urls,
            url,
            CallbackChecks {
                expected_state: Some(&self.state),
                expected_issuer: None,
            },
        )?;
        let verifier = CodeVerifier::parse(&self.verifier)?;
        Ok(CompletedCallback { callback, verifier })
    }
}

/// A callback whose state matched its pending sign-in, with the verifier for the exchange.
#[derive(Debug)]
pub struct CompletedCallback {
    /// The parsed redirect.
    pub callback: Callback,
    /// The PKCE verifier to send with the code (consumed by the exchange).
    pub verifier: CodeVerifier,
}
