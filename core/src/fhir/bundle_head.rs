//! The head of a searchset page: its `total`, its `link`s and how many entries it holds,
//! read without building the entries.
//!
//! A shell that pages through a search on one thread and parses the claims on another (the
//! reference app's Web Worker) reads only this on the fetching thread: enough for
//! [`crate::api::paging`] to plan and follow the pages, at the cost of a scan, not of typed
//! claims. The same syntax and shape errors as [`super::parse_bundle`] are reported.
//!
//! ```
//! use bluebutton_core::fhir::bundle_head::parse_bundle_head;
//! let head = parse_bundle_head(br#"{"resourceType":"Bundle","total":3,
//!   "link":[{"relation":"next","url":"https://sandbox.bluebutton.cms.gov/v2/fhir/ExplanationOfBenefit?startIndex=1"}],
//!   "entry":[{"resource":{"resourceType":"ExplanationOfBenefit","id":"1"}}]}"#).unwrap();
//! assert_eq!((head.total, head.entries), (Some(3), 1));
//! assert!(head.next_link().is_some());
//! ```

use std::fmt;

use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

use super::bundle::{Bundle, BundleLink};
use super::diagnostics::{parse_json, FhirError};
use super::lenient as l;

/// What paging needs of a page: `resourceType`, `total`, `link`, and the entry count.
///
/// ```
/// use bluebutton_core::fhir::bundle_head::BundleHead;
/// assert_eq!(BundleHead::default().entries, 0);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BundleHead {
    /// `Bundle` for a real bundle (checked by [`parse_bundle_head`]).
    #[serde(default, deserialize_with = "l::string")]
    pub resource_type: Option<String>,
    /// Total matches across all pages (absent on v3 while more pages remain).
    #[serde(default, deserialize_with = "l::uint")]
    pub total: Option<u64>,
    /// Paging links.
    #[serde(default, deserialize_with = "super::structure::list")]
    pub link: Vec<BundleLink>,
    /// Number of `entry` elements (each must be an object, as in a full parse).
    #[serde(default, rename = "entry", deserialize_with = "count_objects")]
    pub entries: usize,
}

impl BundleHead {
    /// The `next` link, if any.
    ///
    /// ```
    /// use bluebutton_core::fhir::bundle_head::BundleHead;
    /// assert_eq!(BundleHead::default().next_link(), None);
    /// ```
    pub fn next_link(&self) -> Option<&str> {
        self.link
            .iter()
            .find(|l| l.relation.as_deref() == Some("next"))
            .and_then(|l| l.url.as_deref())
    }

    /// A [`Bundle`] with this head and no entries: what [`crate::api::paging::plan_pages`]
    /// and [`crate::api::paging::SequentialPager::next_from`] read.
    ///
    /// ```
    /// use bluebutton_core::fhir::bundle_head::BundleHead;
    /// let head = BundleHead { total: Some(7), ..BundleHead::default() };
    /// assert_eq!(head.as_bundle().total, Some(7));
    /// ```
    pub fn as_bundle(&self) -> Bundle {
        Bundle {
            resource_type: self.resource_type.clone(),
            total: self.total,
            link: self.link.clone(),
            ..Bundle::default()
        }
    }
}

/// Parses the head of a Bundle page.
///
/// ```
/// use bluebutton_core::fhir::bundle_head::parse_bundle_head;
/// assert_eq!(parse_bundle_head(br#"{"resourceType":"Patient"}"#).unwrap_err().code(), "wrong_resource_type");
/// assert_eq!(parse_bundle_head(br#"{"resourceType":"Bundle","entry":7}"#).unwrap_err().code(), "unexpected_shape");
/// assert_eq!(parse_bundle_head(b"{").unwrap_err().code(), "truncated_json");
/// ```
pub fn parse_bundle_head(bytes: &[u8]) -> Result<BundleHead, FhirError> {
    let head: BundleHead = parse_json(bytes)?;
    match head.resource_type.as_deref() {
        Some("Bundle") => Ok(head),
        other => Err(FhirError::WrongResourceType {
            expected: "Bundle",
            found: other.map(str::to_owned),
        }),
    }
}

/// Counts an array's objects (skipped unread); `null` is none, one object is one, anything
/// else is a shape error, like [`super::structure::list`].
fn count_objects<'de, D: Deserializer<'de>>(d: D) -> Result<usize, D::Error> {
    struct Count;
    struct Object;
    impl<'de> Visitor<'de> for Object {
        type Value = ();
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("an object")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
            while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
            Ok(())
        }
    }
    impl<'de> Deserialize<'de> for Object {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            d.deserialize_map(Object).map(|()| Object)
        }
    }
    impl<'de> Visitor<'de> for Count {
        type Value = usize;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("an array of objects")
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<usize, A::Error> {
            let mut n = 0;
            while seq.next_element::<Object>()?.is_some() {
                n += 1;
            }
            Ok(n)
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<usize, A::Error> {
            while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
            Ok(1)
        }
        fn visit_unit<E: de::Error>(self) -> Result<usize, E> {
            Ok(0)
        }
        fn visit_none<E: de::Error>(self) -> Result<usize, E> {
            Ok(0)
        }
    }
    d.deserialize_any(Count)
}

#[cfg(test)]
mod tests;
