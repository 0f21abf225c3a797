//! Headless-Chromium tests of the FHIR data client against the local sandbox
//! (`bluebutton-sandbox`, started by `scripts/test-browser.sh`, URL in `BB_SANDBOX` at
//! compile time). Faults are armed through the sandbox's `/sandbox/faults` route.

use std::cell::Cell;
use std::collections::HashSet;
use std::rc::Rc;

use bluebutton_wasm::browser::fhir::FhirClient;
use bluebutton_wasm::browser::BrowserError;
use bluebutton_wasm::core::api::env::ApiVersion;
use bluebutton_wasm::core::api::error::RequestKind;
use bluebutton_wasm::core::api::search::EobSearch;
use bluebutton_wasm::core::fhir::parse_bundle;
use wasm_bindgen_test::*;

use crate::sandbox_support::{fast, SANDBOX};
use crate::wasm_memory::wasm_memory_bytes;

async fn fault(name: &str, count: u32) {
    crate::sandbox_support::fault(SANDBOX, name, count).await;
}

async fn clear_faults() {
    crate::sandbox_support::clear_faults(SANDBOX).await;
}

/// A client for synthetic user `user` (tokens minted by the sandbox), with fast retries.
async fn client(user: u32, version: ApiVersion, extra: &str) -> FhirClient {
    crate::sandbox_support::client(SANDBOX, user, version, extra, fast(3)).await
}

#[wasm_bindgen_test]
async fn concurrent_paging_returns_every_claim_exactly_once() {
    let c = client(1, ApiVersion::V2, "").await;
    let calls = Rc::new(Cell::new(0usize));
    let seen = calls.clone();
    let history = c
        .eob_history(
            &EobSearch::new(),
            None,
            move |_, _| seen.set(seen.get() + 1),
            None,
        )
        .await
        .unwrap();
    let total = history.total.unwrap();
    assert!(total >= 2000, "heavy user has {total} claims");
    assert_eq!(history.eobs.len() as u64, total);
    let ids: HashSet<_> = history.eobs.iter().map(|e| e.id.clone().unwrap()).collect();
    assert_eq!(ids.len() as u64, total, "no duplicates");
    assert_eq!(
        calls.get(),
        history.pages.len(),
        "progress reported once per page"
    );
}

#[wasm_bindgen_test]
async fn v3_pages_sequentially_without_total() {
    let c = client(7, ApiVersion::V3, "").await;
    let history = c
        .eob_history(&EobSearch::new().count(5).unwrap(), None, |_, _| {}, None)
        .await
        .unwrap();
    let ids: HashSet<_> = history.eobs.iter().map(|e| e.id.clone().unwrap()).collect();
    assert_eq!(ids.len(), history.eobs.len());
    assert!(
        history.pages.len() > 1,
        "several pages followed by next links"
    );
}

#[wasm_bindgen_test]
async fn a_history_holds_its_pages_only_when_asked_to() {
    let mut c = client(7, ApiVersion::V3, "").await;
    let search = EobSearch::new().count(5).unwrap();
    let kept = c.eob_history(&search, None, |_, _| {}, None).await.unwrap();
    assert!(kept.pages.len() > 1);
    assert_eq!(
        kept.bytes_held(),
        kept.pages.iter().map(|p| p.held_bytes()).sum::<usize>()
    );
    assert!(kept.bytes_held() > 0);
    // Held packed: less than the JSON, which unpacks to every page as sent.
    let bodies = kept.page_bodies().unwrap();
    let json: usize = bodies.iter().map(Vec::len).sum();
    assert!(kept.bytes_held() < json, "{} < {json}", kept.bytes_held());
    let parsed: usize = bodies
        .iter()
        .map(|b| parse_bundle(b).unwrap().eobs().count())
        .sum();
    assert!(
        parsed >= kept.eobs.len(),
        "every claim is in the kept pages"
    );
    c.keep_pages = false;
    let light = c.eob_history(&search, None, |_, _| {}, None).await.unwrap();
    assert!(light.pages.is_empty());
    assert_eq!(light.bytes_held(), 0);
    assert_eq!(light.eobs, kept.eobs, "the same claims either way");
}

