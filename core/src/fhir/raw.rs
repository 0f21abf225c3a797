//! One flat, lenient struct with the fields of every resource this crate models.
//!
//! JSON objects may list `resourceType` after other fields, so the type cannot be known
//! before reading the object. Instead of buffering the object (which builds a value tree),
//! the object is read once into this union of fields and then converted.
//!
//! ```
//! use bluebutton_core::fhir::raw::RawResource;
//! use bluebutton_core::fhir::Resource;
//! let raw: RawResource = serde_json::from_str(r#"{"id":"1","resourceType":"Patient"}"#).unwrap();
//! assert!(matches!(Resource::from(raw), Resource::Patient(_)));
//! ```

use serde::Deserialize;

use super::coverage::{Coverage, CoverageClass};
use super::eob::{
    Adjudication, CareTeam, Diagnosis, ExplanationOfBenefit, Item, Payment, Procedure, Total,
};
use super::lenient as l;
use super::patient::{Address, HumanName, Patient};
use super::types::{CodeableConcept, Identifier, Money, Period, Reference};

/// The union of resource fields (see the module docs). Unknown fields are skipped.
///
/// ```
/// use bluebutton_core::fhir::raw::RawResource;
/// let raw: RawResource = serde_json::from_str(r#"{"resourceType":"Basic","extra":[1,2]}"#).unwrap();
/// assert_eq!(raw.resource_type(), Some("Basic"));
/// ```
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", expecting = "a resource object")]
pub struct RawResource {
    #[serde(default, deserialize_with = "l::string")]
    resource_type: Option<String>,
    #[serde(default, deserialize_with = "l::string")]
    id: Option<String>,
    #[serde(default, deserialize_with = "l::string")]
    status: Option<String>,
    #[serde(rename = "type", default, deserialize_with = "l::object")]
    type_: Option<CodeableConcept>,
    #[serde(default, deserialize_with = "l::object")]
    sub_type: Option<CodeableConcept>,
    #[serde(default, deserialize_with = "l::seq_fit")]
    identifier: Vec<Identifier>,
    #[serde(default, deserialize_with = "l::object")]
    meta: Option<super::claim_kind::RawMeta>,
    // ExplanationOfBenefit
    #[serde(rename = "use", default, deserialize_with = "l::string")]
    use_: Option<String>,
    #[serde(default, deserialize_with = "l::string")]
    outcome: Option<String>,
    // This crate's own serialized model (`source`, `finalAction`), read back when no `meta`.
    #[serde(default, deserialize_with = "l::string")]
    source: Option<String>,
    #[serde(default, deserialize_with = "l::string")]
    final_action: Option<String>,
    #[serde(default, deserialize_with = "l::object")]
    patient: Option<Reference>,
    #[serde(default, deserialize_with = "l::object")]
    billable_period: Option<Period>,
    #[serde(default, deserialize_with = "l::string")]
    created: Option<String>,
    #[serde(default, deserialize_with = "l::object")]
    provider: Option<Reference>,
    #[serde(default, deserialize_with = "l::object")]
    organization: Option<Reference>,
    #[serde(default, deserialize_with = "l::object")]
    facility: Option<Reference>,
    #[serde(default, deserialize_with = "l::seq_fit")]
    care_team: Vec<CareTeam>,
    #[serde(default, deserialize_with = "l::seq_fit")]
    diagnosis: Vec<Diagnosis>,
    #[serde(default, deserialize_with = "l::seq_fit")]
    procedure: Vec<Procedure>,
    #[serde(default, deserialize_with = "l::seq_fit")]
    item: Vec<Item>,
    #[serde(default, deserialize_with = "l::seq_fit")]
    adjudication: Vec<Adjudication>,
    #[serde(default, deserialize_with = "l::seq_fit")]
    total: Vec<Total>,
    #[serde(default, deserialize_with = "l::object")]
    total_cost: Option<Money>,
    #[serde(default, deserialize_with = "l::object")]
    payment: Option<Payment>,
    #[serde(default, deserialize_with = "l::seq_fit")]
    contained: Vec<super::contained::ContainedName>,
    // Patient
    #[serde(default, deserialize_with = "l::seq_fit")]
    name: Vec<HumanName>,
    #[serde(default, deserialize_with = "l::string")]
    gender: Option<String>,
    #[serde(default, deserialize_with = "l::string")]
    birth_date: Option<String>,
    #[serde(default, deserialize_with = "l::string")]
    deceased_date_time: Option<String>,
    #[serde(default, deserialize_with = "l::seq_fit")]
    address: Vec<Address>,
    // Coverage
    #[serde(default, deserialize_with = "l::string")]
    subscriber_id: Option<String>,
    #[serde(default, deserialize_with = "l::object")]
    beneficiary: Option<Reference>,
    #[serde(default, deserialize_with = "l::object")]
    relationship: Option<CodeableConcept>,
    #[serde(default, deserialize_with = "l::object")]
    period: Option<Period>,
    #[serde(default, deserialize_with = "l::seq_fit")]
    payor: Vec<Reference>,
    #[serde(default, deserialize_with = "l::seq_fit")]
    class: Vec<CoverageClass>,
}

