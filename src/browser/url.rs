//! [`BrowserUrl`]: the core's [`UrlParser`] with the browser's own WHATWG `URL` (also in
//! Node), so the sign-in path carries no URL parser of its own.

pub use crate::core::http::url_parts::UrlParser;
use crate::core::http::url_parts::UrlParts;

/// `new URL(text)`.
#[derive(Debug, Clone, Copy, Default)]
pub struct BrowserUrl;

impl UrlParser for BrowserUrl {
    fn parse(&self, text: &str) -> Result<UrlParts, String> {
        let url = web_sys::Url::new(text).map_err(|_| "not a valid absolute URL".to_owned())?;
        let protocol = url.protocol();
        let scheme = protocol.strip_suffix(':').unwrap_or(&protocol);
        Ok(UrlParts::from_href(
            &url.href(),
            scheme,
            Some(&url.hostname()),
            &url.pathname(),
        ))
    }
}
