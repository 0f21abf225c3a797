//! JavaScript exports of the claims data: parsing, summaries, exports and the FHIR client.
//! Conversion and error mapping only; the logic is in `core` and `browser::fhir`.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use super::args::{to_js, uint8_array};
use super::json_text::to_js_via_json;
use super::search_options::search_from;
use crate::browser::fhir::{Document, FhirClient, History};
use crate::browser::BrowserError;
use crate::core::fhir::summarizer::{ClaimSummarizer as StreamSummarizer, SummarizeError};
use crate::core::fhir::{parse_bundle, FhirError, SummaryBuilder};

/// The FHIR models' declarations (`Bundle`, `ExplanationOfBenefit`, `Patient`, `Coverage`,
/// `ClaimSummary`, ...), generated from the Rust types and checked against them by a core test.
#[wasm_bindgen(typescript_custom_section)]
const TS_FHIR_MODELS: &str = crate::core::fhir::typescript::DECLARATIONS;

#[wasm_bindgen(typescript_custom_section)]
const TS_FHIR: &str = r#"
export interface EobSearchOptions {
  /** Comma list or array of carrier, dme, hha, hospice, inpatient, outpatient, pde, snf. */
  types?: string | string[];
  /** One bound or an array, e.g. ["ge2024-01-01", "lt2024-07-01"] (lt/le/gt/ge). */
  lastUpdated?: string | string[];
  /** One bound or an array, e.g. "ge2023-01-01". */
  serviceDate?: string | string[];
  /** 1..50 (default 50 for histories). */
  count?: number;
  startIndex?: number;
  /**
   * v3 only (`_source`): claim sources, a comma list or array of NCH, DDPS, FISS, MCS, VMS,
   * CWF (any case; OR). Without it v3 returns final NCH and Part D (DDPS) claims only.
   * `CWF` also brings prior authorizations, at the end of the results.
   */
  sources?: ClaimSourceName | string | Array<ClaimSourceName | string>;
  /**
   * v3 only: also ask for recent claims that are not final yet, from every source
   * (`_source=NCH,DDPS,FISS,MCS,VMS,CWF`). This brings prior authorizations too. Such claims
   * have `kind: "notFinal"` (or `"priorAuthorization"`), may still change, and summaries
   * count them apart from the paid totals.
   */
  includeNotFinal?: boolean;
  /**
   * v3 only (`_tag`): NationalClaimsHistory, SharedSystem, DDPS (System-Type) or FinalAction,
   * NotFinalAction (Final-Action), as codes or `system|code` tokens. Tags of one system are
   * OR'ed; the two systems are AND'ed. A Final-Action or SharedSystem tag lets prior
   * authorizations through.
   */
  tags?: ClaimTagName | string | Array<ClaimTagName | string>;
}
/** The claim sources of v3 (`_source`). */
export type ClaimSourceName = 'NCH' | 'DDPS' | 'FISS' | 'MCS' | 'VMS' | 'CWF';
/** The v3 `_tag` codes. */
export type ClaimTagName = 'NationalClaimsHistory' | 'SharedSystem' | 'DDPS' | 'FinalAction' | 'NotFinalAction';
/** Unknown keys are refused (a misspelt filter would otherwise return every claim). */
export interface HistoryOptions extends EobSearchOptions {
  onProgress?: (done: number, total: number | null) => void;
  signal?: AbortSignal;
  /** Parallel page requests (v1/v2 only; default 4). */
  concurrency?: number;
  /**
   * Keep each page's JSON as the server sent it, for `toBundleJson()` and `toNdjson()`
   * (default true; held gzip-packed, see `bytesHeld`). `false` frees each page once parsed: the history then holds only its
   * typed claims (`bytesHeld` is 0) and those two exports throw `invalid_options`.
   */
  keepPages?: boolean;
}
"#;

