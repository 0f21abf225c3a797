//! OAuth 2.0 for Blue Button: PKCE (RFC 7636), the authorize URL, the redirect parsers
//! (RFC 6749 §4.1/§4.2 and their error forms), token exchange/refresh/revoke as sans-IO
//! request/response pairs, the pending sign-in record and the redacted secret types.

pub mod authorize;
pub mod callback;
pub mod error;
pub mod expires;
pub mod form;
pub mod pending;
pub mod pkce;
pub mod scope;
pub mod scrub;
pub mod secret;
pub mod token;
