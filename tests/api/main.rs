//! Native tests of the API layer, one module per subject: FHIR search URLs, gzip transport,
//! the error-code table and its TypeScript and README twins,
//! the recorded fixtures under `../shared` and the security properties (origin guard, no
//! `unsafe`, constant-time state compares). One test binary.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod error_codes;
mod fixtures;
mod gzip_transport;
mod search_urls;
mod security;
mod source_scan;