#[wasm_bindgen]
extern "C" {
    /// A claim summary.
    #[wasm_bindgen(typescript_type = "ClaimSummary")]
    pub type JsClaimSummary;
    /// A parsed Bundle.
    #[wasm_bindgen(typescript_type = "Bundle")]
    pub type JsBundle;
    /// One claim.
    #[wasm_bindgen(typescript_type = "ExplanationOfBenefit")]
    pub type JsEob;
    /// Claims.
    #[wasm_bindgen(typescript_type = "ExplanationOfBenefit[]")]
    pub type JsEobs;
    /// The beneficiary, or `null` when demographics were not shared.
    #[wasm_bindgen(typescript_type = "Patient | null")]
    pub type JsPatientOrNull;
    /// One Coverage.
    #[wasm_bindgen(typescript_type = "Coverage")]
    pub type JsCoverage;
    /// Coverage resources.
    #[wasm_bindgen(typescript_type = "Coverage[]")]
    pub type JsCoverages;
    /// The v3 digital insurance card.
    #[wasm_bindgen(typescript_type = "InsuranceCard")]
    pub type JsInsuranceCard;
    /// Any JSON document.
    #[wasm_bindgen(typescript_type = "JsonValue")]
    pub type JsJson;
    /// EOB search options.
    #[wasm_bindgen(typescript_type = "EobSearchOptions | undefined")]
    pub type JsEobSearchOptions;
    /// History download options.
    #[wasm_bindgen(typescript_type = "HistoryOptions | undefined")]
    pub type JsHistoryOptions;
}

/// Reads a JS string, `Uint8Array` or `ArrayBuffer` as bytes.
fn bytes_of(input: &JsValue) -> Result<Vec<u8>, JsValue> {
    if let Some(text) = input.as_string() {
        return Ok(text.into_bytes());
    }
    if let Some(array) = uint8_array(input) {
        return Ok(array.to_vec());
    }
    Err(BrowserError::InvalidOptions(
        "expected the JSON as a string, Uint8Array or ArrayBuffer".into(),
    )
    .into())
}

fn fhir_err(e: FhirError) -> JsValue {
    BrowserError::Fhir(e).into()
}

/// Summarises the claims of a Bundle (JSON text or bytes; a gzip body is inflated):
/// counts per claim type, lines, service date range, amounts per type and month.
///
/// Plain bytes up to 4 MiB are copied in and read in one pass (faster on a small body); larger
/// or gzip bytes are read through the streaming summariser in 1 MiB slices (a string is
/// UTF-8-encoded by the engine in slices of the same size), so wasm memory grows by at most
/// 4 MiB plus the entries of a small body, and by about one slice and one entry for a large
/// one, never by the whole of a large input.
///
/// ```js
/// const { claims, paid, byMonth } = summarizeClaims(bytesOrText);
/// ```
#[wasm_bindgen(js_name = summarizeClaims)]
pub fn summarize_claims_js(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array | ArrayBuffer")] json: JsValue,
) -> Result<JsClaimSummary, JsValue> {
    if let Some(bytes) = one_pass_bytes(&json) {
        let summary = crate::core::fhir::summarize_claims(&bytes).map_err(fhir_err)?;
        return Ok(to_js(&summary)?.into());
    }
    let mut s = ClaimSummarizer::new();
    if let Some(text) = json.dyn_ref::<js_sys::JsString>() {
        s.push_text(text)?;
    } else {
        s.push(json)?;
    }
    s.finish()
}

/// Plain (not gzip) bytes up to this size are summarised in one pass over a copy in wasm: on a
/// small body the streaming scan's extra look at each entry costs more than the copy (BENCHMARKS.md
/// §1, CMS sample Dataset 1). Larger bodies stream in slices, so wasm memory does not grow with
/// them.
const ONE_PASS_MAX: u32 = 4 * 1024 * 1024;

