//! v3 only: which claim sources and tags an ExplanationOfBenefit search asks for (`_source`,
//! `_tag`; API doc §12.3-§12.4).
//!
//! BB2 adds `_source=NCH,DDPS` to every v3 EOB search that names neither `_source` nor `_tag`,
//! so by default only final claims (National Claims History and Part D) come back. Recent
//! claims from the Medicare shared systems (FISS, MCS, VMS, CWF), which may still change and
//! are often not yet final, must be asked for; asking for `CWF` also brings **prior
//! authorizations** (`use = "preauthorization"`), appended after all claims.
//!
//! - [`EobSearch::sources`]: one `_source` parameter, the set's members joined by commas
//!   (the server reads a comma as OR).
//! - [`EobSearch::tag`]: `_tag` tokens `system|code`; tags of the same code system are joined
//!   by commas (OR), tags of the two systems are sent as two `_tag` parameters (AND).
//! - [`EobSearch::include_not_final`]: every source, `_source=NCH,DDPS,FISS,MCS,VMS,CWF`.
//!
//! v1 and v2 have no such parameters (BB2 drops them silently), so
//! [`Endpoints::eob_search`](super::Endpoints::eob_search) refuses a search that uses them on
//! a v1/v2 base with `requires_v3`.
//!
//! ```
//! use bluebutton_core::api::search::{ClaimSource, EobSearch, Endpoints};
//! let q = EobSearch::new().sources([ClaimSource::Nch, ClaimSource::Fiss]);
//! assert_eq!(q.to_query_string(), "_source=NCH%2CFISS");
//! let v3 = Endpoints::new("https://sandbox.bluebutton.cms.gov/v3/fhir/").unwrap();
//! assert!(v3.eob_search(&EobSearch::new().include_not_final()).is_ok());
//! let v2 = Endpoints::new("https://sandbox.bluebutton.cms.gov/v2/fhir/").unwrap();
//! assert_eq!(v2.eob_search(&q).unwrap_err().code(), "requires_v3");
//! ```

use std::str::FromStr;

use super::{ApiVersion, EobSearch, SearchError};
use crate::fhir::claim_kind::{FINAL_ACTION_SYSTEM, SYSTEM_TYPE_SYSTEM};

/// A source system of v3 claims (`_source`, `meta.source`).
///
/// ```
/// use bluebutton_core::api::search::ClaimSource;
/// assert_eq!("fiss".parse::<ClaimSource>(), Ok(ClaimSource::Fiss));
/// assert_eq!(ClaimSource::Ddps.as_str(), "DDPS");
/// assert!(ClaimSource::Cwf.is_shared_system());
/// assert!("EDPS".parse::<ClaimSource>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ClaimSource {
    /// National Claims History: final Part A/B claims.
    Nch,
    /// Fiscal Intermediary Shared System (Part A institutional claims, shared system).
    Fiss,
    /// Multi-Carrier System (Part B professional claims, shared system).
    Mcs,
    /// ViPS Medicare Shared System (durable medical equipment, shared system).
    Vms,
    /// Common Working File (shared system; the source of prior authorizations).
    Cwf,
    /// Drug Data Processing System: Part D prescription drug events.
    Ddps,
}

impl ClaimSource {
    /// Every source, in the order [`EobSearch::include_not_final`] sends them.
    ///
    /// ```
    /// assert_eq!(bluebutton_core::api::search::ClaimSource::ALL.len(), 6);
    /// ```
    pub const ALL: [ClaimSource; 6] = [
        Self::Nch,
        Self::Ddps,
        Self::Fiss,
        Self::Mcs,
        Self::Vms,
        Self::Cwf,
    ];

    /// The code the server uses (`NCH`, `FISS`, ...).
    ///
    /// ```
    /// assert_eq!(bluebutton_core::api::search::ClaimSource::Vms.as_str(), "VMS");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Nch => "NCH",
            Self::Fiss => "FISS",
            Self::Mcs => "MCS",
            Self::Vms => "VMS",
            Self::Cwf => "CWF",
            Self::Ddps => "DDPS",
        }
    }

    /// Whether the source is one of the Medicare shared systems (FISS, MCS, VMS, CWF), whose
    /// claims can arrive before they are final.
    ///
    /// ```
    /// use bluebutton_core::api::search::ClaimSource;
    /// assert!(!ClaimSource::Nch.is_shared_system());
    /// ```
    pub const fn is_shared_system(self) -> bool {
        matches!(self, Self::Fiss | Self::Mcs | Self::Vms | Self::Cwf)
    }
}

