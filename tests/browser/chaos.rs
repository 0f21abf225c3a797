//! Chaos and security tests of the browser client in headless Chromium (wasm-bindgen-test).
//!
//! `scripts/test-browser.sh` starts two sandboxes and passes their URLs at compile time:
//! `BB_SANDBOX` (clean) and `BB_CHAOS_SANDBOX` (`--fail-rate 0.2 --rate-limit 40/s --seed 3`:
//! a fifth of FHIR responses are random 502/503 and bursts over 40 requests/s get 429).
//! Single faults are armed on the clean sandbox through `/sandbox/faults`; faults meant to
//! hit the middle of a download are armed from the progress callback with a synchronous XHR,
//! so they land on the page after the first.
//!
//! Retry waits are kept small here (`base_ms: 20, cap_ms: 200`); the library's defaults are
//! `max_retries: 3, base_ms: 1000, cap_ms: 30_000` with full jitter, and server hints
//! (Retry-After or the DRF "Expected available in N seconds") capped at 60 s.

use std::cell::Cell;
use std::collections::{BTreeMap, HashSet};
use std::rc::Rc;

use bluebutton_wasm::browser::fhir::{FhirClient, History};
use bluebutton_wasm::browser::oauth::{self, BeginOptions, TokenOptions};
use bluebutton_wasm::browser::session::Session;
use bluebutton_wasm::browser::{clock, fetch, location, random, BrowserError};
use bluebutton_wasm::core::api::env::{ApiVersion, Environment};
use bluebutton_wasm::core::api::search::EobSearch;
use bluebutton_wasm::core::http::retry::RetryPolicy;
use bluebutton_wasm::core::http::HttpRequest;
use bluebutton_wasm::core::oauth::authorize::ResponseType;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

use crate::sandbox_support::{clear_faults, fast, fault, mint_tokens, token_client, SANDBOX};
use crate::wasm_memory::wasm_memory_bytes;

const CHAOS: &str = match option_env!("BB_CHAOS_SANDBOX") {
    Some(s) => s,
    None => "http://127.0.0.1:8001",
};

#[wasm_bindgen(inline_js = r#"
export function startFetchLog() {
  if (globalThis.__bbOrigFetch) return;
  const orig = globalThis.fetch.bind(globalThis);
  globalThis.__bbOrigFetch = orig;
  globalThis.__bbFetchLog = [];
  globalThis.fetch = async (input, init) => {
    const headers = new Headers((init && init.headers) || (typeof input === 'string' ? undefined : input.headers));
    const entry = { url: typeof input === 'string' ? input : input.url, status: 0, auth: headers.has('authorization') };
    globalThis.__bbFetchLog.push(entry);
    try { const r = await orig(input, init); entry.status = r.status; return r; }
    catch (e) { entry.status = -1; throw e; }
  };
}
export function stopFetchLog() {
  const log = JSON.stringify(globalThis.__bbFetchLog || []);
  if (globalThis.__bbOrigFetch) { globalThis.fetch = globalThis.__bbOrigFetch; delete globalThis.__bbOrigFetch; }
  return log;
}
export function postSync(url, body) {
  const x = new XMLHttpRequest();
  x.open('POST', url, false);
  x.setRequestHeader('content-type', 'application/json');
  x.send(body);
  return x.status;
}
export function storageDump() {
  const all = { cookie: document.cookie, local: {}, session: {} };
  for (let i = 0; i < localStorage.length; i++) { const k = localStorage.key(i); all.local[k] = localStorage.getItem(k); }
  for (let i = 0; i < sessionStorage.length; i++) { const k = sessionStorage.key(i); all.session[k] = sessionStorage.getItem(k); }
  return JSON.stringify(all);
}
export function setUrl(u) { history.replaceState(null, '', u); }
export function historyLength() { return history.length; }
"#)]
extern "C" {
    #[wasm_bindgen(js_name = startFetchLog)]
    fn start_fetch_log();
    #[wasm_bindgen(js_name = stopFetchLog)]
    fn stop_fetch_log() -> String;
    #[wasm_bindgen(js_name = postSync)]
    fn post_sync(url: &str, body: &str) -> u32;
    #[wasm_bindgen(js_name = storageDump)]
    fn storage_dump() -> String;
    #[wasm_bindgen(js_name = setUrl)]
    fn set_url(url: &str);
    #[wasm_bindgen(js_name = historyLength)]
    fn history_length() -> u32;
}

