//! The token endpoint, sans-IO: request bodies for the code exchange, refresh and revoke,
//! and processing of the answers into a [`TokenSet`] or a typed [`OAuthError`] carrying the
//! server's own words.
//!
//! Client authentication has three honest modes (see `../shared/docs/bluebutton-api.md` §11):
//! no secret (a public client: the local sandbox or a CMS-provisioned public app), a secret
//! given by the app (it is then public: warn loudly), or a token relay that adds the secret
//! server-side (point [`TokenClient::token_url`] and [`TokenClient::revoke_url`] at it).

use serde::{Deserialize, Serialize};

use crate::api::env::Endpoints;
use crate::http::{HttpRequest, HttpResponse};
use crate::json::{Fields, FromJson, Json, JsonFormat, SerdeJson, ToJson};
use crate::oauth::error::OAuthError;
use crate::oauth::expires::{parse_expires_in, MAX_EXPIRES_IN_S};
use crate::oauth::pkce::CodeVerifier;
use crate::oauth::secret::{AccessToken, AuthorizationCode, ClientSecret, RefreshToken};
use crate::time::parse_utc_timestamp_ms;

/// Used when a token response omits `expires_in` (fhirclient's fallback).
pub const DEFAULT_EXPIRES_IN_S: f64 = 300.0;
/// Refresh this long before expiry.
pub const REFRESH_SKEW_MS: f64 = 10_000.0;

/// Where and as whom to call the token endpoint.
///
/// ```
/// use bluebutton_core::api::env::{ApiVersion, Endpoints, Environment};
/// use bluebutton_core::oauth::token::TokenClient;
/// use bluebutton_core::oauth::secret::RefreshToken;
/// let client = TokenClient::new(&Endpoints::new(&Environment::Local, ApiVersion::V2), "app");
/// let req = client.refresh_request(&RefreshToken::new("r1"));
/// assert_eq!(req.url, "http://127.0.0.1:8000/v2/o/token/");
/// assert_eq!(String::from_utf8(req.body).unwrap(), "grant_type=refresh_token&refresh_token=r1&client_id=app");
/// ```
#[derive(Debug, Clone)]
pub struct TokenClient {
    /// The token endpoint (or a relay's).
    pub token_url: String,
    /// The RFC 7009 revoke endpoint (or a relay's).
    pub revoke_url: String,
    /// The client id.
    pub client_id: String,
    /// A client secret, when the app chose to carry one (it is public in a browser).
    pub client_secret: Option<ClientSecret>,
}

impl TokenClient {
    /// A public client (no secret) on the given endpoints.
    pub fn new(endpoints: &Endpoints, client_id: impl Into<String>) -> Self {
        Self {
            token_url: endpoints.token.clone(),
            revoke_url: endpoints.revoke.clone(),
            client_id: client_id.into(),
            client_secret: None,
        }
    }

    /// The code exchange (RFC 6749 §4.1.3 + RFC 7636 §4.5). Consumes the verifier.
    ///
    /// ```
    /// # use bluebutton_core::{api::env::*, oauth::token::TokenClient, oauth::pkce::CodeVerifier, oauth::secret::AuthorizationCode};
    /// let client = TokenClient::new(&Endpoints::new(&Environment::Local, ApiVersion::V2), "app");
    /// let req = client.code_exchange_request(&AuthorizationCode::new("c"), "http://127.0.0.1:8080/", CodeVerifier::from_entropy(&[0; 32]));
    /// let body = String::from_utf8(req.body).unwrap();
    /// assert!(body.starts_with("grant_type=authorization_code&code=c&redirect_uri=http%3A%2F%2F127.0.0.1%3A8080%2F&client_id=app&code_verifier="));
    /// ```
    pub fn code_exchange_request(
        &self,
        code: &AuthorizationCode,
        redirect_uri: &str,
        verifier: CodeVerifier,
    ) -> HttpRequest {
        let verifier = verifier.into_secret();
        self.form(
            &self.token_url,
            &[
                ("grant_type", "authorization_code"),
                ("code", code.secret()),
                ("redirect_uri", redirect_uri),
                ("client_id", &self.client_id),
                ("code_verifier", &verifier),
            ],
        )
    }

