//! The JavaScript exports: argument conversion and error mapping only, no logic. Every
//! export returns `Result`, mapped to a JS `Error` with a stable `code` and a clear `message`
//! (checklist R23).

use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

use crate::browser::session::Session;
use crate::browser::{oauth, random, BrowserError};
use crate::core::api::env::{ApiVersion, Environment};
use crate::core::oauth::authorize::{AuthorizeRequest, ResponseType};
use crate::core::oauth::callback::{parse_callback, CallbackChecks, CallbackResult};
use crate::core::oauth::error::OAuthError;
use crate::core::oauth::pkce::{CodeChallenge, CodeVerifier};
use crate::core::oauth::token::TokenSet;
use crate::core::ErrorCode;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &str = r#"
/** `"sandbox"`, `"production"`, `"local"` or a base URL such as `"http://127.0.0.1:8000"`. */
export type Env = "sandbox" | "production" | "local" | (string & {});
export interface PkcePair { verifier: string; challenge: string; method: "S256"; }
export interface AuthorizeOptions {
  env: Env; version?: 1 | 2 | 3; clientId: string; redirectUri: string; state: string;
  codeChallenge: string; responseType?: "code" | "token"; scopes?: string[]; lang?: "en" | "es";
}
export type CallbackResult =
  | { type: "code"; code: string; state?: string }
  | { type: "token"; accessToken: string; tokenType: "Bearer"; expiresIn?: number; scopes: string[]; state?: string; patient?: string }
  | { type: "error"; error: string; errorDescription?: string; errorUri?: string; state?: string };
export interface BeginOptions {
  env: Env; version?: 1 | 2 | 3; clientId: string; redirectUri: string;
  responseType?: "code" | "token"; scopes?: string[]; lang?: "en" | "es";
}
export interface BeginResult { url: string; state: string; }
export interface TokenOptions {
  /** A client secret: anyone can read it in a browser. Prefer `relayUrl`. */
  clientSecret?: string;
  /** A token relay (bluebutton-relay) that adds the secret server-side. */
  relayUrl?: string;
  /** Keep tokens in sessionStorage (default: memory only). */
  persist?: boolean;
}
export interface TokenInfo {
  tokenType: "Bearer"; expiresIn: number; expiresAt: number; scopes: string[];
  hasRefreshToken: boolean; patient?: string; accessGrantExpiration?: string;
  demographicsShared: boolean; warnings: string[];
}
"#;

#[wasm_bindgen]
extern "C" {
    /// Options of `buildAuthorizeUrl`.
    #[wasm_bindgen(typescript_type = "AuthorizeOptions")]
    pub type JsAuthorizeOptions;
    /// Options of `beginAuthorization`.
    #[wasm_bindgen(typescript_type = "BeginOptions")]
    pub type JsBeginOptions;
    /// Options of the token calls.
    #[wasm_bindgen(typescript_type = "TokenOptions | undefined")]
    pub type JsTokenOptions;
    /// A PKCE pair.
    #[wasm_bindgen(typescript_type = "PkcePair")]
    pub type JsPkcePair;
    /// A parsed callback.
    #[wasm_bindgen(typescript_type = "CallbackResult")]
    pub type JsCallbackResult;
    /// `{ url, state }`.
    #[wasm_bindgen(typescript_type = "BeginResult")]
    pub type JsBeginResult;
    /// Token facts without the secrets.
    #[wasm_bindgen(typescript_type = "TokenInfo")]
    pub type JsTokenInfo;
}

/// Turns any layer's error into a JS `Error` with `code` and `name`.
fn js_error(code: ErrorCode, message: &str) -> JsValue {
    let error = js_sys::Error::new(message);
    error.set_name("BlueButtonError");
    let _ = js_sys::Reflect::set(&error, &"code".into(), &code.as_str().into());
    error.into()
}

impl From<BrowserError> for JsValue {
    fn from(e: BrowserError) -> Self {
        js_error(e.code(), &e.to_string())
    }
}

fn oauth_err(e: OAuthError) -> JsValue {
    js_error(e.code(), &e.to_string())
}

fn options<T: for<'de> Deserialize<'de>>(value: JsValue, what: &str) -> Result<T, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Err(
            BrowserError::InvalidOptions(format!("{what} options object is required")).into(),
        );
    }
    serde_wasm_bindgen::from_value(value)
        .map_err(|e| BrowserError::InvalidOptions(format!("{what}: {e}")).into())
}

/// A string argument from JavaScript, or a coded `invalid_argument` error: plain JS callers
/// can pass anything, and wasm-bindgen's own conversion would throw an uncoded `TypeError`.
pub(crate) fn string_arg(value: &JsValue, function: &str, name: &str) -> Result<String, JsValue> {
    value
        .as_string()
        .ok_or_else(|| wrong_type(value, function, name, "a string"))
}

