//! FHIR datatypes shared by the resources (STU3 and R4 shapes where they overlap).
//!
//! Every field is optional and tolerant (see [`super::lenient`]); unknown fields are ignored.
//! Serialization uses FHIR's camelCase names and leaves out empty fields.
//!
//! ```
//! use bluebutton_core::fhir::types::CodeableConcept;
//! let cc: CodeableConcept = serde_json::from_str(
//!     r#"{"coding":[{"system":"http://hl7.org/fhir/sid/icd-10","code":"R51"}],"text":"Headache"}"#).unwrap();
//! assert_eq!(cc.code_in("http://hl7.org/fhir/sid/icd-10"), Some("R51"));
//! ```

use serde::{Deserialize, Serialize};

use super::lenient as l;
use super::text::Text;

/// A code from a code system.
///
/// ```
/// use bluebutton_core::fhir::types::Coding;
/// let c: Coding = serde_json::from_str(r#"{"system":"s","code":71}"#).unwrap();
/// assert_eq!(c.code.as_deref(), Some("71"));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "camelCase")]
pub struct Coding {
    /// Code system URI.
    #[serde(
        default,
        deserialize_with = "l::text",
        skip_serializing_if = "Option::is_none"
    )]
    pub system: Option<Text>,
    /// The code.
    #[serde(
        default,
        deserialize_with = "l::text",
        skip_serializing_if = "Option::is_none"
    )]
    pub code: Option<Text>,
    /// Human-readable text for the code.
    #[serde(
        default,
        deserialize_with = "l::text",
        skip_serializing_if = "Option::is_none"
    )]
    pub display: Option<Text>,
}

/// A concept given by codings and/or text.
///
/// ```
/// use bluebutton_core::fhir::types::CodeableConcept;
/// let cc: CodeableConcept = serde_json::from_str(r#"{"coding":[{"code":"A"}]}"#).unwrap();
/// assert_eq!(cc.first_code(), Some("A"));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "camelCase")]
pub struct CodeableConcept {
    /// Codings.
    #[serde(
        default,
        deserialize_with = "l::seq_fit",
        skip_serializing_if = "Vec::is_empty"
    )]
    #[cfg_attr(test, ts(optional = nullable))]
    pub coding: Vec<Coding>,
    /// Plain text.
    #[serde(
        default,
        deserialize_with = "l::text",
        skip_serializing_if = "Option::is_none"
    )]
    pub text: Option<Text>,
}

impl CodeableConcept {
    /// The first code whose system equals `system`.
    ///
    /// ```
    /// use bluebutton_core::fhir::types::CodeableConcept;
    /// let cc: CodeableConcept = serde_json::from_str(r#"{"coding":[{"system":"a","code":"1"},{"system":"b","code":"2"}]}"#).unwrap();
    /// assert_eq!(cc.code_in("b"), Some("2"));
    /// ```
    pub fn code_in(&self, system: &str) -> Option<&str> {
        self.coding
            .iter()
            .find(|c| c.system.as_deref() == Some(system))
            .and_then(|c| c.code.as_deref())
    }

    /// The first code of any system.
    ///
    /// ```
    /// use bluebutton_core::fhir::types::CodeableConcept;
    /// assert_eq!(CodeableConcept::default().first_code(), None);
    /// ```
    pub fn first_code(&self) -> Option<&str> {
        self.coding.iter().find_map(|c| c.code.as_deref())
    }

    /// The concept's name as the data gives it: the first non-blank coding `display`, else
    /// a non-blank `text`.
    ///
    /// ```
    /// use bluebutton_core::fhir::types::CodeableConcept;
    /// let cc: CodeableConcept = serde_json::from_str(
    ///     r#"{"coding":[{"code":"92999"},{"code":"000000000","display":"Fake Diluent - WATER"}]}"#).unwrap();
    /// assert_eq!(cc.display(), Some("Fake Diluent - WATER"));
    /// assert_eq!(CodeableConcept::default().display(), None);
    /// ```
    pub fn display(&self) -> Option<&str> {
        let blank = |s: &&str| s.trim().is_empty();
        self.coding
            .iter()
            .find_map(|c| c.display.as_deref().filter(|s| !blank(s)))
            .or_else(|| self.text.as_deref().filter(|s| !blank(s)))
    }
}