impl FromStr for ClaimSource {
    type Err = SearchError;

    /// Case-insensitive, surrounding blanks ignored.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        Self::ALL
            .into_iter()
            .find(|c| c.as_str().eq_ignore_ascii_case(t))
            .ok_or_else(|| SearchError::InvalidSource(s.to_owned()))
    }
}

/// A `_tag` the v3 EOB search accepts.
///
/// ```
/// use bluebutton_core::api::search::Tag;
/// assert_eq!(Tag::NotFinalAction.token(),
///     "https://bluebutton.cms.gov/fhir/CodeSystem/Final-Action|NotFinalAction");
/// assert_eq!("SharedSystem".parse::<Tag>(), Ok(Tag::SharedSystem));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Tag {
    /// System-Type `NationalClaimsHistory`.
    NationalClaimsHistory,
    /// System-Type `SharedSystem` (FISS, MCS, VMS, CWF; brings prior authorizations too).
    SharedSystem,
    /// System-Type `DDPS` (Part D).
    Ddps,
    /// Final-Action `FinalAction` (also lets prior authorizations through).
    FinalAction,
    /// Final-Action `NotFinalAction` (also lets prior authorizations through).
    NotFinalAction,
}

impl Tag {
    /// Every tag.
    ///
    /// ```
    /// assert_eq!(bluebutton_core::api::search::Tag::ALL.len(), 5);
    /// ```
    pub const ALL: [Tag; 5] = [
        Self::NationalClaimsHistory,
        Self::SharedSystem,
        Self::Ddps,
        Self::FinalAction,
        Self::NotFinalAction,
    ];

    /// The code system.
    ///
    /// ```
    /// use bluebutton_core::api::search::Tag;
    /// use bluebutton_core::fhir::claim_kind::FINAL_ACTION_SYSTEM;
    /// assert_eq!(Tag::FinalAction.system(), FINAL_ACTION_SYSTEM);
    /// ```
    pub const fn system(self) -> &'static str {
        match self {
            Self::FinalAction | Self::NotFinalAction => FINAL_ACTION_SYSTEM,
            _ => SYSTEM_TYPE_SYSTEM,
        }
    }

    /// The code.
    ///
    /// ```
    /// assert_eq!(bluebutton_core::api::search::Tag::Ddps.code(), "DDPS");
    /// ```
    pub const fn code(self) -> &'static str {
        match self {
            Self::NationalClaimsHistory => "NationalClaimsHistory",
            Self::SharedSystem => "SharedSystem",
            Self::Ddps => "DDPS",
            Self::FinalAction => "FinalAction",
            Self::NotFinalAction => "NotFinalAction",
        }
    }

    /// The search token `system|code`.
    ///
    /// ```
    /// assert!(bluebutton_core::api::search::Tag::SharedSystem.token().ends_with("System-Type|SharedSystem"));
    /// ```
    pub fn token(self) -> String {
        format!("{}|{}", self.system(), self.code())
    }
}

impl FromStr for Tag {
    type Err = SearchError;

    /// A bare code (`SharedSystem`, `NotFinalAction`, case-insensitive) or a whole
    /// `system|code` token whose system matches the code.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        let (system, code) = match t.split_once('|') {
            Some((sys, code)) => (Some(sys), code),
            None => (None, t),
        };
        Self::ALL
            .into_iter()
            .find(|tag| {
                tag.code().eq_ignore_ascii_case(code) && system.is_none_or(|s| s == tag.system())
            })
            .ok_or_else(|| SearchError::InvalidTag(s.to_owned()))
    }
}

impl EobSearch {
    /// Adds claim sources (`_source`, one parameter; the server reads the commas as OR).
    /// Duplicates are ignored. v3 only.
    ///
    /// ```
    /// use bluebutton_core::api::search::{ClaimSource, EobSearch};
    /// let q = EobSearch::new().sources([ClaimSource::Cwf]).sources([ClaimSource::Cwf, ClaimSource::Nch]);
    /// assert_eq!(q.to_query_string(), "_source=CWF%2CNCH");
    /// ```
    pub fn sources(mut self, sources: impl IntoIterator<Item = ClaimSource>) -> Self {
        for s in sources {
            if !self.sources.contains(&s) {
                self.sources.push(s);
            }
        }
        self
    }