impl RawResource {
    /// The `resourceType` as read.
    ///
    /// ```
    /// use bluebutton_core::fhir::raw::RawResource;
    /// assert_eq!(RawResource::default().resource_type(), None);
    /// ```
    pub fn resource_type(&self) -> Option<&str> {
        self.resource_type.as_deref()
    }

    /// The logical id as read.
    ///
    /// ```
    /// use bluebutton_core::fhir::raw::RawResource;
    /// assert_eq!(RawResource::default().id(), None);
    /// ```
    pub fn id(&self) -> Option<&str> {
        self.id.as_deref()
    }
}

/// The resource is not of the expected type.
///
/// ```
/// use bluebutton_core::fhir::raw::WrongResourceType;
/// let e = WrongResourceType { expected: "Patient", found: Some("Coverage".into()) };
/// assert!(e.to_string().contains("Coverage"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("expected a {expected} resource, found {}", found.as_deref().unwrap_or("an object without resourceType"))]
pub struct WrongResourceType {
    /// The type wanted.
    pub expected: &'static str,
    /// The `resourceType` present, if any.
    pub found: Option<String>,
}

fn check(raw: &RawResource, expected: &'static str) -> Result<String, WrongResourceType> {
    match raw.resource_type.as_deref() {
        Some(t) if t == expected => Ok(expected.to_owned()),
        other => Err(WrongResourceType {
            expected,
            found: other.map(str::to_owned),
        }),
    }
}

impl TryFrom<RawResource> for ExplanationOfBenefit {
    type Error = WrongResourceType;
    fn try_from(r: RawResource) -> Result<Self, Self::Error> {
        let resource_type = check(&r, "ExplanationOfBenefit")?;
        let meta = r.meta.unwrap_or_default();
        let final_action = meta.final_action().or(match r.final_action.as_deref() {
            Some("true") => Some(true),
            Some("false") => Some(false),
            _ => None,
        });
        let kind =
            super::ClaimKind::classify(r.use_.as_deref(), r.outcome.as_deref(), final_action);
        let mut eob = ExplanationOfBenefit {
            resource_type,
            id: r.id,
            claim_type: super::ClaimType::Unknown,
            kind,
            source: meta.source().or(r.source),
            final_action,
            use_: r.use_,
            outcome: r.outcome,
            status: r.status,
            type_: r.type_,
            sub_type: r.sub_type,
            patient: r.patient,
            billable_period: r.billable_period,
            created: r.created,
            provider: r.provider,
            organization: r.organization,
            facility: r.facility,
            care_team: r.care_team,
            diagnosis: r.diagnosis,
            procedure: r.procedure,
            item: r.item,
            adjudication: r.adjudication,
            total: r.total,
            total_cost: r.total_cost,
            payment: r.payment,
            contained_count: r.contained.len(),
        };
        eob.name_references(&r.contained);
        eob.resolve_claim_type();
        Ok(eob)
    }
}

impl TryFrom<RawResource> for Patient {
    type Error = WrongResourceType;
    fn try_from(r: RawResource) -> Result<Self, Self::Error> {
        Ok(Patient {
            resource_type: check(&r, "Patient")?,
            id: r.id,
            identifier: r.identifier,
            name: r.name,
            gender: r.gender,
            birth_date: r.birth_date,
            deceased_date_time: r.deceased_date_time,
            address: r.address,
        })
    }
}

impl TryFrom<RawResource> for Coverage {
    type Error = WrongResourceType;
    fn try_from(r: RawResource) -> Result<Self, Self::Error> {
        Ok(Coverage {
            resource_type: check(&r, "Coverage")?,
            id: r.id,
            status: r.status,
            type_: r.type_,
            subscriber_id: r.subscriber_id,
            beneficiary: r.beneficiary,
            relationship: r.relationship,
            period: r.period,
            payor: r.payor,
            class: r.class,
        })
    }
}
