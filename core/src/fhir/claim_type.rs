//! Medicare claim types and how to read them from `ExplanationOfBenefit.type` codings.
//!
//! Order of evidence, first match wins:
//!
//! 1. the Blue Button EOB type code system: v1/v2
//!    `https://bluebutton.cms.gov/resources/codesystem/eob-type` and v3
//!    `https://bluebutton.cms.gov/fhir/CodeSystem/EOB-TYPE` (`CARRIER`, `DME`, ...);
//! 2. the NCH claim type code: v3 `https://bluebutton.cms.gov/fhir/CodeSystem/CLM-TYPE-CD`
//!    or v1/v2 `https://bluebutton.cms.gov/resources/variables/nch_clm_type_cd` (10 HHA,
//!    20/30 SNF, 40 outpatient, 50 hospice, 60/61 inpatient, 71/72 carrier, 81/82 DME), plus
//!    the v3 codes seen next to an EOB-TYPE in the BFD v3 test data (3 PDE, 64 inpatient,
//!    1013 outpatient, 2800 DME);
//! 3. the CARIN `C4BBInstitutionalClaimSubType` in `subType` (`inpatient`/`outpatient`).
//!
//! Anything else stays [`ClaimType::Unknown`]; nothing is guessed from the HL7 `claim-type`
//! (professional/institutional/pharmacy), which does not identify a Medicare claim type.
//!
//! ```
//! use bluebutton_core::fhir::claim_type::{ClaimType, EOB_TYPE_SYSTEM};
//! assert_eq!(ClaimType::from_coding(EOB_TYPE_SYSTEM, "PDE"), Some(ClaimType::Pde));
//! assert_eq!("snf".parse::<ClaimType>(), Ok(ClaimType::Snf));
//! ```

use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// v1/v2 Blue Button EOB type code system.
///
/// ```
/// assert!(bluebutton_core::fhir::claim_type::EOB_TYPE_SYSTEM.starts_with("http"));
/// ```
pub const EOB_TYPE_SYSTEM: &str = "https://bluebutton.cms.gov/resources/codesystem/eob-type";
/// v3 Blue Button EOB type code system.
///
/// ```
/// assert!(bluebutton_core::fhir::claim_type::EOB_TYPE_SYSTEM_V3.starts_with("http"));
/// ```
pub const EOB_TYPE_SYSTEM_V3: &str = "https://bluebutton.cms.gov/fhir/CodeSystem/EOB-TYPE";
/// v3 NCH claim type code system.
///
/// ```
/// assert!(bluebutton_core::fhir::claim_type::CLM_TYPE_CD_SYSTEM.starts_with("http"));
/// ```
pub const CLM_TYPE_CD_SYSTEM: &str = "https://bluebutton.cms.gov/fhir/CodeSystem/CLM-TYPE-CD";
/// v1/v2 NCH claim type code system.
///
/// ```
/// assert!(bluebutton_core::fhir::claim_type::NCH_CLM_TYPE_SYSTEM.starts_with("http"));
/// ```
pub const NCH_CLM_TYPE_SYSTEM: &str =
    "https://bluebutton.cms.gov/resources/variables/nch_clm_type_cd";
/// CARIN institutional claim subtype system.
///
/// ```
/// assert!(bluebutton_core::fhir::claim_type::C4BB_INSTITUTIONAL_SUBTYPE_SYSTEM.starts_with("http"));
/// ```
pub const C4BB_INSTITUTIONAL_SUBTYPE_SYSTEM: &str =
    "http://hl7.org/fhir/us/carin-bb/CodeSystem/C4BBInstitutionalClaimSubType";

/// A Medicare claim type.
///
/// Serializes as the lowercase search code (`"carrier"`, ..., `"unknown"`).
///
/// ```
/// use bluebutton_core::fhir::claim_type::ClaimType;
/// assert_eq!(serde_json::to_string(&ClaimType::Hha).unwrap(), "\"hha\"");
/// assert_eq!(ClaimType::Dme.as_str(), "dme");
/// ```
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum ClaimType {
    /// Part B carrier (physician/supplier) claims.
    Carrier,
    /// Durable medical equipment.
    Dme,
    /// Home health agency.
    Hha,
    /// Hospice.
    Hospice,
    /// Inpatient hospital.
    Inpatient,
    /// Outpatient hospital.
    Outpatient,
    /// Part D prescription drug event.
    Pde,
    /// Skilled nursing facility.
    Snf,
    /// Not identified.
    #[default]
    Unknown,
}

impl ClaimType {
    /// The eight known types, in search-code order.
    ///
    /// ```
    /// assert_eq!(bluebutton_core::fhir::ClaimType::ALL.len(), 8);
    /// ```
    pub const ALL: [ClaimType; 8] = [
        Self::Carrier,
        Self::Dme,
        Self::Hha,
        Self::Hospice,
        Self::Inpatient,
        Self::Outpatient,
        Self::Pde,
        Self::Snf,
    ];

