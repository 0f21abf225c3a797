//! One claim's detail as plain text for the view, built from the typed claim where it is
//! parsed (in the parse worker) and sent to the page as JSON: the
//! page renders it without the typed FHIR model.

use bluebutton_wasm::core::fhir::eob::Adjudication;
use bluebutton_wasm::core::fhir::ExplanationOfBenefit;
use bluebutton_wasm::core::json::{Fields, FromJson, Json};
use serde::{Deserialize, Serialize};

use crate::model::{
    concept_text, first_code, money, provider_id, status_class, status_label, type_label,
};

/// Everything the claim detail panel shows, formatted.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Detail {
    /// The panel's title ("Inpatient hospital claim", "Prior authorization").
    pub title: String,
    /// The badge of a claim that is not final, with its CSS class and what it means.
    pub badge: Option<Badge>,
    /// The claim's id.
    pub id: String,
    /// `status` (`active`, ...).
    pub status: String,
    /// Where the claim came from (v3), when given.
    pub source: Option<String>,
    /// The outcome (v3), when given.
    pub outcome: Option<String>,
    /// The service dates ("2024-01-02 to 2024-01-05"), or an em dash.
    pub dates: String,
    /// The provider's name and number, as far as the claim gives them.
    pub provider: String,
    /// Amount billed (formatted).
    pub billed: String,
    /// Amount allowed (formatted).
    pub allowed: String,
    /// Amount Medicare paid (formatted).
    pub paid: String,
    /// The claim-level adjudications, or empty.
    pub totals: String,
    /// The diagnoses.
    pub diagnoses: Vec<DiagnosisLine>,
    /// The claim lines.
    pub lines: Vec<ItemLine>,
}

/// The detail as the parse worker's JSON gives it (read on the page without a typed serde reader).
impl FromJson for Detail {
    fn from_json(value: &Json) -> Result<Self, String> {
        let f = Fields::of(value)?;
        Ok(Self {
            title: f.string("title")?,
            badge: f.read("badge")?,
            id: f.string("id")?,
            status: f.string("status")?,
            source: f.opt_string("source")?,
            outcome: f.opt_string("outcome")?,
            dates: f.string("dates")?,
            provider: f.string("provider")?,
            billed: f.string("billed")?,
            allowed: f.string("allowed")?,
            paid: f.string("paid")?,
            totals: f.string("totals")?,
            diagnoses: f.read("diagnoses")?,
            lines: f.read("lines")?,
        })
    }
}

/// The badge of a claim that is not final.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Badge {
    /// "Not final yet" or "Prior authorization".
    pub label: String,
    /// Its CSS class.
    pub class: String,
    /// What it means for the person.
    pub note: String,
}

impl FromJson for Badge {
    fn from_json(value: &Json) -> Result<Self, String> {
        let f = Fields::of(value)?;
        Ok(Self {
            label: f.string("label")?,
            class: f.string("class")?,
            note: f.string("note")?,
        })
    }
}

/// One diagnosis row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DiagnosisLine {
    /// `sequence`, or empty.
    pub sequence: String,
    /// The first code.
    pub code: String,
    /// Its name, where the data (or the library's table) gives one.
    pub name: String,
    /// Principal, admitting, ...
    pub kind: String,
}

impl FromJson for DiagnosisLine {
    fn from_json(value: &Json) -> Result<Self, String> {
        let f = Fields::of(value)?;
        Ok(Self {
            sequence: f.string("sequence")?,
            code: f.string("code")?,
            name: f.string("name")?,
            kind: f.string("kind")?,
        })
    }
}

/// One claim line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemLine {
    /// `sequence`, or empty.
    pub sequence: String,
    /// The service date, or empty.
    pub date: String,
    /// The service code.
    pub code: String,
    /// The service's name, or empty.
    pub name: String,
    /// The quantity, or empty.
    pub quantity: String,
    /// The net amount (formatted).
    pub net: String,
    /// The line's adjudications.
    pub adjudication: String,
}

