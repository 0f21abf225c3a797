//! Parsing and summarising downloaded claim pages off the main thread.
//!
//! The main thread keeps fetching (tokens, refresh, retries and paging stay in the library's
//! `FhirClient::eob_history_pages`, which reads only each page's head), and hands every page
//! body to a dedicated Web Worker (the `worker-bin` target, built by Trunk) as a transferred
//! `ArrayBuffer`. The worker parses the pages into typed claims, assembles them (repeats
//! dropped, the count checked by the core's `assemble_positions`) and builds the app's view
//! model ([`built::Built`]: the table rows, the summary and where each claim sits in the
//! pages), which it posts back as JSON text. Opening one claim sends its page to the worker,
//! which answers with the claim's [`detail::Detail`] (formatted text, JSON); the CSV export
//! sends every page and gets the CSV text back. The page itself never parses a typed claim
//! while the worker is there.
//!
//! The Overview's reads go the same way: the page fetches the Patient, the Coverage search
//! and the v3 insurance card (the token stays on the page), and the worker parses each body
//! and answers with what the page shows ([`overview::PatientView`], [`overview::CoverageView`],
//! the card). So the page links no FHIR parser at all (about 75 KB gzip of its first load).
//!
//! Messages, page → worker, one job each:
//! - a history: `{job, kind: "page", body: ArrayBuffer}` (transferred) per page, then
//!   `{job, kind: "end", total: number | null, check: boolean}`; answered with the view
//!   model's JSON;
//! - the CSV: the same `page` messages, then `{job, kind: "csv", at: ArrayBuffer}` (the
//!   claims' `(page, entry)` places, `u32` pairs); answered with the CSV text;
//! - one claim: `{job, kind: "detail", body: ArrayBuffer, entry}`; answered with the
//!   detail's JSON;
//! - `{job, kind: "patient" | "coverage" | "card", body: ArrayBuffer}`; answered with the
//!   view's JSON.
//!
//! Worker → page: `{job, kind: "parsed", pages}` after each `page` message, then
//! `{job, kind: "done", value: string}` or `{job, kind: "error", code, message, page?}` (the
//! library error's code and words, so the page explains it as it would its own).
//!
//! If the worker cannot start (a CSP without `worker-src`, a blocked script) or stops, the
//! page says so and asks for a reload (code `unavailable`): the claims are never parsed on
//! the main thread. The worker counts the pages it parsed in `self.bbWorkerParsedPages` (the
//! e2e test reads it).

pub mod built;
pub mod client;
pub mod detail;
pub mod host;
pub mod overview;
