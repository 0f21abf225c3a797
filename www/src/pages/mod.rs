//! The screens: connect (and the secret prompt on return), the signed-in dashboard with its
//! sections, each at its own address (overview, claims explorer, charts, export, and the insurance card on v3).

pub mod card;
pub mod charts;
pub mod claims;
pub mod connect;
pub mod dashboard;
pub mod export;
pub mod not_found;
pub mod overview;