    /// A refresh (`grant_type=refresh_token`). Blue Button rotates refresh tokens: send one
    /// refresh at a time and keep the newest token from the answer.
    pub fn refresh_request(&self, refresh_token: &RefreshToken) -> HttpRequest {
        self.form(
            &self.token_url,
            &[
                ("grant_type", "refresh_token"),
                ("refresh_token", refresh_token.secret()),
                ("client_id", &self.client_id),
            ],
        )
    }

    /// A refresh that asks for a narrower scope (§12.5): each of `wanted` must be one of
    /// `granted` or a SMART sub-scope of one (`.rs` to `.r` or `.s`); anything wider is
    /// refused here (`invalid_option`), before the refresh token is spent.
    ///
    /// ```
    /// # use bluebutton_core::{api::env::*, oauth::token::TokenClient, oauth::secret::RefreshToken};
    /// let client = TokenClient::new(&Endpoints::new(&Environment::Local, ApiVersion::V3), "app");
    /// let granted = vec!["profile".to_string(), "patient/ExplanationOfBenefit.rs".into()];
    /// let wanted = vec!["patient/ExplanationOfBenefit.s".to_string()];
    /// let req = client.refresh_request_narrowed(&RefreshToken::new("r1"), &granted, &wanted).unwrap();
    /// assert!(String::from_utf8(req.body).unwrap().ends_with("&scope=patient%2FExplanationOfBenefit.s"));
    /// let wider = vec!["patient/Coverage.rs".to_string()];
    /// assert!(client.refresh_request_narrowed(&RefreshToken::new("r1"), &granted, &wider).is_err());
    /// ```
    pub fn refresh_request_narrowed(
        &self,
        refresh_token: &RefreshToken,
        granted: &[String],
        wanted: &[String],
    ) -> Result<HttpRequest, OAuthError> {
        crate::oauth::scope::check_narrower(granted, wanted)?;
        let scope = wanted.join(" ");
        Ok(self.form(
            &self.token_url,
            &[
                ("grant_type", "refresh_token"),
                ("refresh_token", refresh_token.secret()),
                ("client_id", &self.client_id),
                ("scope", &scope),
            ],
        ))
    }

    /// An RFC 7009 revocation of an access or refresh token.
    pub fn revoke_request(&self, token: &str) -> HttpRequest {
        self.form(
            &self.revoke_url,
            &[("token", token), ("client_id", &self.client_id)],
        )
    }

    fn form(&self, url: &str, fields: &[(&str, &str)]) -> HttpRequest {
        let mut all: Vec<(&str, &str)> = fields.to_vec();
        if let Some(secret) = &self.client_secret {
            all.push(("client_secret", secret.secret()));
        }
        HttpRequest::form_post(url, &all)
    }
}

/// The tokens and facts of a successful token response.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TokenSet {
    /// The bearer token for the FHIR API.
    pub access_token: AccessToken,
    /// Always `"Bearer"`.
    pub token_type: String,
    /// Seconds of validity as sent (or the 300 s fallback).
    pub expires_in: f64,
    /// Absolute expiry: received time + `expires_in`, in Unix milliseconds.
    pub expires_at_ms: f64,
    /// Granted scopes.
    pub scopes: Vec<String>,
    /// The (single-use, rotating) refresh token, if any.
    pub refresh_token: Option<RefreshToken>,
    /// The beneficiary's FHIR patient id for this API version.
    pub patient: Option<String>,
    /// When the beneficiary's grant ends (`YYYY-MM-DDTHH:MM:SSZ`); the app must ask again
    /// after it. `None` when absent or empty.
    pub access_grant_expiration: Option<String>,
    /// The same as Unix milliseconds, when readable.
    pub access_grant_expiration_ms: Option<f64>,
    /// Non-fatal notes (e.g. the `expires_in` fallback was used).
    pub warnings: Vec<String>,
}

