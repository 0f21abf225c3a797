//! Environments (which server) and API versions (which path prefix), and the endpoint URLs
//! derived from them, and [`ConfigError`] for settings that name none of them.

use crate::error_code::ErrorCode;
use crate::http::url_parts::{UrlParser, WhatwgUrl};

/// A configuration value that names no environment, version or relay.
///
/// ```
/// use bluebutton_core::api::env::{ApiVersion, ConfigError, Environment};
/// assert_eq!(Environment::parse("staging").unwrap_err().code(), "unknown_environment");
/// assert_eq!(ApiVersion::from_number(4).unwrap_err(), ConfigError::UnsupportedVersion(4));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// The environment is not `sandbox`, `production`, `local` or an http(s) base URL.
    #[error("unknown environment {0}; use \"sandbox\", \"production\", \"local\" or an http(s) base URL")]
    UnknownEnvironment(String),
    /// The version is not 1, 2 or 3.
    #[error("Blue Button API version must be 1, 2 or 3, got {0}")]
    UnsupportedVersion(u32),
    /// The token relay URL is not an http(s) base URL.
    #[error("the token relay URL {0} is not valid; use an http(s) base URL such as \"https://relay.example.org\"")]
    InvalidRelayUrl(String),
    /// A client was asked for another environment than the session's.
    #[error("this session was issued for {issued_for}, so its token cannot be sent to {asked}; call client() with no environment, or sign in against {asked}")]
    EnvironmentMismatch {
        /// The base URL the session was issued for.
        issued_for: String,
        /// The base URL asked for.
        asked: String,
    },
}

impl ConfigError {
    /// The stable code (the JS `Error.code`).
    ///
    /// ```
    /// use bluebutton_core::api::env::ConfigError;
    /// assert_eq!(ConfigError::UnsupportedVersion(0).code(), "unsupported_version");
    /// ```
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::UnknownEnvironment(_) => ErrorCode::UnknownEnvironment,
            Self::UnsupportedVersion(_) => ErrorCode::UnsupportedVersion,
            Self::InvalidRelayUrl(_) => ErrorCode::InvalidRelayUrl,
            Self::EnvironmentMismatch { .. } => ErrorCode::EnvironmentMismatch,
        }
    }
}

/// The CMS developer sandbox.
pub const SANDBOX_BASE: &str = "https://sandbox.bluebutton.cms.gov";
/// CMS production.
pub const PRODUCTION_BASE: &str = "https://api.bluebutton.cms.gov";
/// The local sandbox started by `make demo` (`bluebutton-sandbox`).
pub const LOCAL_BASE: &str = "http://127.0.0.1:8000";

/// Which Blue Button server to talk to.
///
/// ```
/// use bluebutton_core::api::env::Environment;
/// assert_eq!(Environment::parse("sandbox").unwrap().base_url(), "https://sandbox.bluebutton.cms.gov");
/// assert_eq!(Environment::parse("http://127.0.0.1:9000/").unwrap().base_url(), "http://127.0.0.1:9000");
/// assert!(Environment::parse("ftp://x").is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Environment {
    /// `https://sandbox.bluebutton.cms.gov` (synthetic data).
    #[default]
    Sandbox,
    /// `https://api.bluebutton.cms.gov` (real beneficiaries).
    Production,
    /// The local sandbox at [`LOCAL_BASE`].
    Local,
    /// Any other base URL (origin plus optional path prefix, no trailing slash).
    Custom(String),
}

impl Environment {
    /// Reads `sandbox`, `production`, `local`, or an `http(s)://` base URL.
    pub fn parse(value: &str) -> Result<Self, ConfigError> {
        Self::parse_with(&WhatwgUrl, value)
    }

    /// [`Environment::parse`] with base URLs parsed by `urls` (the browser shell's sign-in
    /// path passes the browser's `URL`).
    pub fn parse_with(urls: &impl UrlParser, value: &str) -> Result<Self, ConfigError> {
        match value.trim() {
            "sandbox" => Ok(Self::Sandbox),
            "production" => Ok(Self::Production),
            "local" => Ok(Self::Local),
            other => {
                if crate::http::url_guard::check(other).is_err() {
                    return Err(ConfigError::UnknownEnvironment(format!(
                        "{other:?}: use an ASCII base URL (IDN hosts are not supported)"
                    )));
                }
                let url = urls
                    .parse(other)
                    .map_err(|e| ConfigError::UnknownEnvironment(format!("{other:?}: {e}")))?;
                if !matches!(url.scheme.as_str(), "http" | "https") || url.host.is_none() {
                    return Err(ConfigError::UnknownEnvironment(format!(
                        "{other:?}: the base URL must be http(s)://host[:port][/prefix]"
                    )));
                }
                if url.query.is_some() || url.fragment.is_some() {
                    return Err(ConfigError::UnknownEnvironment(format!(
                        "{other:?}: a base URL has no query or fragment"
                    )));
                }
                let text = url.href.trim_end_matches('/').to_owned();
                Ok(match text.as_str() {
                    SANDBOX_BASE => Self::Sandbox,
                    PRODUCTION_BASE => Self::Production,
                    _ => Self::Custom(text),
                })
            }
        }
    }