/// Like [`string_arg`], with `undefined` and `null` meaning "not given".
pub(crate) fn optional_string_arg(
    value: &JsValue,
    function: &str,
    name: &str,
) -> Result<Option<String>, JsValue> {
    given(value)
        .map(|v| string_arg(v, function, name))
        .transpose()
}

/// An optional whole-number argument (`undefined`/`null`: not given).
pub(crate) fn optional_u32_arg(
    value: &JsValue,
    function: &str,
    name: &str,
) -> Result<Option<u32>, JsValue> {
    given(value)
        .map(|v| match v.as_f64() {
            Some(n) if n.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&n) => {
                // In range and whole, checked above.
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                Ok(n as u32)
            }
            _ => Err(wrong_type(v, function, name, "a whole number")),
        })
        .transpose()
}

/// `None` for `undefined` and `null`.
fn given(value: &JsValue) -> Option<&JsValue> {
    (!value.is_undefined() && !value.is_null()).then_some(value)
}

fn wrong_type(value: &JsValue, function: &str, name: &str, wanted: &str) -> JsValue {
    BrowserError::InvalidArgument(format!(
        "{function}: `{name}` must be {wanted}, got {}",
        js_type(value)
    ))
    .into()
}

/// `typeof value`, with `null` and arrays named as such.
pub(crate) fn js_type(value: &JsValue) -> String {
    if value.is_null() {
        "null".to_owned()
    } else if js_sys::Array::is_array(value) {
        "an array".to_owned()
    } else {
        value.js_typeof().as_string().unwrap_or_default()
    }
}

pub(crate) fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    value.serialize(&serializer).map_err(|e| {
        js_error(
            ErrorCode::Internal,
            &format!("could not convert a value for JavaScript: {e}"),
        )
    })
}

#[derive(Serialize)]
struct PkcePairOut {
    verifier: String,
    challenge: String,
    method: &'static str,
}

/// Creates a PKCE pair from 32 bytes of `crypto.getRandomValues`:
/// `{ verifier, challenge, method: "S256" }`.
#[wasm_bindgen(js_name = createPkcePair)]
pub fn create_pkce_pair() -> Result<JsPkcePair, JsValue> {
    let verifier = CodeVerifier::from_entropy(&random::entropy32()?);
    let challenge = verifier.challenge();
    Ok(to_js(&PkcePairOut {
        challenge: challenge.as_str().to_owned(),
        verifier: verifier.into_secret(),
        method: "S256",
    })?
    .into())
}

/// The S256 challenge of a verifier; throws on a verifier that breaks RFC 7636 §4.1.
#[wasm_bindgen(js_name = pkceChallenge)]
pub fn pkce_challenge(
    #[wasm_bindgen(unchecked_param_type = "string")] verifier: JsValue,
) -> Result<String, JsValue> {
    let verifier = string_arg(&verifier, "pkceChallenge", "verifier")?;
    CodeChallenge::for_verifier(&verifier)
        .map(|c| c.as_str().to_owned())
        .map_err(|e| oauth_err(e.into()))
}

