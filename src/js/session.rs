//! The sign-in .wasm's half of a signed-in session, `SessionCore`: tokens in memory, opt-in
//! persistence, the refresh and sign-out requests and what their answers mean. The npm
//! package's `BlueButtonSession` (`npm/session.js`) sends the requests and keeps the one
//! refresh under way. Conversion and error mapping only; the logic is in `browser::session`.

use wasm_bindgen::prelude::*;

use super::args::{optional_string_arg, string_arg, JsObject, Options};
use super::http::{answer_from_js, request_to_js};
use crate::browser::session::{RefreshPlan, SessionState};
use crate::browser::{clock, oauth, BrowserError};
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
}

/// The sign-in .wasm's half of a signed-in session (the npm package's `BlueButtonSession`, in
/// `npm/session.js`, holds one): the tokens and every decision about them, with no I/O. The JS
/// shell asks it for the request to send (a refresh, the revocations), sends it, and hands the
/// answer back; it keeps only the one refresh under way, which concurrent callers join.
/// Internal to the npm package (no TypeScript types).
#[wasm_bindgen(skip_typescript)]
pub struct SessionCore {
    state: SessionState,
    /// The refresh whose request the shell is sending.
    refreshing: Option<RefreshPlan>,
}

impl SessionCore {
    pub(super) fn new(state: SessionState) -> Self {
        Self {
            state,
            refreshing: None,
        }
    }
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
impl SessionCore {
    /// `BlueButtonSession.fromTokenResponse(json, options)`: a session from a token response
    /// obtained elsewhere; `options` = `{ env, version?, clientId, clientSecret?, relayUrl?,
    /// persist? }` say where to refresh and revoke.
    #[wasm_bindgen(js_name = fromTokenResponse)]
    pub fn from_token_response(
        json: JsValue,
        options_obj: JsValue,
    ) -> Result<SessionCore, JsValue> {
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
        let tokens = oauth::tokens_from(&response)?;
        Ok(Self::new(SessionState::new(
            tokens,
            client,
            env,
            version,
            persist.unwrap_or(false),
        )))
    }

    /// `BlueButtonSession.restore(clientSecret?)`: the session saved with `persist: true` in
    /// this tab, or `undefined`.
    pub fn restore(client_secret: JsValue) -> Result<Option<SessionCore>, JsValue> {
        let client_secret = optional_string_arg(&client_secret, "restore", "clientSecret")?;
        Ok(SessionState::restore(client_secret)?.map(Self::new))
    }

    /// The access token while valid (more than 10 s before expiry), `undefined` when a refresh
    /// is due; throws once signed out or ended (with the server's reason).
    #[wasm_bindgen(js_name = validToken)]
    pub fn valid_token(&self) -> Result<Option<String>, JsValue> {
        Ok(self
            .state
            .valid_token(clock::now_ms())?
            .map(|t| t.secret().to_owned()))
    }

    /// The access token as it is (after a refresh); throws once signed out or ended.
    #[wasm_bindgen(js_name = currentToken)]
    pub fn current_token(&self) -> Result<String, JsValue> {
        Ok(self.state.current()?.access_token.secret().to_owned())
    }

    /// The refresh request to send (`options`: `undefined`, or `{ scopes }` for narrower
    /// scopes); throws before anything is sent on bad options, a wider scope list, no refresh
    /// token, or a signed-out session. The shell sends one at a time.
    #[wasm_bindgen(js_name = refreshRequest)]
    pub fn refresh_request(&mut self, options: JsValue) -> Result<JsValue, JsValue> {
        let scopes = if options.is_undefined() || options.is_null() {
            None
        } else {
            Options::new(options, "refresh", &["scopes"])?.strings("scopes")?
        };
        let plan = self.state.refresh_plan(scopes.as_deref())?;
        let request = request_to_js(&plan.request);
        self.refreshing = Some(plan);
        Ok(request)
    }

    /// Takes the answer to [`Self::refresh_request`]: the new token facts, or the error (a
    /// refusal ends the session; a network failure keeps its tokens).
    #[wasm_bindgen(js_name = finishRefresh)]
    pub fn finish_refresh(&mut self, answer: JsValue) -> Result<JsTokenInfo, JsValue> {
        let plan = self.refreshing.take().ok_or(BrowserError::SignedOut)?;
        let result = answer_from_js(&answer).and_then(|response| oauth::tokens_from(&response));
        Ok(info(&self.state.finish_refresh(plan, result)?))
    }

    /// Signs out here and returns the revocations to send (refresh token, then access token).
    #[wasm_bindgen(js_name = signOut)]
    pub fn sign_out(&mut self) -> js_sys::Array {
        self.state.sign_out().iter().map(request_to_js).collect()
    }

    /// Reads the answer to one revocation; throws its error.
    pub fn revoked(answer: JsValue) -> Result<(), JsValue> {
        Ok(oauth::revoked_from(&answer_from_js(&answer)?)?)
    }

    /// Facts about the tokens, without the secrets; throws after sign-out.
    #[wasm_bindgen(js_name = tokenInfo)]
    pub fn token_info(&self) -> Result<JsTokenInfo, JsValue> {
        let tokens = self.state.tokens().ok_or(BrowserError::SignedOut)?;
        Ok(info(tokens))
    }

    /// `session.client(env?, version?)`'s API, resolved and checked in the sign-in .wasm (see
    /// [`session_target`]) so a bad one throws at once although the data .wasm loads later:
    /// `{ env, version }`.
    #[wasm_bindgen(js_name = clientTarget)]
    pub fn client_target(&self, env: JsValue, version: JsValue) -> Result<JsValue, JsValue> {
        let (env, version) = session_target(&self.state, &env, &version)?;
        Ok(JsObject::new()
            .set("env", env.base_url())
            .set("version", version.number())
            .build())
    }
}

/// The API a client of `session` may use: by default the environment and version the session
/// was issued for; `env`, when given, must name that same environment (`environment_mismatch`
/// otherwise: a token never goes to another environment's API); `version` may pick another API
/// version on the same server.
pub(crate) fn session_target(
    session: &SessionState,
    env: &JsValue,
    version: &JsValue,
) -> Result<(Environment, ApiVersion), JsValue> {
    let issued_for = session.environment().clone();
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
