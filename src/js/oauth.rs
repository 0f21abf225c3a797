//! JavaScript exports of the sign-in: PKCE, state, the authorize URL, the redirect parser,
//! `beginAuthorization` / `completeAuthorization` and the address-bar scrub. Conversion and
//! error mapping only; the logic is in `core::oauth` and `browser::oauth`.

use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

use super::args::{oauth_err, optional_string_arg, options, string_arg, to_js};
use super::session::BlueButtonSession;
use crate::browser::session::Session;
use crate::browser::{oauth, random, BrowserError};
use crate::core::api::env::{ApiVersion, Environment};
use crate::core::oauth::authorize::{AuthorizeRequest, ResponseType};
use crate::core::oauth::callback::{parse_callback_with, CallbackChecks, CallbackResult};
use crate::core::oauth::pkce::{CodeChallenge, CodeVerifier};
use crate::core::oauth::secret::State;

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
/** Options of `completeAuthorization`. */
export interface CompleteOptions extends TokenOptions {
  /** The redirect URL to read (default: the current page). */
  url?: string;
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
    /// A PKCE pair.
    #[wasm_bindgen(typescript_type = "PkcePair")]
    pub type JsPkcePair;
    /// A parsed callback.
    #[wasm_bindgen(typescript_type = "CallbackResult")]
    pub type JsCallbackResult;
    /// `{ url, state }`.
    #[wasm_bindgen(typescript_type = "BeginResult")]
    pub type JsBeginResult;
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
    Ok(random::new_state()?.secret().to_owned())
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
        env: Environment::parse_with(&crate::browser::url::BrowserUrl, &o.env)
            .map_err(BrowserError::from)?,
        version: ApiVersion::from_number(o.version.unwrap_or(2)).map_err(BrowserError::from)?,
        client_id: o.client_id,
        redirect_uri: o.redirect_uri,
        state: o.state.into(),
        code_challenge: o.code_challenge,
        response_type: ResponseType::parse(o.response_type.as_deref().unwrap_or("code"))
            .map_err(oauth_err)?,
        scopes: o.scopes.unwrap_or_default(),
        lang: o.lang,
    }
    .build_with(&crate::browser::url::BrowserUrl)
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
    let expected_state =
        optional_string_arg(&expected_state, "parseCallback", "expectedState")?.map(State::from);
    let cb = parse_callback_with(
        &crate::browser::url::BrowserUrl,
        &url,
        CallbackChecks {
            expected_state: expected_state.as_ref(),
            expected_issuer: None,
        },
    )
    .map_err(oauth_err)?;
    // The JS result carries the echoed state as text, for apps that check it themselves.
    let state = cb.state.map(|s| s.secret().to_owned());
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
        env: Environment::parse_with(&crate::browser::url::BrowserUrl, &o.env)
            .map_err(BrowserError::from)?,
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
    Ok(to_js(&Out {
        url,
        state: state.secret().to_owned(),
    })?
    .into())
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct CompleteIn {
    /// The redirect URL (default: the current page).
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    client_secret: Option<String>,
    #[serde(default)]
    relay_url: Option<String>,
    #[serde(default)]
    persist: Option<bool>,
}

/// Completes a sign-in: checks state and expiry, removes the OAuth parameters from the address
/// bar, exchanges the code, and returns a [`BlueButtonSession`]. Called as
/// `completeAuthorization()` or `completeAuthorization({ url?, relayUrl?, clientSecret?,
/// persist? })` (the older `completeAuthorization(url, options)` still works). A denied
/// sign-in throws with `code = "authorization_error"`.
#[wasm_bindgen(js_name = completeAuthorization)]
pub async fn complete_authorization(
    #[wasm_bindgen(unchecked_optional_param_type = "CompleteOptions | string | null")]
    options_or_url: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "TokenOptions")] token_options: JsValue,
) -> Result<BlueButtonSession, JsValue> {
    const NAME: &str = "completeAuthorization";
    let second_given = !(token_options.is_undefined() || token_options.is_null());
    let o: CompleteIn = if options_or_url.is_object() {
        if second_given {
            return Err(BrowserError::InvalidArgument(format!(
                "{NAME}: pass one options object ({{ url, relayUrl, … }}), not two"
            ))
            .into());
        }
        options(options_or_url, NAME)?
    } else {
        let url = optional_string_arg(&options_or_url, NAME, "url")?;
        let mut o: CompleteIn = if second_given {
            options(token_options, NAME)?
        } else {
            CompleteIn::default()
        };
        if url.is_some() {
            if o.url.is_some() {
                return Err(BrowserError::InvalidArgument(format!(
                    "{NAME}: the url is given twice"
                ))
                .into());
            }
            o.url = url;
        }
        o
    };
    let done = oauth::complete(
        o.url,
        &oauth::TokenOptions {
            client_secret: o.client_secret,
            relay_url: o.relay_url,
        },
    )
    .await?;
    Ok(BlueButtonSession {
        inner: Session::from_completed(done, o.persist.unwrap_or(false)),
    })
}

/// Removes OAuth parameters from the address bar with `history.replaceState`; returns the
/// cleaned path.
#[wasm_bindgen(js_name = scrubCallbackUrl)]
pub fn scrub_callback_url() -> Result<String, JsValue> {
    Ok(crate::browser::location::scrub_callback()?)
}
