//! Which adjudication amounts count as *submitted*, *allowed* and *paid*.
//!
//! An adjudication (or an R4 `total`) is classified by its category codings:
//!
//! - When a coding comes from a CMS system (v1/v2
//!   `https://bluebutton.cms.gov/resources/codesystem/adjudication`, whose codes are variable
//!   URLs, or v3 `https://bluebutton.cms.gov/fhir/CodeSystem/Adjudication`), only the CMS code
//!   decides. This matters: v2 institutional lines tag the revenue-center *rate* and *payment*
//!   amounts with the generic `submitted` code as well, so generic codes would double count.
//!   - submitted: `line_sbmtd_chrg_amt`, `rev_cntr_tot_chrg_amt`, `tot_rx_cst_amt`,
//!     `clm_tot_chrg_amt`, `CLM_LINE_SBMT_CHRG_AMT`, `CLM_SBMT_CHRG_AMT`, `TOT_RX_CST_AMT`
//!   - allowed: `line_alowd_chrg_amt`, `CLM_LINE_ALOWD_CHRG_AMT`, `CLM_ALOWD_CHRG_AMT`
//!   - paid (Medicare's payment): `line_nch_pmt_amt`, `rev_cntr_pmt_amt_amt`,
//!     `cvrd_d_plan_pd_amt`, `CLM_LINE_CVRD_PD_AMT`
//! - Otherwise the generic HL7/CARIN codes decide: `submitted`, `eligible` (allowed),
//!   `benefit` (paid).
//!
//! Per claim, line sums are used when any line carries the amount; otherwise the claim-level
//! figure (`total[]`, STU3 `totalCost` for submitted, `payment.amount` for paid). When an
//! institutional claim has a revenue center `0001` line (the total line), only that line is
//! summed, so revenue lines are not counted twice.
//!
//! ```
//! use bluebutton_core::fhir::amounts::{classify, AmountKind};
//! let cms = "https://bluebutton.cms.gov/resources/codesystem/adjudication";
//! let var = "https://bluebutton.cms.gov/resources/variables/line_nch_pmt_amt";
//! assert_eq!(classify([(cms, var), ("http://terminology.hl7.org/CodeSystem/adjudication", "benefit")]), Some(AmountKind::Paid));
//! assert_eq!(classify([("http://terminology.hl7.org/CodeSystem/adjudication", "eligible")]), Some(AmountKind::Allowed));
//! ```

use serde::{Deserialize, Serialize};

/// v1/v2 CMS adjudication code system (codes are variable URLs).
///
/// ```
/// assert!(bluebutton_core::fhir::amounts::CMS_ADJUDICATION_SYSTEM.starts_with("https://bluebutton.cms.gov/"));
/// ```
pub const CMS_ADJUDICATION_SYSTEM: &str =
    "https://bluebutton.cms.gov/resources/codesystem/adjudication";
/// v3 CMS adjudication code system.
///
/// ```
/// assert!(bluebutton_core::fhir::amounts::CMS_ADJUDICATION_SYSTEM_V3.starts_with("https://bluebutton.cms.gov/"));
/// ```
pub const CMS_ADJUDICATION_SYSTEM_V3: &str =
    "https://bluebutton.cms.gov/fhir/CodeSystem/Adjudication";

/// The three amounts a summary reports.
///
/// ```
/// use bluebutton_core::fhir::amounts::AmountKind;
/// assert_ne!(AmountKind::Submitted, AmountKind::Paid);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AmountKind {
    /// What the provider charged.
    Submitted,
    /// What Medicare allowed.
    Allowed,
    /// What Medicare (or the Part D plan) paid.
    Paid,
}

/// Submitted, allowed and paid amounts; `None` when the data carry no such amount.
///
/// ```
/// use bluebutton_core::fhir::amounts::Amounts;
/// let mut a = Amounts::default();
/// a.add_to(bluebutton_core::fhir::amounts::AmountKind::Paid, 2.5);
/// assert_eq!(a.paid, Some(2.5));
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Amounts {
    /// Submitted charges.
    pub submitted: Option<f64>,
    /// Allowed amount.
    pub allowed: Option<f64>,
    /// Paid amount.
    pub paid: Option<f64>,
}

impl Amounts {
    /// Adds `value` to the slot for `kind`.
    ///
    /// ```
    /// use bluebutton_core::fhir::amounts::{Amounts, AmountKind};
    /// let mut a = Amounts::default();
    /// a.add_to(AmountKind::Submitted, 1.0);
    /// a.add_to(AmountKind::Submitted, 2.0);
    /// assert_eq!(a.submitted, Some(3.0));
    /// ```
    pub fn add_to(&mut self, kind: AmountKind, value: f64) {
        let slot = self.slot(kind);
        *slot = Some(slot.unwrap_or(0.0) + value);
    }