/// Arms a fault synchronously (usable from the progress callback, which is not async).
fn fault_now(base: &str, name: &str, count: u32) {
    let body = format!(r#"{{"fault":"{name}","count":{count}}}"#);
    assert_eq!(
        post_sync(&format!("{base}/sandbox/faults"), &body),
        200,
        "arming {name}"
    );
}

/// A client for synthetic user `user` on `base` (tokens, with a refresh token, minted by
/// the sandbox).
async fn client(base: &str, user: u32, version: ApiVersion, retry: RetryPolicy) -> FhirClient {
    crate::sandbox_support::client(base, user, version, "", retry).await
}

fn ids(history: &History) -> HashSet<String> {
    let ids: Vec<String> = history.eobs.iter().map(|e| e.id.clone().unwrap()).collect();
    let set: HashSet<String> = ids.iter().cloned().collect();
    assert_eq!(set.len(), ids.len(), "no claim twice");
    set
}

/// `carrier-20017` → `20017` (the part of a sandbox EOB id that does not depend on `--seed`).
fn claim_numbers(ids: &HashSet<String>) -> HashSet<u64> {
    let numbers: HashSet<u64> = ids
        .iter()
        .map(|id| id.rsplit('-').next().unwrap().parse().unwrap())
        .collect();
    assert_eq!(numbers.len(), ids.len());
    numbers
}

/// The heavy user's full history from the clean sandbox: the reference id set.
async fn clean_ids() -> HashSet<String> {
    let c = client(SANDBOX, 1, ApiVersion::V2, fast(3)).await;
    let h = c
        .eob_history(&EobSearch::new(), None, |_, _| {}, None)
        .await
        .unwrap();
    assert_eq!(h.eobs.len() as u64, h.total.unwrap());
    ids(&h)
}

#[derive(serde::Deserialize)]
struct Logged {
    url: String,
    status: i32,
    auth: bool,
}

#[wasm_bindgen_test]
async fn chaos_full_history_gets_every_claim_exactly_once_within_the_retry_bounds() {
    let started = clock::now_ms();
    let reference = clean_ids().await;
    let clean_ms = clock::now_ms() - started;
    assert_eq!(reference.len(), 2400, "user 1 has 2,400 claims");

    let policy = fast(6);
    let c = client(CHAOS, 1, ApiVersion::V2, policy).await;
    let pages_seen = Rc::new(Cell::new(0usize));
    let seen = pages_seen.clone();
    start_fetch_log();
    let started = clock::now_ms();
    let result = c
        .eob_history(
            &EobSearch::new(),
            Some(4),
            move |_, _| seen.set(seen.get() + 1),
            None,
        )
        .await;
    let chaos_ms = clock::now_ms() - started;
    let log: Vec<Logged> = serde_json::from_str(&stop_fetch_log()).unwrap();
    let history = result.unwrap_or_else(|e| panic!("chaos download failed: {e}"));

    // `--seed` also seeds the synthetic data: the claim type (the id's prefix) differs
    // between the two sandboxes, the claim number (the id's suffix) does not.
    assert_eq!(
        claim_numbers(&ids(&history)),
        claim_numbers(&reference),
        "same claims as the clean run"
    );
    assert_eq!(history.eobs.len(), 2400);
    assert_eq!(pages_seen.get(), history.pages.len());

    let fhir: Vec<&Logged> = log
        .iter()
        .filter(|l| l.url.starts_with(CHAOS) && l.url.contains("/fhir/"))
        .collect();
    assert!(!fhir.is_empty(), "the fetch log saw the requests");
    let mut per_url: BTreeMap<&str, (u32, u32)> = BTreeMap::new();
    for l in &fhir {
        let e = per_url.entry(l.url.as_str()).or_default();
        e.0 += 1;
        if l.status != 200 {
            e.1 += 1;
        }
        assert!(
            matches!(l.status, 200 | 429 | 502 | 503),
            "unexpected status {} for {}",
            l.status,
            l.url
        );
    }
    assert_eq!(per_url.len(), history.pages.len(), "one URL per page");
    let max_attempts = per_url.values().map(|v| v.0).max().unwrap();
    assert!(
        max_attempts <= 1 + policy.max_retries,
        "a page took {max_attempts} attempts (bound {})",
        1 + policy.max_retries
    );
    let failures: u32 = per_url.values().map(|v| v.1).sum();
    let throttled = fhir.iter().filter(|l| l.status == 429).count();
    assert!(failures > 0, "the chaos sandbox did inject failures");
    for (url, (attempts, failed)) in &per_url {
        assert_eq!(attempts - failed, 1, "{url}: exactly one success per page");
    }
    console_log!(
        "chaos: {} claims in {} pages; {} requests, {} failed ({} throttled 429), max {} attempts \
         for one page (bound {}); clean run {:.0} ms, chaos run {:.0} ms (retry base 20 ms, cap 200 ms)",
        history.eobs.len(),
        history.pages.len(),
        fhir.len(),
        failures,
        throttled,
        max_attempts,
        1 + policy.max_retries,
        clean_ms,
        chaos_ms
    );
}

/// Runs user 1's full history (50 per page, one page at a time) on the clean sandbox,
/// arming `name` × `count` right after the first page arrives.
async fn download_with_fault_after_first_page(
    name: &'static str,
    count: u32,
    concurrency: usize,
) -> (Result<History, BrowserError>, FhirClient) {
    let c = client(SANDBOX, 1, ApiVersion::V2, fast(3)).await;
    let armed = Rc::new(Cell::new(false));
    let flag = armed.clone();
    let result = c
        .eob_history(
            &EobSearch::new(),
            Some(concurrency),
            move |_, _| {
                if !flag.get() {
                    flag.set(true);
                    fault_now(SANDBOX, name, count);
                }
            },
            None,
        )
        .await;
    assert!(armed.get(), "the fault was armed after page 1");
    clear_faults(SANDBOX).await;
    (result, c)
}

fn assert_page_2_failed(err: &BrowserError, codes: &[&str]) {
    match err {
        BrowserError::PageFailed { page, url, .. } => {
            assert_eq!(*page, 2, "{err}");
            assert!(url.contains("ExplanationOfBenefit"), "{url}");
        }
        other => panic!("expected PageFailed, got {other}"),
    }
    assert!(
        codes.contains(&err.code().as_str()),
        "code {} for {err}",
        err.code()
    );
    let text = err.to_string();
    assert!(text.contains("page 2"), "{text}");
    console_log!("{}: {text}", err.code());
}

#[wasm_bindgen_test]
async fn a_page_that_keeps_failing_mid_download_fails_it_naming_the_page() {
    // 1 attempt + 3 retries, all 503: page 2 is given up, and no partial history comes back.
    let (result, _) = download_with_fault_after_first_page("unavailable_503", 4, 1).await;
    let err = result.expect_err("a failed page fails the download");
    assert_page_2_failed(&err, &["upstream_unavailable", "service_unavailable"]);
}

#[wasm_bindgen_test]
async fn a_truncated_page_is_retried_and_a_persistently_truncated_one_is_a_clear_error() {
    retried_once_then_fails_naming_page_2("truncated_body", &["network_error", "truncated_json"])
        .await;
}

/// One `fault` on page 2 is retried and the history is whole; the fault on every attempt
/// fails the download naming page 2 with one of `codes`.
async fn retried_once_then_fails_naming_page_2(fault: &'static str, codes: &[&str]) {
    let (once, _) = download_with_fault_after_first_page(fault, 1, 4).await;
    let history = once.unwrap_or_else(|e| panic!("one {fault} page is retried: {e}"));
    assert_eq!(ids(&history).len(), 2400);

    let (always, _) = download_with_fault_after_first_page(fault, 4, 1).await;
    let err = always.expect_err("the fault on every attempt fails the download");
    assert_page_2_failed(&err, codes);
}

#[wasm_bindgen_test]
async fn invalid_json_mid_download_is_a_clear_error() {
    let (result, _) = download_with_fault_after_first_page("invalid_json", 1, 1).await;
    let err = result.expect_err("invalid JSON in page 2");
    assert_page_2_failed(&err, &["not_json", "truncated_json", "unexpected_shape"]);
}

#[wasm_bindgen_test]
async fn a_gzip_bomb_mid_download_is_refused_at_the_default_cap() {
    // ~300 MB of zeros behind ~2 MB of gzip; the default inflate cap is 256 MiB.
    let before = wasm_memory_bytes() as f64;
    let (result, c) = download_with_fault_after_first_page("gzip_bomb", 1, 1).await;
    assert_eq!(c.inflate_cap, 256 * 1024 * 1024);
    let err = result.expect_err("the bomb is refused");
    assert_page_2_failed(&err, &["decompressed_too_large"]);
    assert!(err.to_string().contains("decompression bomb"), "{err}");
    // Linear memory never shrinks, so its size now is the high-water mark of the run. The
    // bomb's trailer states its real size (over the cap), so nothing is buffered; a lying
    // trailer could cost the cap at most (tests/gzip_bomb.rs). Plus the ~2 MB body and page 1.
    let after = wasm_memory_bytes() as f64;
    let mib = |b: f64| b / 1048576.0;
    console_log!(
        "gzip bomb (~300 MB of zeros, cap 256 MiB): wasm memory {:.0} MiB before, {:.0} MiB after",
        mib(before),
        mib(after)
    );
    assert!(
        after - before <= 64.0 * 1048576.0,
        "memory growth {:.0} MiB is bounded by the cap",
        mib(after - before)
    );
}

#[wasm_bindgen_test]
async fn a_wrong_content_encoding_is_retried_then_a_clear_error_naming_the_page() {
    // `Content-Encoding: gzip` on a plain body: Chromium fails the read (a network error).
    retried_once_then_fails_naming_page_2("wrong_encoding", &["network_error"]).await;
}

#[wasm_bindgen_test]
async fn a_truncated_gzip_page_is_retried_then_a_clear_error_naming_the_page() {
    // A raw gzip body cut in half (complete HTTP framing, so only the inflater can tell).
    retried_once_then_fails_naming_page_2("truncated_gzip", &["gzip_truncated"]).await;
}

#[wasm_bindgen_test]
async fn gzip_pages_without_content_encoding_are_inflated_once() {
    // Every page after the first is raw gzip with no header (a double-compressing proxy):
    // the magic bytes say gzip, so the core inflates it; the history is whole.
    let reference = clean_ids().await;
    let (result, _) = download_with_fault_after_first_page("undeclared_gzip", 1000, 4).await;
    let history = result.unwrap_or_else(|e| panic!("undeclared gzip pages: {e}"));
    assert_eq!(ids(&history), reference, "every claim exactly once");
}

async fn refresh_calls(base: &str) -> u64 {
    let r = fetch::send(&HttpRequest::get(format!("{base}/sandbox/stats")), 4096)
        .await
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&r.body).unwrap();
    v["token_calls"]["refresh_token"].as_u64().unwrap_or(0)
}

