//! Native tests of the OAuth layer, one module per subject: PKCE (RFC 7636), the authorize
//! URL, the redirect parsers, the token endpoint, the pending sign-in, secrets and edge cases.
//! One test binary (each binary links the crate once; CI pays for each).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod authorize;
mod callback;
mod edge_cases;
mod json_tree;
mod pending;
mod rfc7636;
mod secrets;
mod token;
