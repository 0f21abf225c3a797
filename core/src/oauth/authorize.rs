//! The authorize URL (`/v{n}/o/authorize/`), checked against Blue Button's own rules before
//! the browser is sent there, so a mistake is a clear error here rather than a server page.

use crate::api::env::{ApiVersion, Endpoints, Environment};
use crate::http::url_parts::{UrlParser, WhatwgUrl};
use crate::oauth::error::OAuthError;
use crate::oauth::pkce::METHOD_S256;
use crate::oauth::secret::State;

/// Blue Button's minimum `state` length (BB2 `_check_for_required_params`).
pub const MIN_STATE_LEN: usize = 16;
/// Upper bound we accept for a caller-supplied `state`.
pub const MAX_STATE_LEN: usize = 512;

/// `response_type`: the authorization-code flow is the default; the implicit flow must be
/// asked for by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ResponseType {
    /// `code`: authorization code + PKCE (the default and the only flow CMS offers new apps).
    #[default]
    Code,
    /// `token`: the implicit flow. **Deprecated**: RFC 9700 §2.1.2 says clients should not
    /// use it and CMS removed it for new apps in 2021; kept for legacy apps, the local sandbox
    /// and tests.
    ImplicitLegacy,
}

impl ResponseType {
    /// `"code"` or `"token"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Code => "code",
            Self::ImplicitLegacy => "token",
        }
    }
    /// Reads `"code"` or `"token"`.
    ///
    /// ```
    /// use bluebutton_core::oauth::authorize::ResponseType;
    /// assert_eq!(ResponseType::parse("token").unwrap(), ResponseType::ImplicitLegacy);
    /// assert!(ResponseType::parse("id_token").is_err());
    /// ```
    pub fn parse(value: &str) -> Result<Self, OAuthError> {
        match value {
            "code" => Ok(Self::Code),
            "token" => Ok(Self::ImplicitLegacy),
            other => Err(OAuthError::InvalidOption {
                name: "responseType",
                reason: format!(
                    "{other:?}: use \"code\" (recommended) or \"token\" (legacy implicit flow)"
                ),
            }),
        }
    }
}

/// Everything the authorize URL carries.
///
/// ```
/// use bluebutton_core::oauth::authorize::AuthorizeRequest;
/// use bluebutton_core::api::env::{ApiVersion, Environment};
/// let url = AuthorizeRequest {
///     env: Environment::Sandbox,
///     version: ApiVersion::V2,
///     client_id: "my-app".into(),
///     redirect_uri: "https://app.example/callback".into(),
///     state: "0123456789abcdef0123456789abcdef".into(),
///     code_challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM".into(),
///     ..AuthorizeRequest::default()
/// }
/// .build()
/// .unwrap();
/// assert!(url.starts_with("https://sandbox.bluebutton.cms.gov/v2/o/authorize/?response_type=code&"));
/// assert!(url.contains("code_challenge_method=S256"));
/// ```
#[derive(Debug, Clone, Default)]
pub struct AuthorizeRequest {
    /// The server.
    pub env: Environment,
    /// The API version.
    pub version: ApiVersion,
    /// The app's client id.
    pub client_id: String,
    /// Where the server sends the browser back; must be registered exactly.
    pub redirect_uri: String,
    /// The CSRF `state` (at least 16 characters; generate 32 bytes of randomness). A
    /// [`State`]: redacted in `Debug`, compared only in constant time.
    pub state: State,
    /// The S256 challenge of the verifier.
    pub code_challenge: String,
    /// `code` (default) or the legacy implicit flow.
    pub response_type: ResponseType,
    /// Scopes to request (optional on v1/v2, required on v3).
    pub scopes: Vec<String>,
    /// `en` or `es` for the Medicare.gov login page.
    pub lang: Option<String>,
}

impl AuthorizeRequest {
    /// Checks every option and builds the URL.
    pub fn build(&self) -> Result<String, OAuthError> {
        self.build_with(&WhatwgUrl)
    }

    /// [`AuthorizeRequest::build`] with the redirect URI parsed by `urls` (the browser shell's
    /// sign-in path passes the browser's `URL`).
    pub fn build_with(&self, urls: &impl UrlParser) -> Result<String, OAuthError> {
        if self.client_id.trim().is_empty() {
            return Err(OAuthError::MissingOption("clientId"));
        }
        check_redirect_uri_with(urls, &self.env, &self.redirect_uri)?;
        check_state(self.state.secret())?;
        check_challenge(&self.code_challenge)?;
        check_scopes(self.version, &self.scopes)?;
        if let Some(lang) = &self.lang {
            if lang != "en" && lang != "es" {
                return Err(OAuthError::InvalidOption {
                    name: "lang",
                    reason: format!("{lang:?}: Blue Button knows \"en\" and \"es\""),
                });
            }
        }
        let endpoints = Endpoints::new(&self.env, self.version);
        let mut query = form_urlencoded::Serializer::new(String::new());
        query
            .append_pair("response_type", self.response_type.as_str())
            .append_pair("client_id", &self.client_id)
            .append_pair("redirect_uri", &self.redirect_uri)
            .append_pair("state", self.state.secret())
            .append_pair("code_challenge", &self.code_challenge)
            .append_pair("code_challenge_method", METHOD_S256);
        if !self.scopes.is_empty() {
            query.append_pair("scope", &self.scopes.join(" "));
        }
        if let Some(lang) = &self.lang {
            query.append_pair("lang", lang);
        }
        Ok(format!("{}?{}", endpoints.authorize, query.finish()))
    }
}

