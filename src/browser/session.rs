//! A signed-in session: tokens held in memory (sessionStorage only when the app opts in,
//! never localStorage), with a **single-flight** refresh: however many requests find the
//! token expired at once, exactly one `POST /token` is sent, and every caller gets the newest
//! token (Blue Button rotates refresh tokens, so a second refresh with the old one would fail).

use std::cell::RefCell;
use std::rc::Rc;

use crate::browser::json::{BrowserJson, JsonFormat};
use crate::browser::url::BrowserUrl;
use crate::browser::{clock, oauth, promise::promise, storage, BrowserError};
use crate::core::api::env::{ApiVersion, Environment};
use crate::core::json::{Fields, FromJson, Json, ToJson};
use crate::core::oauth::error::OAuthError;
use crate::core::oauth::secret::AccessToken;
use crate::core::oauth::token::{TokenClient, TokenSet, REFRESH_SKEW_MS};

/// The sessionStorage key used only when persistence was asked for.
pub const SESSION_KEY: &str = "bluebutton-wasm:session";

/// The one refresh under way, which every caller joins: a JS promise (any number of callers
/// can await it) that settles once the refresh has written its result to `result`.
#[derive(Clone)]
struct Running {
    settled: js_sys::Promise,
    result: Rc<RefCell<Option<Result<TokenSet, BrowserError>>>>,
}

impl Running {
    /// Waits for the refresh, then returns its result (each caller gets its own copy).
    async fn wait(self) -> Result<TokenSet, BrowserError> {
        // The promise never rejects: the refresh's error is in `result`.
        let _ = wasm_bindgen_futures::JsFuture::from(self.settled).await;
        let result = self.result.borrow().clone();
        // Written before the promise resolves; `signed_out` only if the refresh was lost.
        result.unwrap_or(Err(BrowserError::SignedOut))
    }
}

struct Inner {
    tokens: Option<TokenSet>,
    client: TokenClient,
    env: Environment,
    version: ApiVersion,
    refreshing: Option<Running>,
    persist: bool,
    /// Why the server ended the session (a refused refresh), repeated by every later call
    /// instead of a vague `signed_out`, so an app never loops on a dead session.
    ended: Option<BrowserError>,
}

/// A session (cheap to clone: clones share state).
#[derive(Clone)]
pub struct Session {
    inner: Rc<RefCell<Inner>>,
}

#[derive(serde::Serialize, serde::Deserialize)]
struct Persisted {
    tokens: TokenSet,
    token_url: String,
    revoke_url: String,
    client_id: String,
    /// The environment's base URL (as [`Environment::base_url`]).
    env: String,
    version: u32,
}

impl FromJson for Persisted {
    fn from_json(value: &Json) -> Result<Self, String> {
        let f = Fields::of(value)?;
        Ok(Self {
            tokens: TokenSet::from_json(f.get("tokens").unwrap_or(&Json::Null))?,
            token_url: f.string("token_url")?,
            revoke_url: f.string("revoke_url")?,
            client_id: f.string("client_id")?,
            env: f.string("env")?,
            version: f.u32("version")?,
        })
    }
}

impl ToJson for Persisted {
    fn to_json(&self) -> Json {
        Json::object([
            ("tokens", self.tokens.to_json()),
            ("token_url", Json::Text(self.token_url.clone())),
            ("revoke_url", Json::Text(self.revoke_url.clone())),
            ("client_id", Json::Text(self.client_id.clone())),
            ("env", Json::Text(self.env.clone())),
            ("version", Json::Number(f64::from(self.version))),
        ])
    }
}

impl Session {
    /// Wraps tokens from a completed sign-in ([`oauth::Completed`] holds each part) made
    /// against `env` for API `version`: the session's FHIR clients go to that API only.
    pub fn new(
        tokens: TokenSet,
        client: TokenClient,
        env: Environment,
        version: ApiVersion,
        persist: bool,
    ) -> Self {
        let session = Self {
            inner: Rc::new(RefCell::new(Inner {
                tokens: Some(tokens),
                client,
                env,
                version,
                refreshing: None,
                persist,
                ended: None,
            })),
        };
        session.save();
        session
    }

