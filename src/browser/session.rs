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
use crate::core::http::HttpRequest;
use crate::core::json::{Fields, FromJson, Json, ToJson};
use crate::core::oauth::error::OAuthError;
use crate::core::oauth::secret::{AccessToken, RefreshToken};
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

/// What a session holds and decides, with no I/O: the tokens, where to refresh and revoke them,
/// why the server ended the session, and the sessionStorage copy when asked for. The Rust
/// [`Session`] and the npm package's JS session (`SessionCore` in `js::session`) both keep one
/// and only send what it plans.
#[derive(Debug)]
pub(crate) struct SessionState {
    tokens: Option<TokenSet>,
    client: TokenClient,
    env: Environment,
    version: ApiVersion,
    persist: bool,
    /// Why the server ended the session (a refused refresh), repeated by every later call
    /// instead of a vague `signed_out`, so an app never loops on a dead session.
    ended: Option<BrowserError>,
}

/// A refresh about to be sent: the request, and the refresh token it spends (kept when the
/// answer brings no new one).
pub(crate) struct RefreshPlan {
    /// The `POST /token` to send.
    pub request: HttpRequest,
    old_refresh: Option<RefreshToken>,
}

struct Inner {
    state: SessionState,
    refreshing: Option<Running>,
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

impl SessionState {
    /// The state of a session just signed in (written to sessionStorage when `persist`).
    pub(crate) fn new(
        tokens: TokenSet,
        client: TokenClient,
        env: Environment,
        version: ApiVersion,
        persist: bool,
    ) -> Self {
        let state = Self {
            tokens: Some(tokens),
            client,
            env,
            version,
            persist,
            ended: None,
        };
        state.save();
        state
    }

