//! `Patient` (STU3 and R4 share the fields read here).
//!
//! ```
//! use bluebutton_core::fhir::Patient;
//! let p: Patient = serde_json::from_str(r#"{"resourceType":"Patient","id":"-20140000008325",
//!   "name":[{"family":"Doe","given":["Jane","X"]}],"gender":"female","birthDate":"1999-06-01"}"#).unwrap();
//! assert_eq!(p.display_name().as_deref(), Some("Jane X Doe"));
//! ```

use serde::{Deserialize, Serialize};

use super::lenient as l;
use super::types::Identifier;

/// A beneficiary's demographics.
///
/// ```
/// use bluebutton_core::fhir::Patient;
/// assert!(serde_json::from_str::<Patient>(r#"{"resourceType":"Coverage"}"#).is_err());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "camelCase", try_from = "super::raw::RawResource")]
pub struct Patient {
    /// Always `Patient`.
    #[cfg_attr(test, ts(type = "\"Patient\""))]
    pub resource_type: String,
    /// Logical id (the FHIR patient id, e.g. `-20140000008325`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Identifiers (MBI, hashed ids).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(test, ts(optional = nullable))]
    pub identifier: Vec<Identifier>,
    /// Names.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(test, ts(optional = nullable))]
    pub name: Vec<HumanName>,
    /// Administrative gender.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gender: Option<String>,
    /// Birth date as received.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub birth_date: Option<String>,
    /// Date of death, when present.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deceased_date_time: Option<String>,
    /// Addresses (BB2 sends only state, county and ZIP).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(test, ts(optional = nullable))]
    pub address: Vec<Address>,
}

impl Patient {
    /// `given... family` of the first name, or its `text`.
    ///
    /// ```
    /// use bluebutton_core::fhir::Patient;
    /// assert_eq!(Patient::default().display_name(), None);
    /// ```
    pub fn display_name(&self) -> Option<String> {
        let n = self.name.first()?;
        let parts: Vec<&str> = n
            .given
            .iter()
            .map(String::as_str)
            .chain(n.family.as_deref())
            .filter(|s| !s.is_empty())
            .collect();
        if parts.is_empty() {
            n.text.clone()
        } else {
            Some(parts.join(" "))
        }
    }
}

/// A person's name.
///
/// ```
/// use bluebutton_core::fhir::patient::HumanName;
/// let n: HumanName = serde_json::from_str(r#"{"use":"usual","family":"Doe","given":["Jane"]}"#).unwrap();
/// assert_eq!(n.use_.as_deref(), Some("usual"));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "camelCase")]
pub struct HumanName {
    /// `usual`, `official`, ...
    #[serde(
        rename = "use",
        default,
        deserialize_with = "l::string",
        skip_serializing_if = "Option::is_none"
    )]
    pub use_: Option<String>,
    /// Full text.
    #[serde(
        default,
        deserialize_with = "l::string",
        skip_serializing_if = "Option::is_none"
    )]
    pub text: Option<String>,
    /// Family name.
    #[serde(
        default,
        deserialize_with = "l::string",
        skip_serializing_if = "Option::is_none"
    )]
    pub family: Option<String>,
    /// Given names.
    #[serde(
        default,
        deserialize_with = "l::strings",
        skip_serializing_if = "Vec::is_empty"
    )]
    #[cfg_attr(test, ts(optional = nullable))]
    pub given: Vec<String>,
}

/// A postal address.
///
/// ```
/// use bluebutton_core::fhir::patient::Address;
/// let a: Address = serde_json::from_str(r#"{"state":"15","postalCode":"99999"}"#).unwrap();
/// assert_eq!(a.postal_code.as_deref(), Some("99999"));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "camelCase")]
pub struct Address {
    /// Street lines.
    #[serde(
        default,
        deserialize_with = "l::strings",
        skip_serializing_if = "Vec::is_empty"
    )]
    #[cfg_attr(test, ts(optional = nullable))]
    pub line: Vec<String>,
    /// City.
    #[serde(
        default,
        deserialize_with = "l::string",
        skip_serializing_if = "Option::is_none"
    )]
    pub city: Option<String>,
    /// County or district.
    #[serde(
        default,
        deserialize_with = "l::string",
        skip_serializing_if = "Option::is_none"
    )]
    pub district: Option<String>,
    /// State (a code in CMS data).
    #[serde(
        default,
        deserialize_with = "l::string",
        skip_serializing_if = "Option::is_none"
    )]
    pub state: Option<String>,
    /// ZIP code.
    #[serde(
        default,
        deserialize_with = "l::string",
        skip_serializing_if = "Option::is_none"
    )]
    pub postal_code: Option<String>,
}