impl FromJson for ItemLine {
    fn from_json(value: &Json) -> Result<Self, String> {
        let f = Fields::of(value)?;
        Ok(Self {
            sequence: f.string("sequence")?,
            date: f.string("date")?,
            code: f.string("code")?,
            name: f.string("name")?,
            quantity: f.string("quantity")?,
            net: f.string("net")?,
            adjudication: f.string("adjudication")?,
        })
    }
}

impl Detail {
    /// The detail of `eob`.
    pub fn new(eob: &ExplanationOfBenefit) -> Self {
        let prior = eob.is_prior_authorization();
        let amounts = eob.amounts();
        let badge = status_label(eob.kind).map(|label| Badge {
            label: label.to_owned(),
            class: status_class(eob.kind).to_owned(),
            note: if prior {
                "A request approved or denied before care; not a claim, and not counted in any total."
            } else {
                "Medicare is still processing this claim: it may change, and it is not counted in the paid totals."
            }
            .to_owned(),
        });
        let dates = eob
            .service_date_range()
            .map(|(a, b)| {
                if a == b {
                    a.to_owned()
                } else {
                    format!("{a} to {b}")
                }
            })
            .unwrap_or_else(|| "—".into());
        let provider = match (eob.provider_name(), provider_id(eob)) {
            (Some(name), Some(id)) => format!("{name} ({id})"),
            (Some(name), None) => name.to_owned(),
            (None, id) => id.unwrap_or_default(),
        };
        let diagnoses = eob
            .diagnosis
            .iter()
            .map(|d| DiagnosisLine {
                sequence: d.sequence.map(|s| s.to_string()).unwrap_or_default(),
                code: d
                    .diagnosis_codeable_concept
                    .as_ref()
                    .and_then(first_code)
                    .unwrap_or_default(),
                name: d.name().unwrap_or_default().to_owned(),
                kind: d
                    .type_
                    .iter()
                    .map(concept_text)
                    .collect::<Vec<_>>()
                    .join(", "),
            })
            .collect();
        let lines = eob
            .item
            .iter()
            .map(|item| ItemLine {
                sequence: item.sequence.map(|s| s.to_string()).unwrap_or_default(),
                date: item.service_date().unwrap_or_default().to_owned(),
                code: item.service_code().and_then(first_code).unwrap_or_default(),
                name: item.service_name().unwrap_or_default().to_owned(),
                quantity: item
                    .quantity
                    .as_ref()
                    .and_then(|q| q.value)
                    .map(|v| v.to_string())
                    .unwrap_or_default(),
                net: money(item.net.as_ref().and_then(|m| m.value)),
                adjudication: adjudications(&item.adjudication),
            })
            .collect();
        Self {
            title: if prior {
                "Prior authorization".to_owned()
            } else {
                format!("{} claim", type_label(eob.claim_type))
            },
            badge,
            id: eob.id.clone().unwrap_or_default(),
            status: eob.status.clone().unwrap_or_default(),
            source: eob.source.clone(),
            outcome: eob.outcome.clone(),
            dates,
            provider,
            billed: money(amounts.submitted),
            allowed: money(amounts.allowed),
            paid: money(amounts.paid),
            totals: adjudications(&eob.adjudication),
            diagnoses,
            lines,
        }
    }
}

/// Adjudications as `category: amount` pairs joined by `; `.
fn adjudications(list: &[Adjudication]) -> String {
    list.iter()
        .filter_map(|a| {
            let what = a.category.as_ref().map(concept_text)?;
            let value = a
                .amount
                .as_ref()
                .and_then(|m| m.value)
                .map(|v| money(Some(v)))
                .or_else(|| a.value.map(|v| v.to_string()))
                .or_else(|| a.reason.as_ref().map(concept_text))?;
            Some(format!("{what}: {value}"))
        })
        .collect::<Vec<_>>()
        .join("; ")
}
