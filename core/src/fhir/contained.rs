//! Names of contained resources, so that a reference to one (`#id`) can say who it is.
//!
//! v2 names an inpatient claim's facility only in a contained Organization
//! (`provider: {"reference": "#provider-org"}`), and v3 its practitioners in contained
//! Practitioners (`provider: {"reference": "#1104867175"}`). The rest of a contained resource
//! is skipped: only `id` and `name` are read (an Organization's `name` is a string, a
//! Practitioner's a list of HumanName, written `Family, Given` as v3's care team displays).
//! When the model is built, a reference to a contained resource that has no `display` gets
//! that name as its display.
//!
//! ```
//! use bluebutton_core::fhir::parse_eob;
//! let e = parse_eob(br##"{"resourceType":"ExplanationOfBenefit",
//!   "contained":[{"resourceType":"Practitioner","id":"p1","name":[{"family":"Garcia","given":["Indiana"]}]}],
//!   "provider":{"reference":"#p1"}}"##).unwrap();
//! assert_eq!(e.provider.unwrap().display.as_deref(), Some("Garcia, Indiana"));
//! assert_eq!(e.contained_count, 1);
//! ```

use std::fmt;

use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

use super::lenient as l;
use super::patient::HumanName;
use super::types::Reference;

/// The id and name of one contained resource.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct ContainedName {
    #[serde(default, deserialize_with = "l::string")]
    id: Option<String>,
    #[serde(default, deserialize_with = "name")]
    name: Option<String>,
}

/// `Family, Given Given`, or the text, of a HumanName.
fn person_name(n: &HumanName) -> Option<String> {
    let given = n.given.join(" ");
    match (n.family.as_deref(), given.is_empty()) {
        (Some(f), false) => Some(format!("{f}, {given}")),
        (Some(f), true) => Some(f.to_owned()),
        (None, false) => Some(given),
        (None, true) => n.text.clone(),
    }
}

struct NameVisitor;

impl<'de> Visitor<'de> for NameVisitor {
    type Value = Option<String>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a name: a string or a list of HumanName")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Some(v.to_owned()))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        let names: Vec<HumanName> = l::seq(de::value::SeqAccessDeserializer::new(seq))?;
        Ok(names.iter().find_map(person_name))
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        let n = HumanName::deserialize(de::value::MapAccessDeserializer::new(map))?;
        Ok(person_name(&n))
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
}

fn name<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    d.deserialize_any(NameVisitor)
        .map(|n| n.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty()))
}

/// Gives `r` the name of the contained resource it points to (`#id`), when it has no
/// display of its own.
pub(crate) fn name_reference(r: &mut Reference, contained: &[ContainedName]) {
    if r.display.as_deref().is_some_and(|d| !d.trim().is_empty()) {
        return;
    }
    let Some(id) = r.reference.as_deref().and_then(|x| x.strip_prefix('#')) else {
        return;
    };
    if let Some(found) = contained
        .iter()
        .find(|c| c.id.as_deref() == Some(id))
        .and_then(|c| c.name.clone())
    {
        r.display = Some(found.into());
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use crate::fhir::parse_eob;

    #[test]
    fn organization_names_fill_references_and_odd_names_are_ignored() {
        let e = parse_eob(
            br##"{"resourceType":"ExplanationOfBenefit",
            "contained":[{"resourceType":"Organization","id":"provider-org","name":"Mercy Hospital"},
              {"id":"x","name":7},{"id":"y","name":[{"family":"Doe","given":["Jane","Q"]}]},"junk"],
            "provider":{"reference":"#provider-org"},
            "careTeam":[{"provider":{"reference":"#x"}},{"provider":{"reference":"#y","display":"Dr Y"}},
              {"provider":{"reference":"#nope"}}]}"##,
        )
        .unwrap();
        assert_eq!(e.provider_name(), Some("Mercy Hospital"));
        assert_eq!(e.care_team[0].provider.as_ref().unwrap().display, None);
        assert_eq!(
            e.care_team[1].provider.as_ref().unwrap().display.as_deref(),
            Some("Dr Y"),
            "a display of its own wins"
        );
        assert_eq!(e.care_team[2].provider.as_ref().unwrap().display, None);
        assert_eq!(e.contained_count, 3, "objects only");
    }
}
