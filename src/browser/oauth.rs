//! The OAuth flow in the browser: start (PKCE + state + pending record), complete (take the
//! pending record, check, scrub the URL, exchange), refresh and revoke.

use crate::browser::json::{BrowserJson, JsonFormat};
use crate::browser::url::BrowserUrl;
use crate::browser::{clock, fetch, location, random, storage, BrowserError};
use crate::core::api::env::{ApiVersion, Endpoints, Environment};
use crate::core::http::{HttpRequest, HttpResponse};
use crate::core::oauth::authorize::{AuthorizeRequest, ResponseType};
use crate::core::oauth::callback::CallbackResult;
use crate::core::oauth::error::OAuthError;
use crate::core::oauth::pending::{PendingAuthorization, STORAGE_KEY};
use crate::core::oauth::pkce::CodeVerifier;
use crate::core::oauth::secret::{ClientSecret, RefreshToken, State};
use crate::core::oauth::token::{
    process_revoke_response_with, process_token_response_with, TokenClient, TokenSet,
};

/// What starting a sign-in needs.
#[derive(Debug, Clone, Default)]
pub struct BeginOptions {
    /// The server.
    pub env: Environment,
    /// The raw environment text, kept in the pending record.
    pub env_text: String,
    /// The API version.
    pub version: ApiVersion,
    /// The client id.
    pub client_id: String,
    /// The registered redirect URI.
    pub redirect_uri: String,
    /// `code` (default) or the legacy implicit flow.
    pub response_type: ResponseType,
    /// Scopes (required on v3).
    pub scopes: Vec<String>,
    /// `en` or `es`.
    pub lang: Option<String>,
}

/// Generates the verifier and state, stores the pending record in sessionStorage, and
/// returns the authorize URL and the state.
pub fn begin(options: &BeginOptions) -> Result<(String, State), BrowserError> {
    let verifier = CodeVerifier::from_entropy(&random::entropy32()?);
    let state = random::new_state()?;
    let url = AuthorizeRequest {
        env: options.env.clone(),
        version: options.version,
        client_id: options.client_id.clone(),
        redirect_uri: options.redirect_uri.clone(),
        state: state.clone(),
        code_challenge: verifier.challenge().as_str().to_owned(),
        response_type: options.response_type,
        scopes: options.scopes.clone(),
        lang: options.lang.clone(),
    }
    .build_with(&BrowserUrl)?;
    let pending = PendingAuthorization {
        state: state.clone(),
        verifier: verifier.into_secret(),
        redirect_uri: options.redirect_uri.clone(),
        env: options.env_text.clone(),
        version: options.version.number(),
        client_id: options.client_id.clone(),
        response_type: options.response_type.as_str().to_owned(),
        created_at_ms: clock::now_ms(),
    };
    storage::set(
        STORAGE_KEY,
        &BrowserJson.write(&pending).unwrap_or_default(),
    )?;
    Ok((url, state))
}

/// How the token endpoint is reached.
#[derive(Debug, Clone, Default)]
pub struct TokenOptions {
    /// A client secret (public in a browser: prefer a relay).
    pub client_secret: Option<String>,
    /// A token relay base URL replacing the token and revoke endpoints.
    pub relay_url: Option<String>,
}

/// Builds the token client for an environment, version and client.
pub fn token_client(
    env: &Environment,
    version: ApiVersion,
    client_id: &str,
    options: &TokenOptions,
) -> Result<TokenClient, BrowserError> {
    let mut endpoints = Endpoints::new(env, version);
    if let Some(relay) = &options.relay_url {
        endpoints = endpoints.with_relay_with(&BrowserUrl, relay)?;
    }
    let mut client = TokenClient::new(&endpoints, client_id);
    if let Some(secret) = options.client_secret.as_deref().filter(|s| !s.is_empty()) {
        web_sys::console::warn_1(
            &"bluebutton-wasm: a client secret is being used from the browser, where anyone can read it. Use a token relay (bluebutton-relay) for production apps.".into(),
        );
        client.client_secret = Some(ClientSecret::new(secret));
    }
    Ok(client)
}

/// A finished sign-in.
#[derive(Debug, Clone)]
pub struct Completed {
    /// The tokens.
    pub tokens: TokenSet,
    /// The token client to refresh and revoke with.
    pub client: TokenClient,
    /// The environment the sign-in was made against (its API is where the token may go).
    pub env: Environment,
    /// The API version the sign-in was made for.
    pub version: ApiVersion,
}

/// A code to exchange for tokens: the last step of a code-flow sign-in.
#[derive(Debug)]
pub(crate) struct Exchange {
    /// The `POST /token` to send.
    pub request: HttpRequest,
    client: TokenClient,
    env: Environment,
    version: ApiVersion,
}