    /// Restores a session persisted with `persist = true` (the secret, if any, is not
    /// persisted and must be given again through `client_secret`).
    pub fn restore(client_secret: Option<String>) -> Result<Option<Self>, BrowserError> {
        let Some(text) = storage::get(SESSION_KEY)? else {
            return Ok(None);
        };
        let parsed = BrowserJson
            .read::<Persisted>(text.as_bytes())
            .ok()
            .and_then(|saved| {
                let env = Environment::parse_with(&BrowserUrl, &saved.env).ok()?;
                let version = ApiVersion::from_number(saved.version).ok()?;
                Some((saved, env, version))
            });
        let Some((saved, env, version)) = parsed else {
            storage::remove(SESSION_KEY)?;
            return Ok(None);
        };
        let client = TokenClient {
            token_url: saved.token_url,
            revoke_url: saved.revoke_url,
            client_id: saved.client_id,
            client_secret: client_secret.map(crate::core::oauth::secret::ClientSecret::new),
        };
        Ok(Some(Self::new(saved.tokens, client, env, version, true)))
    }

    fn save(&self) {
        let inner = self.inner.borrow();
        if !inner.persist {
            return;
        }
        match &inner.tokens {
            Some(tokens) => {
                let saved = Persisted {
                    tokens: tokens.clone(),
                    token_url: inner.client.token_url.clone(),
                    revoke_url: inner.client.revoke_url.clone(),
                    client_id: inner.client.client_id.clone(),
                    env: inner.env.base_url().to_owned(),
                    version: inner.version.number(),
                };
                if let Ok(text) = BrowserJson.write(&saved) {
                    let _ = storage::set(SESSION_KEY, &text);
                }
            }
            None => {
                let _ = storage::remove(SESSION_KEY);
            }
        }
    }

    /// A session from a completed sign-in.
    pub fn from_completed(done: oauth::Completed, persist: bool) -> Self {
        Self::new(done.tokens, done.client, done.env, done.version, persist)
    }

    /// The environment the session was issued for.
    pub fn environment(&self) -> Environment {
        self.inner.borrow().env.clone()
    }

    /// The API version the session was issued for.
    pub fn version(&self) -> ApiVersion {
        self.inner.borrow().version
    }

    /// The current tokens (`None` after sign-out or a refused refresh: the session is then
    /// signed out, and the token calls fail with [`BrowserError::SignedOut`]).
    pub fn tokens(&self) -> Option<TokenSet> {
        self.inner.borrow().tokens.clone()
    }

    /// The tokens, or why there are none: the server's refusal that ended the session
    /// (`session_expired`, `access_revoked`, …), else `signed_out`.
    fn current(&self) -> Result<TokenSet, BrowserError> {
        let inner = self.inner.borrow();
        match (&inner.tokens, &inner.ended) {
            (Some(tokens), _) => Ok(tokens.clone()),
            (None, Some(ended)) => Err(ended.clone()),
            (None, None) => Err(BrowserError::SignedOut),
        }
    }

    /// A valid access token, refreshing first (once, shared) when it is expired or within
    /// 10 s of expiry. After the server refused a refresh, every call fails with that same
    /// error (e.g. `session_expired` for a one-time app's hour): reconnect, do not retry.
    pub async fn access_token(&self) -> Result<AccessToken, BrowserError> {
        let current = self.current()?;
        if !current.needs_refresh(clock::now_ms(), REFRESH_SKEW_MS) {
            return Ok(current.access_token);
        }
        Ok(self.refresh().await?.access_token)
    }

    /// After a 401 with `failed`: refresh unless another caller already replaced that token.
    pub async fn after_unauthorized(
        &self,
        failed: &AccessToken,
    ) -> Result<AccessToken, BrowserError> {
        let current = self.current()?;
        if current.access_token != *failed {
            return Ok(current.access_token);
        }
        Ok(self.refresh().await?.access_token)
    }

    /// Refreshes now, joining a refresh already under way.
    pub async fn refresh(&self) -> Result<TokenSet, BrowserError> {
        let running = self.inner.borrow().refreshing.clone();
        match running {
            Some(running) => running.wait().await,
            None => self.start_refresh(None)?.wait().await,
        }
    }

