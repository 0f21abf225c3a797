//! The C4DIC Bundle as read for [`super::insurance_card`]: one flat, lenient union of the
//! Patient, Organization and Coverage fields the card needs (as [`super::raw`] does for the
//! search models). `name` is a list of HumanNames on a Patient but a string on an
//! Organization, so it is read by [`name_field`], which takes either.

use std::fmt;

use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

use super::coverage::CoverageClass;
use super::lenient as l;
use super::patient::HumanName;
use super::types::{CodeableConcept, Identifier, Period, Reference};

/// The Bundle: only its type and entries matter.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct CardBundle {
    #[serde(default, deserialize_with = "l::string")]
    pub resource_type: Option<String>,
    #[serde(rename = "type", default, deserialize_with = "l::string")]
    pub type_: Option<String>,
    /// A wrong JSON type here is an error (see [`super::structure`]).
    #[serde(default, deserialize_with = "super::structure::list")]
    pub entry: Vec<CardEntry>,
}

/// A Bundle entry.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", expecting = "a Bundle entry object")]
pub(crate) struct CardEntry {
    #[serde(default, deserialize_with = "l::string")]
    pub full_url: Option<String>,
    /// An object, or absent: another JSON type is an error.
    #[serde(default)]
    pub resource: Option<CardResource>,
}

/// The union of the fields read from the card's resources. Unknown fields are skipped.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", expecting = "a resource object")]
pub(crate) struct CardResource {
    #[serde(default, deserialize_with = "l::string")]
    pub resource_type: Option<String>,
    #[serde(default, deserialize_with = "l::string")]
    pub id: Option<String>,
    // Patient (list of HumanName) and Organization (string).
    #[serde(default, deserialize_with = "name_field")]
    pub name: NameField,
    #[serde(default, deserialize_with = "l::string")]
    pub birth_date: Option<String>,
    // Organization.
    #[serde(default, deserialize_with = "l::seq")]
    pub contact: Vec<Contact>,
    #[serde(default, deserialize_with = "l::seq")]
    pub telecom: Vec<ContactPoint>,
    // Coverage.
    #[serde(default, deserialize_with = "l::string")]
    pub status: Option<String>,
    #[serde(rename = "type", default, deserialize_with = "l::object")]
    pub type_: Option<CodeableConcept>,
    #[serde(default, deserialize_with = "l::string")]
    pub subscriber_id: Option<String>,
    #[serde(default, deserialize_with = "l::seq")]
    pub identifier: Vec<Identifier>,
    #[serde(default, deserialize_with = "l::object")]
    pub period: Option<Period>,
    #[serde(default, deserialize_with = "l::seq")]
    pub class: Vec<CoverageClass>,
    #[serde(default, deserialize_with = "l::seq")]
    pub payor: Vec<Reference>,
    #[serde(default, deserialize_with = "l::seq")]
    pub extension: Vec<Extension>,
}

/// `name`: a Patient's HumanNames, or an Organization's text.
#[derive(Debug, Default)]
pub(crate) struct NameField {
    pub people: Vec<HumanName>,
    pub text: Option<String>,
}

/// A list element that is a HumanName object, or skipped.
struct MaybeName(Option<HumanName>);

impl<'de> Deserialize<'de> for MaybeName {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        l::object(d).map(MaybeName)
    }
}

struct NameVisitor;

impl<'de> Visitor<'de> for NameVisitor {
    type Value = NameField;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a name")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(NameField {
            people: Vec::new(),
            text: Some(v.to_owned()),
        })
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut people = Vec::new();
        while let Some(MaybeName(n)) = seq.next_element::<MaybeName>()? {
            people.extend(n);
        }
        Ok(NameField { people, text: None })
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        let n = HumanName::deserialize(de::value::MapAccessDeserializer::new(map))?;
        Ok(NameField {
            people: vec![n],
            text: None,
        })
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
        Ok(NameField::default())
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
        Ok(NameField::default())
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
        Ok(NameField::default())
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
        Ok(NameField::default())
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(NameField::default())
    }
}

/// `name` in either shape; any other JSON type gives an empty name.
fn name_field<'de, D: Deserializer<'de>>(d: D) -> Result<NameField, D::Error> {
    d.deserialize_any(NameVisitor)
}

/// An Organization contact.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct Contact {
    #[serde(default, deserialize_with = "l::seq")]
    pub telecom: Vec<ContactPoint>,
}

/// A phone number or web address.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct ContactPoint {
    #[serde(default, deserialize_with = "l::string")]
    pub system: Option<String>,
    #[serde(default, deserialize_with = "l::string")]
    pub value: Option<String>,
}

/// An extension; only the annotation kind is read.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Extension {
    #[serde(default, deserialize_with = "l::string")]
    pub url: Option<String>,
    #[serde(default, deserialize_with = "l::object")]
    pub value_annotation: Option<Annotation>,
}

/// A FHIR Annotation (its text).
#[derive(Debug, Default, Deserialize)]
pub(crate) struct Annotation {
    #[serde(default, deserialize_with = "l::string")]
    pub text: Option<String>,
}
