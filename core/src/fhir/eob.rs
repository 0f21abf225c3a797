//! `ExplanationOfBenefit` in one lenient model for STU3 (v1) and R4 (v2/v3).
//!
//! STU3 and R4 differ in a few names; both are read: item `service` (STU3) and
//! `productOrService` (R4), `totalCost` (STU3) and `total[]` (R4). Adjudication amounts are
//! `Money` in both.
//!
//! ```
//! use bluebutton_core::fhir::{ExplanationOfBenefit, ClaimType};
//! let eob: ExplanationOfBenefit = serde_json::from_str(r#"{
//!   "resourceType": "ExplanationOfBenefit", "id": "carrier-1",
//!   "type": {"coding": [{"system": "https://bluebutton.cms.gov/resources/codesystem/eob-type", "code": "CARRIER"}]},
//!   "item": [{"sequence": 1, "servicedDate": "2021-03-04",
//!     "adjudication": [{"category": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/adjudication", "code": "benefit"}]},
//!                       "amount": {"value": 37.5}}]}]
//! }"#).unwrap();
//! assert_eq!(eob.claim_type, ClaimType::Carrier);
//! assert_eq!(eob.amounts().paid, Some(37.5));
//! assert_eq!(eob.service_date_range(), Some(("2021-03-04", "2021-03-04")));
//! ```

use serde::{Deserialize, Serialize};

use super::amounts::{classify, is_total_revenue_line, Amounts};
use super::lenient::{self as l, date_prefix, date_range};
use super::types::{CodeableConcept, Money, Period, Quantity, Reference};

pub use super::eob_parts::{Adjudication, CareTeam, Diagnosis, Payment, Procedure, Total};

/// An explanation of benefit (one Medicare claim).
///
/// ```
/// use bluebutton_core::fhir::ExplanationOfBenefit;
/// let e: ExplanationOfBenefit = serde_json::from_str(r#"{"resourceType":"ExplanationOfBenefit","id":"pde-1"}"#).unwrap();
/// assert_eq!(e.id.as_deref(), Some("pde-1"));
/// assert!(serde_json::from_str::<ExplanationOfBenefit>(r#"{"resourceType":"Patient"}"#).is_err());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "camelCase", try_from = "super::raw::RawResource")]
pub struct ExplanationOfBenefit {
    /// Always `ExplanationOfBenefit`.
    #[cfg_attr(test, ts(type = "\"ExplanationOfBenefit\""))]
    pub resource_type: String,
    /// Logical id (e.g. `carrier-22639159481`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Claim type read from `type`/`subType` (see [`super::claim_type`]).
    pub claim_type: super::ClaimType,
    /// Final claim, not final yet, or prior authorization (module `claim_kind`): only
    /// `final` claims belong in paid totals.
    pub kind: super::ClaimKind,
    /// Source system (v3): `meta.source`, else from the System-Type tag (`NCH`, `DDPS`,
    /// `FISS`, `MCS`, `VMS`, `CWF`, or `SharedSystem` when only the tag says so).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The Final-Action tag (v3): `true` for `FinalAction`, `false` for `NotFinalAction`,
    /// absent when the claim has none (v1/v2, prior authorizations).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub final_action: Option<bool>,
    /// `claim`, or `preauthorization` for a prior authorization (R4).
    #[serde(rename = "use", skip_serializing_if = "Option::is_none")]
    pub use_: Option<String>,
    /// Adjudication outcome (R4): `complete`, `partial`, `queued` or `error`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outcome: Option<String>,
    /// `active`, `cancelled`, ...
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// The raw `type` concept.
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub type_: Option<CodeableConcept>,
    /// The raw `subType` concept.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_type: Option<CodeableConcept>,
    /// The beneficiary.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub patient: Option<Reference>,
    /// Billable period.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub billable_period: Option<Period>,
    /// Creation date (`IGNORED_FIELD` in BFD test data is kept as is).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub created: Option<String>,
    /// Billing provider (R4) or provider (STU3).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub provider: Option<Reference>,
    /// Organization (STU3).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organization: Option<Reference>,
    /// Facility.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub facility: Option<Reference>,
    /// Care team members.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(test, ts(optional = nullable))]
    pub care_team: Vec<CareTeam>,
    /// Diagnoses.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(test, ts(optional = nullable))]
    pub diagnosis: Vec<Diagnosis>,
    /// Procedures.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(test, ts(optional = nullable))]
    pub procedure: Vec<Procedure>,
    /// Claim lines.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(test, ts(optional = nullable))]
    pub item: Vec<Item>,
    /// Header-level adjudications (v3).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(test, ts(optional = nullable))]
    pub adjudication: Vec<Adjudication>,
    /// R4 claim totals.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(test, ts(optional = nullable))]
    pub total: Vec<Total>,
    /// STU3 total cost.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total_cost: Option<Money>,
    /// Payment.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub payment: Option<Payment>,
    /// Number of contained resources (their content is skipped).
    pub contained_count: usize,
}