    /// Refreshes now asking for narrower scopes (v3, §12.5: each one granted, or the same
    /// resource with fewer letters, e.g. `patient/ExplanationOfBenefit.s` from `.rs`). A
    /// wider request fails with `invalid_option` before anything is sent, and the session
    /// keeps its tokens. Waits for a refresh already under way first.
    ///
    /// ```no_run
    /// # async fn run(session: bluebutton_wasm::Session) -> Result<(), bluebutton_wasm::BrowserError> {
    /// let tokens = session
    ///     .refresh_with_scopes(vec!["patient/ExplanationOfBenefit.s".into()])
    ///     .await?;
    /// assert_eq!(tokens.scopes, ["patient/ExplanationOfBenefit.s"]);
    /// # Ok(()) }
    /// ```
    pub async fn refresh_with_scopes(&self, scopes: Vec<String>) -> Result<TokenSet, BrowserError> {
        let running = self.inner.borrow().refreshing.clone();
        if let Some(running) = running {
            let _ = running.wait().await;
        }
        self.start_refresh(Some(scopes))?.wait().await
    }

    /// Starts the one refresh (recorded so that others join it).
    fn start_refresh(&self, scopes: Option<Vec<String>>) -> Result<Running, BrowserError> {
        let tokens = self.current()?;
        let mut inner = self.inner.borrow_mut();
        let refresh_token = tokens
            .refresh_token
            .clone()
            .ok_or(OAuthError::NoRefreshToken)?;
        let request = match &scopes {
            Some(wanted) => {
                inner
                    .client
                    .refresh_request_narrowed(&refresh_token, &tokens.scopes, wanted)?
            }
            None => inner.client.refresh_request(&refresh_token),
        };
        let this = self.clone_weakly(Rc::downgrade(&self.inner));
        let result = Rc::new(RefCell::new(None));
        let slot = Rc::clone(&result);
        // Spawned at once and run to the end even if every caller stops waiting.
        let settled = promise(async move {
            let outcome = oauth::refresh_with(request).await;
            this.finish_refresh(&outcome, tokens.refresh_token.clone());
            *slot.borrow_mut() = Some(outcome);
            Ok(wasm_bindgen::JsValue::UNDEFINED)
        });
        let running = Running { settled, result };
        inner.refreshing = Some(running.clone());
        Ok(running)
    }

    fn clone_weakly(&self, weak: std::rc::Weak<RefCell<Inner>>) -> WeakSession {
        WeakSession(weak)
    }

    /// Revokes the refresh and access tokens (best effort) and forgets everything.
    pub async fn sign_out(&self) -> Result<(), BrowserError> {
        let (tokens, client) = {
            let mut inner = self.inner.borrow_mut();
            inner.ended = None;
            (inner.tokens.take(), inner.client.clone())
        };
        self.save();
        let _ = storage::remove(SESSION_KEY);
        let mut first_error = None;
        if let Some(tokens) = tokens {
            if let Some(refresh) = &tokens.refresh_token {
                if let Err(e) = oauth::revoke(&client, refresh.secret()).await {
                    first_error.get_or_insert(e);
                }
            }
            if let Err(e) = oauth::revoke(&client, tokens.access_token.secret()).await {
                first_error.get_or_insert(e);
            }
        }
        first_error.map_or(Ok(()), Err)
    }
}

struct WeakSession(std::rc::Weak<RefCell<Inner>>);

impl WeakSession {
    fn finish_refresh(
        &self,
        result: &Result<TokenSet, BrowserError>,
        old_refresh: Option<crate::core::oauth::secret::RefreshToken>,
    ) {
        let Some(inner) = self.0.upgrade() else {
            return;
        };
        {
            let mut guard = inner.borrow_mut();
            guard.refreshing = None;
            match result {
                Ok(tokens) => {
                    let mut tokens = tokens.clone();
                    if tokens.refresh_token.is_none() {
                        tokens.refresh_token = old_refresh;
                    }
                    guard.tokens = Some(tokens);
                }
                // A transient network failure keeps the tokens; a refusal ends the session
                // and is remembered as the reason.
                Err(BrowserError::Network { .. }) => {}
                Err(error) => {
                    guard.tokens = None;
                    guard.ended = Some(error.clone());
                }
            }
        }
        Session { inner }.save();
    }
}