    /// The value for `kind`.
    ///
    /// ```
    /// use bluebutton_core::fhir::amounts::{Amounts, AmountKind};
    /// assert_eq!(Amounts::default().get(AmountKind::Allowed), None);
    /// ```
    pub fn get(&self, kind: AmountKind) -> Option<f64> {
        match kind {
            AmountKind::Submitted => self.submitted,
            AmountKind::Allowed => self.allowed,
            AmountKind::Paid => self.paid,
        }
    }

    fn slot(&mut self, kind: AmountKind) -> &mut Option<f64> {
        match kind {
            AmountKind::Submitted => &mut self.submitted,
            AmountKind::Allowed => &mut self.allowed,
            AmountKind::Paid => &mut self.paid,
        }
    }

    /// Adds every present amount of `other` into `self`.
    ///
    /// ```
    /// use bluebutton_core::fhir::amounts::Amounts;
    /// let mut a = Amounts { paid: Some(1.0), ..Default::default() };
    /// a.merge(&Amounts { paid: Some(2.0), allowed: Some(5.0), submitted: None });
    /// assert_eq!((a.paid, a.allowed, a.submitted), (Some(3.0), Some(5.0), None));
    /// ```
    pub fn merge(&mut self, other: &Amounts) {
        for kind in [AmountKind::Submitted, AmountKind::Allowed, AmountKind::Paid] {
            if let Some(v) = other.get(kind) {
                self.add_to(kind, v);
            }
        }
    }

    /// Fills each missing amount from `fallback`.
    ///
    /// ```
    /// use bluebutton_core::fhir::amounts::Amounts;
    /// let a = Amounts { paid: Some(1.0), ..Default::default() }
    ///     .or(Amounts { paid: Some(9.0), submitted: Some(2.0), allowed: None });
    /// assert_eq!((a.paid, a.submitted), (Some(1.0), Some(2.0)));
    /// ```
    pub fn or(self, fallback: Amounts) -> Amounts {
        Amounts {
            submitted: self.submitted.or(fallback.submitted),
            allowed: self.allowed.or(fallback.allowed),
            paid: self.paid.or(fallback.paid),
        }
    }
}

fn cms_code(code: &str) -> Option<Option<AmountKind>> {
    let name = code.rsplit('/').next().unwrap_or(code);
    Some(match name {
        "line_sbmtd_chrg_amt"
        | "rev_cntr_tot_chrg_amt"
        | "tot_rx_cst_amt"
        | "clm_tot_chrg_amt"
        | "CLM_LINE_SBMT_CHRG_AMT"
        | "CLM_SBMT_CHRG_AMT"
        | "TOT_RX_CST_AMT" => Some(AmountKind::Submitted),
        "line_alowd_chrg_amt" | "CLM_LINE_ALOWD_CHRG_AMT" | "CLM_ALOWD_CHRG_AMT" => {
            Some(AmountKind::Allowed)
        }
        "line_nch_pmt_amt"
        | "rev_cntr_pmt_amt_amt"
        | "cvrd_d_plan_pd_amt"
        | "CLM_LINE_CVRD_PD_AMT" => Some(AmountKind::Paid),
        _ => None,
    })
}

/// Classifies an adjudication category from its `(system, code)` codings.
///
/// ```
/// use bluebutton_core::fhir::amounts::{classify, CMS_ADJUDICATION_SYSTEM};
/// // A CMS code that is not one of ours wins over the generic "submitted" tag.
/// let rate = "https://bluebutton.cms.gov/resources/variables/rev_cntr_rate_amt";
/// assert_eq!(classify([("http://terminology.hl7.org/CodeSystem/adjudication", "submitted"),
///                      (CMS_ADJUDICATION_SYSTEM, rate)]), None);
/// ```
pub fn classify<'a>(codings: impl IntoIterator<Item = (&'a str, &'a str)>) -> Option<AmountKind> {
    let mut generic = None;
    let mut saw_cms = false;
    for (system, code) in codings {
        if system == CMS_ADJUDICATION_SYSTEM || system == CMS_ADJUDICATION_SYSTEM_V3 {
            saw_cms = true;
            if let Some(Some(kind)) = cms_code(code) {
                return Some(kind);
            }
        } else if generic.is_none() {
            generic = match code {
                "submitted" => Some(AmountKind::Submitted),
                "eligible" => Some(AmountKind::Allowed),
                "benefit" => Some(AmountKind::Paid),
                _ => None,
            };
        }
    }
    if saw_cms {
        None
    } else {
        generic
    }
}

/// True for revenue center code `0001` (the total line of an institutional claim).
///
/// ```
/// assert!(bluebutton_core::fhir::amounts::is_total_revenue_line("0001"));
/// assert!(!bluebutton_core::fhir::amounts::is_total_revenue_line("0450"));
/// ```
pub fn is_total_revenue_line(code: &str) -> bool {
    code == "0001"
}

#[cfg(test)]
mod tests;
