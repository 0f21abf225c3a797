//! What the Overview shows of the Patient and the Coverage: built in the parse worker from
//! the typed resources and sent to the page as JSON, so the page links no FHIR parser.

use bluebutton_wasm::core::fhir::{Coverage, Patient};
use bluebutton_wasm::core::json::{Fields, FromJson, Json};
use serde::{Deserialize, Serialize};

/// The patient card's lines (empty strings are not shown).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PatientView {
    /// The name as printed, or a note that there is none.
    pub name: String,
    /// `YYYY-MM-DD` as the data gives it.
    pub birth_date: String,
    /// As the data gives it.
    pub gender: String,
    /// City, state and ZIP code of the first address.
    pub lives_in: String,
    /// The Medicare patient id.
    pub id: String,
}

/// The view as the parse worker's JSON gives it (read on the page without a typed serde reader).
impl FromJson for PatientView {
    fn from_json(value: &Json) -> Result<Self, String> {
        let f = Fields::of(value)?;
        Ok(Self {
            name: f.string("name")?,
            birth_date: f.string("birth_date")?,
            gender: f.string("gender")?,
            lives_in: f.string("lives_in")?,
            id: f.string("id")?,
        })
    }
}

impl PatientView {
    /// The card's lines of `p`.
    pub fn new(p: &Patient) -> Self {
        let lives_in = p
            .address
            .first()
            .map(|a| {
                [
                    a.city.as_deref(),
                    a.state.as_deref(),
                    a.postal_code.as_deref(),
                ]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(", ")
            })
            .unwrap_or_default();
        Self {
            name: p
                .display_name()
                .unwrap_or_else(|| "(no name on file)".into()),
            birth_date: p.birth_date.clone().unwrap_or_default(),
            gender: p.gender.clone().unwrap_or_default(),
            lives_in,
            id: p.id.clone().unwrap_or_default(),
        }
    }
}

/// One line of the coverage card.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CoverageView {
    /// "Part A" etc.
    pub part: String,
    /// `active`, `cancelled`…, or `unknown`.
    pub status: String,
    /// The period's start, when there is one.
    pub since: Option<String>,
}

/// The view as the parse worker's JSON gives it (read on the page without a typed serde reader).
impl FromJson for CoverageView {
    fn from_json(value: &Json) -> Result<Self, String> {
        let f = Fields::of(value)?;
        Ok(Self {
            part: f.string("part")?,
            status: f.string("status")?,
            since: f.opt_string("since")?,
        })
    }
}

impl CoverageView {
    /// The line of `c`.
    pub fn new(c: &Coverage) -> Self {
        Self {
            part: part_label(c),
            status: c.status.clone().unwrap_or_else(|| "unknown".into()),
            since: c
                .period
                .as_ref()
                .and_then(|p| p.start.as_ref())
                .map(|s| s.to_string()),
        }
    }
}

/// "Part A" etc. from the plan class, the v1 grouping-shaped id, or the type.
fn part_label(c: &Coverage) -> String {
    let plan = c.class.iter().find(|k| {
        k.type_
            .as_ref()
            .and_then(|t| t.first_code())
            .is_some_and(|code| code == "plan")
    });
    if let Some(v) = plan.and_then(|k| k.value.clone().or_else(|| k.name.clone())) {
        return v;
    }
    let id = c.id.as_deref().unwrap_or_default();
    if let Some(rest) = id.strip_prefix("part-") {
        let letter = rest.chars().next().unwrap_or('?').to_ascii_uppercase();
        return format!("Part {letter}");
    }
    c.type_
        .as_ref()
        .map(crate::model::concept_text)
        .unwrap_or_else(|| "Coverage".into())
}