/// The input copied into wasm when it is plain bytes of at most [`ONE_PASS_MAX`]; `None` for a
/// string, gzip bytes (inflated while streaming, never whole) or a larger body.
fn one_pass_bytes(input: &JsValue) -> Option<Vec<u8>> {
    let array = uint8_array(input)?;
    let len = array.length();
    let head = array.subarray(0, len.min(3)).to_vec();
    (len <= ONE_PASS_MAX && !crate::core::http::gzip::is_gzip(&head)).then(|| array.to_vec())
}

#[wasm_bindgen]
extern "C" {
    /// The engine's `TextEncoder`, for encoding a JS string slice by slice.
    #[wasm_bindgen(js_name = TextEncoder)]
    type Utf8Encoder;
    #[wasm_bindgen(constructor, js_class = "TextEncoder")]
    fn new() -> Utf8Encoder;
    #[wasm_bindgen(method, js_class = "TextEncoder", js_name = encodeInto)]
    fn encode_into(
        this: &Utf8Encoder,
        text: &js_sys::JsString,
        into: &js_sys::Uint8Array,
    ) -> JsValue;
}

/// Bytes copied into wasm at once: a larger chunk is read in slices of this size.
const SLICE: u32 = 1024 * 1024;

/// A claims summary fed chunk by chunk, holding one entry (and one 1 MiB slice) at a time.
///
/// `new ClaimSummarizer()`, then `push(chunk)` for each `Uint8Array` of the body (gzip bytes
/// are inflated as they come), then `finish()` for the summary: the same as `summarizeClaims`
/// of the whole body. A body cut short is an error at `finish()`; after an error every call
/// throws it again.
///
/// ```js
/// const s = new ClaimSummarizer();
/// for await (const chunk of response.body) s.push(chunk);
/// const summary = s.finish(); // then s is spent: make a new one for the next body
/// ```
#[wasm_bindgen]
pub struct ClaimSummarizer {
    inner: Option<StreamSummarizer>,
    /// The slice being copied in (reused).
    buf: Vec<u8>,
}

impl Default for ClaimSummarizer {
    fn default() -> Self {
        Self::new()
    }
}

#[wasm_bindgen]
impl ClaimSummarizer {
    /// An empty summariser.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Self {
        Self {
            inner: Some(StreamSummarizer::new()),
            buf: Vec::new(),
        }
    }

    /// Reads the next chunk of the body (copied into wasm in slices of at most 1 MiB).
    pub fn push(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Uint8Array | ArrayBuffer")] chunk: JsValue,
    ) -> Result<(), JsValue> {
        let Some(array) = uint8_array(&chunk) else {
            return Err(BrowserError::InvalidOptions(
                "ClaimSummarizer.push expects a Uint8Array or an ArrayBuffer".into(),
            )
            .into());
        };
        let len = array.length();
        let mut at = 0;
        while at < len {
            let end = len.min(at + SLICE);
            let part = array.subarray(at, end);
            let mut buf = std::mem::take(&mut self.buf);
            buf.resize((end - at) as usize, 0);
            part.copy_to(&mut buf);
            let pushed = self.push_bytes(&buf);
            self.buf = buf;
            pushed?;
            at = end;
        }
        Ok(())
    }

    /// Ends the body and returns its summary (a `ClaimSummary`, like `summarizeClaims`).
    pub fn finish(&mut self) -> Result<JsClaimSummary, JsValue> {
        self.buf = Vec::new();
        let summary = self.take()?.finish().map_err(summarize_err)?;
        Ok(to_js(&summary)?.into())
    }
}

