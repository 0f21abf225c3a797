//! TypeScript declarations of the FHIR models, in the shape JavaScript receives them: their
//! serde JSON (`serde_wasm_bindgen`'s JSON-compatible serializer, so `None` becomes `null`,
//! 64-bit integers are numbers and maps are plain objects).
//!
//! [`DECLARATIONS`] is generated from the Rust types by [ts-rs](https://docs.rs/ts-rs), which
//! reads their serde attributes (`rename`, `rename_all`, `flatten`, `untagged`,
//! `skip_serializing_if`). The derive exists in this crate's unit tests only
//! (`#[cfg_attr(test, derive(ts_rs::TS))]`), so the library never depends on ts-rs. A unit test
//! regenerates the text and fails when it differs from the committed file; rewrite that file
//! with
//!
//! ```text
//! BLUEBUTTON_WRITE_TS=1 cargo test -p bluebutton-core --lib fhir::typescript
//! ```
//!
//! How serialization maps to the declarations:
//!
//! - a field with `skip_serializing_if` is optional (`id?: string`): structs whose `Option`
//!   fields are all skipped when empty carry `ts(optional_fields)`, and `Vec` fields skipped
//!   when empty carry `ts(optional = nullable)` (ts-rs's spelling of "optional, type as is");
//! - an `Option` that is always serialized is `T | null`;
//! - `ExplanationOfBenefit`, `Patient` and `Coverage` declare their `resourceType` as the
//!   literal their conversion checks. `OtherResource.resourceType` is any other string, which
//!   TypeScript cannot say, so `r.resourceType === "Patient"` narrows a `Resource` to
//!   `Patient | OtherResource`; `"claimType" in r` narrows it to an `ExplanationOfBenefit`;
//! - `ClaimSummary.byType` has all eight claim types (see `SummaryBuilder::finish`).
//!
//! The npm package ships these declarations in its `.d.ts`, and its test type-checks the parsed
//! fixtures against them.
//!
//! ```
//! let ts = bluebutton_core::fhir::typescript::DECLARATIONS;
//! assert!(ts.contains("export type ExplanationOfBenefit = "));
//! ```

/// The declarations (one TypeScript module body: `export type` lines with their docs).
pub const DECLARATIONS: &str = include_str!("typescript/fhir.d.ts");

#[cfg(test)]
mod tests;
