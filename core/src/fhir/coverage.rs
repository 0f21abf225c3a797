//! `Coverage` (Part A, B, C, D enrolment) for STU3 and R4.
//!
//! ```
//! use bluebutton_core::fhir::Coverage;
//! let c: Coverage = serde_json::from_str(r#"{"resourceType":"Coverage","id":"part-a--1","status":"active",
//!   "type":{"coding":[{"code":"Part A"}]},"beneficiary":{"reference":"Patient/-1"},
//!   "class":[{"type":{"coding":[{"code":"plan"}]},"value":"Part A"}]}"#).unwrap();
//! assert_eq!(c.class[0].value.as_deref(), Some("Part A"));
//! ```

use serde::{Deserialize, Serialize};

use super::lenient as l;
use super::types::{CodeableConcept, Period, Reference};

/// An insurance coverage record.
///
/// ```
/// use bluebutton_core::fhir::Coverage;
/// let c: Coverage = serde_json::from_str(r#"{"resourceType":"Coverage","period":"IGNORED_FIELD"}"#).unwrap();
/// assert!(c.period.is_none());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "camelCase", try_from = "super::raw::RawResource")]
pub struct Coverage {
    /// Always `Coverage`.
    #[cfg_attr(test, ts(type = "\"Coverage\""))]
    pub resource_type: String,
    /// Logical id (e.g. `part-a--20140000008325`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// `active`, `cancelled`, ...
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// Coverage type.
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub type_: Option<CodeableConcept>,
    /// Subscriber id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subscriber_id: Option<String>,
    /// The beneficiary.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub beneficiary: Option<Reference>,
    /// Relationship to the subscriber.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub relationship: Option<CodeableConcept>,
    /// Coverage period.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period: Option<Period>,
    /// Payors.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(test, ts(optional = nullable))]
    pub payor: Vec<Reference>,
    /// R4 classes (group, plan, ...).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(test, ts(optional = nullable))]
    pub class: Vec<CoverageClass>,
}

/// An R4 `Coverage.class` entry.
///
/// ```
/// use bluebutton_core::fhir::coverage::CoverageClass;
/// let c: CoverageClass = serde_json::from_str(r#"{"value":"Medicare","name":"Part B"}"#).unwrap();
/// assert_eq!(c.name.as_deref(), Some("Part B"));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "camelCase")]
pub struct CoverageClass {
    /// Class type.
    #[serde(
        rename = "type",
        default,
        deserialize_with = "l::object",
        skip_serializing_if = "Option::is_none"
    )]
    pub type_: Option<CodeableConcept>,
    /// Value.
    #[serde(
        default,
        deserialize_with = "l::string",
        skip_serializing_if = "Option::is_none"
    )]
    pub value: Option<String>,
    /// Human-readable name.
    #[serde(
        default,
        deserialize_with = "l::string",
        skip_serializing_if = "Option::is_none"
    )]
    pub name: Option<String>,
}
