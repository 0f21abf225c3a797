//! The downloaded claims history the screens show: the table rows and the summary the parse
//! worker built, the page bodies as the server sent them, and when it was last synced.

use bluebutton_wasm::core::fhir::ClaimSummary;

use crate::model::Row;
use crate::worker::built::Built;

/// The downloaded claims history, with everything the screens derive from it.
///
/// The rows and the summary come from the parse worker ([`crate::worker`]); the typed claims
/// are not held: [`Claims::place`] says which page a claim sits in, for the worker to parse
/// when the claim is opened.
#[derive(Debug)]
pub struct Claims {
    /// One table row per claim, in history order.
    pub rows: Vec<Row>,
    /// Counts, amounts, per type and per month.
    pub summary: ClaimSummary,
    /// The decoded page bodies (lossless JSON exports), newest first after a sync.
    pub pages: Vec<Vec<u8>>,
    /// When the download (or the last sync) started: the next sync asks for claims
    /// updated after it (`_lastUpdated=gt…`).
    pub synced_at: String,
    /// What the last sync brought, if one ran.
    pub last_sync: Option<SyncReport>,
    /// Where claim `i` sits in `pages`: `(page, entry)`.
    at: Vec<(u32, u32)>,
}

/// What a sync found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncReport {
    /// Claims that were not in the history.
    pub new: usize,
    /// Claims already there, replaced by the server's newer version.
    pub updated: usize,
    /// When it ran.
    pub at: String,
}

impl Claims {
    /// The history from its pages and the view model built from them.
    pub fn from_built(
        built: Built,
        pages: Vec<Vec<u8>>,
        synced_at: String,
        last_sync: Option<SyncReport>,
    ) -> Self {
        Self {
            rows: built.rows,
            summary: built.summary,
            pages,
            synced_at,
            last_sync,
            at: built.at,
        }
    }

    /// Number of claims.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether there is no claim.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The page body the claim with this id sits in, and its entry index there.
    pub fn place(&self, id: &str) -> Option<(&[u8], u32)> {
        let i = self.rows.iter().position(|r| r.id.as_deref() == Some(id))?;
        let &(page, entry) = self.at.get(i)?;
        Some((self.pages.get(page as usize)?, entry))
    }

    /// Where every claim sits in [`Claims::pages`], in history order: `(page, entry)`.
    pub fn places(&self) -> &[(u32, u32)] {
        &self.at
    }
}

impl Claims {
    /// "2,400 claims", or with what is counted apart: "2,403 final claims, 3 not final yet
    /// and 2 prior authorizations".
    pub fn describe(&self) -> String {
        let s = &self.summary;
        let count = crate::model::count;
        if s.not_final.claims + s.prior_authorizations.claims == 0 {
            return format!("{} claims", count(self.len() as u64));
        }
        format!(
            "{} final claims, {} not final yet and {} prior authorizations",
            count(s.claims),
            count(s.not_final.claims),
            count(s.prior_authorizations.claims)
        )
    }
}