impl Exchange {
    /// Reads the token endpoint's answer into the finished sign-in.
    pub(crate) fn finish(self, response: &HttpResponse) -> Result<Completed, BrowserError> {
        Ok(Completed {
            tokens: tokens_from(response)?,
            client: self.client,
            env: self.env,
            version: self.version,
        })
    }
}

/// Where [`complete_start`] leaves a sign-in: finished (the implicit flow), or a code to
/// exchange.
#[derive(Debug)]
pub(crate) enum Completion {
    /// The tokens came in the redirect (implicit flow).
    Done(Completed),
    /// The code must be exchanged: send [`Exchange::request`], then [`Exchange::finish`].
    Exchange(Exchange),
}

/// Everything of completing a sign-in but the exchange itself, with no request sent: takes
/// and deletes the pending record (single use, success or failure), checks expiry and state,
/// scrubs the address bar, and reads the redirect of `url` (default: the current location).
pub(crate) fn complete_start(
    url: Option<String>,
    options: &TokenOptions,
) -> Result<Completion, BrowserError> {
    let url = match url {
        Some(u) => u,
        None => location::href()?,
    };
    let stored = storage::take(STORAGE_KEY)?;
    // Scrub even when the pending record is missing: the URL must not keep a code or token.
    let _ = location::scrub_callback();
    let stored = stored.ok_or(OAuthError::NoPendingAuthorization)?;
    let pending: PendingAuthorization = BrowserJson
        .read(stored.as_bytes())
        .map_err(|_| OAuthError::NoPendingAuthorization)?;
    let now = clock::now_ms();
    let done = pending.complete_with(&BrowserUrl, &url, now)?;
    let env = Environment::parse_with(&BrowserUrl, &pending.env)?;
    let version = pending.api_version()?;
    let client = token_client(&env, version, &pending.client_id, options)?;
    match done.callback.result {
        CallbackResult::Error {
            error, description, ..
        } => Err(BrowserError::AuthorizationDenied {
            error: error.as_str().to_owned(),
            description,
        }),
        CallbackResult::Token {
            access_token,
            expires_in,
            scopes,
            patient,
            ..
        } => Ok(Completion::Done(Completed {
            tokens: TokenSet::from_implicit(access_token, expires_in, scopes, patient, now),
            client,
            env,
            version,
        })),
        CallbackResult::Code { code } => Ok(Completion::Exchange(Exchange {
            request: client.code_exchange_request(&code, &pending.redirect_uri, done.verifier),
            client,
            env,
            version,
        })),
    }
}

/// Completes the sign-in from `url` (default: the current location): [`complete_start`],
/// then the code exchange when there is one.
pub async fn complete(
    url: Option<String>,
    options: &TokenOptions,
) -> Result<Completed, BrowserError> {
    match complete_start(url, options)? {
        Completion::Done(done) => Ok(done),
        Completion::Exchange(exchange) => {
            let response = fetch::send(&exchange.request, fetch::TOKEN_BODY_CAP).await?;
            exchange.finish(&response)
        }
    }
}

/// One refresh (the caller makes sure only one runs at a time: see `session`).
pub async fn refresh(
    client: &TokenClient,
    refresh_token: &RefreshToken,
) -> Result<TokenSet, BrowserError> {
    refresh_with(client.refresh_request(refresh_token)).await
}

/// Sends one prepared refresh request (plain or narrowed) and reads the answer.
pub async fn refresh_with(request: HttpRequest) -> Result<TokenSet, BrowserError> {
    tokens_from(&fetch::send(&request, fetch::TOKEN_BODY_CAP).await?)
}

/// The token endpoint's answer (an exchange or a refresh, received now) read into tokens.
pub(crate) fn tokens_from(response: &HttpResponse) -> Result<TokenSet, BrowserError> {
    Ok(process_token_response_with(
        &BrowserJson,
        response,
        clock::now_ms(),
    )?)
}

/// Revokes a token (RFC 7009).
pub async fn revoke(client: &TokenClient, token: &str) -> Result<(), BrowserError> {
    revoke_with(client.revoke_request(token)).await
}

/// Sends one prepared revocation and reads the answer.
pub async fn revoke_with(request: HttpRequest) -> Result<(), BrowserError> {
    revoked_from(&fetch::send(&request, fetch::TOKEN_BODY_CAP).await?)
}

/// The revocation endpoint's answer read: `Ok` when the token is revoked (RFC 7009).
pub(crate) fn revoked_from(response: &HttpResponse) -> Result<(), BrowserError> {
    Ok(process_revoke_response_with(&BrowserJson, response)?)
}
