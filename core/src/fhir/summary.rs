//! Claims summary: counts, amounts, service dates, per claim type and per month.
//!
//! [`summarize_claims`] reads only the fields it needs (type codings, item dates, revenue
//! codes, adjudications, totals, payment) with borrowed strings, and skips everything else
//! without building values; see [`super::amounts`] for how amounts are classified. A claim is
//! assigned to the month of its first service date. Amounts are rounded to cents.
//!
//! Only **final** claims (see [`super::claim_kind`]) make the counts, amounts, types, months
//! and dates. v3 claims not final yet and prior authorizations are counted apart, in
//! `notFinal` and `priorAuthorizations`, and never reach the paid totals: their amounts may
//! still change (or, for prior authorizations, are not payments at all).
//!
//! ```
//! use bluebutton_core::fhir::SummaryBuilder;
//! let page = br#"{"resourceType":"Bundle","total":2,"entry":[
//!   {"resource":{"resourceType":"ExplanationOfBenefit","type":{"coding":[{"system":"https://bluebutton.cms.gov/resources/codesystem/eob-type","code":"CARRIER"}]},
//!    "item":[{"servicedDate":"2021-03-04"}],"payment":{"amount":{"value":10.5}}}}]}"#;
//! let mut b = SummaryBuilder::new();
//! b.add_bundle_bytes(page).unwrap();
//! b.add_bundle_bytes(page).unwrap();
//! let s = b.finish();
//! assert_eq!((s.total, s.claims, s.pages, s.amounts.paid), (Some(2), 2, 2, Some(21.0)));
//! let json = serde_json::to_value(&s).unwrap();
//! assert_eq!(json["byType"]["carrier"]["claims"], 2);
//! assert_eq!(json["byMonth"][0]["month"], "2021-03");
//! ```

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::amounts::Amounts;
use super::claim_kind::ClaimKind;
use super::claim_type::ClaimType;
use super::diagnostics::{explain, prepare, FhirError};
use super::summary_lean::{LeanBundle, LeanEntry};
use super::{Bundle, ExplanationOfBenefit, Resource};

/// Counts and amounts for one claim type (or one month).
///
/// ```
/// use bluebutton_core::fhir::summary::TypeSummary;
/// let t = TypeSummary::default();
/// assert_eq!(serde_json::to_string(&t).unwrap(), r#"{"claims":0,"lines":0,"submitted":null,"allowed":null,"paid":null}"#);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct TypeSummary {
    /// Number of claims.
    pub claims: u64,
    /// Number of claim lines (`item` entries).
    pub lines: u64,
    /// Submitted, allowed and paid sums.
    #[serde(flatten)]
    pub amounts: Amounts,
}

impl TypeSummary {
    fn add(&mut self, lines: u64, amounts: &Amounts) {
        self.claims += 1;
        self.lines += lines;
        self.amounts.merge(amounts);
    }
}

/// One calendar month (`YYYY-MM`) of claims.
///
/// ```
/// use bluebutton_core::fhir::summary::MonthSummary;
/// assert_eq!(MonthSummary::default().month, "");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct MonthSummary {
    /// `YYYY-MM`.
    pub month: String,
    /// Totals of the month.
    #[serde(flatten)]
    pub all: TypeSummary,
    /// Per claim type, only types present in the month.
    pub by_type: BTreeMap<ClaimType, TypeSummary>,
}

