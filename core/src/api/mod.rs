//! The Blue Button API: environments and versions, FHIR search URLs, paging plans and the
//! API's error bodies.

pub mod env;
pub mod error;
pub mod paging;
pub mod search;
