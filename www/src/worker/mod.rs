//! Parsing and summarising downloaded claim pages off the main thread.
//!
//! The main thread keeps fetching (tokens, refresh, retries and paging stay in the library's
//! `FhirClient::eob_history_pages`, which reads only each page's head), and hands every page
//! body to a dedicated Web Worker (the `worker-bin` target, built by Trunk) as a transferred
//! `ArrayBuffer`. The worker parses the pages into typed claims, assembles them (repeats
//! dropped, the count checked by the core's `assemble_positions`) and builds the app's view
//! model ([`built::Built`]: the table rows, the summary and where each claim sits in the
//! pages), which it posts back as JSON text. The page then parses a single page only when
//! one claim is opened (`Claims::eob`).
//!
//! Messages, page → worker: `{job, kind: "page", body: ArrayBuffer}` (transferred), then
//! `{job, kind: "end", total: number | null, check: boolean}`. Worker → page:
//! `{job, kind: "parsed", pages}` after each page, then `{job, kind: "done", json}` or
//! `{job, kind: "error", message}`.
//!
//! If the worker cannot start (CSP, an old browser) or fails, the same build runs on the main
//! thread ([`built::build_bytes`]), with a console note: never a failed download. The worker
//! counts the pages it parsed in `self.bbWorkerParsedPages`; a main-thread build counts them
//! in `window.bbMainThreadParsedPages` (the e2e test reads both).

pub mod built;
pub mod client;
pub mod host;