    /// The state saved with `persist = true` in this tab, if any (an unreadable copy is
    /// removed). The secret, if any, is not persisted and must be given again.
    pub(crate) fn restore(client_secret: Option<String>) -> Result<Option<Self>, BrowserError> {
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

    /// Writes the tokens to sessionStorage when persistence was asked for (removes them once
    /// there are none).
    fn save(&self) {
        if !self.persist {
            return;
        }
        match &self.tokens {
            Some(tokens) => {
                let saved = Persisted {
                    tokens: tokens.clone(),
                    token_url: self.client.token_url.clone(),
                    revoke_url: self.client.revoke_url.clone(),
                    client_id: self.client.client_id.clone(),
                    env: self.env.base_url().to_owned(),
                    version: self.version.number(),
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

    /// The environment the session was issued for.
    pub(crate) fn environment(&self) -> &Environment {
        &self.env
    }

    /// The API version the session was issued for.
    pub(crate) fn version(&self) -> ApiVersion {
        self.version
    }

    /// The current tokens (`None` once signed out or ended).
    pub(crate) fn tokens(&self) -> Option<&TokenSet> {
        self.tokens.as_ref()
    }

    /// The tokens, or why there are none: the server's refusal that ended the session
    /// (`session_expired`, `access_revoked`, …), else `signed_out`.
    pub(crate) fn current(&self) -> Result<&TokenSet, BrowserError> {
        match (&self.tokens, &self.ended) {
            (Some(tokens), _) => Ok(tokens),
            (None, Some(ended)) => Err(ended.clone()),
            (None, None) => Err(BrowserError::SignedOut),
        }
    }

    /// The access token while it is valid at `now_ms` (more than 10 s before expiry), or
    /// `None` when a refresh is due; fails once the session is signed out or ended.
    pub(crate) fn valid_token(&self, now_ms: f64) -> Result<Option<&AccessToken>, BrowserError> {
        let current = self.current()?;
        Ok((!current.needs_refresh(now_ms, REFRESH_SKEW_MS)).then_some(&current.access_token))
    }

    /// The refresh to send: plain, or asking for narrower `scopes` (v3, §12.5; a wider list
    /// is `invalid_option` and nothing changes). Fails without tokens or a refresh token.
    pub(crate) fn refresh_plan(
        &self,
        scopes: Option<&[String]>,
    ) -> Result<RefreshPlan, BrowserError> {
        let tokens = self.current()?;
        let refresh_token = tokens
            .refresh_token
            .as_ref()
            .ok_or(OAuthError::NoRefreshToken)?;
        let request = match scopes {
            Some(wanted) => {
                self.client
                    .refresh_request_narrowed(refresh_token, &tokens.scopes, wanted)?
            }
            None => self.client.refresh_request(refresh_token),
        };
        Ok(RefreshPlan {
            request,
            old_refresh: tokens.refresh_token.clone(),
        })
    }

    /// Takes the answer to a [`RefreshPlan`] and returns what the caller gets: new tokens
    /// replace the old ones (keeping the old refresh token when none came back); a transient
    /// network failure keeps the tokens; a refusal ends the session and is remembered as the
    /// reason. A session signed out while its refresh was under way stays signed out (the
    /// caller gets `signed_out`).
    pub(crate) fn finish_refresh(
        &mut self,
        plan: RefreshPlan,
        result: Result<TokenSet, BrowserError>,
    ) -> Result<TokenSet, BrowserError> {
        if self.tokens.is_none() {
            return Err(self.ended.clone().unwrap_or(BrowserError::SignedOut));
        }
        let result = result.map(|mut tokens| {
            if tokens.refresh_token.is_none() {
                tokens.refresh_token = plan.old_refresh;
            }
            tokens
        });
        match &result {
            Ok(tokens) => self.tokens = Some(tokens.clone()),
            Err(BrowserError::Network { .. }) => {}
            Err(error) => {
                self.tokens = None;
                self.ended = Some(error.clone());
            }
        }
        self.save();
        result
    }

    /// Signs out here (tokens forgotten, the sessionStorage copy removed) and returns the
    /// revocations to send (best effort): the refresh token first, then the access token.
    pub(crate) fn sign_out(&mut self) -> Vec<HttpRequest> {
        self.ended = None;
        let tokens = self.tokens.take();
        self.save();
        let _ = storage::remove(SESSION_KEY);
        let Some(tokens) = tokens else {
            return Vec::new();
        };
        let mut requests = Vec::with_capacity(2);
        if let Some(refresh) = &tokens.refresh_token {
            requests.push(self.client.revoke_request(refresh.secret()));
        }
        requests.push(self.client.revoke_request(tokens.access_token.secret()));
        requests
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
        Self::from_state(SessionState::new(tokens, client, env, version, persist))
    }

    fn from_state(state: SessionState) -> Self {
        Self {
            inner: Rc::new(RefCell::new(Inner {
                state,
                refreshing: None,
            })),
        }
    }

    /// Restores a session persisted with `persist = true` (the secret, if any, is not
    /// persisted and must be given again through `client_secret`).
    pub fn restore(client_secret: Option<String>) -> Result<Option<Self>, BrowserError> {
        Ok(SessionState::restore(client_secret)?.map(Self::from_state))
    }

    /// A session from a completed sign-in.
    pub fn from_completed(done: oauth::Completed, persist: bool) -> Self {
        Self::new(done.tokens, done.client, done.env, done.version, persist)
    }

    /// The environment the session was issued for.
    pub fn environment(&self) -> Environment {
        self.inner.borrow().state.environment().clone()
    }

    /// The API version the session was issued for.
    pub fn version(&self) -> ApiVersion {
        self.inner.borrow().state.version()
    }

    /// The current tokens (`None` after sign-out or a refused refresh: the session is then
    /// signed out, and the token calls fail with [`BrowserError::SignedOut`]).
    pub fn tokens(&self) -> Option<TokenSet> {
        self.inner.borrow().state.tokens().cloned()
    }

    /// A valid access token, refreshing first (once, shared) when it is expired or within
    /// 10 s of expiry. After the server refused a refresh, every call fails with that same
    /// error (e.g. `session_expired` for a one-time app's hour): reconnect, do not retry.
    pub async fn access_token(&self) -> Result<AccessToken, BrowserError> {
        let valid = self
            .inner
            .borrow()
            .state
            .valid_token(clock::now_ms())?
            .cloned();
        match valid {
            Some(token) => Ok(token),
            None => Ok(self.refresh().await?.access_token),
        }
    }

    /// After a 401 with `failed`: refresh unless another caller already replaced that token.
    pub async fn after_unauthorized(
        &self,
        failed: &AccessToken,
    ) -> Result<AccessToken, BrowserError> {
        let current = self.inner.borrow().state.current()?.access_token.clone();
        if current != *failed {
            return Ok(current);
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
        self.start_refresh(Some(&scopes))?.wait().await
    }

    /// Starts the one refresh (recorded so that others join it).
    fn start_refresh(&self, scopes: Option<&[String]>) -> Result<Running, BrowserError> {
        let plan = self.inner.borrow().state.refresh_plan(scopes)?;
        let weak = Rc::downgrade(&self.inner);
        let result = Rc::new(RefCell::new(None));
        let slot = Rc::clone(&result);
        let request = plan.request.clone();
        // Spawned at once and run to the end even if every caller stops waiting.
        let settled = promise(async move {
            let outcome = oauth::refresh_with(request).await;
            let outcome = match weak.upgrade() {
                Some(inner) => {
                    let mut inner = inner.borrow_mut();
                    inner.refreshing = None;
                    inner.state.finish_refresh(plan, outcome)
                }
                None => outcome,
            };
            *slot.borrow_mut() = Some(outcome);
            Ok(wasm_bindgen::JsValue::UNDEFINED)
        });
        let running = Running { settled, result };
        self.inner.borrow_mut().refreshing = Some(running.clone());
        Ok(running)
    }

    /// Revokes the refresh and access tokens (best effort) and forgets everything.
    pub async fn sign_out(&self) -> Result<(), BrowserError> {
        let requests = self.inner.borrow_mut().state.sign_out();
        let mut first_error = None;
        for request in requests {
            if let Err(e) = oauth::revoke_with(request).await {
                first_error.get_or_insert(e);
            }
        }
        first_error.map_or(Ok(()), Err)
    }
}
