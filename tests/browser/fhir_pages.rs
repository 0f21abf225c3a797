//! `FhirClient::eob_history_pages` (the raw-page download a shell parses elsewhere, e.g. in
//! a Web Worker) against the local sandbox: the same pages and claims as `eob_history`, the
//! same paging plans and refusals.

use std::collections::HashSet;

use bluebutton_wasm::browser::fhir::{FhirClient, RawPage};
use bluebutton_wasm::core::api::env::ApiVersion;
use bluebutton_wasm::core::api::paging::assemble_positions;
use bluebutton_wasm::core::api::search::EobSearch;
use bluebutton_wasm::core::fhir::{parse_bundle, Resource};
use wasm_bindgen_test::*;

use crate::sandbox_support::{fast, SANDBOX};

/// A client for synthetic user `user`, with fast retries.
async fn client(user: u32, version: ApiVersion) -> FhirClient {
    crate::sandbox_support::client(SANDBOX, user, version, "", fast(3)).await
}

/// Every page's body, in order, and the end of the download.
async fn raw(
    c: &FhirClient,
    search: &EobSearch,
) -> (
    Vec<RawPage>,
    Result<bluebutton_wasm::browser::fhir::RawHistory, bluebutton_wasm::browser::BrowserError>,
) {
    let mut pages = Vec::new();
    let end = c
        .eob_history_pages(search, None, |p| pages.push(p), |_, _| {}, None)
        .await;
    (pages, end)
}

/// The claim ids the raw pages assemble to (checked against the first page's total).
fn ids(pages: &[RawPage], total: Option<u64>) -> Vec<String> {
    let bundles: Vec<_> = pages
        .iter()
        .map(|p| parse_bundle(&p.body).unwrap())
        .collect();
    assemble_positions(&bundles, total)
        .unwrap()
        .into_iter()
        .filter_map(|(p, e)| match &bundles[p].entry[e].resource {
            Some(Resource::ExplanationOfBenefit(eob)) => eob.id.clone(),
            _ => None,
        })
        .collect()
}

#[wasm_bindgen_test]
async fn v2_raw_pages_hold_the_same_claims_as_the_typed_history() {
    let search = EobSearch::new().count(50).unwrap();
    let c = client(1, ApiVersion::V2).await;
    let (pages, end) = raw(&c, &search).await;
    let end = end.unwrap();
    assert_eq!(end.pages, pages.len());
    assert!(
        pages.iter().enumerate().all(|(i, p)| p.index == i),
        "in order"
    );
    let typed = c.eob_history(&search, None, |_, _| {}, None).await.unwrap();
    assert_eq!(end.total, typed.total);
    // Not byte for byte (each response has its own timestamps): page for page, the same entries.
    assert_eq!(pages.len(), typed.pages.len(), "as many pages");
    for (raw, body) in pages.iter().zip(&typed.page_bodies().unwrap()) {
        assert_eq!(raw.entries, parse_bundle(body).unwrap().entry.len());
    }
    let raw_ids = ids(&pages, end.total);
    let typed_ids: Vec<_> = typed.eobs.iter().filter_map(|e| e.id.clone()).collect();
    assert_eq!(raw_ids.len(), typed_ids.len());
    assert!(raw_ids == typed_ids, "the same claims in the same order");
    assert_eq!(end.entries, typed_ids.len());
}

#[wasm_bindgen_test]
async fn v3_raw_pages_follow_next_links() {
    let c = client(7, ApiVersion::V3).await;
    let (pages, end) = raw(&c, &EobSearch::new().count(5).unwrap()).await;
    let end = end.unwrap();
    assert!(pages.len() > 1, "several pages followed by next links");
    let ids = ids(&pages, end.total);
    assert_eq!(ids.iter().collect::<HashSet<_>>().len(), ids.len());
    assert_eq!(pages.iter().map(|p| p.entries).sum::<usize>(), end.entries);
}

#[wasm_bindgen_test]
async fn a_foreign_next_link_is_refused_in_a_raw_download_too() {
    let c = client(7, ApiVersion::V3).await;
    crate::sandbox_support::fault(SANDBOX, "foreign_next_link", 1).await;
    let (_, end) = raw(&c, &EobSearch::new().count(5).unwrap()).await;
    let err = end.unwrap_err();
    assert!(
        matches!(
            err.code().as_str(),
            "cross_origin" | "paging_link_off_origin"
        ),
        "{err}"
    );
}
