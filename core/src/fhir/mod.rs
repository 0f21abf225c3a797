//! Typed, lenient FHIR models for the Blue Button API (v1 = STU3, v2 = R4, v3) and a fast
//! claims summary.
//!
//! - Parsing reads bytes (`serde_json::from_slice`) straight into typed structs; no generic
//!   value tree is built and unknown fields are skipped.
//! - Type mismatches inside resources never fail (see [`lenient`]): BFD test data carry the
//!   string `IGNORED_FIELD` where dates, numbers and ids belong.
//! - Nesting depth stays at serde_json's limit; deeper input is an error, not a crash.
//! - Bodies that still start with the gzip magic must go through
//!   [`crate::http::gzip::maybe_inflate`] first.
//!
//! ```
//! use bluebutton_core::fhir::{parse_bundle, summarize_claims, ClaimType};
//! let json = br#"{"resourceType":"Bundle","type":"searchset","total":1,"entry":[{"resource":{
//!   "resourceType":"ExplanationOfBenefit","id":"pde-1",
//!   "type":{"coding":[{"system":"https://bluebutton.cms.gov/resources/codesystem/eob-type","code":"PDE"}]},
//!   "item":[{"servicedDate":"2021-03-04"}]}}]}"#;
//! let bundle = parse_bundle(json).unwrap();
//! assert_eq!(bundle.eobs().next().unwrap().claim_type, ClaimType::Pde);
//! let summary = summarize_claims(json).unwrap();
//! assert_eq!((summary.claims, summary.lines), (1, 1));
//! ```

pub mod amounts;
pub mod bundle;
pub mod bundle_head;
pub mod claim_kind;
pub mod claim_type;
pub mod code_names;
mod contained;
pub mod coverage;
mod dates;
pub mod diagnostics;
pub mod eob;
mod eob_parts;
pub mod export;
pub mod from_json;
pub mod insurance_card;
pub mod lenient;
pub mod patient;
pub mod plain;
pub mod raw;
mod raw_card;
pub mod structure;
pub mod summarizer;
pub mod summary;
mod summary_lean;
pub mod summary_stream;
pub mod text;
pub mod types;
pub mod typescript;

pub use bundle::{Bundle, BundleEntry, BundleLink, OtherResource, Resource};
pub use claim_kind::ClaimKind;
pub use claim_type::ClaimType;
pub use coverage::Coverage;
pub use diagnostics::FhirError;
pub use eob::ExplanationOfBenefit;
pub use insurance_card::{parse_insurance_card, InsuranceCard};
pub use patient::Patient;
pub use summary::{summarize_claims, ClaimSummary, SummaryBuilder};

use diagnostics::parse_json;
use raw::RawResource;

/// Parses a Bundle (any version) from bytes.
///
/// ```
/// use bluebutton_core::fhir::parse_bundle;
/// assert_eq!(parse_bundle(br#"{"resourceType":"Patient"}"#).unwrap_err().code(), "wrong_resource_type");
/// assert_eq!(parse_bundle(b"[]").unwrap_err().code(), "wrong_resource_type");
/// assert_eq!(parse_bundle(b"\"text\"").unwrap_err().code(), "unexpected_shape");
/// ```
pub fn parse_bundle(bytes: &[u8]) -> Result<Bundle, FhirError> {
    parse_bundle_in(&mut text::Interner::new(), bytes)
}

/// Parses a Bundle like [`parse_bundle`], sharing its repeated strings (code systems, codes,
/// displays, currencies, dates) with everything parsed before under `interner`: keep one
/// interner for all the pages of one download, and drop it when the download is done.
///
/// ```
/// use bluebutton_core::fhir::{parse_bundle_in, text::{Interner, Text}};
/// let page = br#"{"resourceType":"Bundle","entry":[{"resource":{"resourceType":"ExplanationOfBenefit",
///   "id":"carrier--1","type":{"coding":[{"system":"https://bluebutton.cms.gov/resources/codesystem/eob-type","code":"CARRIER"}]}}}]}"#;
/// let mut interner = Interner::new();
/// let (a, b) = (parse_bundle_in(&mut interner, page).unwrap(), parse_bundle_in(&mut interner, page).unwrap());
/// let system = |b: &bluebutton_core::fhir::Bundle| b.eobs().next().unwrap().type_.as_ref().unwrap().coding[0].system.clone().unwrap();
/// assert!(Text::ptr_eq(&system(&a), &system(&b)));
/// ```
pub fn parse_bundle_in(interner: &mut text::Interner, bytes: &[u8]) -> Result<Bundle, FhirError> {
    let bundle: Bundle = interner.scope(|| parse_json(bytes))?;
    match bundle.resource_type.as_deref() {
        Some("Bundle") => Ok(bundle),
        other => Err(FhirError::WrongResourceType {
            expected: "Bundle",
            found: other.map(str::to_owned),
        }),
    }
}

