//! The relay's tests, one module per subject, in one test binary: token and revoke over
//! plain http to a loopback upstream, the library's whole code flow over verified TLS, an
//! untrusted upstream, the FHIR pass-through, CORS, time limits and the command line.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod cli;
mod common;
mod cors;
mod fhir;
mod limits;
mod tls;
mod token;
