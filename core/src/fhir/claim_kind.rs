//! Final claims, claims not final yet, and prior authorizations (v3; API doc §12.3-§12.4).
//!
//! A v3 ExplanationOfBenefit says where it came from and how settled it is:
//!
//! - `meta.source`: `NCH`, `DDPS`, or a shared system (`FISS`, `MCS`, `VMS`, `CWF`);
//! - `meta.tag`: a System-Type tag (`NationalClaimsHistory`, `SharedSystem`, `DDPS`) and a
//!   Final-Action tag (`FinalAction`, `NotFinalAction`);
//! - `outcome`: `complete` once paid; `partial` (or `queued`) while the shared system is
//!   still working on it;
//! - `use`: `claim`, or `preauthorization` for a prior authorization (a request approved or
//!   denied before care; it has no payment and is not a claim).
//!
//! [`ClaimKind`] sorts them into three groups, which summaries keep apart so that amounts
//! that may still change never reach the paid totals:
//!
//! 1. [`ClaimKind::PriorAuthorization`]: `use` is `preauthorization`;
//! 2. [`ClaimKind::NotFinal`]: a `NotFinalAction` tag, or an `outcome` other than `complete`
//!    (`partial`, `queued`, `error`);
//! 3. [`ClaimKind::Final`]: everything else, so every v1/v2 claim (they carry none of these
//!    fields) and every v3 NCH/DDPS claim.
//!
//! ```
//! use bluebutton_core::fhir::{parse_eob, ClaimKind};
//! let eob = parse_eob(br#"{"resourceType":"ExplanationOfBenefit","use":"claim","outcome":"partial",
//!   "meta":{"source":"FISS","tag":[
//!     {"system":"https://bluebutton.cms.gov/fhir/CodeSystem/System-Type","code":"SharedSystem"},
//!     {"system":"https://bluebutton.cms.gov/fhir/CodeSystem/Final-Action","code":"NotFinalAction"}]}}"#).unwrap();
//! assert_eq!(eob.source.as_deref(), Some("FISS"));
//! assert_eq!(eob.final_action, Some(false));
//! assert_eq!(eob.kind, ClaimKind::NotFinal);
//! assert!(!eob.is_prior_authorization());
//! ```

use serde::{Deserialize, Serialize};

use super::lenient as l;
use super::types::Coding;

/// The code system of System-Type tags.
///
/// ```
/// assert!(bluebutton_core::fhir::claim_kind::SYSTEM_TYPE_SYSTEM.ends_with("/System-Type"));
/// ```
pub const SYSTEM_TYPE_SYSTEM: &str = "https://bluebutton.cms.gov/fhir/CodeSystem/System-Type";

/// The code system of Final-Action tags.
///
/// ```
/// assert!(bluebutton_core::fhir::claim_kind::FINAL_ACTION_SYSTEM.ends_with("/Final-Action"));
/// ```
pub const FINAL_ACTION_SYSTEM: &str = "https://bluebutton.cms.gov/fhir/CodeSystem/Final-Action";

/// Which group a claim belongs to (see the module docs).
///
/// Serializes as `"final"`, `"notFinal"` or `"priorAuthorization"`.
///
/// ```
/// use bluebutton_core::fhir::ClaimKind;
/// assert_eq!(serde_json::to_string(&ClaimKind::NotFinal).unwrap(), "\"notFinal\"");
/// assert_eq!(ClaimKind::default(), ClaimKind::Final);
/// ```
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum ClaimKind {
    /// A final claim: counted in the paid totals.
    #[default]
    Final,
    /// A recent shared-system claim not final yet: it may still change; kept out of the totals.
    NotFinal,
    /// A prior authorization (`use = "preauthorization"`): not a claim, never in the totals.
    PriorAuthorization,
}

impl ClaimKind {
    /// Classifies from `use`, `outcome` and the Final-Action tag.
    ///
    /// ```
    /// use bluebutton_core::fhir::ClaimKind;
    /// assert_eq!(ClaimKind::classify(Some("preauthorization"), Some("complete"), None), ClaimKind::PriorAuthorization);
    /// assert_eq!(ClaimKind::classify(Some("claim"), Some("complete"), Some(false)), ClaimKind::NotFinal);
    /// assert_eq!(ClaimKind::classify(Some("claim"), Some("queued"), Some(true)), ClaimKind::NotFinal);
    /// assert_eq!(ClaimKind::classify(None, None, None), ClaimKind::Final);
    /// ```
    pub fn classify(use_: Option<&str>, outcome: Option<&str>, final_action: Option<bool>) -> Self {
        if use_.is_some_and(|u| u.eq_ignore_ascii_case("preauthorization")) {
            Self::PriorAuthorization
        } else if final_action == Some(false)
            || outcome.is_some_and(|o| !o.eq_ignore_ascii_case("complete"))
        {
            Self::NotFinal
        } else {
            Self::Final
        }
    }

    /// The serialized name (`final`, `notFinal`, `priorAuthorization`), also the CSV `kind`.
    ///
    /// ```
    /// assert_eq!(bluebutton_core::fhir::ClaimKind::PriorAuthorization.as_str(), "priorAuthorization");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Final => "final",
            Self::NotFinal => "notFinal",
            Self::PriorAuthorization => "priorAuthorization",
        }
    }
}

/// The parts of `meta` a claim's status is read from.
#[derive(Debug, Default, Deserialize)]
pub(super) struct RawMeta {
    #[serde(default, deserialize_with = "l::string")]
    pub source: Option<String>,
    #[serde(default, deserialize_with = "l::seq")]
    pub tag: Vec<Coding>,
}

impl RawMeta {
    /// `meta.source`, else the System-Type tag mapped to a source (`NationalClaimsHistory`
    /// is NCH, `DDPS` is DDPS; `SharedSystem` names no single system and is kept as is).
    pub fn source(&self) -> Option<String> {
        self.source.clone().filter(|s| !s.is_empty()).or_else(|| {
            let code = tag_code(&self.tag, SYSTEM_TYPE_SYSTEM)?;
            Some(match code {
                "NationalClaimsHistory" => "NCH".to_owned(),
                other => other.to_owned(),
            })
        })
    }

    /// The Final-Action tag: `Some(true)` for `FinalAction`, `Some(false)` for `NotFinalAction`.
    pub fn final_action(&self) -> Option<bool> {
        final_action_of(tag_code(&self.tag, FINAL_ACTION_SYSTEM))
    }
}

fn tag_code<'a>(tags: &'a [Coding], system: &str) -> Option<&'a str> {
    tags.iter()
        .find(|c| c.system.as_deref() == Some(system))
        .and_then(|c| c.code.as_deref())
}

/// `FinalAction` is true, `NotFinalAction` false (case-insensitive), anything else unknown.
pub(super) fn final_action_of(code: Option<&str>) -> Option<bool> {
    match code {
        Some(c) if c.eq_ignore_ascii_case("FinalAction") => Some(true),
        Some(c) if c.eq_ignore_ascii_case("NotFinalAction") => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests;