/// A claim line.
///
/// ```
/// use bluebutton_core::fhir::eob::Item;
/// let i: Item = serde_json::from_str(r#"{"service":{"coding":[{"code":"99213"}]},"servicedPeriod":{"start":"2020-01-02"}}"#).unwrap();
/// assert_eq!(i.service_code().and_then(|c| c.first_code()), Some("99213"));
/// assert_eq!(i.service_date(), Some("2020-01-02"));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "camelCase")]
pub struct Item {
    /// Line number.
    #[serde(
        default,
        deserialize_with = "l::uint",
        skip_serializing_if = "Option::is_none"
    )]
    pub sequence: Option<u64>,
    /// Revenue center code (institutional claims).
    #[serde(
        default,
        deserialize_with = "l::object",
        skip_serializing_if = "Option::is_none"
    )]
    pub revenue: Option<CodeableConcept>,
    /// Service code, STU3 name.
    #[serde(
        default,
        deserialize_with = "l::object",
        skip_serializing_if = "Option::is_none"
    )]
    pub service: Option<CodeableConcept>,
    /// Service code, R4 name.
    #[serde(
        default,
        deserialize_with = "l::object",
        skip_serializing_if = "Option::is_none"
    )]
    pub product_or_service: Option<CodeableConcept>,
    /// Date of service.
    #[serde(
        default,
        deserialize_with = "l::string",
        skip_serializing_if = "Option::is_none"
    )]
    pub serviced_date: Option<String>,
    /// Period of service.
    #[serde(
        default,
        deserialize_with = "l::object",
        skip_serializing_if = "Option::is_none"
    )]
    pub serviced_period: Option<Period>,
    /// Units.
    #[serde(
        default,
        deserialize_with = "l::object",
        skip_serializing_if = "Option::is_none"
    )]
    pub quantity: Option<Quantity>,
    /// Line net amount (R4).
    #[serde(
        default,
        deserialize_with = "l::object",
        skip_serializing_if = "Option::is_none"
    )]
    pub net: Option<Money>,
    /// Line adjudications.
    #[serde(
        default,
        deserialize_with = "l::seq_fit",
        skip_serializing_if = "Vec::is_empty"
    )]
    #[cfg_attr(test, ts(optional = nullable))]
    pub adjudication: Vec<Adjudication>,
}

impl Item {
    /// The service code: R4 `productOrService`, else STU3 `service`.
    ///
    /// ```
    /// use bluebutton_core::fhir::eob::Item;
    /// assert!(Item::default().service_code().is_none());
    /// ```
    pub fn service_code(&self) -> Option<&CodeableConcept> {
        self.product_or_service.as_ref().or(self.service.as_ref())
    }

    /// The `YYYY-MM-DD` date of service (`servicedDate`, else `servicedPeriod.start`), when valid.
    ///
    /// ```
    /// use bluebutton_core::fhir::eob::Item;
    /// let i = Item { serviced_date: Some("IGNORED_FIELD".into()), ..Default::default() };
    /// assert_eq!(i.service_date(), None);
    /// ```
    pub fn service_date(&self) -> Option<&str> {
        let period_start = self
            .serviced_period
            .as_ref()
            .and_then(|p| p.start.as_deref());
        self.serviced_date
            .as_deref()
            .and_then(date_prefix)
            .or_else(|| period_start.and_then(date_prefix))
    }

