//! The app's view model of a claims history, built from its pages in the parse worker.

use bluebutton_wasm::browser::BrowserError;
use bluebutton_wasm::core::api::paging::assemble_positions;
use bluebutton_wasm::core::fhir::export::claim_lines_csv;
use bluebutton_wasm::core::fhir::{
    parse_bundle, parse_bundle_in, text::Interner, Bundle, ClaimSummary, ExplanationOfBenefit,
    Resource, SummaryBuilder,
};
use bluebutton_wasm::core::json::{Fields, FromJson, Json};
use serde::{Deserialize, Serialize};

use super::detail::Detail;
use crate::model::Row;

/// What the claims screens show, without the typed claims: one row per claim, the summary,
/// and each claim's place in the pages (`(page, entry)`), to parse it again when opened.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Built {
    /// One row per claim, in history order.
    pub rows: Vec<Row>,
    /// Where claim `i` sits: page index and entry index in that page.
    pub at: Vec<(u32, u32)>,
    /// Counts and amounts.
    pub summary: ClaimSummary,
}

/// The view model as the parse worker's JSON gives it (read on the page without a typed serde reader).
impl FromJson for Built {
    fn from_json(value: &Json) -> Result<Self, String> {
        let f = Fields::of(value)?;
        Ok(Self {
            rows: f.read("rows")?,
            at: f.read("at")?,
            summary: f.read("summary")?,
        })
    }
}

/// How the pages are joined.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Check {
    /// A download: the count must equal this `Bundle.total` when there is one (v1/v2).
    Total(Option<u64>),
    /// Kept or merged pages (newest first): the first copy of a claim wins, no count check;
    /// the summary's total is the number of claims.
    FirstWins,
}

/// Builds the view model from parsed pages.
pub fn build(pages: &[Bundle], check: Check) -> Result<Built, BrowserError> {
    let expected = match check {
        Check::Total(t) => t,
        Check::FirstWins => None,
    };
    let positions = assemble_positions(pages, expected)?;
    let mut builder = SummaryBuilder::new();
    let mut out = Built::default();
    for (p, e) in positions {
        let Some(eob) = eob_at(pages, p, e) else {
            continue;
        };
        builder.add_eob(eob);
        out.rows.push(Row::new(out.rows.len(), eob));
        out.at.push((p as u32, e as u32));
    }
    out.summary = builder.finish();
    out.summary.total = match check {
        Check::Total(t) => t,
        Check::FirstWins => Some(out.rows.len() as u64),
    };
    Ok(out)
}

/// Parses page `n` (from 0) of a history: a failure names the page. The pages of one history
/// share one `interner`, so their repeated strings (code systems, codes, displays) are held once.
pub fn parse_page(interner: &mut Interner, n: usize, body: &[u8]) -> Result<Bundle, BrowserError> {
    parse_bundle_in(interner, body).map_err(|e| BrowserError::PageFailed {
        page: n + 1,
        url: format!("page {} of the history", n + 1),
        source: Box::new(e.into()),
    })
}

/// The claim at `(page, entry)`, if that entry is an ExplanationOfBenefit.
pub fn eob_at(pages: &[Bundle], page: usize, entry: usize) -> Option<&ExplanationOfBenefit> {
    match pages.get(page)?.entry.get(entry)?.resource.as_ref()? {
        Resource::ExplanationOfBenefit(eob) => Some(eob),
        _ => None,
    }
}

/// The detail of the claim at `entry` of a page body: the page is parsed, the claim formatted.
pub fn detail_bytes(body: &[u8], entry: usize) -> Result<Detail, String> {
    let page = parse_bundle(body).map_err(|e| e.to_string())?;
    detail_of(std::slice::from_ref(&page), 0, entry)
}

/// The detail of the claim at `(page, entry)` of parsed pages.
pub fn detail_of(pages: &[Bundle], page: usize, entry: usize) -> Result<Detail, String> {
    eob_at(pages, page, entry)
        .map(Detail::new)
        .ok_or_else(|| "the claim is no longer in its page: download the history again".into())
}

/// The CSV of claim lines ([`claim_lines_csv`]) of the claims at `at` (history order) in
/// parsed pages (moved out of them, not copied: a long history's claims are held once).
pub fn csv_of(pages: Vec<Bundle>, at: &[(u32, u32)]) -> String {
    let mut entries: Vec<Vec<Option<Resource>>> = pages
        .into_iter()
        .map(|page| page.entry.into_iter().map(|e| e.resource).collect())
        .collect();
    let eobs: Vec<ExplanationOfBenefit> = at
        .iter()
        .filter_map(
            |&(p, e)| match entries.get_mut(p as usize)?.get_mut(e as usize)?.take()? {
                Resource::ExplanationOfBenefit(eob) => Some(*eob),
                _ => None,
            },
        )
        .collect();
    claim_lines_csv(&eobs)
}
