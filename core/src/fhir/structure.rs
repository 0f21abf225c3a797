//! Strict deserializers for a Bundle's structure.
//!
//! [`super::lenient`] tolerates a wrong JSON type in a data field (it becomes `None`), which
//! real test data needs. The containers that carry the claims are different: a Bundle whose
//! `entry` (or `link`) is a number, or an entry whose `resource` is a string, would otherwise
//! read as a page with fewer claims, a silently short history. These refuse it, so the parse
//! error names the JSON path (`entry[2].resource`).
//!
//! ```
//! use bluebutton_core::fhir::parse_bundle;
//! let err = parse_bundle(br#"{"resourceType":"Bundle","entry":7}"#).unwrap_err();
//! assert_eq!(err.code(), "unexpected_shape");
//! assert!(err.to_string().contains("entry"));
//! ```

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

struct ListVisitor<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for ListVisitor<T> {
    type Value = Vec<T>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an array of objects")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(64));
        while let Some(item) = seq.next_element::<T>()? {
            out.push(item);
        }
        Ok(out)
    }
    /// One object where an array belongs is read as a one-element list.
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        T::deserialize(de::value::MapAccessDeserializer::new(map)).map(|t| vec![t])
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Vec::new())
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Vec::new())
    }
}

/// A list of objects (`null` is empty, one object is a one-element list); any other JSON
/// type, here or as an element, is an error.
///
/// ```
/// # use bluebutton_core::fhir::structure;
/// #[derive(serde::Deserialize)]
/// struct E { id: u8 }
/// #[derive(serde::Deserialize)]
/// struct B { #[serde(default, deserialize_with = "structure::list")] entry: Vec<E> }
/// assert_eq!(serde_json::from_str::<B>(r#"{"entry":[{"id":1},{"id":2}]}"#).unwrap().entry.len(), 2);
/// assert_eq!(serde_json::from_str::<B>(r#"{"entry":null}"#).unwrap().entry.len(), 0);
/// assert!(serde_json::from_str::<B>(r#"{"entry":7}"#).is_err());
/// assert!(serde_json::from_str::<B>(r#"{"entry":[{"id":1},"x"]}"#).is_err());
/// ```
pub fn list<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Vec<T>, D::Error> {
    d.deserialize_any(ListVisitor(PhantomData))
}