#[wasm_bindgen_test]
async fn token_expiry_mid_download_completes_through_one_refresh_without_duplicates() {
    let reference = clean_ids().await;
    let before = refresh_calls(SANDBOX).await;
    let (result, c) = download_with_fault_after_first_page("expire_token", 1, 4).await;
    let history = result.unwrap_or_else(|e| panic!("expiry mid-download: {e}"));
    let after = refresh_calls(SANDBOX).await;
    assert_eq!(ids(&history), reference, "every claim exactly once");
    assert_eq!(
        after - before,
        1,
        "exactly one refresh for the concurrent pages"
    );
    assert!(c.fhir_base().starts_with(SANDBOX));
    console_log!(
        "expiry mid-download: {} claims, {} refresh call(s)",
        history.eobs.len(),
        after - before
    );
}

/// R21: the grant was revoked elsewhere (the person disconnected the app on Medicare.gov).
/// The 401 leads to exactly one refresh attempt, which is refused; the error says to sign in
/// again, the session forgets its tokens, and the next request makes no request at all.
#[wasm_bindgen_test]
async fn a_revoked_grant_ends_the_session_after_one_refresh_attempt_without_looping() {
    let tokens = mint_tokens(SANDBOX, 5, ApiVersion::V2, "").await;
    let refresh = tokens.refresh_token.clone().unwrap();
    let env = Environment::parse(SANDBOX).unwrap();
    let tc = token_client(SANDBOX, ApiVersion::V2);
    let session = Session::new(tokens, tc.clone(), env.clone(), ApiVersion::V2, false);
    let mut c = FhirClient::new(session.clone(), &env, ApiVersion::V2);
    c.retry = fast(3);
    assert!(
        c.coverage().await.is_ok(),
        "the grant works before the revocation"
    );

    // Revoking the refresh token also ends its access token (DOT, and the sandbox).
    oauth::revoke(&tc, refresh.secret()).await.unwrap();
    let before = refresh_calls(SANDBOX).await;
    start_fetch_log();
    let err = c.coverage().await.expect_err("a revoked grant is refused");
    let first: Vec<Logged> = serde_json::from_str(&stop_fetch_log()).unwrap();
    let after = refresh_calls(SANDBOX).await;
    assert_eq!(after - before, 1, "exactly one refresh attempt");
    let fhir = first.iter().filter(|l| l.url.contains("/fhir/")).count();
    assert_eq!(
        fhir, 1,
        "the FHIR request is not repeated after the refusal"
    );
    assert!(session.tokens().is_none(), "the session forgot its tokens");
    // The sandbox, like DOT, answers a revoked refresh token with 400 "Refresh token not
    // found." (invalid_grant): the token was deleted, so the access is revoked (§12.5).
    assert_eq!(err.code(), "access_revoked", "{err}");
    let text = err.to_string();
    assert!(
        text.to_lowercase().contains("sign in") || text.to_lowercase().contains("authoriz"),
        "the error tells the user to sign in again: {text}"
    );

    start_fetch_log();
    let again = c.coverage().await.expect_err("still ended");
    assert_eq!(
        again.code(),
        "access_revoked",
        "the same reason again: {again}"
    );
    let second: Vec<Logged> = serde_json::from_str(&stop_fetch_log()).unwrap();
    assert!(
        second.is_empty(),
        "no request without a token: {second:?}",
        second = second.iter().map(|l| &l.url).collect::<Vec<_>>()
    );
    assert_eq!(refresh_calls(SANDBOX).await, after, "no second refresh");
    console_log!(
        "revoked grant: {} / {}; then {}: {}",
        err.code(),
        err,
        again.code(),
        again
    );
}

