//! The JavaScript exports (feature `js`, on in the npm build): conversion and error mapping
//! only, no logic, split by subject.

mod args;
mod claims;
mod oauth;
mod session;