/// Summary of a Bundle or of a whole claims history.
///
/// ```
/// use bluebutton_core::fhir::summarize_claims;
/// let s = summarize_claims(br#"{"resourceType":"Bundle","entry":[]}"#).unwrap();
/// assert_eq!((s.claims, s.total), (0, None));
/// let s = summarize_claims(br#"{"resourceType":"Bundle","entry":[
///   {"resource":{"resourceType":"ExplanationOfBenefit","outcome":"partial","payment":{"amount":{"value":9}}}},
///   {"resource":{"resourceType":"ExplanationOfBenefit","use":"preauthorization"}}]}"#).unwrap();
/// assert_eq!((s.claims, s.not_final.claims, s.prior_authorizations.claims), (0, 1, 1));
/// assert_eq!((s.amounts.paid, s.not_final.amounts.paid), (None, Some(9.0)));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ClaimSummary {
    /// `Bundle.total` of the first page that had one.
    pub total: Option<u64>,
    /// Bundles added.
    pub pages: u64,
    /// Final claims (ExplanationOfBenefit resources of kind `final`; on v1/v2 every claim).
    pub claims: u64,
    /// Lines (`item` entries) of the final claims.
    pub lines: u64,
    /// v3 claims not final yet (`NotFinalAction`, or `outcome` not `complete`): their own
    /// counts and amounts, kept out of every other figure. Their amounts may still change.
    pub not_final: TypeSummary,
    /// v3 prior authorizations (`use = "preauthorization"`): counted apart, never in any total.
    pub prior_authorizations: TypeSummary,
    /// Entries that were not ExplanationOfBenefit resources.
    pub other_resources: u64,
    /// Submitted, allowed and paid sums of the final claims.
    #[serde(flatten)]
    pub amounts: Amounts,
    /// Earliest service date (`YYYY-MM-DD`).
    pub first_service_date: Option<String>,
    /// Latest service date (`YYYY-MM-DD`).
    pub last_service_date: Option<String>,
    /// Claims without any valid service date (not in `byMonth`).
    pub undated_claims: u64,
    /// Per claim type: all eight types, plus `unknown` when present.
    #[cfg_attr(
        test,
        ts(
            type = "Record<Exclude<ClaimType, \"unknown\">, TypeSummary> & { unknown?: TypeSummary }"
        )
    )]
    pub by_type: BTreeMap<ClaimType, TypeSummary>,
    /// The `unknown` claims by their first `type` coding (`system|code`): what was not
    /// recognised, so it can be reported rather than silently lumped together.
    pub unknown_types: BTreeMap<String, u64>,
    /// Per month, oldest first.
    pub by_month: Vec<MonthSummary>,
}

/// Builds a [`ClaimSummary`] page after page.
///
/// It counts what it is given: de-duplicate pages first (see `core::api::paging::assemble`) or add
/// each page once.
///
/// ```
/// use bluebutton_core::fhir::{parse_bundle, SummaryBuilder};
/// let bundle = parse_bundle(br#"{"resourceType":"Bundle","entry":[{"resource":{"resourceType":"Patient"}}]}"#).unwrap();
/// let mut b = SummaryBuilder::new();
/// b.add_bundle(&bundle);
/// assert_eq!(b.finish().other_resources, 1);
/// ```
#[derive(Debug, Clone, Default)]
pub struct SummaryBuilder {
    summary: ClaimSummary,
    months: BTreeMap<String, MonthSummary>,
}

impl SummaryBuilder {
    /// An empty builder.
    ///
    /// ```
    /// assert_eq!(bluebutton_core::fhir::SummaryBuilder::new().finish().claims, 0);
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds one Bundle page from bytes, using the lean reader.
    ///
    /// ```
    /// use bluebutton_core::fhir::SummaryBuilder;
    /// let mut b = SummaryBuilder::new();
    /// assert_eq!(b.add_bundle_bytes(b"{\"resourceType\":\"Patient\"}").unwrap_err().code(), "wrong_resource_type");
    /// ```
    pub fn add_bundle_bytes(&mut self, bytes: &[u8]) -> Result<(), FhirError> {
        let b = prepare(bytes)?;
        let lean: LeanBundle<'_> =
            serde_json::from_slice(b).map_err(|e| explain::<Bundle>(b, &e))?;
        if lean.resource_type.as_deref() != Some("Bundle") {
            return Err(FhirError::WrongResourceType {
                expected: "Bundle",
                found: lean.resource_type.map(|c| c.into_owned()),
            });
        }
        self.page(lean.total);
        for entry in &lean.entry {
            self.add_lean_entry(entry);
        }
        Ok(())
    }

    /// Adds one entry read by the lean reader (shared with [`super::summary_stream`]).
    pub(super) fn add_lean_entry(&mut self, entry: &LeanEntry<'_>) {
        match entry.resource.as_ref() {
            Some(r) if r.resource_type.as_deref() == Some("ExplanationOfBenefit") => {
                let (range, lines, amounts) = (r.service_date_range(), r.item.len(), r.amounts());
                if self.apart(r.kind(), lines, &amounts) {
                    return;
                }
                let t = r.claim_type();
                if t == ClaimType::Unknown {
                    self.note_unknown(r.unknown_type_key());
                }
                self.add_claim(t, lines, &amounts, range);
            }
            _ => self.summary.other_resources += 1,
        }
    }

    /// Adds one parsed Bundle page.
    ///
    /// ```
    /// use bluebutton_core::fhir::{Bundle, SummaryBuilder};
    /// let mut b = SummaryBuilder::new();
    /// b.add_bundle(&Bundle::default());
    /// assert_eq!(b.finish().pages, 1);
    /// ```
    pub fn add_bundle(&mut self, bundle: &Bundle) {
        self.page(bundle.total);
        for entry in &bundle.entry {
            match &entry.resource {
                Some(Resource::ExplanationOfBenefit(e)) => self.add_eob(e),
                _ => self.summary.other_resources += 1,
            }
        }
    }

