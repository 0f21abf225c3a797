//! Reusable pieces: the error panel, the download progress bar, the SVG charts and the
//! claim detail panel.

pub mod charts;
pub mod claim_detail;
pub mod problem;
pub mod progress;
