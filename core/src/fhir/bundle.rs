//! `Bundle` (searchset pages) and the resources it carries.
//!
//! ```
//! use bluebutton_core::fhir::{parse_bundle, Resource};
//! let b = parse_bundle(br#"{"resourceType":"Bundle","type":"searchset","total":1,
//!   "link":[{"relation":"next","url":"https://sandbox.bluebutton.cms.gov/v2/fhir/Patient?startIndex=1"}],
//!   "entry":[{"fullUrl":"x","resource":{"resourceType":"Patient","id":"-1"}}]}"#).unwrap();
//! assert_eq!(b.total, Some(1));
//! assert!(b.next_link().is_some());
//! assert!(matches!(b.entry[0].resource, Some(Resource::Patient(_))));
//! ```

use serde::{Deserialize, Serialize};

use super::coverage::Coverage;
use super::eob::ExplanationOfBenefit;
use super::lenient as l;
use super::patient::Patient;
use super::raw::RawResource;

/// A FHIR Bundle.
///
/// Serializes as plain camelCase data (what a JavaScript caller expects).
///
/// ```
/// use bluebutton_core::fhir::Bundle;
/// let b: Bundle = serde_json::from_str(r#"{"resourceType":"Bundle","total":"IGNORED_FIELD"}"#).unwrap();
/// assert_eq!(b.total, None);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "camelCase")]
pub struct Bundle {
    /// `Bundle` for a real bundle (checked by [`super::parse_bundle`]).
    #[serde(default, deserialize_with = "l::string")]
    #[cfg_attr(test, ts(optional = false))]
    pub resource_type: Option<String>,
    /// Bundle id.
    #[serde(
        default,
        deserialize_with = "l::string",
        skip_serializing_if = "Option::is_none"
    )]
    pub id: Option<String>,
    /// `searchset`, `collection`, ...
    #[serde(
        rename = "type",
        default,
        deserialize_with = "l::string",
        skip_serializing_if = "Option::is_none"
    )]
    pub type_: Option<String>,
    /// Total matches across all pages (absent on v3 while more pages remain).
    #[serde(
        default,
        deserialize_with = "l::uint",
        skip_serializing_if = "Option::is_none"
    )]
    pub total: Option<u64>,
    /// Paging links (a wrong JSON type here is an error, see [`super::structure`]).
    #[serde(default, deserialize_with = "super::structure::list")]
    pub link: Vec<BundleLink>,
    /// Entries of this page (a wrong JSON type here is an error, see [`super::structure`]).
    #[serde(default, deserialize_with = "super::structure::list")]
    pub entry: Vec<BundleEntry>,
}

/// A Bundle link.
///
/// ```
/// use bluebutton_core::fhir::BundleLink;
/// let l: BundleLink = serde_json::from_str(r#"{"relation":"self","url":"u"}"#).unwrap();
/// assert_eq!(l.relation.as_deref(), Some("self"));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct BundleLink {
    /// `first`, `next`, `previous`, `last`, `self`.
    #[serde(default, deserialize_with = "l::string")]
    pub relation: Option<String>,
    /// The URL.
    #[serde(default, deserialize_with = "l::string")]
    pub url: Option<String>,
}

/// A Bundle entry.
///
/// ```
/// use bluebutton_core::fhir::BundleEntry;
/// let e: BundleEntry = serde_json::from_str(r#"{"fullUrl":"u","resource":{"resourceType":"Basic","id":"b"}}"#).unwrap();
/// assert_eq!(e.resource.unwrap().id(), Some("b"));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "camelCase", expecting = "a Bundle entry object")]
pub struct BundleEntry {
    /// Absolute URL of the resource.
    #[serde(
        default,
        deserialize_with = "l::string",
        skip_serializing_if = "Option::is_none"
    )]
    pub full_url: Option<String>,
    /// The resource (an object, or absent: another JSON type is an error).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource: Option<Resource>,
}

