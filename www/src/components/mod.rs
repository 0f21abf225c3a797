//! Reusable pieces: the error panel, a fetched card (Suspense + ErrorBoundary), the download
//! progress bar, the SVG charts, the claim detail panel and the v3 "not yet final" toggle.

pub mod charts;
pub mod claim_detail;
pub mod fetched;
pub mod not_final;
pub mod problem;
pub mod progress;
