//! The browser shell (compiled only for `wasm32`): thin wrappers over `fetch`,
//! `sessionStorage`, `history`, `crypto.getRandomValues` and `Date.now`. All decisions are in
//! [`crate::core`]; this layer only moves values in and out.

pub mod clock;
#[cfg(feature = "data")]
pub mod device_store;
pub mod error;
pub mod fetch;
#[cfg(feature = "data")]
pub mod fhir;
#[cfg(feature = "data")]
pub mod inflate;
pub mod json;
pub mod location;
pub mod oauth;
pub(crate) mod promise;
pub mod random;
pub mod session;
pub mod storage;
pub mod timer;
#[cfg(feature = "data")]
pub mod token_source;
pub mod url;

pub use error::BrowserError;