/// Parses any single resource (an unmodelled type becomes [`Resource::Other`]).
///
/// ```
/// use bluebutton_core::fhir::{parse_resource, Resource};
/// let r = parse_resource(br#"{"resourceType":"Coverage","id":"part-a--1"}"#).unwrap();
/// assert!(matches!(r, Resource::Coverage(_)));
/// ```
pub fn parse_resource(bytes: &[u8]) -> Result<Resource, FhirError> {
    parse_raw(bytes).map(Resource::from)
}

/// Parses an ExplanationOfBenefit read response.
///
/// ```
/// use bluebutton_core::fhir::parse_eob;
/// assert!(parse_eob(br#"{"resourceType":"ExplanationOfBenefit","id":"x"}"#).is_ok());
/// ```
pub fn parse_eob(bytes: &[u8]) -> Result<ExplanationOfBenefit, FhirError> {
    Ok(ExplanationOfBenefit::try_from(parse_raw(bytes)?)?)
}

/// Parses a Patient read response.
///
/// ```
/// use bluebutton_core::fhir::parse_patient;
/// assert_eq!(parse_patient(br#"{"id":"1"}"#).unwrap_err().code(), "wrong_resource_type");
/// ```
pub fn parse_patient(bytes: &[u8]) -> Result<Patient, FhirError> {
    Ok(Patient::try_from(parse_raw(bytes)?)?)
}

/// Parses a Coverage read response.
///
/// ```
/// use bluebutton_core::fhir::parse_coverage;
/// assert!(parse_coverage(br#"{"resourceType":"Coverage"}"#).is_ok());
/// ```
pub fn parse_coverage(bytes: &[u8]) -> Result<Coverage, FhirError> {
    Ok(Coverage::try_from(parse_raw(bytes)?)?)
}

/// The beneficiary's Patient from the body of a Patient read or search: the resource itself,
/// else the first Patient of a Bundle (`None` when the Bundle holds none).
///
/// ```
/// use bluebutton_core::fhir::patient_from_body;
/// let read = br#"{"resourceType":"Patient","id":"-1"}"#;
/// assert_eq!(patient_from_body(read).unwrap().unwrap().id.as_deref(), Some("-1"));
/// let search = br#"{"resourceType":"Bundle","entry":[{"resource":{"resourceType":"Patient","id":"-2"}}]}"#;
/// assert_eq!(patient_from_body(search).unwrap().unwrap().id.as_deref(), Some("-2"));
/// assert!(patient_from_body(br#"{"resourceType":"Bundle"}"#).unwrap().is_none());
/// assert!(patient_from_body(b"[]").is_err());
/// ```
pub fn patient_from_body(bytes: &[u8]) -> Result<Option<Patient>, FhirError> {
    if let Ok(p) = parse_patient(bytes) {
        return Ok(Some(p));
    }
    Ok(parse_bundle(bytes)?
        .entry
        .into_iter()
        .find_map(|e| match e.resource {
            Some(Resource::Patient(p)) => Some(*p),
            _ => None,
        }))
}

/// The Coverage resources of a Coverage search body (a Bundle), or of a single read.
///
/// ```
/// use bluebutton_core::fhir::coverages_from_body;
/// let search = br#"{"resourceType":"Bundle","entry":[{"resource":{"resourceType":"Coverage","id":"part-a--1"}},
///   {"resource":{"resourceType":"Coverage","id":"part-b--1"}}]}"#;
/// assert_eq!(coverages_from_body(search).unwrap().len(), 2);
/// assert_eq!(coverages_from_body(br#"{"resourceType":"Coverage"}"#).unwrap().len(), 1);
/// assert!(coverages_from_body(b"nope").is_err());
/// ```
pub fn coverages_from_body(bytes: &[u8]) -> Result<Vec<Coverage>, FhirError> {
    if let Ok(c) = parse_coverage(bytes) {
        return Ok(vec![c]);
    }
    Ok(parse_bundle(bytes)?
        .entry
        .into_iter()
        .filter_map(|e| match e.resource {
            Some(Resource::Coverage(c)) => Some(*c),
            _ => None,
        })
        .collect())
}

/// One resource, its repeated strings shared within it (a claim repeats its code systems).
fn parse_raw(bytes: &[u8]) -> Result<RawResource, FhirError> {
    text::Interner::new().scope(|| parse_json::<RawResource>(bytes))
}

#[cfg(test)]
mod tests;