impl FromJson for TokenSet {
    fn from_json(value: &Json) -> Result<Self, String> {
        let f = Fields::of(value)?;
        Ok(Self {
            access_token: AccessToken::new(f.string("accessToken")?),
            token_type: f.string("tokenType")?,
            expires_in: f.number("expiresIn")?,
            expires_at_ms: f.number("expiresAtMs")?,
            scopes: f.strings("scopes")?,
            refresh_token: f.opt_string("refreshToken")?.map(RefreshToken::new),
            patient: f.opt_string("patient")?,
            access_grant_expiration: f.opt_string("accessGrantExpiration")?,
            access_grant_expiration_ms: f.opt_number("accessGrantExpirationMs")?,
            warnings: f.strings("warnings")?,
        })
    }
}

impl ToJson for TokenSet {
    fn to_json(&self) -> Json {
        Json::object([
            (
                "accessToken",
                Json::Text(self.access_token.secret().to_owned()),
            ),
            ("tokenType", Json::Text(self.token_type.clone())),
            ("expiresIn", Json::Number(self.expires_in)),
            ("expiresAtMs", Json::Number(self.expires_at_ms)),
            ("scopes", Json::texts(&self.scopes)),
            (
                "refreshToken",
                Json::opt_text(self.refresh_token.as_ref().map(RefreshToken::secret)),
            ),
            ("patient", Json::opt_text(self.patient.as_deref())),
            (
                "accessGrantExpiration",
                Json::opt_text(self.access_grant_expiration.as_deref()),
            ),
            (
                "accessGrantExpirationMs",
                self.access_grant_expiration_ms
                    .map_or(Json::Null, Json::Number),
            ),
            ("warnings", Json::texts(&self.warnings)),
        ])
    }
}

impl TokenSet {
    /// Did the beneficiary share demographics? (`profile` and a `patient/Patient.*` scope.)
    ///
    /// ```
    /// # use bluebutton_core::{oauth::token::TokenSet, oauth::secret::AccessToken};
    /// let mut t = TokenSet::from_implicit(AccessToken::new("a"), Some(3600.0), vec!["profile".into(), "patient/Patient.rs".into()], None, 0.0);
    /// assert!(t.demographics_shared());
    /// t.scopes.retain(|s| s != "profile");
    /// assert!(!t.demographics_shared());
    /// ```
    pub fn demographics_shared(&self) -> bool {
        let profile = self.scopes.iter().any(|s| s == "profile");
        let patient = self.scopes.iter().any(|s| {
            s.strip_prefix("patient/Patient.")
                .is_some_and(|rest| matches!(rest, "read" | "rs" | "r" | "s" | "*"))
        });
        profile && patient
    }

    /// Is the access token expired, or within `skew_ms` of it?
    pub fn needs_refresh(&self, now_ms: f64, skew_ms: f64) -> bool {
        now_ms + skew_ms >= self.expires_at_ms
    }

    /// A token set from an implicit-flow fragment.
    pub fn from_implicit(
        access_token: AccessToken,
        expires_in: Option<f64>,
        scopes: Vec<String>,
        patient: Option<String>,
        received_at_ms: f64,
    ) -> Self {
        let mut warnings = Vec::new();
        let expires_in = expires_in.unwrap_or_else(|| {
            warnings.push(format!(
                "no expires_in: assuming {} seconds",
                whole_seconds(DEFAULT_EXPIRES_IN_S)
            ));
            DEFAULT_EXPIRES_IN_S
        });
        Self {
            access_token,
            token_type: "Bearer".into(),
            expires_in,
            expires_at_ms: received_at_ms + expires_in * 1000.0,
            scopes,
            refresh_token: None,
            patient,
            access_grant_expiration: None,
            access_grant_expiration_ms: None,
            warnings,
        }
    }
}

#[derive(Deserialize)]
struct RawToken {
    access_token: Option<String>,
    token_type: Option<String>,
    expires_in: Option<Scalar>,
    scope: Option<String>,
    refresh_token: Option<String>,
    patient: Option<Scalar>,
    access_grant_expiration: Option<String>,
}