impl ClaimSummarizer {
    /// Pushes a JS string as UTF-8, encoded by the engine (`TextEncoder.encodeInto`, into one
    /// reused 3 MiB buffer) in slices of about 1 Mi UTF-16 units, never cutting a surrogate
    /// pair: the whole text is never copied into wasm at once.
    fn push_text(&mut self, text: &js_sys::JsString) -> Result<(), JsValue> {
        let encoder = Utf8Encoder::new();
        // One JS buffer, reused: a UTF-16 unit is at most 3 UTF-8 bytes.
        let utf8 = js_sys::Uint8Array::new_with_length(3 * SLICE);
        let len = text.length();
        let mut at = 0;
        while at < len {
            let mut end = len.min(at + SLICE);
            let unit = text.char_code_at(end - 1); // a UTF-16 code unit, as f64
            if end < len && (55296.0..56320.0).contains(&unit) {
                // 0xD800..0xDC00: a high surrogate
                end -= 1; // keep a high surrogate with its pair
            }
            let done = encoder.encode_into(&text.slice(at, end), &utf8);
            let written = js_sys::Reflect::get(&done, &"written".into())?
                .as_f64()
                .unwrap_or(0.0);
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            self.push(utf8.subarray(0, written as u32).into())?;
            at = end;
        }
        Ok(())
    }

    fn push_bytes(&mut self, bytes: &[u8]) -> Result<(), JsValue> {
        match self.inner.as_mut() {
            Some(s) => s.push(bytes).map_err(summarize_err),
            None => Err(finished()),
        }
    }

    fn take(&mut self) -> Result<StreamSummarizer, JsValue> {
        self.inner.take().ok_or_else(finished)
    }
}

fn finished() -> JsValue {
    BrowserError::InvalidOptions(
        "this ClaimSummarizer has finished; create a new one for the next body".into(),
    )
    .into()
}

fn summarize_err(e: SummarizeError) -> JsValue {
    match e {
        SummarizeError::Gzip(g) => BrowserError::Gzip(g),
        SummarizeError::Fhir(f) => BrowserError::Fhir(f),
        // A new layer's error: its message and code still reach the caller.
        other => BrowserError::InvalidOptions(other.to_string()),
    }
    .into()
}

/// Summarises a body as it downloads: reads a `ReadableStream` of bytes (or a `Response`'s
/// body) chunk by chunk into a [`ClaimSummarizer`], so wasm memory holds one entry at a time,
/// whatever the size of the body. A failed read, or a body that is not a Bundle, rejects
/// (and cancels the stream); in a gzip body a JSON error is reported once the whole body has
/// passed the gzip checks, as `summarizeClaims` would report it.
///
/// ```js
/// const summary = await summarizeClaimsStream(await fetch('/claims.json.gz'));
/// summary.byType.carrier.claims;
/// ```
#[wasm_bindgen(js_name = summarizeClaimsStream)]
pub async fn summarize_claims_stream(
    #[wasm_bindgen(unchecked_param_type = "ReadableStream<Uint8Array> | Response")] source: JsValue,
) -> Result<JsClaimSummary, JsValue> {
    let stream: Option<web_sys::ReadableStream> =
        if let Some(r) = source.dyn_ref::<web_sys::Response>() {
            r.body()
        } else if let Some(s) = source.dyn_ref::<web_sys::ReadableStream>() {
            Some(s.clone())
        } else {
            return Err(BrowserError::InvalidOptions(
                "summarizeClaimsStream expects a ReadableStream of bytes or a Response".into(),
            )
            .into());
        };
    let mut s = ClaimSummarizer::new();
    if let Some(stream) = stream {
        let reader: web_sys::ReadableStreamDefaultReader = stream.get_reader().dyn_into()?;
        loop {
            let chunk = JsFuture::from(reader.read()).await?;
            if js_sys::Reflect::get(&chunk, &"done".into())?.is_truthy() {
                break;
            }
            let value = js_sys::Reflect::get(&chunk, &"value".into())?;
            if let Err(e) = s.push(value) {
                let _ = reader.cancel();
                return Err(e);
            }
        }
    }
    s.finish()
}

