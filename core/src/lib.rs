//! # bluebutton-core
//!
//! The pure core of bluebutton-wasm: no I/O, and no `wasm-bindgen`, `web-sys`, `js-sys` or
//! `gloo` in this crate's dependencies, so purity is a compile-time fact. Everything here takes
//! bytes, strings, numbers and time values and returns values: it runs under `cargo test`,
//! cargo-fuzz and proptest, and the browser shell (`bluebutton-wasm`) only performs what it says.
//!
//! - [`oauth`]: PKCE, the authorize URL, the redirect parsers, token exchange/refresh/revoke
//!   requests and responses, the pending sign-in record, redacted secret types.
//! - [`http`]: sans-IO request/response values, the GET-attempt decision machine (retry,
//!   refresh, fail), the origin and URL guards, capped gzip.
//! - [`api`]: environments and API versions, FHIR search URLs, paging plans, API error bodies.
//! - [`fhir`]: typed FHIR resources and Bundles, claim types, amounts, summaries, exports.
//! - [`ErrorCode`]: every stable error code, the one table all the layers' errors share.
//! - [`decimal`], [`time`]: plain decimals and UTC timestamps read without a float parser.
//! - [`json`]: the JSON reader the OAuth layer is given (serde_json natively).
//!
//! ## Example
//!
//! ```
//! use bluebutton_core::oauth::pkce::CodeVerifier;
//!
//! // RFC 7636 Appendix B
//! let octets = [116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173,
//!     187, 186, 22, 212, 37, 77, 105, 214, 191, 240, 91, 88, 5, 88, 83, 132, 141, 121];
//! let verifier = CodeVerifier::from_entropy(&octets);
//! assert_eq!(verifier.challenge().as_str(), "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod api;
pub mod decimal;
pub mod error_code;
pub mod fhir;
pub mod http;
pub mod json;
pub mod oauth;
pub mod time;

pub use error_code::ErrorCode;