/// R26/R28: an AbortSignal stops a download at once with `cancelled`; nothing partial comes
/// back, and the client works afterwards.
#[wasm_bindgen_test]
async fn an_aborted_download_is_cancelled_with_nothing_partial() {
    let c = client(SANDBOX, 1, ApiVersion::V2, fast(3)).await;
    let controller = web_sys::AbortController::new().unwrap();
    let signal = controller.signal();
    let pages = Rc::new(Cell::new(0usize));
    let seen = pages.clone();
    let result = c
        .eob_history(
            &EobSearch::new().count(10).unwrap(),
            Some(2),
            move |_, _| {
                seen.set(seen.get() + 1);
                if seen.get() == 3 {
                    controller.abort();
                }
            },
            Some(signal),
        )
        .await;
    let err = result.expect_err("an aborted download is not a history");
    assert_eq!(err.code(), "cancelled", "{err}");
    assert!(
        pages.get() < 240,
        "stopped early ({} of 240 pages)",
        pages.get()
    );
    let again = c
        .eob_history(&EobSearch::new(), None, |_, _| {}, None)
        .await
        .unwrap();
    assert_eq!(ids(&again).len(), 2400, "the client still works");
}

#[wasm_bindgen_test]
async fn a_self_referential_next_link_on_v3_is_a_paging_loop() {
    let c = client(SANDBOX, 7, ApiVersion::V3, fast(3)).await;
    fault(SANDBOX, "self_next_link", 3).await;
    let err = c
        .eob_history(&EobSearch::new().count(5).unwrap(), None, |_, _| {}, None)
        .await
        .expect_err("a self link loops");
    clear_faults(SANDBOX).await;
    assert_eq!(err.code(), "paging_loop", "{err}");
    console_log!("{}: {err}", err.code());
}