/// Parses a Bundle (JSON text or bytes) into typed plain objects.
#[wasm_bindgen(js_name = parseBundle)]
pub fn parse_bundle_js(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array | ArrayBuffer")] json: JsValue,
) -> Result<JsBundle, JsValue> {
    let input = bytes_of(&json)?;
    let bundle = {
        let bytes = crate::core::http::gzip::maybe_inflate(
            &input,
            crate::core::http::gzip::DEFAULT_MAX_INFLATED,
        )
        .map_err(BrowserError::Gzip)?;
        parse_bundle(&bytes).map_err(fhir_err)?
    };
    // The input's memory is free again before the JSON text is written.
    drop(input);
    Ok(to_js_via_json(&bundle)?.into())
}

/// A data client bound to a session's environment and version.
#[wasm_bindgen]
pub struct BlueButtonClient {
    pub(super) inner: FhirClient,
}

/// A downloaded claims history.
#[wasm_bindgen]
pub struct ClaimsHistory {
    inner: History,
    /// The page bodies were kept (`keepPages`, default true).
    kept: bool,
}

#[wasm_bindgen]
impl BlueButtonClient {
    /// The beneficiary's Patient as plain JSON, or `null` when demographics were not shared.
    pub async fn patient(&self) -> Result<JsPatientOrNull, JsValue> {
        Ok(match self.inner.patient().await? {
            Some(p) => to_js(&p)?,
            None => JsValue::NULL,
        }
        .into())
    }

    /// Coverage resources (Part A/B/C/D).
    pub async fn coverage(&self) -> Result<JsCoverages, JsValue> {
        Ok(to_js(&self.inner.coverage().await?)?.into())
    }

    /// The v3 Digital Insurance Card: member name, Medicare number, each part (A, B, C, D,
    /// Dual) with its dates and plan ids, and the payer's phones and web address. Throws
    /// `requires_v3` on a v1/v2 client, `insurance_card_forbidden` when the sign-in lacks
    /// `patient/Patient.rs` or `patient/Coverage.rs`, `no_insurance_card` when no beneficiary
    /// matched.
    #[wasm_bindgen(js_name = insuranceCard)]
    pub async fn insurance_card(&self) -> Result<JsInsuranceCard, JsValue> {
        Ok(to_js(&self.inner.insurance_card().await?)?.into())
    }

    /// One claim by id.
    pub async fn eob(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
    ) -> Result<JsEob, JsValue> {
        let id = super::args::string_arg(&id, "eob", "id")?;
        Ok(to_js(&self.inner.eob(&id).await?)?.into())
    }

    /// One Coverage by id.
    #[wasm_bindgen(js_name = coverageById)]
    pub async fn coverage_by_id(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
    ) -> Result<JsCoverage, JsValue> {
        let id = super::args::string_arg(&id, "coverageById", "id")?;
        Ok(to_js(&self.inner.coverage_read(&id).await?)?.into())
    }