#[wasm_bindgen_test]
async fn the_heavy_history_s_memory_with_and_without_its_pages() {
    // Measured and logged, never asserted (it depends on the allocator). Linear memory never
    // shrinks, so the light download runs first and each figure is a high-water mark.
    let mut c = client(1, ApiVersion::V2, "").await;
    let mib = |b: usize| b as f64 / 1048576.0;
    let before = wasm_memory_bytes();
    c.keep_pages = false;
    let light = c
        .eob_history(&EobSearch::new(), None, |_, _| {}, None)
        .await
        .unwrap();
    let after_light = wasm_memory_bytes();
    let typed_json = serde_json::to_string(&light.eobs).unwrap().len();
    drop(light);
    c.keep_pages = true;
    let kept = c
        .eob_history(&EobSearch::new(), None, |_, _| {}, None)
        .await
        .unwrap();
    let after_kept = wasm_memory_bytes();
    assert!(kept.bytes_held() > 0);
    console_log!(
        "heavy history ({} claims): wasm memory {:.1} MiB before; {:.1} MiB after keepPages false \
         (growth {:.1} MiB); {:.1} MiB after keepPages true (bytesHeld {:.1} MiB); the typed \
         claims as JSON: {:.1} MiB",
        kept.eobs.len(),
        mib(before),
        mib(after_light),
        mib(after_light - before),
        mib(after_kept),
        mib(kept.bytes_held()),
        mib(typed_json)
    );
}

#[wasm_bindgen_test]
async fn raw_gzip_export_is_inflated_and_gzip_encoded_pages_are_parsed_once() {
    let c = client(5, ApiVersion::V2, "").await;
    let page = c
        .eob_page(&EobSearch::new().count(50).unwrap())
        .await
        .unwrap();
    let total = page.total.unwrap();
    let mut bodies = Vec::new();
    // DecompressionStream (the default in Chromium), then the core's miniz_oxide.
    for native in [true, false] {
        let mut c = c.clone();
        c.native_inflate = native;
        let body = c
            .get(
                "ExplanationOfBenefit/$export.json.gz",
                RequestKind::EobV1V2,
                None,
            )
            .await
            .unwrap();
        let bundle = parse_bundle(&body).unwrap();
        assert_eq!(bundle.entry.len() as u64, total);
        bodies.push(body);
    }
    assert_eq!(bodies[0], bodies[1], "both inflaters give the same bytes");
}

#[wasm_bindgen_test]
async fn a_gzip_bomb_is_a_clear_error_within_the_cap() {
    let mut c = client(5, ApiVersion::V2, "").await;
    c.inflate_cap = 16 * 1024 * 1024;
    for native in [true, false] {
        c.native_inflate = native;
        fault("gzip_bomb", 1).await;
        let err = c.eob_page(&EobSearch::new()).await.unwrap_err();
        assert_eq!(err.code(), "decompressed_too_large", "{err}");
    }
}

#[wasm_bindgen_test]
async fn retries_after_503_and_429_then_succeeds() {
    let c = client(5, ApiVersion::V2, "").await;
    fault("unavailable_503", 2).await;
    assert!(c.eob_page(&EobSearch::new()).await.is_ok());
    fault("throttled_429", 1).await;
    assert!(c.eob_page(&EobSearch::new()).await.is_ok());
}

#[wasm_bindgen_test]
async fn a_page_that_keeps_failing_fails_the_download_naming_the_page() {
    let c = client(1, ApiVersion::V2, "").await;
    fault("bad_gateway_502", 10).await;
    let err = c
        .eob_history(&EobSearch::new(), Some(1), |_, _| {}, None)
        .await
        .unwrap_err();
    clear_faults().await;
    assert_eq!(err.code(), "upstream_unavailable", "{err}");
    assert!(
        matches!(err, BrowserError::PageFailed { page: 1, .. }),
        "{err}"
    );
    assert!(err.to_string().contains("page 1"), "{err}");
}

#[wasm_bindgen_test]
async fn a_foreign_next_link_is_refused_and_never_followed() {
    let c = client(7, ApiVersion::V3, "").await;
    fault("foreign_next_link", 1).await;
    let err = c
        .eob_history(&EobSearch::new().count(5).unwrap(), None, |_, _| {}, None)
        .await
        .unwrap_err();
    assert!(
        matches!(
            err.code().as_str(),
            "cross_origin" | "paging_link_off_origin"
        ),
        "{err}"
    );
}

#[wasm_bindgen_test]
async fn redirects_to_another_origin_are_not_followed() {
    let c = client(5, ApiVersion::V2, "").await;
    fault("redirect_off_origin", 1).await;
    let err = c.eob_page(&EobSearch::new()).await.unwrap_err();
    assert_eq!(err.code(), "unexpected_redirect", "{err}");
}

