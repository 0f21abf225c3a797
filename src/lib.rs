//! # bluebutton-wasm
//!
//! A browser client for the CMS Blue Button 2.0 API (HL7 FHIR; v1 = STU3, v2 = R4, v3),
//! written in Rust and compiled to WebAssembly.
//!
//! The crate has two layers:
//!
//! - [`core`]: pure logic with no I/O (PKCE, authorize URLs, redirect parsing, token
//!   request bodies and response processing, FHIR parsing). It builds and is tested natively.
//! - `browser` (only on `wasm32`): the thin shell over `fetch`, `sessionStorage`,
//!   `history` and `crypto.getRandomValues`, and the JavaScript exports.
//!
//! ## Security warnings
//!
//! - The implicit flow (`response_type=token`) is deprecated by RFC 9700 §2.1.2 and removed
//!   by CMS for new apps; it is supported only behind an explicit option.
//! - A client secret placed in a browser is public. Prefer a token relay
//!   (see the `bluebutton-relay` binary) for production apps.
//!
//! ## Example
//!
//! ```
//! use bluebutton_wasm::core::oauth::pkce::CodeVerifier;
//!
//! // RFC 7636 Appendix B
//! let octets = [116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173,
//!     187, 186, 22, 212, 37, 77, 105, 214, 191, 240, 91, 88, 5, 88, 83, 132, 141, 121];
//! let verifier = CodeVerifier::from_entropy(&octets);
//! assert_eq!(verifier.challenge().as_str(), "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

/// The pure core (the `bluebutton-core` crate): OAuth, sans-IO HTTP decisions, API URLs and
/// paging, typed FHIR. Re-exported whole, so `bluebutton_wasm::core::oauth::pkce` and
/// `bluebutton_core::oauth::pkce` name the same items.
pub use bluebutton_core as core;

#[cfg(target_arch = "wasm32")]
pub mod browser;

// What a Rust app needs, at the crate root (the reference app in www/ uses these).
pub use crate::core::api::env::{ApiVersion, Endpoints, Environment};
pub use crate::core::api::search::EobSearch;
pub use crate::core::fhir::{
    parse_bundle, parse_insurance_card, summarize_claims, Bundle, ClaimSummary, ClaimType,
    Coverage, ExplanationOfBenefit, FhirError, InsuranceCard, Patient,
};
pub use crate::core::oauth::authorize::{AuthorizeRequest, ResponseType};
pub use crate::core::oauth::callback::{parse_callback, CallbackChecks, CallbackResult};
pub use crate::core::oauth::error::OAuthError;
pub use crate::core::oauth::pkce::CodeVerifier;
pub use crate::core::oauth::secret::State;
pub use crate::core::oauth::token::{process_token_response, TokenClient, TokenSet};

#[cfg(all(target_arch = "wasm32", feature = "data"))]
pub use crate::browser::fhir::{FhirClient, History};
#[cfg(target_arch = "wasm32")]
pub use crate::browser::{
    oauth::{begin, complete, BeginOptions, TokenOptions},
    session::Session,
    BrowserError,
};

/// The README's Rust examples, compiled and run as doc tests (so they cannot drift).
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

#[cfg(all(target_arch = "wasm32", any(feature = "js-auth", feature = "js-data")))]
mod js;