    /// Adds claim sources from a comma list such as `"NCH, fiss"` (case-insensitive).
    ///
    /// ```
    /// use bluebutton_core::api::search::EobSearch;
    /// assert_eq!(EobSearch::new().source_list("nch,FISS").unwrap().to_query_string(), "_source=NCH%2CFISS");
    /// assert_eq!(EobSearch::new().source_list("NCH,EDPS").unwrap_err().code(), "invalid_claim_source");
    /// ```
    pub fn source_list(self, list: &str) -> Result<Self, SearchError> {
        let parsed = list
            .split(',')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(ClaimSource::from_str)
            .collect::<Result<Vec<_>, _>>()?;
        Ok(self.sources(parsed))
    }

    /// Asks for the recent claims that are not final yet, from every source:
    /// `_source=NCH,DDPS,FISS,MCS,VMS,CWF`. Because `CWF` is among them, prior authorizations
    /// come too (at the end of the results). Such claims may still change and their amounts
    /// are not final: see `fhir::ClaimKind`. v3 only.
    ///
    /// ```
    /// use bluebutton_core::api::search::EobSearch;
    /// assert_eq!(EobSearch::new().include_not_final().to_query_string(),
    ///            "_source=NCH%2CDDPS%2CFISS%2CMCS%2CVMS%2CCWF");
    /// ```
    pub fn include_not_final(self) -> Self {
        self.sources(ClaimSource::ALL)
    }

    /// Adds a `_tag` (duplicates ignored). v3 only.
    ///
    /// ```
    /// use bluebutton_core::api::search::{EobSearch, Tag};
    /// let q = EobSearch::new().tag(Tag::SharedSystem).tag(Tag::NotFinalAction);
    /// assert_eq!(q.to_query().len(), 2); // System-Type AND Final-Action
    /// ```
    pub fn tag(mut self, tag: Tag) -> Self {
        if !self.tags.contains(&tag) {
            self.tags.push(tag);
        }
        self
    }

    /// Adds tags by code or `system|code` token (see [`Tag`]'s `FromStr`).
    ///
    /// ```
    /// use bluebutton_core::api::search::EobSearch;
    /// assert!(EobSearch::new().tags(["FinalAction"]).is_ok());
    /// assert_eq!(EobSearch::new().tags(["Final"]).unwrap_err().code(), "invalid_tag");
    /// ```
    pub fn tags<'a>(
        mut self,
        tags: impl IntoIterator<Item = &'a str>,
    ) -> Result<Self, SearchError> {
        for t in tags {
            self = self.tag(t.parse()?);
        }
        Ok(self)
    }

    /// Whether the search uses a v3-only option, and which (`_source` or `_tag`).
    ///
    /// ```
    /// use bluebutton_core::api::search::{EobSearch, Tag};
    /// assert_eq!(EobSearch::new().v3_only_option(), None);
    /// assert_eq!(EobSearch::new().tag(Tag::FinalAction).v3_only_option(), Some("_tag"));
    /// ```
    pub fn v3_only_option(&self) -> Option<&'static str> {
        if !self.sources.is_empty() {
            Some("_source")
        } else if !self.tags.is_empty() {
            Some("_tag")
        } else {
            None
        }
    }

    /// Refuses options that `version` does not have (`_source`/`_tag` before v3).
    ///
    /// ```
    /// use bluebutton_core::api::search::{ApiVersion, EobSearch};
    /// let q = EobSearch::new().include_not_final();
    /// assert!(q.check_version(ApiVersion::V3).is_ok());
    /// assert_eq!(q.check_version(ApiVersion::V1).unwrap_err().to_string(),
    ///   "_source is a v3 option: API v1 has no claim sources or tags; use a v3 session, or leave it out");
    /// ```
    pub fn check_version(&self, version: ApiVersion) -> Result<(), SearchError> {
        match self.v3_only_option() {
            Some(option) if version != ApiVersion::V3 => Err(SearchError::V3Only {
                option,
                version: version.number(),
            }),
            _ => Ok(()),
        }
    }

    /// The `_source` and `_tag` query pairs.
    pub(super) fn source_pairs(&self) -> Vec<(String, String)> {
        let mut q = Vec::new();
        if !self.sources.is_empty() {
            let list: Vec<&str> = self.sources.iter().map(|s| s.as_str()).collect();
            q.push(("_source".to_owned(), list.join(",")));
        }
        for system in [SYSTEM_TYPE_SYSTEM, FINAL_ACTION_SYSTEM] {
            let group: Vec<String> = self
                .tags
                .iter()
                .filter(|t| t.system() == system)
                .map(|t| t.token())
                .collect();
            if !group.is_empty() {
                q.push(("_tag".to_owned(), group.join(",")));
            }
        }
        q
    }
}