    /// The base URL without a trailing slash.
    pub fn base_url(&self) -> &str {
        match self {
            Self::Sandbox => SANDBOX_BASE,
            Self::Production => PRODUCTION_BASE,
            Self::Local => LOCAL_BASE,
            Self::Custom(url) => url,
        }
    }

    /// True where plain-`http` redirect URIs are acceptable: the CMS sandbox, the local
    /// sandbox, or a custom server on a loopback host.
    pub fn allows_http_redirects(&self) -> bool {
        self.allows_http_redirects_with(&WhatwgUrl)
    }

    /// [`Environment::allows_http_redirects`] with URLs parsed by `urls`.
    pub fn allows_http_redirects_with(&self, urls: &impl UrlParser) -> bool {
        match self {
            Self::Sandbox | Self::Local => true,
            Self::Production => false,
            Self::Custom(base) if crate::http::url_guard::check(base).is_err() => false,
            Self::Custom(base) => urls.parse(base).is_ok_and(|u| u.is_loopback()),
        }
    }
}

/// The Blue Button API version: v1 (FHIR STU3), v2 (R4), v3 (R4, CARIN-shaped).
///
/// ```
/// use bluebutton_core::api::env::ApiVersion;
/// assert_eq!(ApiVersion::from_number(2).unwrap().number(), 2);
/// assert!(ApiVersion::from_number(4).is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum ApiVersion {
    /// `/v1/`: FHIR STU3.
    V1,
    /// `/v2/`: FHIR R4 (the default).
    #[default]
    V2,
    /// `/v3/`: FHIR R4 on BFD server-ng (early adopters; `scope` required).
    V3,
}

impl ApiVersion {
    /// 1, 2 or 3 into a version.
    pub fn from_number(n: u32) -> Result<Self, ConfigError> {
        match n {
            1 => Ok(Self::V1),
            2 => Ok(Self::V2),
            3 => Ok(Self::V3),
            other => Err(ConfigError::UnsupportedVersion(other)),
        }
    }
    /// The version's number.
    pub fn number(self) -> u32 {
        match self {
            Self::V1 => 1,
            Self::V2 => 2,
            Self::V3 => 3,
        }
    }
}

/// The endpoint URLs of one environment and version.
///
/// ```
/// use bluebutton_core::api::env::{ApiVersion, Endpoints, Environment};
/// let e = Endpoints::new(&Environment::Sandbox, ApiVersion::V2);
/// assert_eq!(e.token, "https://sandbox.bluebutton.cms.gov/v2/o/token/");
/// assert_eq!(e.fhir_base, "https://sandbox.bluebutton.cms.gov/v2/fhir/");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoints {
    /// The API version these endpoints belong to.
    pub version: ApiVersion,
    /// `/v{n}/o/authorize/`
    pub authorize: String,
    /// `/v{n}/o/token/`
    pub token: String,
    /// `/v{n}/o/revoke_token/` (RFC 7009)
    pub revoke: String,
    /// `/v{n}/fhir/`
    pub fhir_base: String,
    /// `/v{n}/connect/userinfo`
    pub userinfo: String,
}

impl Endpoints {
    /// Derives every endpoint from the base URL and version.
    pub fn new(env: &Environment, version: ApiVersion) -> Self {
        let root = format!("{}/v{}", env.base_url(), version.number());
        Self {
            version,
            authorize: format!("{root}/o/authorize/"),
            token: format!("{root}/o/token/"),
            revoke: format!("{root}/o/revoke_token/"),
            fhir_base: format!("{root}/fhir/"),
            userinfo: format!("{root}/connect/userinfo"),
        }
    }

    /// Replaces the token and revoke endpoints with a token relay's (a tiny server of the
    /// app's own that adds the client secret), keeping the `/v{n}/o/...` paths.
    ///
    /// ```
    /// use bluebutton_core::api::env::{ApiVersion, Endpoints, Environment};
    /// let e = Endpoints::new(&Environment::Production, ApiVersion::V2)
    ///     .with_relay("https://relay.example.org/").unwrap();
    /// assert_eq!(e.token, "https://relay.example.org/v2/o/token/");
    /// assert_eq!(Endpoints::new(&Environment::Sandbox, ApiVersion::V2)
    ///     .with_relay("ftp://relay.example.org/").unwrap_err().code(), "invalid_relay_url");
    /// ```
    pub fn with_relay(self, relay_base: &str) -> Result<Self, ConfigError> {
        self.with_relay_with(&WhatwgUrl, relay_base)
    }

    /// [`Endpoints::with_relay`] with the relay URL parsed by `urls`.
    pub fn with_relay_with(
        mut self,
        urls: &impl UrlParser,
        relay_base: &str,
    ) -> Result<Self, ConfigError> {
        let env = match Environment::parse_with(urls, relay_base) {
            Ok(env) => env,
            Err(ConfigError::UnknownEnvironment(why)) => {
                return Err(ConfigError::InvalidRelayUrl(why))
            }
            Err(other) => return Err(other),
        };
        let root = format!("{}/v{}", env.base_url(), self.version.number());
        self.token = format!("{root}/o/token/");
        self.revoke = format!("{root}/o/revoke_token/");
        Ok(self)
    }
}
