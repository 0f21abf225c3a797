//! What the address bar should show after a callback: the app's own path and query, with
//! every OAuth response parameter and any OAuth fragment removed (checklist R16).

use crate::http::url_parts::{UrlParser, WhatwgUrl};

/// Parameters removed from the query.
const OAUTH_RESPONSE_PARAMS: &[&str] = &[
    "code",
    "state",
    "error",
    "error_description",
    "error_uri",
    "iss",
    "access_token",
    "token_type",
    "expires_in",
    "scope",
    "refresh_token",
    "patient",
];

/// Returns the path + query (+ a non-OAuth fragment) to pass to `history.replaceState`.
///
/// ```
/// use bluebutton_core::oauth::scrub::scrubbed_path;
/// assert_eq!(scrubbed_path("https://app.example/app/?code=x&state=y&tab=2"), "/app/?tab=2");
/// assert_eq!(scrubbed_path("https://app.example/app/#access_token=t&state=s"), "/app/");
/// assert_eq!(scrubbed_path("https://app.example/app/#section-2"), "/app/#section-2");
/// ```
pub fn scrubbed_path(href: &str) -> String {
    scrubbed_path_with(&WhatwgUrl, href)
}

/// [`scrubbed_path`] with `href` parsed by `urls` (the browser shell passes its `URL`).
pub fn scrubbed_path_with(urls: &impl UrlParser, href: &str) -> String {
    if crate::http::url_guard::check(href).is_err() {
        return "/".to_owned();
    }
    let Ok(url) = urls.parse(href) else {
        return "/".to_owned();
    };
    let mut out = url.path.clone();
    let kept: Vec<(String, String)> =
        form_urlencoded::parse(url.query.unwrap_or_default().as_bytes())
            .filter(|(k, _)| !OAUTH_RESPONSE_PARAMS.contains(&k.as_ref()))
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
    if !kept.is_empty() {
        let mut query = form_urlencoded::Serializer::new(String::new());
        for (k, v) in &kept {
            query.append_pair(k, v);
        }
        out.push('?');
        out.push_str(&query.finish());
    }
    if let Some(fragment) = url.fragment.as_deref() {
        let oauth = form_urlencoded::parse(fragment.as_bytes())
            .any(|(k, _)| OAUTH_RESPONSE_PARAMS.contains(&k.as_ref()));
        if !oauth && !fragment.is_empty() {
            out.push('#');
            out.push_str(fragment);
        }
    }
    out
}