/// R24/R25: with a foreign `next` link, a redirect to another origin and an absolute URL on
/// another host, every request the client makes stays on the API origin, and every request
/// that carries `Authorization` goes to the API origin.
#[wasm_bindgen_test]
async fn the_bearer_token_never_leaves_the_api_origin() {
    let v3 = client(SANDBOX, 7, ApiVersion::V3, fast(3)).await;
    let v2 = client(SANDBOX, 5, ApiVersion::V2, fast(3)).await;
    start_fetch_log();
    fault(SANDBOX, "foreign_next_link", 1).await;
    let foreign = v3
        .eob_history(&EobSearch::new().count(5).unwrap(), None, |_, _| {}, None)
        .await
        .expect_err("a foreign next link is refused");
    fault(SANDBOX, "redirect_off_origin", 1).await;
    let redirect = v2
        .eob_page(&EobSearch::new())
        .await
        .expect_err("a redirect is not followed");
    let absolute = v2
        .get(
            "https://evil.example/v2/fhir/Patient/",
            bluebutton_wasm::core::api::error::RequestKind::Demographics,
            None,
        )
        .await
        .expect_err("another host is refused");
    let log: Vec<Logged> = serde_json::from_str(&stop_fetch_log()).unwrap();
    clear_faults(SANDBOX).await;

    assert!(
        matches!(
            foreign.code().as_str(),
            "cross_origin" | "paging_link_off_origin"
        ),
        "{foreign}"
    );
    assert_eq!(redirect.code(), "unexpected_redirect", "{redirect}");
    assert_eq!(absolute.code(), "cross_origin", "{absolute}");
    let with_token = log.iter().filter(|l| l.auth).count();
    assert!(
        with_token >= 2,
        "the FHIR requests were logged with their header"
    );
    for l in &log {
        assert!(
            l.url.starts_with(&format!("{SANDBOX}/")),
            "a request left the API origin: {} (authorization: {})",
            l.url,
            l.auth
        );
    }
}