impl FromJson for RawToken {
    fn from_json(value: &Json) -> Result<Self, String> {
        let f = Fields::of(value)?;
        Ok(Self {
            access_token: f.opt_string("access_token")?,
            token_type: f.opt_string("token_type")?,
            expires_in: f.get("expires_in").map(Scalar::from_json),
            scope: f.opt_string("scope")?,
            refresh_token: f.opt_string("refresh_token")?,
            patient: f.get("patient").map(Scalar::from_json),
            access_grant_expiration: f.opt_string("access_grant_expiration")?,
        })
    }
}

/// A token-response field that servers send as a number or a string (`expires_in`,
/// `patient`), read by any serde format without a JSON value type.
enum Scalar {
    Null,
    Integer(i64),
    Float(f64),
    Text(String),
    /// A boolean, array or object, named.
    Other(&'static str),
}

impl Scalar {
    /// As serde reads it from a JavaScript value: a whole number within ±(2^53 − 1) is an
    /// integer, any other number a float.
    fn from_json(value: &Json) -> Self {
        const MAX_SAFE: f64 = 9_007_199_254_740_991.0;
        match value {
            Json::Null => Self::Null,
            // Whole and within ±2^53, checked.
            #[allow(clippy::cast_possible_truncation)]
            Json::Number(n) if n.fract() == 0.0 && n.abs() <= MAX_SAFE => Self::Integer(*n as i64),
            Json::Number(n) => Self::Float(*n),
            Json::Text(s) => Self::Text(s.clone()),
            Json::Bool(_) => Self::Other("a boolean"),
            Json::Array(_) => Self::Other("an array"),
            Json::Object(_) => Self::Other("an object"),
        }
    }
}

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Scalar;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a number or a string")
            }
            fn visit_unit<E>(self) -> Result<Scalar, E> {
                Ok(Scalar::Null)
            }
            fn visit_none<E>(self) -> Result<Scalar, E> {
                Ok(Scalar::Null)
            }
            fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Scalar, D::Error> {
                Scalar::deserialize(d)
            }
            fn visit_bool<E>(self, _: bool) -> Result<Scalar, E> {
                Ok(Scalar::Other("a boolean"))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Scalar, E> {
                Ok(Scalar::Integer(v))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Scalar, E> {
                // Past i64::MAX only as a (rounded) float: far beyond any valid value.
                #[allow(clippy::cast_precision_loss)]
                Ok(i64::try_from(v).map_or(Scalar::Float(v as f64), Scalar::Integer))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Scalar, E> {
                Ok(Scalar::Float(v))
            }
            fn visit_str<E>(self, v: &str) -> Result<Scalar, E> {
                Ok(Scalar::Text(v.to_owned()))
            }
            fn visit_string<E>(self, v: String) -> Result<Scalar, E> {
                Ok(Scalar::Text(v))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut a: A) -> Result<Scalar, A::Error> {
                while a.next_element::<serde::de::IgnoredAny>()?.is_some() {}
                Ok(Scalar::Other("an array"))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut a: A) -> Result<Scalar, A::Error> {
                while a
                    .next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?
                    .is_some()
                {}
                Ok(Scalar::Other("an object"))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// `v` without its fraction, for messages: integer formatting keeps the float formatter
/// (~15 KB of wasm) out of the sign-in .wasm.
#[allow(clippy::cast_possible_truncation)]
fn whole_seconds(v: f64) -> i64 {
    v as i64
}

/// Reads a token-endpoint answer (code exchange or refresh).
///
/// ```
/// use bluebutton_core::http::HttpResponse;
/// use bluebutton_core::oauth::token::process_token_response;
/// let body = br#"{"access_token":"a","token_type":"Bearer","expires_in":3600,"scope":"profile patient/Patient.rs","refresh_token":"r","patient":"-20140000008325","access_grant_expiration":"2027-12-01T10:00:00Z"}"#;
/// let t = process_token_response(&HttpResponse::new(200, vec![], body.to_vec()), 1000.0).unwrap();
/// assert_eq!(t.expires_at_ms, 3_601_000.0);
/// assert_eq!(t.patient.as_deref(), Some("-20140000008325"));
///
/// let denied = HttpResponse::new(401, vec![], br#"{"error":"invalid_client"}"#.to_vec());
/// assert_eq!(process_token_response(&denied, 0.0).unwrap_err().code(), "client_authentication");
/// ```
pub fn process_token_response(
    response: &HttpResponse,
    received_at_ms: f64,
) -> Result<TokenSet, OAuthError> {
    process_token_response_with(&SerdeJson, response, received_at_ms)
}

/// [`process_token_response`] with the JSON bodies read by `json` (the browser shell's sign-in
/// path passes `JSON.parse`).
pub fn process_token_response_with(
    json: &impl JsonFormat,
    response: &HttpResponse,
    received_at_ms: f64,
) -> Result<TokenSet, OAuthError> {
    if response.status != 200 {
        return Err(token_error(json, response));
    }
    let raw: RawToken = json.read(&response.body).map_err(|e| {
        OAuthError::InvalidTokenResponse(format!("the body is not a JSON token object ({e})"))
    })?;
    let access_token = raw
        .access_token
        .filter(|t| !t.is_empty())
        .ok_or_else(|| OAuthError::InvalidTokenResponse("access_token is missing".into()))?;
    let token_type = raw.token_type.unwrap_or_default();
    if !token_type.eq_ignore_ascii_case("bearer") {
        return Err(OAuthError::InvalidTokenResponse(format!(
            "token_type {token_type:?} is not Bearer"
        )));
    }
    let mut warnings = Vec::new();
    let expires_in = match raw.expires_in {
        None | Some(Scalar::Null) => {
            warnings.push(format!(
                "no expires_in: assuming {} seconds",
                whole_seconds(DEFAULT_EXPIRES_IN_S)
            ));
            DEFAULT_EXPIRES_IN_S
        }
        // Whole seconds, exact as f64 below 2^53 (ten years is far less).
        #[allow(clippy::cast_precision_loss)]
        Some(Scalar::Integer(n)) if n >= 0 => n as f64,
        Some(Scalar::Integer(n)) => {
            return Err(OAuthError::InvalidTokenResponse(format!(
                "expires_in {n} is not a non-negative number"
            )))
        }
        Some(Scalar::Float(n)) => {
            Some(n)
                .filter(|v| v.is_finite() && *v >= 0.0)
                // Not quoted: formatting an f64 would link the float formatter (~14 KB).
                .ok_or_else(|| {
                    OAuthError::InvalidTokenResponse(
                        "expires_in is not a non-negative number".into(),
                    )
                })?
        }
        Some(Scalar::Text(s)) => {
            parse_expires_in(&s).map_err(|e| OAuthError::InvalidTokenResponse(e.to_string()))?
        }
        Some(Scalar::Other(what)) => {
            return Err(OAuthError::InvalidTokenResponse(format!(
                "expires_in is {what}, not a number"
            )))
        }
    };
    if expires_in > MAX_EXPIRES_IN_S {
        return Err(OAuthError::InvalidTokenResponse(format!(
            "expires_in {} seconds is more than ten years",
            whole_seconds(expires_in)
        )));
    }
    let patient = match raw.patient {
        Some(Scalar::Text(s)) if !s.is_empty() => Some(s),
        Some(Scalar::Integer(n)) => Some(n.to_string()),
        // A whole number sent as a float (never a fractional or huge id).
        Some(Scalar::Float(n)) if n.fract() == 0.0 && n.abs() < 9.0e15 => {
            Some(whole_seconds(n).to_string())
        }
        _ => None,
    };
    let grant = raw.access_grant_expiration.filter(|s| !s.trim().is_empty());
    let grant_ms = grant.as_deref().and_then(parse_utc_timestamp_ms);
    Ok(TokenSet {
        access_token: AccessToken::new(access_token),
        token_type: "Bearer".into(),
        expires_in,
        expires_at_ms: received_at_ms + expires_in * 1000.0,
        scopes: raw
            .scope
            .unwrap_or_default()
            .split(' ')
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect(),
        refresh_token: raw
            .refresh_token
            .filter(|r| !r.is_empty())
            .map(RefreshToken::new),
        patient,
        access_grant_expiration: grant,
        access_grant_expiration_ms: grant_ms,
        warnings,
    })
}

/// Reads a revoke answer: 200 is success (also for an unknown token, RFC 7009 §2.2).
///
/// ```
/// use bluebutton_core::{http::HttpResponse, oauth::token::process_revoke_response};
/// assert!(process_revoke_response(&HttpResponse::new(200, vec![], vec![])).is_ok());
/// assert!(process_revoke_response(&HttpResponse::new(403, vec![], br#"{"status_code":403,"description":"Application did not have access to the provided token."}"#.to_vec())).is_err());
/// ```
pub fn process_revoke_response(response: &HttpResponse) -> Result<(), OAuthError> {
    process_revoke_response_with(&SerdeJson, response)
}

/// [`process_revoke_response`] with error bodies read by `json`.
pub fn process_revoke_response_with(
    json: &impl JsonFormat,
    response: &HttpResponse,
) -> Result<(), OAuthError> {
    if response.status == 200 {
        Ok(())
    } else {
        Err(token_error(json, response))
    }
}

#[derive(Deserialize, Default)]
struct RawError {
    error: Option<String>,
    error_description: Option<String>,
    detail: Option<String>,
    message: Option<String>,
    description: Option<String>,
}

impl FromJson for RawError {
    fn from_json(value: &Json) -> Result<Self, String> {
        let f = Fields::of(value)?;
        Ok(Self {
            error: f.opt_string("error")?,
            error_description: f.opt_string("error_description")?,
            detail: f.opt_string("detail")?,
            message: f.opt_string("message")?,
            description: f.opt_string("description")?,
        })
    }
}

/// Whether `text` contains `needle` (a plain byte scan: `str::contains` links a two-way
/// searcher, ~2 KB of the sign-in .wasm, for five short phrases in one short text).
fn has(text: &str, needle: &str) -> bool {
    text.as_bytes()
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

/// Maps every error body shape Blue Button uses (`{"error","error_description"}`,
/// `{"status_code","error","error_description"}`, `{"detail"}`, `{"status_code","message"}`,
/// `{"status_code","description"}`, or plain text) to a typed error.
fn token_error(json: &impl JsonFormat, response: &HttpResponse) -> OAuthError {
    let status = response.status;
    let raw: RawError = json.read(&response.body).unwrap_or_default();
    let description = raw
        .error_description
        .or(raw.detail)
        .or(raw.message)
        .or(raw.description)
        .unwrap_or_else(|| {
            let text = String::from_utf8_lossy(&response.body);
            let text: String = text.trim().chars().take(300).collect();
            if text.is_empty() {
                format!("HTTP {status} with an empty body")
            } else {
                text
            }
        });
    let error = raw.error;
    let lower = description.to_ascii_lowercase();
    let is_grant = error.as_deref() == Some("invalid_grant");
    // Blue Button's 13-month expiry is 401 `invalid_grant` "User access has timed out"
    // (400 "... has expired" in the docs); a gateway's "timed out" (502/504) is not it.
    let timed_out = has(&lower, "timed out") && (is_grant || status == 401);
    if timed_out || (is_grant && has(&lower, "has expired")) {
        return OAuthError::SessionExpired { description };
    }
    // "User access cannot be found" (the grant was revoked), or "Refresh token not found":
    // the refresh token this session holds was deleted, which Blue Button does when the
    // beneficiary consents to this app again elsewhere (§12.5) or the token was revoked.
    let gone = has(&lower, "cannot be found") || has(&lower, "refresh token not found");
    if is_grant && gone {
        return OAuthError::AccessRevoked { description };
    }
    // A one-time app's refresh (403 invalid_client "not allowed to refresh tokens"): its hour
    // is over, which is an ended session, not a client misconfiguration (§12.6).
    if has(&lower, "not allowed to refresh") {
        return OAuthError::SessionExpired {
            description: format!(
                "this app has one-time access, which lasts an hour and cannot be refreshed: {description}"
            ),
        };
    }
    if status == 401 || error.as_deref() == Some("invalid_client") {
        return OAuthError::ClientAuthentication {
            status,
            description,
        };
    }
    if is_grant {
        return OAuthError::InvalidGrant {
            status,
            error: "invalid_grant".into(),
            description,
        };
    }
    OAuthError::TokenEndpoint {
        status,
        error,
        description,
    }
}