/// A fresh `state`: 43 characters from 256 random bits.
#[wasm_bindgen(js_name = createState)]
pub fn create_state() -> Result<String, JsValue> {
    Ok(random::new_state()?)
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct AuthorizeIn {
    env: String,
    #[serde(default)]
    version: Option<u32>,
    client_id: String,
    redirect_uri: String,
    state: String,
    code_challenge: String,
    #[serde(default)]
    response_type: Option<String>,
    #[serde(default)]
    scopes: Option<Vec<String>>,
    #[serde(default)]
    lang: Option<String>,
}

/// Builds the authorize URL; throws on bad options (short state, http redirect in
/// production, missing scopes on v3, …).
#[wasm_bindgen(js_name = buildAuthorizeUrl)]
pub fn build_authorize_url(options_obj: JsAuthorizeOptions) -> Result<String, JsValue> {
    let o: AuthorizeIn = options(options_obj.into(), "buildAuthorizeUrl")?;
    AuthorizeRequest {
        env: Environment::parse(&o.env).map_err(BrowserError::from)?,
        version: ApiVersion::from_number(o.version.unwrap_or(2)).map_err(BrowserError::from)?,
        client_id: o.client_id,
        redirect_uri: o.redirect_uri,
        state: o.state,
        code_challenge: o.code_challenge,
        response_type: ResponseType::parse(o.response_type.as_deref().unwrap_or("code"))
            .map_err(oauth_err)?,
        scopes: o.scopes.unwrap_or_default(),
        lang: o.lang,
    }
    .build()
    .map_err(oauth_err)
}

#[derive(Serialize)]
#[serde(tag = "type", rename_all = "camelCase")]
enum CallbackOut {
    #[serde(rename = "code")]
    Code {
        code: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        state: Option<String>,
    },
    #[serde(rename = "token", rename_all = "camelCase")]
    Token {
        access_token: String,
        token_type: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        expires_in: Option<f64>,
        scopes: Vec<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        state: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        patient: Option<String>,
    },
    #[serde(rename = "error", rename_all = "camelCase")]
    Error {
        error: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        error_description: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        error_uri: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        state: Option<String>,
    },
}

/// Parses a redirect URL (code in the query, token in the fragment, or an error in either);
/// with `expectedState`, a missing or different state throws.
#[wasm_bindgen(js_name = parseCallback)]
pub fn parse_callback_js(
    #[wasm_bindgen(unchecked_param_type = "string")] url: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "string | null")] expected_state: JsValue,
) -> Result<JsCallbackResult, JsValue> {
    let url = string_arg(&url, "parseCallback", "url")?;
    let expected_state = optional_string_arg(&expected_state, "parseCallback", "expectedState")?;
    let cb = parse_callback(
        &url,
        CallbackChecks {
            expected_state: expected_state.as_deref(),
            expected_issuer: None,
        },
    )
    .map_err(oauth_err)?;
    let state = cb.state;
    let out = match cb.result {
        CallbackResult::Code { code } => CallbackOut::Code {
            code: code.secret().to_owned(),
            state,
        },
        CallbackResult::Token {
            access_token,
            token_type,
            expires_in,
            scopes,
            patient,
        } => CallbackOut::Token {
            access_token: access_token.secret().to_owned(),
            token_type,
            expires_in,
            scopes,
            state,
            patient,
        },
        CallbackResult::Error {
            error,
            description,
            uri,
        } => CallbackOut::Error {
            error: error.as_str().to_owned(),
            error_description: description,
            error_uri: uri,
            state,
        },
    };
    Ok(to_js(&out)?.into())
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct BeginIn {
    env: String,
    #[serde(default)]
    version: Option<u32>,
    client_id: String,
    redirect_uri: String,
    #[serde(default)]
    response_type: Option<String>,
    #[serde(default)]
    scopes: Option<Vec<String>>,
    #[serde(default)]
    lang: Option<String>,
}

/// Starts a sign-in: makes the PKCE pair and state, saves them in sessionStorage (one key,
/// 10 minutes, single use) and returns `{ url, state }`; send the browser to `url`.
#[wasm_bindgen(js_name = beginAuthorization)]
pub fn begin_authorization(options_obj: JsBeginOptions) -> Result<JsBeginResult, JsValue> {
    let o: BeginIn = options(options_obj.into(), "beginAuthorization")?;
    let begin = oauth::BeginOptions {
        env: Environment::parse(&o.env).map_err(BrowserError::from)?,
        env_text: o.env,
        version: ApiVersion::from_number(o.version.unwrap_or(2)).map_err(BrowserError::from)?,
        client_id: o.client_id,
        redirect_uri: o.redirect_uri,
        response_type: ResponseType::parse(o.response_type.as_deref().unwrap_or("code"))
            .map_err(oauth_err)?,
        scopes: o.scopes.unwrap_or_default(),
        lang: o.lang,
    };
    let (url, state) = oauth::begin(&begin)?;
    #[derive(Serialize)]
    struct Out {
        url: String,
        state: String,
    }
    Ok(to_js(&Out { url, state })?.into())
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct TokenIn {
    #[serde(default)]
    client_secret: Option<String>,
    #[serde(default)]
    relay_url: Option<String>,
    #[serde(default)]
    persist: Option<bool>,
}

/// Completes a sign-in from `url` (default: the current page): checks state and expiry,
/// removes the OAuth parameters from the address bar, exchanges the code, and returns a
/// [`BlueButtonSession`]. A denied sign-in throws with `code = "authorization_error"`.
#[wasm_bindgen(js_name = completeAuthorization)]
pub async fn complete_authorization(
    #[wasm_bindgen(unchecked_param_type = "string | null | undefined")] url: JsValue,
    token_options: JsTokenOptions,
) -> Result<BlueButtonSession, JsValue> {
    let url = optional_string_arg(&url, "completeAuthorization", "url")?;
    let value: JsValue = token_options.into();
    let o: TokenIn = if value.is_undefined() || value.is_null() {
        TokenIn::default()
    } else {
        options(value, "completeAuthorization")?
    };
    let done = oauth::complete(
        url,
        &oauth::TokenOptions {
            client_secret: o.client_secret,
            relay_url: o.relay_url,
        },
    )
    .await?;
    Ok(BlueButtonSession {
        inner: Session::new(done.tokens, done.client, o.persist.unwrap_or(false)),
    })
}

/// Removes OAuth parameters from the address bar with `history.replaceState`; returns the
/// cleaned path.
#[wasm_bindgen(js_name = scrubCallbackUrl)]
pub fn scrub_callback_url() -> Result<String, JsValue> {
    Ok(crate::browser::location::scrub_callback()?)
}

/// A signed-in session: tokens in memory, single-flight refresh, sign-out.
#[wasm_bindgen]
pub struct BlueButtonSession {
    inner: Session,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct TokenInfoOut {
    token_type: String,
    expires_in: f64,
    expires_at: f64,
    scopes: Vec<String>,
    has_refresh_token: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    patient: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    access_grant_expiration: Option<String>,
    demographics_shared: bool,
    warnings: Vec<String>,
}

fn info(t: &TokenSet) -> TokenInfoOut {
    TokenInfoOut {
        token_type: t.token_type.clone(),
        expires_in: t.expires_in,
        expires_at: t.expires_at_ms,
        scopes: t.scopes.clone(),
        has_refresh_token: t.refresh_token.is_some(),
        patient: t.patient.clone(),
        access_grant_expiration: t.access_grant_expiration.clone(),
        demographics_shared: t.demographics_shared(),
        warnings: t.warnings.clone(),
    }
}

impl BlueButtonSession {
    /// The shared session (clones share state).
    pub(crate) fn session(&self) -> Session {
        self.inner.clone()
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct FromTokenIn {
    env: String,
    #[serde(default)]
    version: Option<u32>,
    client_id: String,
    #[serde(default)]
    client_secret: Option<String>,
    #[serde(default)]
    relay_url: Option<String>,
    #[serde(default)]
    persist: Option<bool>,
}

#[wasm_bindgen]
impl BlueButtonSession {
    /// A session from a token response obtained elsewhere (e.g. by the app's own server):
    /// `json` is the token endpoint's JSON text; `options` = `{ env, version?, clientId,
    /// clientSecret?, relayUrl?, persist? }` say where to refresh and revoke.
    #[wasm_bindgen(js_name = fromTokenResponse)]
    pub fn from_token_response(
        #[wasm_bindgen(unchecked_param_type = "string")] json: JsValue,
        options_obj: JsValue,
    ) -> Result<BlueButtonSession, JsValue> {
        let json = string_arg(&json, "fromTokenResponse", "json")?;
        let o: FromTokenIn = options(options_obj, "fromTokenResponse")?;
        let env = Environment::parse(&o.env).map_err(BrowserError::from)?;
        let version =
            ApiVersion::from_number(o.version.unwrap_or(2)).map_err(BrowserError::from)?;
        let client = oauth::token_client(
            &env,
            version,
            &o.client_id,
            &oauth::TokenOptions {
                client_secret: o.client_secret,
                relay_url: o.relay_url,
            },
        )?;
        let response =
            crate::core::http::HttpResponse::new(200, Vec::new(), json.as_bytes().to_vec());
        let tokens = crate::core::oauth::token::process_token_response(
            &response,
            crate::browser::clock::now_ms(),
        )
        .map_err(oauth_err)?;
        Ok(BlueButtonSession {
            inner: Session::new(tokens, client, o.persist.unwrap_or(false)),
        })
    }

    /// Restores a session saved with `persist: true` in this tab, or `undefined`.
    pub fn restore(
        #[wasm_bindgen(unchecked_optional_param_type = "string | null")] client_secret: JsValue,
    ) -> Result<Option<BlueButtonSession>, JsValue> {
        let client_secret = optional_string_arg(&client_secret, "restore", "clientSecret")?;
        Ok(Session::restore(client_secret)?.map(|inner| BlueButtonSession { inner }))
    }

    /// A valid access token (refreshes once, shared, when expired or about to be).
    #[wasm_bindgen(js_name = accessToken)]
    pub async fn access_token(&self) -> Result<String, JsValue> {
        Ok(self.inner.access_token().await?.secret().to_owned())
    }

    /// Facts about the tokens, without the secrets; throws after sign-out.
    #[wasm_bindgen(js_name = tokenInfo)]
    pub fn token_info(&self) -> Result<JsTokenInfo, JsValue> {
        let tokens = self.inner.tokens().ok_or(BrowserError::SignedOut)?;
        Ok(to_js(&info(&tokens))?.into())
    }

    /// Refreshes now (joins a refresh already under way); returns the new token facts.
    pub async fn refresh(&self) -> Result<JsTokenInfo, JsValue> {
        let tokens = self.inner.refresh().await?;
        Ok(to_js(&info(&tokens))?.into())
    }

    /// Revokes the tokens at the server and forgets them here.
    #[wasm_bindgen(js_name = signOut)]
    pub async fn sign_out(&self) -> Result<(), JsValue> {
        Ok(self.inner.sign_out().await?)
    }
}