/// A reference to another resource.
///
/// ```
/// use bluebutton_core::fhir::types::Reference;
/// let r: Reference = serde_json::from_str(r#"{"reference":"Patient/-1"}"#).unwrap();
/// assert_eq!(r.reference.as_deref(), Some("Patient/-1"));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "camelCase")]
pub struct Reference {
    /// Literal reference (`Patient/123`, `#contained-id`, a URL).
    #[serde(
        default,
        deserialize_with = "l::text",
        skip_serializing_if = "Option::is_none"
    )]
    pub reference: Option<Text>,
    /// Text alternative.
    #[serde(
        default,
        deserialize_with = "l::text",
        skip_serializing_if = "Option::is_none"
    )]
    pub display: Option<Text>,
    /// Logical reference (e.g. an NPI).
    #[serde(
        default,
        deserialize_with = "l::object",
        skip_serializing_if = "Option::is_none"
    )]
    pub identifier: Option<Identifier>,
}

/// A business identifier.
///
/// ```
/// use bluebutton_core::fhir::types::Identifier;
/// let i: Identifier = serde_json::from_str(r#"{"system":"http://hl7.org/fhir/sid/us-npi","value":"999"}"#).unwrap();
/// assert_eq!(i.value.as_deref(), Some("999"));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "camelCase")]
pub struct Identifier {
    /// Namespace URI.
    #[serde(
        default,
        deserialize_with = "l::text",
        skip_serializing_if = "Option::is_none"
    )]
    pub system: Option<Text>,
    /// The value.
    #[serde(
        default,
        deserialize_with = "l::text",
        skip_serializing_if = "Option::is_none"
    )]
    pub value: Option<Text>,
}

/// A time range; dates are kept as received (`IGNORED_FIELD` included).
///
/// ```
/// use bluebutton_core::fhir::types::Period;
/// let p: Period = serde_json::from_str(r#"{"start":"2021-01-01","end":"IGNORED_FIELD"}"#).unwrap();
/// assert_eq!(p.end.as_deref(), Some("IGNORED_FIELD"));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "camelCase")]
pub struct Period {
    /// Start date or dateTime.
    #[serde(
        default,
        deserialize_with = "l::text",
        skip_serializing_if = "Option::is_none"
    )]
    pub start: Option<Text>,
    /// End date or dateTime.
    #[serde(
        default,
        deserialize_with = "l::text",
        skip_serializing_if = "Option::is_none"
    )]
    pub end: Option<Text>,
}

/// An amount of money: R4 `{value, currency}`, STU3 `{value, system, code}`.
///
/// ```
/// use bluebutton_core::fhir::types::Money;
/// let m: Money = serde_json::from_str(r#"{"value":12.5,"currency":"USD"}"#).unwrap();
/// assert_eq!((m.value, m.currency.as_deref()), (Some(12.5), Some("USD")));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "camelCase")]
pub struct Money {
    /// The amount.
    #[serde(
        default,
        deserialize_with = "l::number",
        skip_serializing_if = "Option::is_none"
    )]
    pub value: Option<f64>,
    /// ISO 4217 currency (R4 `currency`; STU3 puts it in `code`, which is ignored).
    #[serde(
        default,
        deserialize_with = "l::text",
        skip_serializing_if = "Option::is_none"
    )]
    pub currency: Option<Text>,
}

/// A measured amount.
///
/// ```
/// use bluebutton_core::fhir::types::Quantity;
/// let q: Quantity = serde_json::from_str(r#"{"value":"IGNORED_FIELD","unit":"mg"}"#).unwrap();
/// assert_eq!(q.value, None);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "camelCase")]
pub struct Quantity {
    /// The number.
    #[serde(
        default,
        deserialize_with = "l::number",
        skip_serializing_if = "Option::is_none"
    )]
    pub value: Option<f64>,
    /// Unit text.
    #[serde(
        default,
        deserialize_with = "l::text",
        skip_serializing_if = "Option::is_none"
    )]
    pub unit: Option<Text>,
}
