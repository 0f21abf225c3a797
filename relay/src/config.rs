//! What the relay is told to do: the upstream, the client credentials, the allowed browser
//! origins and the limits. Built by [`crate::args::parse`] from the command line.

use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

/// Largest request body accepted from a browser (a token or revoke form).
pub const MAX_REQUEST_BODY: usize = 16 * 1024;
/// Largest token or revoke answer read from the upstream.
pub const MAX_TOKEN_RESPONSE: u64 = 64 * 1024;
/// Largest FHIR answer read from the upstream (bytes as sent: compressed when gzipped).
pub const MAX_FHIR_RESPONSE: u64 = 16 * 1024 * 1024;
/// How long a browser may take to send a request body.
pub const REQUEST_BODY_TIMEOUT: Duration = Duration::from_secs(10);
/// Upstream time limit of a token or revoke call (connect, TLS, request and answer).
pub const TOKEN_TIMEOUT: Duration = Duration::from_secs(15);
/// Upstream time limit of a FHIR call (a large page can take a while on the real server).
pub const FHIR_TIMEOUT: Duration = Duration::from_secs(30);

/// How the relay authenticates to the upstream.
///
/// ```
/// use bluebutton_relay::config::AuthStyle;
/// assert_eq!(AuthStyle::parse("basic"), Some(AuthStyle::Basic));
/// assert_eq!(AuthStyle::parse("header"), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthStyle {
    /// `client_id` + `client_secret` in the form body (what Blue Button's docs show).
    Body,
    /// HTTP Basic (RFC 6749 §2.3.1).
    Basic,
}

impl AuthStyle {
    /// Reads `body` or `basic`.
    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "body" => Some(Self::Body),
            "basic" => Some(Self::Basic),
            _ => None,
        }
    }
}

/// The client secret: never printed (its `Debug` is `ClientSecret([redacted])`).
///
/// ```
/// use bluebutton_relay::config::ClientSecret;
/// let s = ClientSecret::new("local-dev-secret");
/// assert_eq!(format!("{s:?}"), "ClientSecret([redacted])");
/// assert_eq!(s.expose(), "local-dev-secret");
/// ```
#[derive(Clone)]
pub struct ClientSecret(String);

impl ClientSecret {
    /// Wraps a secret.
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }
    /// The secret itself, for the upstream request only.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for ClientSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ClientSecret([redacted])")
    }
}

/// Relay options.
///
/// ```
/// use bluebutton_relay::config::{ClientSecret, RelayConfig};
/// let cfg = RelayConfig::new("https://sandbox.bluebutton.cms.gov", "my-client", ClientSecret::new("s"));
/// assert_eq!(cfg.port, 8787);
/// assert!(!cfg.proxy_fhir);
/// ```
#[derive(Debug, Clone)]
pub struct RelayConfig {
    /// Upstream base URL without a trailing slash, checked by [`check_upstream`].
    pub upstream: String,
    /// The client id added to every token and revoke request.
    pub client_id: String,
    /// The client secret added to every token and revoke request.
    pub client_secret: ClientSecret,
    /// Browser origins that get CORS headers (exact match, e.g. `https://app.example`).
    pub allow_origins: Vec<String>,
    /// Bind host.
    pub host: String,
    /// Bind port (0 = any).
    pub port: u16,
    /// Credential placement.
    pub auth: AuthStyle,
    /// One log line per request on stderr (never tokens, codes, secrets or query strings).
    pub log: bool,
    /// Also pass read-only FHIR calls (`GET /vN/fhir/...`) through.
    pub proxy_fhir: bool,
    /// PEM files whose certificates are trusted besides Mozilla's roots.
    pub extra_root_certs: Vec<PathBuf>,
}

impl RelayConfig {
    /// Defaults for everything but the upstream and the credentials (no origin allowed yet).
    pub fn new(
        upstream: impl Into<String>,
        client_id: impl Into<String>,
        client_secret: ClientSecret,
    ) -> Self {
        Self {
            upstream: upstream.into(),
            client_id: client_id.into(),
            client_secret,
            allow_origins: Vec::new(),
            host: "127.0.0.1".into(),
            port: 8787,
            auth: AuthStyle::Body,
            log: true,
            proxy_fhir: false,
            extra_root_certs: Vec::new(),
        }
    }

    /// True when `origin` is one of the allowed origins.
    pub fn origin_allowed(&self, origin: &str) -> bool {
        self.allow_origins.iter().any(|a| a == origin)
    }
}

/// Checks an upstream base URL and returns it without a trailing slash.
///
/// `https` is required, except for loopback hosts (`127.0.0.1`, `localhost`, `[::1]`), where
/// plain `http` is allowed for local work (the local sandbox). Query, fragment and user
/// info are refused.
///
/// ```
/// use bluebutton_relay::config::check_upstream;
/// assert_eq!(check_upstream("https://sandbox.bluebutton.cms.gov/").unwrap(), "https://sandbox.bluebutton.cms.gov");
/// assert_eq!(check_upstream("http://127.0.0.1:8000").unwrap(), "http://127.0.0.1:8000");
/// assert!(check_upstream("http://sandbox.bluebutton.cms.gov").is_err());
/// assert!(check_upstream("ftp://localhost").is_err());
/// ```
pub fn check_upstream(value: &str) -> Result<String, String> {
    let url = url::Url::parse(value).map_err(|e| {
        format!(
            "--upstream {value:?} is not a URL ({e}); use e.g. https://sandbox.bluebutton.cms.gov"
        )
    })?;
    if url.query().is_some() || url.fragment().is_some() || !url.username().is_empty() {
        return Err(format!(
            "--upstream {value:?} must be a base URL without user, query or fragment"
        ));
    }
    let loopback = match url.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    };
    match url.scheme() {
        "https" => {}
        "http" if loopback => {}
        "http" => {
            return Err(format!(
                "--upstream {value:?} is plain http: the relay sends the client secret, so it \
                 only talks https to remote hosts (http is allowed for 127.0.0.1, localhost and \
                 [::1] only); use https://"
            ))
        }
        other => {
            return Err(format!(
                "--upstream {value:?} has scheme {other:?}; use https://"
            ))
        }
    }
    Ok(value.trim_end_matches('/').to_string())
}

/// Checks a browser origin (`--allow-origin`) and returns it as browsers send it in `Origin`
/// (scheme, lower-case host, port only when not the default).
///
/// ```
/// use bluebutton_relay::config::check_origin;
/// assert_eq!(check_origin("https://App.example:443/").unwrap(), "https://app.example");
/// assert_eq!(check_origin("http://localhost:8080").unwrap(), "http://localhost:8080");
/// assert!(check_origin("https://app.example/callback").is_err());
/// assert!(check_origin("*").is_err());
/// ```
pub fn check_origin(value: &str) -> Result<String, String> {
    let bad = || {
        format!(
            "--allow-origin {value:?} is not an origin: write scheme, host and port only, e.g. https://app.example or http://localhost:8080"
        )
    };
    let url = url::Url::parse(value).map_err(|_| bad())?;
    let plain = url.path() == "/" && url.query().is_none() && url.fragment().is_none();
    if !matches!(url.scheme(), "http" | "https") || !plain || !url.username().is_empty() {
        return Err(bad());
    }
    Ok(url.origin().ascii_serialization())
}
