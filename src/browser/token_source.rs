//! [`TokenSource`]: what the FHIR client needs from a sign-in. A [`Session`] is one (Rust
//! users); the npm package's data .wasm, which cannot share Rust objects with the sign-in
//! .wasm, implements it over the JS session's callbacks.

use futures_util::future::{FutureExt, LocalBoxFuture};

use crate::browser::session::Session;
use crate::browser::BrowserError;
use crate::core::oauth::secret::AccessToken;

/// A boxed future of an access token.
pub type TokenFuture<'a> = LocalBoxFuture<'a, Result<AccessToken, BrowserError>>;

/// Where the FHIR client gets its bearer token.
pub trait TokenSource {
    /// A valid access token (refreshed first when expired or about to be).
    fn access_token(&self) -> TokenFuture<'_>;
    /// After a 401 with `failed`: a newer token, refreshing once unless another caller already
    /// replaced `failed`.
    fn after_unauthorized<'a>(&'a self, failed: &'a AccessToken) -> TokenFuture<'a>;
    /// Is there a refresh token (so a 401 is worth one refresh)?
    fn can_refresh(&self) -> bool;
    /// The beneficiary's FHIR patient id from the token response, if any.
    fn patient(&self) -> Option<String>;
}

impl TokenSource for Session {
    fn access_token(&self) -> TokenFuture<'_> {
        Session::access_token(self).boxed_local()
    }

    fn after_unauthorized<'a>(&'a self, failed: &'a AccessToken) -> TokenFuture<'a> {
        Session::after_unauthorized(self, failed).boxed_local()
    }

    fn can_refresh(&self) -> bool {
        self.tokens().is_some_and(|t| t.refresh_token.is_some())
    }

    fn patient(&self) -> Option<String> {
        self.tokens().and_then(|t| t.patient)
    }
}