    /// Submitted, allowed and paid amounts of this line, from its adjudications.
    ///
    /// ```
    /// use bluebutton_core::fhir::eob::Item;
    /// assert_eq!(Item::default().amounts().paid, None);
    /// ```
    pub fn amounts(&self) -> Amounts {
        let mut out = Amounts::default();
        for adj in &self.adjudication {
            let value = adj.amount.as_ref().and_then(|m| m.value);
            if let (Some(kind), Some(v)) = (classify(codings(adj.category.as_ref())), value) {
                out.add_to(kind, v);
            }
        }
        out
    }

    fn is_total_line(&self) -> bool {
        self.revenue
            .as_ref()
            .and_then(CodeableConcept::first_code)
            .is_some_and(is_total_revenue_line)
    }
}

fn codings(cc: Option<&CodeableConcept>) -> impl Iterator<Item = (&str, &str)> + Clone {
    cc.into_iter().flat_map(|c| {
        c.coding
            .iter()
            .filter_map(|c| Some((c.system.as_deref()?, c.code.as_deref()?)))
    })
}

impl ExplanationOfBenefit {
    /// Whether this is a prior authorization (`use` is `preauthorization`), not a claim.
    ///
    /// ```
    /// use bluebutton_core::fhir::parse_eob;
    /// let pa = parse_eob(br#"{"resourceType":"ExplanationOfBenefit","use":"preauthorization"}"#).unwrap();
    /// assert!(pa.is_prior_authorization());
    /// ```
    pub fn is_prior_authorization(&self) -> bool {
        self.kind == super::ClaimKind::PriorAuthorization
    }

    /// Submitted, allowed and paid amounts of this claim, by the rules in
    /// [`super::amounts`].
    ///
    /// ```
    /// use bluebutton_core::fhir::ExplanationOfBenefit;
    /// let e: ExplanationOfBenefit = serde_json::from_str(
    ///     r#"{"resourceType":"ExplanationOfBenefit","payment":{"amount":{"value":5}}}"#).unwrap();
    /// assert_eq!(e.amounts().paid, Some(5.0));
    /// ```
    pub fn amounts(&self) -> Amounts {
        let only_total = self.item.iter().any(Item::is_total_line);
        let mut lines = Amounts::default();
        for item in self
            .item
            .iter()
            .filter(|i| !only_total || i.is_total_line())
        {
            lines.merge(&item.amounts());
        }
        let mut header = Amounts::default();
        for t in &self.total {
            let value = t.amount.as_ref().and_then(|m| m.value);
            if let (Some(kind), Some(v)) = (classify(codings(t.category.as_ref())), value) {
                if header.get(kind).is_none() {
                    header.add_to(kind, v);
                }
            }
        }
        header.submitted = header
            .submitted
            .or_else(|| self.total_cost.as_ref().and_then(|m| m.value));
        header.paid = self
            .payment
            .as_ref()
            .and_then(|p| p.amount.as_ref())
            .and_then(|m| m.value)
            .or(header.paid);
        lines.or(header)
    }

    /// First and last valid service dates: item dates, else the billable period.
    ///
    /// ```
    /// use bluebutton_core::fhir::ExplanationOfBenefit;
    /// let e: ExplanationOfBenefit = serde_json::from_str(r#"{"resourceType":"ExplanationOfBenefit",
    ///   "billablePeriod":{"start":"2020-01-01","end":"2020-01-05"}}"#).unwrap();
    /// assert_eq!(e.service_date_range(), Some(("2020-01-01", "2020-01-05")));
    /// ```
    pub fn service_date_range(&self) -> Option<(&str, &str)> {
        let items = self.item.iter().filter_map(Item::service_date);
        date_range(items).or_else(|| {
            let p = self.billable_period.as_ref()?;
            let ends = [p.start.as_deref(), p.end.as_deref()];
            date_range(ends.into_iter().flatten().filter_map(date_prefix))
        })
    }

    pub(super) fn unknown_type_key(&self) -> String {
        super::claim_type::unknown_type_key(codings(self.type_.as_ref()))
    }

    pub(super) fn resolve_claim_type(&mut self) {
        self.claim_type = super::ClaimType::resolve(
            codings(self.type_.as_ref()),
            codings(self.sub_type.as_ref()),
        );
    }
}