    /// A JSON document: `"metadata"`, `"userinfo"`, `"openid-configuration"` or
    /// `"smart-configuration"`.
    pub async fn document(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] name: JsValue,
    ) -> Result<JsJson, JsValue> {
        let name = super::args::string_arg(&name, "document", "name")?;
        let which = match name.as_str() {
            "metadata" => Document::Metadata,
            "userinfo" => Document::UserInfo,
            "openid-configuration" => Document::OpenIdConfiguration,
            "smart-configuration" => Document::SmartConfiguration,
            other => {
                return Err(BrowserError::InvalidOptions(format!(
                    "unknown document {other:?}: use metadata, userinfo, openid-configuration or smart-configuration"
                ))
                .into())
            }
        };
        Ok(to_js(&self.inner.document(which).await?)?.into())
    }

    /// One page of ExplanationOfBenefit search results (typed Bundle).
    #[wasm_bindgen(js_name = eobPage)]
    pub async fn eob_page(&self, options: JsEobSearchOptions) -> Result<JsBundle, JsValue> {
        let (search, _) = search_from(options.into(), None)?;
        Ok(to_js_via_json(&self.inner.eob_page(&search).await?)?.into())
    }

    /// The whole history: concurrent paging on v1/v2 (sequential on v3), retries, progress,
    /// cancellation; every claim exactly once or an error naming the failed page.
    #[wasm_bindgen(js_name = eobHistory)]
    pub async fn eob_history(&self, options: JsHistoryOptions) -> Result<ClaimsHistory, JsValue> {
        let value: JsValue = options.into();
        let (search, o) = search_from(value.clone(), Some(50))?;
        let progress = js_sys::Reflect::get(&value, &"onProgress".into())
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
        let signal = js_sys::Reflect::get(&value, &"signal".into())
            .ok()
            .and_then(|s| s.dyn_into::<web_sys::AbortSignal>().ok());
        let on_progress = move |done: usize, total: Option<usize>| {
            if let Some(f) = &progress {
                let total = total.map_or(JsValue::NULL, |t| JsValue::from(t as f64));
                let _ = f.call2(&JsValue::NULL, &JsValue::from(done as f64), &total);
            }
        };
        let kept = o.keep_pages.unwrap_or(true);
        let mut client = self.inner.clone();
        client.keep_pages = kept;
        let history = client
            .eob_history(&search, o.concurrency, on_progress, signal)
            .await?;
        Ok(ClaimsHistory {
            inner: history,
            kept,
        })
    }
}

#[wasm_bindgen]
impl ClaimsHistory {
    /// Number of claims.
    #[wasm_bindgen(getter)]
    pub fn length(&self) -> usize {
        self.inner.eobs.len()
    }
    /// Bytes of wasm memory held by the pages' JSON as the server sent it (kept for
    /// `toBundleJson()`/`toNdjson()`, gzip-packed: a fraction of the JSON's size; 0 with
    /// `keepPages: false`), on top of the typed claims. All of it is released by `free()`
    /// (or `using`).
    #[wasm_bindgen(getter, js_name = bytesHeld)]
    pub fn bytes_held(&self) -> usize {
        self.inner.bytes_held()
    }
    /// `Bundle.total` reported by the server (null on v3).
    #[wasm_bindgen(getter)]
    pub fn total(&self) -> Option<f64> {
        self.inner.total.map(|t| t as f64)
    }
    /// The claims as typed plain objects.
    pub fn claims(&self) -> Result<JsEobs, JsValue> {
        Ok(to_js_via_json(&self.inner.eobs)?.into())
    }
    /// The summary of the whole history.
    pub fn summary(&self) -> Result<JsClaimSummary, JsValue> {
        let mut builder = SummaryBuilder::new();
        for eob in &self.inner.eobs {
            builder.add_eob(eob);
        }
        let mut summary = builder.finish();
        summary.total = self.inner.total;
        Ok(to_js(&summary)?.into())
    }
    /// One FHIR Bundle (JSON text) with every claim as the server sent it.
    #[wasm_bindgen(js_name = toBundleJson)]
    pub fn to_bundle_json(&self) -> Result<String, JsValue> {
        crate::core::fhir::export::bundle_json(&self.pages("toBundleJson")?).map_err(fhir_err)
    }
    /// NDJSON: one claim per line.
    #[wasm_bindgen(js_name = toNdjson)]
    pub fn to_ndjson(&self) -> Result<String, JsValue> {
        crate::core::fhir::export::ndjson(&self.pages("toNdjson")?).map_err(fhir_err)
    }
    /// CSV of claim lines.
    #[wasm_bindgen(js_name = toCsv)]
    pub fn to_csv(&self) -> String {
        crate::core::fhir::export::claim_lines_csv(&self.inner.eobs)
    }
}

impl ClaimsHistory {
    /// The kept page bodies (unpacked), or the error saying how to get them for `export`.
    fn pages(&self, export: &'static str) -> Result<Vec<Vec<u8>>, JsValue> {
        if self.kept {
            return Ok(self.inner.page_bodies()?);
        }
        Err(BrowserError::PagesNotKept(export).into())
    }
}