/// Plain `http` only for the sandboxes or a loopback host; https or a custom scheme
/// (e.g. `com.example.app:/cb`) otherwise; never a fragment (RFC 6749 §3.1.2).
pub fn check_redirect_uri(env: &Environment, redirect_uri: &str) -> Result<(), OAuthError> {
    check_redirect_uri_with(&WhatwgUrl, env, redirect_uri)
}

/// [`check_redirect_uri`] with the URI parsed by `urls`.
pub fn check_redirect_uri_with(
    urls: &impl UrlParser,
    env: &Environment,
    redirect_uri: &str,
) -> Result<(), OAuthError> {
    if redirect_uri.trim().is_empty() {
        return Err(OAuthError::MissingOption("redirectUri"));
    }
    let bad = |reason: String| OAuthError::InvalidOption {
        name: "redirectUri",
        reason,
    };
    if crate::http::url_guard::check(redirect_uri).is_err() {
        return Err(bad(format!(
            "{redirect_uri:?}: use an ASCII URL with a plain host name"
        )));
    }
    let url = urls
        .parse(redirect_uri)
        .map_err(|e| bad(format!("{redirect_uri:?}: {e}")))?;
    if url.fragment.is_some() {
        return Err(bad(
            "a redirect URI must not have a fragment (RFC 6749 §3.1.2)".into(),
        ));
    }
    if url.scheme == "http" && !env.allows_http_redirects_with(urls) && !url.is_loopback() {
        return Err(bad(format!(
            "{redirect_uri:?}: plain http is allowed only for the sandboxes or a loopback host; use https"
        )));
    }
    if matches!(url.scheme.as_str(), "javascript" | "data" | "file" | "blob") {
        return Err(bad(format!(
            "the scheme {:?} cannot receive a redirect",
            url.scheme
        )));
    }
    Ok(())
}

/// At least [`MIN_STATE_LEN`] visible ASCII characters.
///
/// ```
/// use bluebutton_core::oauth::authorize::check_state;
/// assert!(check_state("short").is_err());
/// assert!(check_state("0123456789abcdef").is_ok());
/// ```
pub fn check_state(state: &str) -> Result<(), OAuthError> {
    if state.is_empty() {
        return Err(OAuthError::MissingOption("state"));
    }
    let len = state.chars().count();
    if len < MIN_STATE_LEN {
        return Err(OAuthError::InvalidOption {
            name: "state",
            reason: format!(
                "{len} characters; Blue Button requires at least {MIN_STATE_LEN} (use createState())"
            ),
        });
    }
    if len > MAX_STATE_LEN || !state.chars().all(|c| (' '..='~').contains(&c)) {
        return Err(OAuthError::InvalidOption {
            name: "state",
            reason: format!("use at most {MAX_STATE_LEN} visible ASCII characters"),
        });
    }
    Ok(())
}

fn check_challenge(challenge: &str) -> Result<(), OAuthError> {
    if challenge.is_empty() {
        return Err(OAuthError::MissingOption("codeChallenge"));
    }
    let ok = challenge.len() == 43
        && challenge
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if !ok {
        return Err(OAuthError::InvalidOption {
            name: "codeChallenge",
            reason: "an S256 challenge is 43 base64url characters; compute it with pkceChallenge(verifier)".into(),
        });
    }
    Ok(())
}

fn check_scopes(version: ApiVersion, scopes: &[String]) -> Result<(), OAuthError> {
    if version == ApiVersion::V3 && scopes.is_empty() {
        return Err(OAuthError::InvalidOption {
            name: "scopes",
            reason: "v3 requires scopes, e.g. [\"openid\", \"patient/ExplanationOfBenefit.rs\"]"
                .into(),
        });
    }
    for scope in scopes {
        let ok = !scope.is_empty()
            && scope
                .chars()
                .all(|c| c == '!' || ('#'..='[').contains(&c) || (']'..='~').contains(&c));
        if !ok {
            return Err(OAuthError::InvalidOption {
                name: "scopes",
                reason: format!("{scope:?} is not a valid scope token (RFC 6749 §3.3)"),
            });
        }
    }
    crate::oauth::scope::check_requested(scopes)
}
