//! Parts of an `ExplanationOfBenefit` other than the line (`Item`): care team, diagnosis,
//! procedure, adjudication, total and payment. Re-exported from [`super::eob`].

use serde::{Deserialize, Serialize};

use super::lenient as l;
use super::types::{CodeableConcept, Money, Reference};

/// A care team member.
///
/// ```
/// use bluebutton_core::fhir::eob::CareTeam;
/// let c: CareTeam = serde_json::from_str(r#"{"sequence":1,"provider":{"display":"Dr X"}}"#).unwrap();
/// assert_eq!(c.sequence, Some(1));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "camelCase")]
pub struct CareTeam {
    /// Sequence number.
    #[serde(
        default,
        deserialize_with = "l::uint",
        skip_serializing_if = "Option::is_none"
    )]
    pub sequence: Option<u64>,
    /// The practitioner or organization.
    #[serde(
        default,
        deserialize_with = "l::object",
        skip_serializing_if = "Option::is_none"
    )]
    pub provider: Option<Reference>,
    /// Role (e.g. `performing`).
    #[serde(
        default,
        deserialize_with = "l::object",
        skip_serializing_if = "Option::is_none"
    )]
    pub role: Option<CodeableConcept>,
}

/// A diagnosis.
///
/// ```
/// use bluebutton_core::fhir::eob::Diagnosis;
/// let d: Diagnosis = serde_json::from_str(r#"{"diagnosisCodeableConcept":{"coding":[{"code":"R51"}]}}"#).unwrap();
/// assert_eq!(d.diagnosis_codeable_concept.unwrap().first_code(), Some("R51"));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "camelCase")]
pub struct Diagnosis {
    /// Sequence number.
    #[serde(
        default,
        deserialize_with = "l::uint",
        skip_serializing_if = "Option::is_none"
    )]
    pub sequence: Option<u64>,
    /// The code (ICD-9/ICD-10).
    #[serde(
        default,
        deserialize_with = "l::object",
        skip_serializing_if = "Option::is_none"
    )]
    pub diagnosis_codeable_concept: Option<CodeableConcept>,
    /// Diagnosis types (principal, admitting, ...).
    #[serde(
        rename = "type",
        default,
        deserialize_with = "l::seq_fit",
        skip_serializing_if = "Vec::is_empty"
    )]
    #[cfg_attr(test, ts(optional = nullable))]
    pub type_: Vec<CodeableConcept>,
}

/// A procedure.
///
/// ```
/// use bluebutton_core::fhir::eob::Procedure;
/// let p: Procedure = serde_json::from_str(r#"{"date":"2016-01-16T00:00:00-05:00"}"#).unwrap();
/// assert!(p.date.is_some());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "camelCase")]
pub struct Procedure {
    /// Sequence number.
    #[serde(
        default,
        deserialize_with = "l::uint",
        skip_serializing_if = "Option::is_none"
    )]
    pub sequence: Option<u64>,
    /// Date performed.
    #[serde(
        default,
        deserialize_with = "l::string",
        skip_serializing_if = "Option::is_none"
    )]
    pub date: Option<String>,
    /// The code (ICD procedure code).
    #[serde(
        default,
        deserialize_with = "l::object",
        skip_serializing_if = "Option::is_none"
    )]
    pub procedure_codeable_concept: Option<CodeableConcept>,
}

/// An adjudication (category + amount).
///
/// ```
/// use bluebutton_core::fhir::eob::Adjudication;
/// let a: Adjudication = serde_json::from_str(r#"{"amount":{"value":"IGNORED_FIELD"}}"#).unwrap();
/// assert_eq!(a.amount.unwrap().value, None);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "camelCase")]
pub struct Adjudication {
    /// What the amount is.
    #[serde(
        default,
        deserialize_with = "l::object",
        skip_serializing_if = "Option::is_none"
    )]
    pub category: Option<CodeableConcept>,
    /// Reason code (e.g. denial reason).
    #[serde(
        default,
        deserialize_with = "l::object",
        skip_serializing_if = "Option::is_none"
    )]
    pub reason: Option<CodeableConcept>,
    /// The amount.
    #[serde(
        default,
        deserialize_with = "l::object",
        skip_serializing_if = "Option::is_none"
    )]
    pub amount: Option<Money>,
    /// A non-monetary value.
    #[serde(
        default,
        deserialize_with = "l::number",
        skip_serializing_if = "Option::is_none"
    )]
    pub value: Option<f64>,
}

/// An R4 claim total.
///
/// ```
/// use bluebutton_core::fhir::eob::Total;
/// let t: Total = serde_json::from_str(r#"{"amount":{"value":8888.85,"currency":"USD"}}"#).unwrap();
/// assert_eq!(t.amount.unwrap().value, Some(8888.85));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "camelCase")]
pub struct Total {
    /// What the total is.
    #[serde(
        default,
        deserialize_with = "l::object",
        skip_serializing_if = "Option::is_none"
    )]
    pub category: Option<CodeableConcept>,
    /// The amount.
    #[serde(
        default,
        deserialize_with = "l::object",
        skip_serializing_if = "Option::is_none"
    )]
    pub amount: Option<Money>,
}

/// The claim payment.
///
/// ```
/// use bluebutton_core::fhir::eob::Payment;
/// let p: Payment = serde_json::from_str(r#"{"amount":{"value":693.11}}"#).unwrap();
/// assert_eq!(p.amount.unwrap().value, Some(693.11));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "camelCase")]
pub struct Payment {
    /// Amount paid.
    #[serde(
        default,
        deserialize_with = "l::object",
        skip_serializing_if = "Option::is_none"
    )]
    pub amount: Option<Money>,
    /// Payment date.
    #[serde(
        default,
        deserialize_with = "l::string",
        skip_serializing_if = "Option::is_none"
    )]
    pub date: Option<String>,
}