    /// Adds one claim.
    ///
    /// ```
    /// use bluebutton_core::fhir::{ExplanationOfBenefit, SummaryBuilder};
    /// let mut b = SummaryBuilder::new();
    /// b.add_eob(&ExplanationOfBenefit::default());
    /// assert_eq!(b.finish().undated_claims, 1);
    /// ```
    pub fn add_eob(&mut self, eob: &ExplanationOfBenefit) {
        if self.apart(eob.kind, eob.item.len(), &eob.amounts()) {
            return;
        }
        if eob.claim_type == ClaimType::Unknown {
            self.note_unknown(eob.unknown_type_key());
        }
        let range = eob.service_date_range();
        self.add_claim(eob.claim_type, eob.item.len(), &eob.amounts(), range);
    }

    /// Counts one page and keeps the first `total` seen.
    pub(super) fn page(&mut self, total: Option<u64>) {
        self.summary.pages += 1;
        if self.summary.total.is_none() {
            self.summary.total = total;
        }
    }

    /// Counts a claim that is not final, or a prior authorization, in its own section and
    /// says so (`true`); a final claim is left to [`Self::add_claim`] (`false`).
    fn apart(&mut self, kind: ClaimKind, lines: usize, amounts: &Amounts) -> bool {
        let section = match kind {
            ClaimKind::Final => return false,
            ClaimKind::NotFinal => &mut self.summary.not_final,
            ClaimKind::PriorAuthorization => &mut self.summary.prior_authorizations,
        };
        section.add(lines as u64, amounts);
        true
    }

    fn note_unknown(&mut self, key: String) {
        *self.summary.unknown_types.entry(key).or_default() += 1;
    }

    fn add_claim(
        &mut self,
        t: ClaimType,
        lines: usize,
        amounts: &Amounts,
        range: Option<(&str, &str)>,
    ) {
        let lines = lines as u64;
        let s = &mut self.summary;
        s.claims += 1;
        s.lines += lines;
        s.amounts.merge(amounts);
        s.by_type.entry(t).or_default().add(lines, amounts);
        let Some((first, last)) = range else {
            s.undated_claims += 1;
            return;
        };
        if s.first_service_date.as_deref().is_none_or(|d| first < d) {
            s.first_service_date = Some(first.to_owned());
        }
        if s.last_service_date.as_deref().is_none_or(|d| last > d) {
            s.last_service_date = Some(last.to_owned());
        }
        let key = first.get(..7).unwrap_or(first);
        if !self.months.contains_key(key) {
            let month = MonthSummary {
                month: key.to_owned(),
                ..Default::default()
            };
            self.months.insert(key.to_owned(), month);
        }
        if let Some(m) = self.months.get_mut(key) {
            m.all.add(lines, amounts);
            m.by_type.entry(t).or_default().add(lines, amounts);
        }
    }

    /// Finishes the summary (amounts rounded to cents, months in order).
    ///
    /// ```
    /// let s = bluebutton_core::fhir::SummaryBuilder::new().finish();
    /// assert_eq!(s.by_type.len(), 8);
    /// ```
    pub fn finish(self) -> ClaimSummary {
        let mut s = self.summary;
        for t in ClaimType::ALL {
            s.by_type.entry(t).or_default();
        }
        s.amounts = round(s.amounts);
        s.not_final.amounts = round(s.not_final.amounts);
        s.prior_authorizations.amounts = round(s.prior_authorizations.amounts);
        for v in s.by_type.values_mut() {
            v.amounts = round(v.amounts);
        }
        s.by_month = self
            .months
            .into_values()
            .map(|mut m| {
                m.all.amounts = round(m.all.amounts);
                for v in m.by_type.values_mut() {
                    v.amounts = round(v.amounts);
                }
                m
            })
            .collect();
        s
    }
}

fn round(a: Amounts) -> Amounts {
    let r = |x: Option<f64>| x.map(|v| (v * 100.0).round() / 100.0);
    Amounts {
        submitted: r(a.submitted),
        allowed: r(a.allowed),
        paid: r(a.paid),
    }
}

/// Summarizes one Bundle page from bytes (lean and fast; see the module docs).
///
/// ```
/// use bluebutton_core::fhir::summarize_claims;
/// assert_eq!(summarize_claims(b"not json").unwrap_err().code(), "not_json");
/// assert_eq!(summarize_claims(b"{\"resourceType\":\"Patient\"}").unwrap_err().code(), "wrong_resource_type");
/// ```
pub fn summarize_claims(bytes: &[u8]) -> Result<ClaimSummary, FhirError> {
    let mut b = SummaryBuilder::new();
    b.add_bundle_bytes(bytes)?;
    Ok(b.finish())
}
