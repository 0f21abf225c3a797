//! JavaScript exports of a signed-in session: `BlueButtonSession` (tokens in memory,
//! single-flight refresh, opt-in persistence, sign-out). Conversion and error mapping only;
//! the logic is in `browser::session`.

use wasm_bindgen::prelude::*;

use super::args::{oauth_err, optional_string_arg, string_arg, JsObject, Options};
use crate::browser::oauth;
use crate::browser::promise::promise;
use crate::browser::session::Session;
use crate::browser::BrowserError;
use crate::core::api::env::{ApiVersion, ConfigError, Environment};
use crate::core::oauth::token::TokenSet;

#[wasm_bindgen(typescript_custom_section)]
const TS_SESSION: &str = r#"
/** `session.refresh({ scopes })`: narrower scopes for the new token (v3, §12.5). */
export interface RefreshOptions { scopes?: string[] }
export interface TokenInfo {
  tokenType: "Bearer"; expiresIn: number; expiresAt: number; scopes: string[];
  hasRefreshToken: boolean; patient?: string; accessGrantExpiration?: string;
  demographicsShared: boolean; warnings: string[];
}
"#;

#[wasm_bindgen]
extern "C" {
    /// Token facts without the secrets.
    #[wasm_bindgen(typescript_type = "TokenInfo")]
    pub type JsTokenInfo;
    /// `refresh()` options (may be omitted).
    #[wasm_bindgen(typescript_type = "RefreshOptions | void")]
    pub type JsRefreshOptions;
}

/// A signed-in session: tokens in memory, single-flight refresh, sign-out.
#[wasm_bindgen]
pub struct BlueButtonSession {
    pub(super) inner: Session,
}

/// `TokenInfo`: the token facts, without the secrets.
fn info(t: &TokenSet) -> JsTokenInfo {
    JsObject::new()
        .set("tokenType", t.token_type.as_str())
        .set("expiresIn", t.expires_in)
        .set("expiresAt", t.expires_at_ms)
        .set_strings("scopes", &t.scopes)
        .set("hasRefreshToken", t.refresh_token.is_some())
        .set_some("patient", t.patient.as_deref())
        .set_some(
            "accessGrantExpiration",
            t.access_grant_expiration.as_deref(),
        )
        .set("demographicsShared", t.demographics_shared())
        .set_strings("warnings", &t.warnings)
        .build()
}

impl BlueButtonSession {
    /// The shared session (clones share state).
    #[cfg(feature = "js-data")]
    pub(crate) fn session(&self) -> Session {
        self.inner.clone()
    }
}

/// The keys of `fromTokenResponse`'s options.
const FROM_TOKEN_KEYS: [&str; 6] = [
    "env",
    "version",
    "clientId",
    "clientSecret",
    "relayUrl",
    "persist",
];

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
        let o = Options::new(options_obj, "fromTokenResponse", &FROM_TOKEN_KEYS)?;
        let env = o.required_string("env")?;
        let version = o.u32("version")?;
        let client_id = o.required_string("clientId")?;
        let token_options = oauth::TokenOptions {
            client_secret: o.string("clientSecret")?,
            relay_url: o.string("relayUrl")?,
        };
        let persist = o.bool("persist")?;
        let env = Environment::parse_with(&crate::browser::url::BrowserUrl, &env)
            .map_err(BrowserError::from)?;
        let version = ApiVersion::from_number(version.unwrap_or(2)).map_err(BrowserError::from)?;
        let client = oauth::token_client(&env, version, &client_id, &token_options)?;
        let response =
            crate::core::http::HttpResponse::new(200, Vec::new(), json.as_bytes().to_vec());
        let tokens = crate::core::oauth::token::process_token_response_with(
            &crate::browser::json::BrowserJson,
            &response,
            crate::browser::clock::now_ms(),
        )
        .map_err(oauth_err)?;
        Ok(BlueButtonSession {
            inner: Session::new(tokens, client, env, version, persist.unwrap_or(false)),
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
    #[wasm_bindgen(js_name = accessToken, unchecked_return_type = "Promise<string>")]
    pub fn access_token(&self) -> js_sys::Promise {
        let session = self.inner.clone();
        promise(async move { Ok(session.access_token().await?.secret().into()) })
    }

    /// Facts about the tokens, without the secrets; throws after sign-out.
    #[wasm_bindgen(js_name = tokenInfo)]
    pub fn token_info(&self) -> Result<JsTokenInfo, JsValue> {
        let tokens = self.inner.tokens().ok_or(BrowserError::SignedOut)?;
        Ok(info(&tokens))
    }

    /// Refreshes now (joins a refresh already under way); returns the new token facts.
    /// `refresh({ scopes })` asks for narrower scopes (v3: each granted, or the same resource
    /// with fewer letters); a wider list throws `invalid_option` and keeps the session.
    #[wasm_bindgen(unchecked_return_type = "Promise<TokenInfo>")]
    pub fn refresh(&self, options: JsRefreshOptions) -> js_sys::Promise {
        let session = self.inner.clone();
        let options: JsValue = options.into();
        promise(async move {
            let scopes = if options.is_undefined() || options.is_null() {
                None
            } else {
                Options::new(options, "refresh", &["scopes"])?.strings("scopes")?
            };
            let tokens = match scopes {
                Some(scopes) => session.refresh_with_scopes(scopes).await?,
                None => session.refresh().await?,
            };
            Ok(info(&tokens).into())
        })
    }

    /// Revokes the tokens at the server and forgets them here.
    #[wasm_bindgen(js_name = signOut, unchecked_return_type = "Promise<void>")]
    pub fn sign_out(&self) -> js_sys::Promise {
        let session = self.inner.clone();
        promise(async move {
            session.sign_out().await?;
            Ok(JsValue::UNDEFINED)
        })
    }
}

/// The API a client of `session` may use: by default the environment and version the session
/// was issued for; `env`, when given, must name that same environment (`environment_mismatch`
/// otherwise: a token never goes to another environment's API); `version` may pick another API
/// version on the same server.
pub(crate) fn session_target(
    session: &Session,
    env: &JsValue,
    version: &JsValue,
) -> Result<(Environment, ApiVersion), JsValue> {
    let issued_for = session.environment();
    if let Some(env) = super::args::optional_string_arg(env, "client", "env")? {
        let asked = Environment::parse_with(&crate::browser::url::BrowserUrl, &env)
            .map_err(BrowserError::Config)?;
        if asked.base_url() != issued_for.base_url() {
            return Err(BrowserError::Config(ConfigError::EnvironmentMismatch {
                issued_for: issued_for.base_url().to_owned(),
                asked: asked.base_url().to_owned(),
            })
            .into());
        }
    }
    let version = match super::args::optional_u32_arg(version, "client", "version")? {
        Some(n) => ApiVersion::from_number(n).map_err(BrowserError::Config)?,
        None => session.version(),
    };
    Ok((issued_for, version))
}

#[wasm_bindgen]
impl BlueButtonSession {
    /// `session.client(env?, version?)`'s API, resolved and checked in the sign-in .wasm (see
    /// [`session_target`]) so a bad one throws at once although the data .wasm loads later:
    /// `{ env, version }`. Internal to the npm entries (`client.js`).
    #[wasm_bindgen(js_name = __clientTarget, skip_typescript)]
    pub fn client_target(&self, env: JsValue, version: JsValue) -> Result<JsValue, JsValue> {
        let (env, version) = session_target(&self.inner, &env, &version)?;
        Ok(JsObject::new()
            .set("env", env.base_url())
            .set("version", version.number())
            .build())
    }
}