fn current_path() -> String {
    let href = location::href().unwrap();
    let after_scheme = href.split_once("://").map(|(_, r)| r).unwrap_or(&href);
    let path = after_scheme
        .find('/')
        .map(|i| &after_scheme[i..])
        .unwrap_or("/");
    path.split(['?', '#']).next().unwrap_or("/").to_owned()
}

/// R16/R17: after an implicit-flow callback, the token (and state) are nowhere in the URL,
/// cookies, localStorage or sessionStorage, and no history entry was added.
#[wasm_bindgen_test]
async fn no_token_or_state_is_left_in_the_url_cookies_or_storage_after_the_callback() {
    let path = current_path();
    let options = BeginOptions {
        env: Environment::parse(SANDBOX).unwrap(),
        env_text: SANDBOX.into(),
        version: ApiVersion::V2,
        client_id: "bbwasm-local-public".into(),
        redirect_uri: "http://127.0.0.1:9/callback".into(),
        response_type: ResponseType::ImplicitLegacy,
        scopes: vec![],
        lang: None,
    };
    let (_url, state) = oauth::begin(&options).unwrap();
    let state = state.secret().to_owned(); // the redirect carries the text
    let token = format!("tok-{}", random::new_state().unwrap().secret());
    set_url(&format!(
        "{path}?keep=1#access_token={token}&token_type=bearer&expires_in=3600&state={state}"
    ));
    let entries = history_length();
    let done = oauth::complete(None, &TokenOptions::default())
        .await
        .unwrap();
    assert_eq!(done.tokens.access_token.secret(), token);

    let href = location::href().unwrap();
    let dump = storage_dump();
    set_url(&path);
    for secret in [token.as_str(), state.as_str()] {
        assert!(!href.contains(secret), "URL keeps a secret: {href}");
        assert!(
            !dump.contains(secret),
            "storage or cookies keep a secret: {dump}"
        );
    }
    assert!(!href.contains("access_token"), "{href}");
    assert!(href.contains("keep=1"), "other parameters stay: {href}");
    assert_eq!(history_length(), entries, "no new history entry");
}

/// R32 in wasm: 100,000 nested arrays or objects are an error, not a stack overflow.
#[wasm_bindgen_test]
fn deep_json_is_an_error_in_wasm_too() {
    use bluebutton_wasm::core::fhir::{parse_bundle, summarize_claims};
    for open in ["[", "{\"a\":"] {
        let body = open.repeat(100_000);
        let wrapped = format!("{{\"resourceType\":\"Bundle\",\"entry\":{body}");
        for bytes in [body.as_bytes(), wrapped.as_bytes()] {
            assert!(parse_bundle(bytes).is_err());
            assert!(summarize_claims(bytes).is_err());
        }
    }
}