/// A resource inside a Bundle entry.
///
/// ```
/// use bluebutton_core::fhir::Resource;
/// let r: Resource = serde_json::from_str(r#"{"id":"c","resourceType":"Coverage"}"#).unwrap();
/// assert_eq!((r.resource_type(), r.id()), ("Coverage", Some("c")));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(untagged, from = "RawResource")]
pub enum Resource {
    /// A claim.
    ExplanationOfBenefit(Box<ExplanationOfBenefit>),
    /// Demographics.
    Patient(Box<Patient>),
    /// Coverage.
    Coverage(Box<Coverage>),
    /// Any other resource: only its type and id are kept.
    Other(OtherResource),
}

/// A resource of a type this crate does not model.
///
/// ```
/// use bluebutton_core::fhir::OtherResource;
/// let o = OtherResource { resource_type: "OperationOutcome".into(), id: None };
/// assert_eq!(serde_json::to_string(&o).unwrap(), r#"{"resourceType":"OperationOutcome"}"#);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "camelCase")]
pub struct OtherResource {
    /// The `resourceType` (empty when absent).
    pub resource_type: String,
    /// The id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
}

impl From<RawResource> for Resource {
    fn from(raw: RawResource) -> Self {
        match raw.resource_type() {
            Some("ExplanationOfBenefit") => ExplanationOfBenefit::try_from(raw)
                .map(|e| Resource::ExplanationOfBenefit(Box::new(e))),
            Some("Patient") => Patient::try_from(raw).map(|p| Resource::Patient(Box::new(p))),
            Some("Coverage") => Coverage::try_from(raw).map(|c| Resource::Coverage(Box::new(c))),
            _ => Ok(Resource::Other(OtherResource {
                resource_type: raw.resource_type().unwrap_or_default().to_owned(),
                id: raw.id().map(str::to_owned),
            })),
        }
        .unwrap_or_else(|e| {
            Resource::Other(OtherResource {
                resource_type: e.found.unwrap_or_default(),
                id: None,
            })
        })
    }
}

impl Resource {
    /// The `resourceType`.
    ///
    /// ```
    /// use bluebutton_core::fhir::{Resource, OtherResource};
    /// assert_eq!(Resource::Other(OtherResource::default()).resource_type(), "");
    /// ```
    pub fn resource_type(&self) -> &str {
        match self {
            Resource::ExplanationOfBenefit(_) => "ExplanationOfBenefit",
            Resource::Patient(_) => "Patient",
            Resource::Coverage(_) => "Coverage",
            Resource::Other(o) => &o.resource_type,
        }
    }

    /// The logical id.
    ///
    /// ```
    /// use bluebutton_core::fhir::{Resource, OtherResource};
    /// assert_eq!(Resource::Other(OtherResource::default()).id(), None);
    /// ```
    pub fn id(&self) -> Option<&str> {
        match self {
            Resource::ExplanationOfBenefit(e) => e.id.as_deref(),
            Resource::Patient(p) => p.id.as_deref(),
            Resource::Coverage(c) => c.id.as_deref(),
            Resource::Other(o) => o.id.as_deref(),
        }
    }
}

impl Bundle {
    /// The URL of the first link with `relation`.
    ///
    /// ```
    /// use bluebutton_core::fhir::Bundle;
    /// assert_eq!(Bundle::default().link_url("self"), None);
    /// ```
    pub fn link_url(&self, relation: &str) -> Option<&str> {
        self.link
            .iter()
            .find(|l| l.relation.as_deref() == Some(relation))
            .and_then(|l| l.url.as_deref())
    }

    /// The `next` link, if any.
    ///
    /// ```
    /// use bluebutton_core::fhir::Bundle;
    /// assert_eq!(Bundle::default().next_link(), None);
    /// ```
    pub fn next_link(&self) -> Option<&str> {
        self.link_url("next")
    }

    /// The ExplanationOfBenefit resources of this page.
    ///
    /// ```
    /// use bluebutton_core::fhir::Bundle;
    /// assert_eq!(Bundle::default().eobs().count(), 0);
    /// ```
    pub fn eobs(&self) -> impl Iterator<Item = &ExplanationOfBenefit> {
        self.entry.iter().filter_map(|e| match &e.resource {
            Some(Resource::ExplanationOfBenefit(x)) => Some(&**x),
            _ => None,
        })
    }
}
