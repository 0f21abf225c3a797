//! The sandbox's tests, one module per subject, in one test binary (each binary links the
//! crate once): OAuth (authorize, token), FHIR, synthetic data, the library reading the
//! sandbox's pages and the transport (gzip, CORS, faults).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod authorize;
mod common;
mod data;
mod fhir;
mod insurance_card;
mod library_parses;
mod lifetimes;
mod people;
mod sources;
mod token;
mod transport;
