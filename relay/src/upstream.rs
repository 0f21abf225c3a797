//! Reading an upstream answer: status, the headers the relay passes on, and the body up to a
//! limit. Redirects are never passed on (a browser would follow them with its token).

use crate::error::UpstreamError;

/// Response headers passed from the upstream to the browser.
pub const PASSED_HEADERS: [&str; 5] = [
    "content-type",
    "content-encoding",
    "vary",
    "retry-after",
    "www-authenticate",
];

/// An upstream answer, read whole.
#[derive(Debug, Clone)]
pub struct Answer {
    /// The status.
    pub status: u16,
    /// The [`PASSED_HEADERS`] present, names in lower case.
    pub headers: Vec<(String, String)>,
    /// The body bytes as sent (still compressed when `content-encoding` says so).
    pub body: Vec<u8>,
}

/// Reads `result` (a ureq call) into an [`Answer`] of at most `limit` body bytes.
pub fn read(
    result: Result<ureq::http::Response<ureq::Body>, ureq::Error>,
    limit: u64,
) -> Result<Answer, UpstreamError> {
    let mut resp = result.map_err(|e| UpstreamError::from_ureq(&e))?;
    let status = resp.status().as_u16();
    if (300..400).contains(&status) {
        return Err(UpstreamError::Redirect(status));
    }
    let headers = PASSED_HEADERS
        .iter()
        .filter_map(|name| {
            let v = resp.headers().get(*name)?.to_str().ok()?;
            Some((name.to_string(), v.to_string()))
        })
        .collect();
    let body = resp
        .body_mut()
        .with_config()
        .limit(limit)
        .read_to_vec()
        .map_err(|e| UpstreamError::from_ureq(&e))?;
    Ok(Answer {
        status,
        headers,
        body,
    })
}
