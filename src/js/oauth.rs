//! JavaScript exports of the sign-in: PKCE, state, the authorize URL, the redirect parser,
//! `beginAuthorization` / `completeAuthorization` and the address-bar scrub. Conversion and
//! error mapping only; the logic is in `core::oauth` and `browser::oauth`.

use wasm_bindgen::prelude::*;

use super::args::{oauth_err, optional_string_arg, string_arg, JsObject, Options};
use super::http::{answer_from_js, request_to_js};
use super::session::SessionCore;
use crate::browser::session::SessionState;
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

/// Creates a PKCE pair from 32 bytes of `crypto.getRandomValues`:
/// `{ verifier, challenge, method: "S256" }`.
#[wasm_bindgen(js_name = createPkcePair)]
pub fn create_pkce_pair() -> Result<JsPkcePair, JsValue> {
    let verifier = CodeVerifier::from_entropy(&random::entropy32()?);
    let challenge = verifier.challenge();
    Ok(JsObject::new()
        .set("verifier", verifier.into_secret())
        .set("challenge", challenge.as_str())
        .set("method", "S256")
        .build())
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

/// The keys of `buildAuthorizeUrl`'s options.
const AUTHORIZE_KEYS: [&str; 9] = [
    "env",
    "version",
    "clientId",
    "redirectUri",
    "state",
    "codeChallenge",
    "responseType",
    "scopes",
    "lang",
];

/// Builds the authorize URL; throws on bad options (short state, http redirect in
/// production, missing scopes on v3, …).
#[wasm_bindgen(js_name = buildAuthorizeUrl)]
pub fn build_authorize_url(options_obj: JsAuthorizeOptions) -> Result<String, JsValue> {
    let o = Options::new(options_obj.into(), "buildAuthorizeUrl", &AUTHORIZE_KEYS)?;
    let common = sign_in_options(&o)?;
    AuthorizeRequest {
        env: common.env,
        version: common.version,
        client_id: common.client_id,
        redirect_uri: common.redirect_uri,
        state: o.required_string("state")?.into(),
        code_challenge: o.required_string("codeChallenge")?,
        response_type: common.response_type,
        scopes: common.scopes,
        lang: common.lang,
    }
    .build_with(&crate::browser::url::BrowserUrl)
    .map_err(oauth_err)
}

/// The options `buildAuthorizeUrl` and `beginAuthorization` share: `env`, `version`,
/// `clientId`, `redirectUri`, `responseType`, `scopes`, `lang`.
fn sign_in_options(o: &Options) -> Result<oauth::BeginOptions, JsValue> {
    let env = o.required_string("env")?;
    let version = o.u32("version")?;
    let client_id = o.required_string("clientId")?;
    let redirect_uri = o.required_string("redirectUri")?;
    let response_type = o.string("responseType")?;
    let scopes = o.strings("scopes")?;
    let lang = o.string("lang")?;
    Ok(oauth::BeginOptions {
        env: Environment::parse_with(&crate::browser::url::BrowserUrl, &env)
            .map_err(BrowserError::from)?,
        env_text: env,
        version: ApiVersion::from_number(version.unwrap_or(2)).map_err(BrowserError::from)?,
        client_id,
        redirect_uri,
        response_type: ResponseType::parse(response_type.as_deref().unwrap_or("code"))
            .map_err(oauth_err)?,
        scopes: scopes.unwrap_or_default(),
        lang,
    })
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
    Ok(match cb.result {
        CallbackResult::Code { code } => JsObject::new()
            .set("type", "code")
            .set("code", code.secret())
            .set_some("state", state),
        CallbackResult::Token {
            access_token,
            token_type,
            expires_in,
            scopes,
            patient,
        } => JsObject::new()
            .set("type", "token")
            .set("accessToken", access_token.secret())
            .set("tokenType", token_type)
            .set_some("expiresIn", expires_in)
            .set_strings("scopes", &scopes)
            .set_some("state", state)
            .set_some("patient", patient),
        CallbackResult::Error {
            error,
            description,
            uri,
        } => JsObject::new()
            .set("type", "error")
            .set("error", error.as_str())
            .set_some("errorDescription", description)
            .set_some("errorUri", uri)
            .set_some("state", state),
    }
    .build())
}

/// The keys of `beginAuthorization`'s options.
const BEGIN_KEYS: [&str; 7] = [
    "env",
    "version",
    "clientId",
    "redirectUri",
    "responseType",
    "scopes",
    "lang",
];

/// Starts a sign-in: makes the PKCE pair and state, saves them in sessionStorage (one key,
/// 10 minutes, single use) and returns `{ url, state }`; send the browser to `url`.
#[wasm_bindgen(js_name = beginAuthorization)]
pub fn begin_authorization(options_obj: JsBeginOptions) -> Result<JsBeginResult, JsValue> {
    let o = Options::new(options_obj.into(), "beginAuthorization", &BEGIN_KEYS)?;
    let begin = sign_in_options(&o)?;
    let (url, state) = oauth::begin(&begin)?;
    Ok(JsObject::new()
        .set("url", url)
        .set("state", state.secret())
        .build())
}

/// `completeAuthorization`'s options, read from JS.
#[derive(Default)]
struct CompleteIn {
    /// The redirect URL (default: the current page).
    url: Option<String>,
    client_secret: Option<String>,
    relay_url: Option<String>,
    persist: Option<bool>,
}

impl CompleteIn {
    fn read(value: JsValue, what: &'static str) -> Result<Self, JsValue> {
        let o = Options::new(value, what, &["url", "clientSecret", "relayUrl", "persist"])?;
        Ok(Self {
            url: o.string("url")?,
            client_secret: o.string("clientSecret")?,
            relay_url: o.string("relayUrl")?,
            persist: o.bool("persist")?,
        })
    }
}

/// The sign-in .wasm's half of `completeAuthorization` (`npm/session.js` holds the other):
/// the redirect read and checked, the address bar scrubbed, and the code exchange still to send
/// (none for the implicit flow). Internal to the npm package (no TypeScript types).
#[wasm_bindgen(skip_typescript)]
pub struct CompletionCore {
    completion: Option<oauth::Completion>,
    persist: bool,
}

/// Starts `completeAuthorization(options)` (or the older `(url, options)`): takes the pending
/// sign-in, checks state and expiry, scrubs the address bar and reads the redirect, sending
/// nothing. A denied sign-in throws with `code = "authorization_error"`.
#[wasm_bindgen(js_name = completeStart, skip_typescript)]
pub fn complete_start(
    options_or_url: JsValue,
    token_options: JsValue,
) -> Result<CompletionCore, JsValue> {
    let o = complete_options(options_or_url, token_options)?;
    let completion = oauth::complete_start(
        o.url,
        &oauth::TokenOptions {
            client_secret: o.client_secret,
            relay_url: o.relay_url,
        },
    )?;
    Ok(CompletionCore {
        completion: Some(completion),
        persist: o.persist.unwrap_or(false),
    })
}

#[wasm_bindgen]
impl CompletionCore {
    /// The code exchange to send, or `undefined` when the redirect carried the token.
    pub fn request(&self) -> JsValue {
        match &self.completion {
            Some(oauth::Completion::Exchange(exchange)) => request_to_js(&exchange.request),
            _ => JsValue::UNDEFINED,
        }
    }

    /// The session, from the exchange's `answer` (`undefined` when there was no request).
    pub fn finish(&mut self, answer: JsValue) -> Result<SessionCore, JsValue> {
        let done = match self.completion.take().ok_or(BrowserError::SignedOut)? {
            oauth::Completion::Done(done) => done,
            oauth::Completion::Exchange(exchange) => exchange.finish(&answer_from_js(&answer)?)?,
        };
        Ok(SessionCore::new(SessionState::new(
            done.tokens,
            done.client,
            done.env,
            done.version,
            self.persist,
        )))
    }
}

/// `completeAuthorization`'s arguments: one options object, or the older `(url, options)`.
fn complete_options(
    options_or_url: JsValue,
    token_options: JsValue,
) -> Result<CompleteIn, JsValue> {
    const NAME: &str = "completeAuthorization";
    let second_given = !(token_options.is_undefined() || token_options.is_null());
    if options_or_url.is_object() {
        if second_given {
            return Err(BrowserError::InvalidArgument(format!(
                "{NAME}: pass one options object ({{ url, relayUrl, … }}), not two"
            ))
            .into());
        }
        return CompleteIn::read(options_or_url, NAME);
    }
    let url = optional_string_arg(&options_or_url, NAME, "url")?;
    let mut o: CompleteIn = if second_given {
        CompleteIn::read(token_options, NAME)?
    } else {
        CompleteIn::default()
    };
    if url.is_some() {
        if o.url.is_some() {
            return Err(
                BrowserError::InvalidArgument(format!("{NAME}: the url is given twice")).into(),
            );
        }
        o.url = url;
    }
    Ok(o)
}

/// Removes OAuth parameters from the address bar with `history.replaceState`; returns the
/// cleaned path.
#[wasm_bindgen(js_name = scrubCallbackUrl)]
pub fn scrub_callback_url() -> Result<String, JsValue> {
    Ok(crate::browser::location::scrub_callback()?)
}
