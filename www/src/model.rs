//! View models: one table row per claim, and text formatting (money, claim type names).

use bluebutton_wasm::core::fhir::types::{CodeableConcept, Reference};
use bluebutton_wasm::core::fhir::{ClaimKind, ClaimType, ExplanationOfBenefit};
use bluebutton_wasm::core::json::{Fields, FromJson, Json};

/// One claim, flattened for the table, filters and sorting (built in the parse worker and
/// sent to the page as JSON, see [`crate::worker`]).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Row {
    /// Index into the claims list.
    pub idx: usize,
    /// The claim's id (its address in the app), when it has one.
    pub id: Option<String>,
    /// First service date (`YYYY-MM-DD`), or empty.
    pub date: String,
    /// Last service date, or empty.
    pub end: String,
    /// The claim type.
    pub kind: ClaimType,
    /// Final claim, not final yet, or prior authorization (v3).
    pub status: ClaimKind,
    /// Provider (display, NPI or reference), or empty.
    pub provider: String,
    /// What the claim was for in plain words: the names the data gives (drugs, services,
    /// diagnoses; common codes named by the library's table), else a few bare codes.
    pub codes: String,
    /// Amount billed.
    pub submitted: Option<f64>,
    /// Amount Medicare paid.
    pub paid: Option<f64>,
    /// Lowercase text searched by the search box.
    pub haystack: String,
}

/// The row as the parse worker's JSON gives it (read on the page without a typed serde reader).
impl FromJson for Row {
    fn from_json(value: &Json) -> Result<Self, String> {
        let f = Fields::of(value)?;
        Ok(Self {
            idx: f.u64("idx")? as usize,
            id: f.opt_string("id")?,
            date: f.string("date")?,
            end: f.string("end")?,
            kind: f.read("kind")?,
            status: f.read("status")?,
            provider: f.string("provider")?,
            codes: f.string("codes")?,
            submitted: f.opt_number("submitted")?,
            paid: f.opt_number("paid")?,
            haystack: f.string("haystack")?,
        })
    }
}

impl Row {
    /// Builds the row of claim `idx`.
    pub fn new(idx: usize, eob: &ExplanationOfBenefit) -> Self {
        // A prior authorization has no service date: its decision date (`created`) stands in.
        let created = (eob.kind == ClaimKind::PriorAuthorization)
            .then(|| eob.created.as_deref().and_then(|c| c.get(..10)))
            .flatten()
            .filter(|d| d.bytes().all(|b| b.is_ascii_digit() || b == b'-'));
        let (date, end) = eob
            .service_date_range()
            .or(created.map(|d| (d, d)))
            .map(|(a, b)| (a.to_owned(), b.to_owned()))
            .unwrap_or_default();
        let provider = provider_of(eob);
        let mut codes: Vec<String> = Vec::new();
        for d in &eob.diagnosis {
            if let Some(c) = d.diagnosis_codeable_concept.as_ref().and_then(first_code) {
                push_unique(&mut codes, c);
            }
        }
        for item in &eob.item {
            if let Some(c) = item.service_code().and_then(first_code) {
                push_unique(&mut codes, c);
            }
        }
        let amounts = eob.amounts();
        let names = eob.plain_names();
        let haystack = crate::text::lower(&format!(
            "{} {} {} {} {} {} {}",
            eob.id.as_deref().unwrap_or_default(),
            status_label(eob.kind).unwrap_or_default(),
            type_label(eob.claim_type),
            provider,
            provider_id(eob).unwrap_or_default(),
            codes.join(" "),
            names.join(" "),
        ));
        // Plain words when the claim names anything; the bare codes stay in the detail.
        if !names.is_empty() {
            codes = names.iter().take(3).map(|n| (*n).to_owned()).collect();
        }
        codes.truncate(4);
        Self {
            idx,
            id: eob.id.clone(),
            date,
            end,
            kind: eob.claim_type,
            status: eob.kind,
            provider,
            codes: codes.join(", "),
            submitted: amounts.submitted,
            paid: amounts.paid,
            haystack,
        }
    }
}