    /// The lowercase code used by the `type=` search parameter and in summaries.
    ///
    /// ```
    /// use bluebutton_core::fhir::claim_type::ClaimType;
    /// assert_eq!(ClaimType::Unknown.as_str(), "unknown");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Carrier => "carrier",
            Self::Dme => "dme",
            Self::Hha => "hha",
            Self::Hospice => "hospice",
            Self::Inpatient => "inpatient",
            Self::Outpatient => "outpatient",
            Self::Pde => "pde",
            Self::Snf => "snf",
            Self::Unknown => "unknown",
        }
    }

    /// Reads one coding, or `None` when the system is not one of the claim type systems or
    /// the code is not known.
    ///
    /// ```
    /// use bluebutton_core::fhir::claim_type::{ClaimType, CLM_TYPE_CD_SYSTEM};
    /// assert_eq!(ClaimType::from_coding(CLM_TYPE_CD_SYSTEM, "71"), Some(ClaimType::Carrier));
    /// assert_eq!(ClaimType::from_coding(CLM_TYPE_CD_SYSTEM, "2700"), None);
    /// ```
    pub fn from_coding(system: &str, code: &str) -> Option<ClaimType> {
        match system {
            EOB_TYPE_SYSTEM | EOB_TYPE_SYSTEM_V3 => code.parse().ok(),
            CLM_TYPE_CD_SYSTEM | NCH_CLM_TYPE_SYSTEM => Self::from_nch_code(code),
            _ => None,
        }
    }

    fn from_nch_code(code: &str) -> Option<ClaimType> {
        Some(match code {
            "10" => Self::Hha,
            "20" | "30" => Self::Snf,
            "40" | "1013" => Self::Outpatient,
            "50" => Self::Hospice,
            "60" | "61" | "64" => Self::Inpatient,
            "71" | "72" => Self::Carrier,
            "81" | "82" | "2800" => Self::Dme,
            "3" => Self::Pde,
            _ => return None,
        })
    }

    /// Decides the type from `(system, code)` pairs of `type` and of `subType`, following the
    /// order of evidence in the module docs.
    ///
    /// ```
    /// use bluebutton_core::fhir::claim_type::*;
    /// let t = [(CLM_TYPE_CD_SYSTEM, "10")];
    /// let sub = [(C4BB_INSTITUTIONAL_SUBTYPE_SYSTEM, "inpatient")];
    /// assert_eq!(ClaimType::resolve(t, sub), ClaimType::Hha);
    /// assert_eq!(ClaimType::resolve([], sub), ClaimType::Inpatient);
    /// ```
    pub fn resolve<'a>(
        type_codings: impl IntoIterator<Item = (&'a str, &'a str)> + Clone,
        sub_type_codings: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> ClaimType {
        let by = |systems: &[&str]| {
            type_codings
                .clone()
                .into_iter()
                .filter(|(s, _)| systems.contains(s))
                .find_map(|(s, c)| Self::from_coding(s, c))
        };
        by(&[EOB_TYPE_SYSTEM, EOB_TYPE_SYSTEM_V3])
            .or_else(|| by(&[CLM_TYPE_CD_SYSTEM, NCH_CLM_TYPE_SYSTEM]))
            .or_else(|| {
                sub_type_codings
                    .into_iter()
                    .filter(|(s, _)| *s == C4BB_INSTITUTIONAL_SUBTYPE_SYSTEM)
                    .find_map(|(_, c)| match c {
                        "inpatient" => Some(Self::Inpatient),
                        "outpatient" => Some(Self::Outpatient),
                        _ => None,
                    })
            })
            .unwrap_or(Self::Unknown)
    }
}

/// How a claim this library could not type is named in [`super::ClaimSummary::unknown_types`]:
/// its first `type` coding as `system|code`, or `(no type coding)`.
///
/// ```
/// use bluebutton_core::fhir::claim_type::unknown_type_key;
/// assert_eq!(unknown_type_key([("https://x.example/types", "PARTD")]), "https://x.example/types|PARTD");
/// assert_eq!(unknown_type_key([]), "(no type coding)");
/// ```
pub fn unknown_type_key<'a>(type_codings: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    type_codings.into_iter().next().map_or_else(
        || "(no type coding)".to_owned(),
        |(s, c)| format!("{s}|{c}"),
    )
}

impl std::fmt::Display for ClaimType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The code is not one of the eight claim types.
///
/// ```
/// use bluebutton_core::fhir::claim_type::ClaimType;
/// assert!("partd".parse::<ClaimType>().is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown claim type {0:?}; use one of carrier, dme, hha, hospice, inpatient, outpatient, pde, snf")]
pub struct UnknownClaimType(pub String);

impl FromStr for ClaimType {
    type Err = UnknownClaimType;

    /// Case-insensitive, like the server (`CARRIER` and `carrier` both parse). `unknown` is
    /// not accepted.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        Self::ALL
            .into_iter()
            .find(|c| c.as_str().eq_ignore_ascii_case(t))
            .ok_or_else(|| UnknownClaimType(s.to_owned()))
    }
}

#[cfg(test)]
mod tests;
