//! v3 EOB `_source` and `_tag` (API doc §12.3-§12.4): BB2's defaults, BFD server-ng's
//! validation and errors, and which claims and prior authorizations a search returns.
//!
//! * BB2 (`generic.py`): a Part-D-only token gets `_source=DDPS` and loses any `_tag`;
//!   otherwise a query naming neither `_tag` nor `_source` gets `_source=NCH,DDPS`. The added
//!   parameter is part of the query, so it appears in the paging links.
//! * server-ng: each `_source` parameter is a group (a comma is OR, a repeated parameter AND),
//!   same for `_tag` (`system|code` tokens). Prior authorizations come only when every
//!   `_source` group contains CWF and every `_tag` group has a Final-Action tag or the
//!   SharedSystem System-Type tag.

use axum::http::StatusCode;
use axum::response::Response;
use serde_json::json;

use crate::data::claims::Claim;
use crate::data::kinds::Source;
use crate::http::{encode_pairs, json_resp};

const SYSTEM_TYPE: &str = "https://bluebutton.cms.gov/fhir/CodeSystem/System-Type";
const FINAL_ACTION: &str = "https://bluebutton.cms.gov/fhir/CodeSystem/Final-Action";

/// The query BB2 forwards for a v3 EOB search (see the module docs). BB2 tests the raw query
/// string for the substrings `_tag` and `_source`; the decoded pairs re-encoded stand in for it.
pub fn with_bb2_defaults(query: &[(String, String)], part_d_only: bool) -> Vec<(String, String)> {
    if part_d_only {
        let mut q: Vec<(String, String)> = query
            .iter()
            .filter(|(k, _)| k != "_source" && k != "_tag")
            .cloned()
            .collect();
        q.push(("_source".into(), "DDPS".into()));
        return q;
    }
    let raw = encode_pairs(query.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    let mut q = query.to_vec();
    if !raw.contains("_tag") && !raw.contains("_source") {
        q.push(("_source".into(), "NCH,DDPS".into()));
    }
    q
}

/// One `_tag` token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TagCond {
    /// A System-Type code (`NationalClaimsHistory`, `SharedSystem`, `DDPS`).
    SystemType(&'static str),
    /// Final-Action: `FinalAction` (true) or `NotFinalAction`.
    FinalAction(bool),
}

impl TagCond {
    fn claim_ok(self, c: &Claim) -> bool {
        match self {
            TagCond::SystemType(t) => c.source.system_type() == t,
            TagCond::FinalAction(f) => c.final_action == f,
        }
    }
    /// Whether this token lets prior authorizations through.
    fn prior_auth_ok(self) -> bool {
        matches!(
            self,
            TagCond::FinalAction(_) | TagCond::SystemType("SharedSystem")
        )
    }
}

/// The `_source` and `_tag` groups of a v3 EOB search.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    sources: Vec<Vec<Source>>,
    tags: Vec<Vec<TagCond>>,
}

/// BFD's 400: an OperationOutcome, passed through by BB2 with its status (doc §12.5).
pub fn operation_outcome(msg: &str) -> Response {
    json_resp(
        StatusCode::BAD_REQUEST,
        &json!({"resourceType": "OperationOutcome", "issue": [
            {"severity": "error", "code": "processing", "diagnostics": msg}
        ]}),
    )
}

fn parse_tag(token: &str) -> Result<TagCond, Response> {
    let Some((system, code)) = token.split_once('|') else {
        return Err(operation_outcome(
            "Searching by tag requires a token (system|code) to be specified.",
        ));
    };
    let unsupported = || operation_outcome(&format!("Unsupported _tag value: {code}"));
    match system {
        SYSTEM_TYPE => ["NationalClaimsHistory", "SharedSystem", "DDPS"]
            .into_iter()
            .find(|c| c.eq_ignore_ascii_case(code))
            .map(TagCond::SystemType)
            .ok_or_else(unsupported),
        FINAL_ACTION if code.eq_ignore_ascii_case("FinalAction") => Ok(TagCond::FinalAction(true)),
        FINAL_ACTION if code.eq_ignore_ascii_case("NotFinalAction") => {
            Ok(TagCond::FinalAction(false))
        }
        FINAL_ACTION => Err(unsupported()),
        other => Err(operation_outcome(&format!(
            "Invalid tag system specified: {other}"
        ))),
    }
}

impl Filter {
    /// Reads the `_source` and `_tag` parameters of `kept` (after [`with_bb2_defaults`]).
    pub fn parse(kept: &[(String, String)]) -> Result<Self, Response> {
        let mut f = Filter::default();
        for (k, v) in kept {
            let parts = v.split(',').map(str::trim).filter(|p| !p.is_empty());
            match k.as_str() {
                "_source" => {
                    let group = parts
                        .map(|p| {
                            Source::parse(p).ok_or_else(|| {
                                operation_outcome(
                                    "Unknown source. Supported sources are: [DDPS, NCH, MCS, VMS, FISS, CWF]",
                                )
                            })
                        })
                        .collect::<Result<Vec<_>, _>>()?;
                    if !group.is_empty() {
                        f.sources.push(group);
                    }
                }
                "_tag" => {
                    let group = parts.map(parse_tag).collect::<Result<Vec<_>, _>>()?;
                    if !group.is_empty() {
                        f.tags.push(group);
                    }
                }
                _ => {}
            }
        }
        Ok(f)
    }

    /// Whether a claim passes every `_source` group and every `_tag` group.
    pub fn claim_ok(&self, c: &Claim) -> bool {
        self.sources.iter().all(|g| g.contains(&c.source))
            && self.tags.iter().all(|g| g.iter().any(|t| t.claim_ok(c)))
    }

    /// Whether prior authorizations are part of the results.
    pub fn wants_prior_auths(&self) -> bool {
        self.sources.iter().all(|g| g.contains(&Source::Cwf))
            && self
                .tags
                .iter()
                .all(|g| g.iter().any(|t| t.prior_auth_ok()))
    }
}