fn push_unique(list: &mut Vec<String>, code: String) {
    if !list.contains(&code) {
        list.push(code);
    }
}

/// The first code of a concept (or its text).
pub fn first_code(c: &CodeableConcept) -> Option<String> {
    c.first_code()
        .map(str::to_owned)
        .or_else(|| c.text.as_deref().map(str::to_owned))
}

/// The first display text of a concept (or its code).
pub fn concept_text(c: &CodeableConcept) -> String {
    c.coding
        .iter()
        .find_map(|x| x.display.as_deref().map(str::to_owned))
        .or_else(|| c.text.as_deref().map(str::to_owned))
        .or_else(|| first_code(c))
        .unwrap_or_default()
}

/// The provider of a claim: its name where the claim gives one, else a number (NPI) or
/// reference (provider, organization, facility, then the care team).
pub fn provider_of(eob: &ExplanationOfBenefit) -> String {
    if let Some(name) = eob.provider_name() {
        return name.to_owned();
    }
    provider_id(eob).unwrap_or_default()
}

/// The provider's number (NPI) or reference, without the name.
pub fn provider_id(eob: &ExplanationOfBenefit) -> Option<String> {
    let id = |r: &Reference| {
        r.identifier
            .as_ref()
            .and_then(|i| i.value.as_deref())
            .or(r.reference.as_deref())
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
    };
    [&eob.provider, &eob.organization, &eob.facility]
        .into_iter()
        .flatten()
        .find_map(id)
        .or_else(|| {
            eob.care_team
                .iter()
                .filter_map(|c| c.provider.as_ref())
                .find_map(id)
        })
}

/// The badge of a claim that is not a final claim (`None` for a final one).
pub fn status_label(k: ClaimKind) -> Option<&'static str> {
    match k {
        ClaimKind::NotFinal => Some("Not final yet"),
        ClaimKind::PriorAuthorization => Some("Prior authorization"),
        _ => None,
    }
}

/// The CSS class of a status badge.
pub fn status_class(k: ClaimKind) -> &'static str {
    match k {
        ClaimKind::NotFinal => "badge not-final",
        ClaimKind::PriorAuthorization => "badge prior-auth",
        _ => "badge",
    }
}

/// A human name for a claim type.
pub fn type_label(t: ClaimType) -> &'static str {
    match t {
        ClaimType::Carrier => "Doctor & supplier (Part B)",
        ClaimType::Dme => "Medical equipment",
        ClaimType::Hha => "Home health",
        ClaimType::Hospice => "Hospice",
        ClaimType::Inpatient => "Inpatient hospital",
        ClaimType::Outpatient => "Outpatient hospital",
        ClaimType::Pde => "Prescription drugs (Part D)",
        ClaimType::Snf => "Skilled nursing",
        ClaimType::Unknown => "Other",
    }
}

/// A short name for a claim type (chips, legends).
pub fn type_short(t: ClaimType) -> &'static str {
    match t {
        ClaimType::Carrier => "Carrier",
        ClaimType::Dme => "DME",
        ClaimType::Hha => "Home health",
        ClaimType::Hospice => "Hospice",
        ClaimType::Inpatient => "Inpatient",
        ClaimType::Outpatient => "Outpatient",
        ClaimType::Pde => "Drugs (PDE)",
        ClaimType::Snf => "SNF",
        ClaimType::Unknown => "Other",
    }
}

/// `$1,234.56` (or an em dash when absent).
pub fn money(v: Option<f64>) -> String {
    let Some(v) = v else {
        return "—".to_owned();
    };
    let cents = (v * 100.0).round() as i64;
    let sign = if cents < 0 { "-" } else { "" };
    let cents = cents.unsigned_abs();
    format!("{sign}${}.{:02}", count(cents / 100), cents % 100)
}

/// `1,234`.
pub fn count(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// Escapes text for HTML/SVG markup.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}
