//! [`BrowserUrl`]: the core's [`UrlParser`] with the browser's own WHATWG `URL` (also in
//! Node), so neither .wasm carries a URL parser of its own.

pub use crate::core::http::url_parts::UrlParser;
use crate::core::http::url_parts::UrlParts;

/// `new URL(text)` and `new URL(text, base)`.
#[derive(Debug, Clone, Copy, Default)]
pub struct BrowserUrl;

impl UrlParser for BrowserUrl {
    fn parse(&self, text: &str) -> Result<UrlParts, String> {
        let url = web_sys::Url::new(text).map_err(|_| "not a valid absolute URL".to_owned())?;
        Ok(parts(&url))
    }

    fn join(&self, base: &str, text: &str) -> Result<UrlParts, String> {
        let url = web_sys::Url::new_with_base(text, base)
            .map_err(|_| "not a valid URL against its base".to_owned())?;
        Ok(parts(&url))
    }
}

fn parts(url: &web_sys::Url) -> UrlParts {
    let protocol = url.protocol();
    let scheme = protocol.strip_suffix(':').unwrap_or(&protocol);
    let mut parts =
        UrlParts::from_href(&url.href(), scheme, Some(&url.hostname()), &url.pathname());
    // `port` is "" for the scheme's default, which the parser leaves out.
    parts.port = url.port().parse().ok();
    parts.user_info = !url.username().is_empty() || !url.password().is_empty();
    parts
}
