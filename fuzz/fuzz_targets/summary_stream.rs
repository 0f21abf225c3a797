//! Any bytes, cut into chunks of any size → `ClaimSummarizer` (the streaming summary) against
//! `summarize_claims(maybe_inflate(bytes))`: never panics; the same summary when the old path
//! accepts the page, an error with the same code when it refuses it. The first byte picks the
//! chunk size. (Nesting within 2 levels of serde_json's limit of 128 is the one known
//! difference: the stream reads each entry on its own, so its limit starts at the entry.)
#![no_main]

use bluebutton_core::fhir::summarize_claims;
use bluebutton_core::fhir::summarizer::ClaimSummarizer;
use bluebutton_core::http::gzip::{maybe_inflate, DEFAULT_MAX_INFLATED};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&size, body)) = data.split_first() else {
        return;
    };
    let size = usize::from(size % 64) + 1;
    let mut s = ClaimSummarizer::new();
    let streamed = body
        .chunks(size)
        .try_for_each(|c| s.push(c))
        .and_then(|()| s.finish());
    let old = maybe_inflate(body, DEFAULT_MAX_INFLATED)
        .map_err(|e| e.code())
        .and_then(|json| summarize_claims(&json).map_err(|e| e.code()));
    match (&old, &streamed) {
        (Ok(a), Ok(b)) => assert_eq!(a, b, "the same summary"),
        (Err(a), Err(b)) => {
            if a != &b.code() {
                assert!(
                    a.as_str() == "json_too_deep" || b.code().as_str() == "json_too_deep",
                    "old {a}, streamed {b}"
                );
            }
        }
        (Err(a), Ok(_)) => assert_eq!(a.as_str(), "json_too_deep", "the stream accepted it"),
        (Ok(_), Err(b)) => panic!("the stream refused a page the old path reads: {b}"),
    }
});
