//! Sans-IO HTTP: request and response values, the retry decisions and the per-request attempt
//! machine that applies them, the origin and URL guards
//! that keep a bearer token on its API host, and capped gzip.

pub mod attempt;
pub mod gzip;
pub mod gzip_stream;
pub mod http_url;
mod message;
pub mod origin;
pub mod packed;
pub mod retry;
pub mod url_guard;
pub mod url_parts;

pub use message::{HttpRequest, HttpResponse, Method, Transport};