#[wasm_bindgen_test]
async fn absolute_urls_on_another_host_never_get_the_token() {
    let c = client(5, ApiVersion::V2, "").await;
    let err = c
        .get(
            "https://evil.example/v2/fhir/Patient/",
            RequestKind::Demographics,
            None,
        )
        .await
        .unwrap_err();
    assert_eq!(err.code(), "cross_origin");
}

#[wasm_bindgen_test]
async fn an_expired_token_is_refreshed_once_and_the_request_retried() {
    let c = client(5, ApiVersion::V2, "").await;
    fault("expire_token", 1).await;
    assert!(c.eob_page(&EobSearch::new()).await.is_ok());
}

#[wasm_bindgen_test]
async fn typed_errors_for_demographics_samhsa_not_found_and_bad_request() {
    let no_demo = client(5, ApiVersion::V2, r#","demographics":false"#).await;
    assert!(
        no_demo.patient().await.unwrap().is_none(),
        "403 on Patient → None"
    );
    let with_demo = client(5, ApiVersion::V2, "").await;
    assert!(with_demo.patient().await.unwrap().is_some());
    assert!(!with_demo.coverage().await.unwrap().is_empty());

    let no_samhsa = client(5, ApiVersion::V2, r#","samhsa":false"#).await;
    let err = no_samhsa.eob_page(&EobSearch::new()).await.unwrap_err();
    assert_eq!(err.code(), "eob_forbidden", "{err}");

    let err = with_demo
        .get("Patient/-1", RequestKind::Demographics, None)
        .await
        .unwrap_err();
    assert_eq!(err.code(), "not_found", "{err}");
    let err = with_demo
        .get(
            "ExplanationOfBenefit/?_count=51",
            RequestKind::EobV1V2,
            None,
        )
        .await
        .unwrap_err();
    assert_eq!(err.code(), "bad_request");
    assert!(
        err.to_string().contains("value must be at most 50"),
        "{err}"
    );
}

#[wasm_bindgen_test]
async fn invalid_json_in_a_page_is_a_clear_error() {
    let c = client(5, ApiVersion::V2, "").await;
    fault("invalid_json", 1).await;
    let err = c.eob_page(&EobSearch::new()).await.unwrap_err();
    assert!(
        matches!(
            err.code().as_str(),
            "not_json" | "truncated_json" | "unexpected_shape"
        ),
        "{err}"
    );
}

#[wasm_bindgen_test]
async fn reads_and_documents() {
    use bluebutton_wasm::browser::fhir::Document;
    let c = client(5, ApiVersion::V2, "").await;
    let page = c.eob_page(&EobSearch::new()).await.unwrap();
    let id = page.eobs().next().unwrap().id.clone().unwrap();
    assert_eq!(c.eob(&id).await.unwrap().id.as_deref(), Some(id.as_str()));
    let coverage = c.coverage().await.unwrap();
    let cid = coverage[0].id.clone().unwrap();
    assert_eq!(c.coverage_read(&cid).await.unwrap().id, Some(cid));
    let meta = c.document(Document::Metadata).await.unwrap();
    assert_eq!(meta["resourceType"], "CapabilityStatement");
    let info = c.document(Document::UserInfo).await.unwrap();
    assert!(info["patient"].is_string());
    let oidc = c.document(Document::OpenIdConfiguration).await.unwrap();
    assert!(oidc["token_endpoint"]
        .as_str()
        .unwrap()
        .ends_with("/v2/o/token/"));
    let smart = c.document(Document::SmartConfiguration).await.unwrap();
    assert_eq!(smart["code_challenge_methods_supported"][0], "S256");
    let no_demo = client(5, ApiVersion::V2, r#","demographics":false"#).await;
    let err = no_demo.document(Document::UserInfo).await.unwrap_err();
    assert_eq!(err.code(), "demographics_withheld");
}

#[wasm_bindgen_test]
async fn an_oversized_body_is_refused_while_streaming() {
    let mut c = client(5, ApiVersion::V2, "").await;
    c.page_cap = 4 * 1024 * 1024;
    fault("oversized_body", 1).await;
    let err = c.eob_page(&EobSearch::new()).await.unwrap_err();
    assert_eq!(err.code(), "response_too_large", "{err}");
    // The next request is served normally.
    assert!(c.eob_page(&EobSearch::new()).await.is_ok());
}

#[wasm_bindgen_test]
async fn a_declared_oversized_body_is_refused_before_reading() {
    // Content-Length 64 MiB over a 4 MiB cap, then one byte and a 20 s stall: refused from the
    // header at once (a client that read first would wait, then fail another way).
    let mut c = client(5, ApiVersion::V2, "").await;
    c.page_cap = 4 * 1024 * 1024;
    fault("oversized_declared", 1).await;
    let started = js_sys::Date::now();
    let err = c.eob_page(&EobSearch::new()).await.unwrap_err();
    let waited = js_sys::Date::now() - started;
    assert_eq!(err.code(), "response_too_large", "{err}");
    assert!(
        waited < 5000.0,
        "refused from the header, not after the stall ({waited} ms)"
    );
    assert!(c.eob_page(&EobSearch::new()).await.is_ok());
}

#[wasm_bindgen_test]
async fn the_v3_insurance_card() {
    use bluebutton_wasm::core::fhir::insurance_card::PartKind;
    let c = client(1, ApiVersion::V3, "").await;
    let card = c.insurance_card().await.unwrap();
    assert!(card.name.is_some() && card.birth_date.is_some());
    let mbi = card.medicare_number.clone().unwrap();
    assert!(mbi.starts_with("1S"), "{mbi}");
    let kinds: Vec<PartKind> = card.parts.iter().map(|p| p.kind).collect();
    assert_eq!(
        kinds,
        [
            PartKind::PartA,
            PartKind::PartB,
            PartKind::PartC,
            PartKind::PartD,
            PartKind::Dual
        ],
        "the heavy user has every part"
    );
    let payer = card.payer.unwrap();
    assert_eq!(payer.phone.as_deref(), Some("1-800-633-4227"));
    assert_eq!(payer.tty.as_deref(), Some("1-877-486-2048"));
    // v1/v2: refused before anything is sent.
    let v2 = client(1, ApiVersion::V2, "").await;
    let err = v2.insurance_card().await.unwrap_err();
    assert_eq!(err.code(), "requires_v3", "{err}");
    // A token without a Coverage search scope: 403, with the scopes to ask for.
    let narrow = client(1, ApiVersion::V3, r#","scope":"openid patient/Patient.rs""#).await;
    let err = narrow.insurance_card().await.unwrap_err();
    assert_eq!(err.code(), "insurance_card_forbidden", "{err}");
    assert!(err.to_string().contains("patient/Coverage.rs"), "{err}");
    // Withheld demographics leave no Patient scope: the same error.
    let no_demo = client(1, ApiVersion::V3, r#","demographics":false"#).await;
    let err = no_demo.insurance_card().await.unwrap_err();
    assert_eq!(err.code(), "insurance_card_forbidden", "{err}");
}

/// v3: asking for claims not final yet brings the shared-system claims and the prior
/// authorizations (last), and the history's summary keeps them out of the paid totals.
#[wasm_bindgen_test]
async fn v3_include_not_final_keeps_them_apart() {
    use bluebutton_wasm::core::fhir::{ClaimKind, SummaryBuilder};
    let c = client(5, ApiVersion::V3, "").await;
    let default = c
        .eob_history(&EobSearch::new().count(50).unwrap(), None, |_, _| {}, None)
        .await
        .unwrap();
    assert!(default.eobs.iter().all(|e| e.kind == ClaimKind::Final));
    let search = EobSearch::new().include_not_final().count(50).unwrap();
    let all = c.eob_history(&search, None, |_, _| {}, None).await.unwrap();
    assert!(all.eobs.len() > default.eobs.len());
    assert!(all.eobs.iter().any(|e| e.kind == ClaimKind::NotFinal));
    assert!(all.eobs.last().unwrap().is_prior_authorization());
    let mut builder = SummaryBuilder::new();
    for eob in &all.eobs {
        builder.add_eob(eob);
    }
    let s = builder.finish();
    let apart = s.not_final.claims + s.prior_authorizations.claims;
    assert_eq!(s.claims + apart, all.eobs.len() as u64);
    assert!(s.not_final.claims >= 1 && s.prior_authorizations.claims >= 1);
}

/// v1/v2 have no `_source`/`_tag`: the client refuses before sending anything.
#[wasm_bindgen_test]
async fn v2_refuses_v3_only_options() {
    let c = client(5, ApiVersion::V2, "").await;
    let err = c
        .eob_page(&EobSearch::new().include_not_final())
        .await
        .unwrap_err();
    assert_eq!(err.code().as_str(), "requires_v3");
}
