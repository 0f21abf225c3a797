//! The FHIR data client: bearer token only to the configured API origin, no redirects,
//! retries with backoff for GETs, one refresh-then-retry on 401, gzip bodies recognised by
//! their magic bytes (never by the header: the browser already decoded `Content-Encoding`),
//! typed errors with the server's words, and whole-history downloads with concurrent paging.

use std::rc::Rc;

mod pages;

use crate::browser::session::Session;
use crate::browser::token_source::TokenSource;
use crate::browser::url::BrowserUrl;
use crate::browser::{fetch, inflate, timer, BrowserError};
use crate::core::api::env::{ApiVersion, Endpoints, Environment};
use crate::core::api::error::RequestKind;
use crate::core::api::search::{Endpoints as FhirEndpoints, EobSearch};
use crate::core::fhir::{
    coverages_from_body, parse_bundle, parse_coverage, parse_eob, parse_insurance_card,
    patient_from_body, Bundle, Coverage, ExplanationOfBenefit, InsuranceCard, Patient,
};
use crate::core::http::attempt::{Attempt, Next, Outcome};
use crate::core::http::gzip::DEFAULT_MAX_INFLATED;
use crate::core::http::origin::same_origin_with;
use crate::core::http::packed::Packed;
use crate::core::http::retry::RetryPolicy;
use crate::core::http::{HttpRequest, Method, Transport};
use crate::core::oauth::secret::AccessToken;

/// Per-page body cap (checklist R29): a full 50-entry page is about 7 MB.
pub const PAGE_BODY_CAP: usize = 32 * 1024 * 1024;
/// Parallel page requests for v1/v2 histories.
pub const DEFAULT_CONCURRENCY: usize = 4;

/// A downloaded history.
#[derive(Debug, Clone, Default)]
pub struct History {
    /// Every claim exactly once, in server order.
    pub eobs: Vec<ExplanationOfBenefit>,
    /// `Bundle.total` (absent on v3).
    pub total: Option<u64>,
    /// The decoded page bodies (for lossless JSON/NDJSON export), each held gzip-packed
    /// ([`Packed::unpack`] gives the exact bytes back); empty when the client's
    /// [`FhirClient::keep_pages`] was off.
    pub pages: Vec<Packed>,
}

impl History {
    /// Bytes held by the kept page bodies ([`History::pages`], packed: a small fraction of
    /// the JSON the server sent), on top of the typed claims. Zero when the pages were not
    /// kept.
    ///
    /// ```
    /// use bluebutton_wasm::browser::fhir::History;
    /// use bluebutton_wasm::core::http::packed::Packed;
    /// let page = br#"{"resourceType":"Bundle","entry":[]}"#.repeat(100);
    /// let history = History { pages: vec![Packed::new(&page)], ..History::default() };
    /// assert!(history.bytes_held() > 0 && history.bytes_held() < page.len() / 10);
    /// assert_eq!(History::default().bytes_held(), 0);
    /// ```
    pub fn bytes_held(&self) -> usize {
        self.pages.iter().map(Packed::held_bytes).sum()
    }

    /// The kept page bodies as the server sent them (unpacked, in order), for the lossless
    /// exports; empty when the pages were not kept.
    ///
    /// ```
    /// use bluebutton_wasm::browser::fhir::History;
    /// use bluebutton_wasm::core::http::packed::Packed;
    /// let history = History { pages: vec![Packed::new(b"{}")], ..History::default() };
    /// assert_eq!(history.page_bodies().unwrap(), vec![b"{}".to_vec()]);
    /// ```
    pub fn page_bodies(&self) -> Result<Vec<Vec<u8>>, BrowserError> {
        Ok(self
            .pages
            .iter()
            .map(Packed::unpack)
            .collect::<Result<_, _>>()?)
    }
}

/// One page of a raw history download ([`FhirClient::eob_history_pages`]).
#[derive(Debug, Clone, Default)]
pub struct RawPage {
    /// Its place in the history, from 0 (pages are handed over in this order).
    pub index: usize,
    /// The decoded body, unparsed beyond its head.
    pub body: Vec<u8>,
    /// Its number of entries.
    pub entries: usize,
}

/// What a raw history download ends with: everything but the claims, which the caller
/// parses from the pages it was handed (e.g. in a Web Worker).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RawHistory {
    /// `Bundle.total` of the first page (absent on v3): check the assembled history against
    /// it with [`crate::core::api::paging::assemble_positions`].
    pub total: Option<u64>,
    /// Pages handed over.
    pub pages: usize,
    /// Entries in all pages, repeats included.
    pub entries: usize,
}

/// The client.
#[derive(Clone)]
pub struct FhirClient {
    session: Rc<dyn TokenSource>,
    fhir_base: String,
    version: ApiVersion,
    /// Retry policy for GETs.
    pub retry: RetryPolicy,
    /// Per-response body cap in bytes.
    pub page_cap: usize,
    /// Cap on a gzip body's inflated size.
    pub inflate_cap: usize,
    /// Inflate raw-gzip bodies with the browser's `DecompressionStream` (see
    /// [`inflate`](crate::browser::inflate)); on by default where it exists, else the core's
    /// miniz_oxide does it. Same cap, same errors either way.
    pub native_inflate: bool,
    /// v3 only: send `Prefer: handling=strict`, so the server answers 400 `Invalid
    /// parameters: [...]` for a search parameter it would otherwise drop silently (§12.5).
    /// Off by default: browsers cannot send `Prefer` to Blue Button cross-origin (it is not
    /// among its CORS allowed headers); use it same-origin, through a FHIR relay, or natively.
    pub strict: bool,
    /// Keep each page's body in [`History::pages`] (for the lossless JSON/NDJSON exports):
    /// on by default. Off, a history holds only its typed claims, and each body is freed as
    /// soon as its page is parsed.
    pub keep_pages: bool,
}

impl FhirClient {
    /// A client on the API the session was issued for (its environment and version): the
    /// usual way to get one.
    pub fn for_session(session: Session) -> Self {
        let (env, version) = (session.environment(), session.version());
        Self::new(session, &env, version)
    }

    /// A client on `env`/`version` using `session`'s tokens (a `Session`, or any
    /// [`TokenSource`]). Explicit: prefer [`FhirClient::for_session`], which cannot send a
    /// token to another environment's API.
    pub fn new(
        session: impl TokenSource + 'static,
        env: &Environment,
        version: ApiVersion,
    ) -> Self {
        Self {
            session: Rc::new(session),
            fhir_base: Endpoints::new(env, version).fhir_base,
            version,
            retry: RetryPolicy::default(),
            page_cap: PAGE_BODY_CAP,
            inflate_cap: DEFAULT_MAX_INFLATED,
            native_inflate: inflate::available(),
            strict: false,
            keep_pages: true,
        }
    }

    /// The FHIR base URL (`…/v{n}/fhir/`).
    pub fn fhir_base(&self) -> &str {
        &self.fhir_base
    }

    /// GETs `url` (absolute on the API origin, or relative to the FHIR base) and returns the
    /// decoded body of a 2xx answer. Retries, the refresh on 401 and the errors are decided
    /// by [`Attempt`]; this loop only performs what it says.
    pub async fn get(
        &self,
        url: &str,
        kind: RequestKind,
        signal: Option<&web_sys::AbortSignal>,
    ) -> Result<Vec<u8>, BrowserError> {
        let url = same_origin_with(&BrowserUrl, &self.fhir_base, url)?.to_string();
        let mut token = self.session.access_token().await?;
        let mut attempt = Attempt::new(Method::Get, kind)
            .with_policy(self.retry)
            .with_decoding(Transport::Browser, self.inflate_cap)
            .with_shell_inflate(self.native_inflate);
        let mut outcome = self.try_once(&url, &token, signal).await?;
        loop {
            outcome = match attempt.next(outcome, timer::jitter()) {
                Next::Done(body) => return Ok(body),
                Next::Inflate { gzip, expected } => match inflate::inflate(&gzip, expected).await {
                    Ok(body) => Outcome::Inflated(body),
                    // The core names the refusal (see the inflate module).
                    Err(_) => Outcome::InflateRefused(gzip),
                },
                Next::Fail(error) => return Err(error.into()),
                Next::Retry { after_ms } if timer::sleep(after_ms, signal).await => {
                    self.try_once(&url, &token, signal).await?
                }
                Next::Retry { .. } => Outcome::Cancelled,
                Next::RefreshThenRetry if !self.has_refresh_token() => Outcome::NoRefreshToken,
                Next::RefreshThenRetry => match self.session.after_unauthorized(&token).await {
                    Ok(fresh) => {
                        token = fresh;
                        self.try_once(&url, &token, signal).await?
                    }
                    Err(error) => Outcome::RefreshFailed(error),
                },
            };
        }
    }

    /// Sends the GET once with `token` and reports what happened. A redirect or an oversized
    /// body is returned as the error at once: no retry can change it.
    async fn try_once(
        &self,
        url: &str,
        token: &AccessToken,
        signal: Option<&web_sys::AbortSignal>,
    ) -> Result<Outcome<BrowserError>, BrowserError> {
        let aborted = || signal.is_some_and(|s| s.aborted());
        if aborted() {
            return Ok(Outcome::Cancelled);
        }
        let mut request = HttpRequest::get(url);
        request
            .headers
            .push(("authorization".into(), format!("Bearer {}", token.secret())));
        request.headers.push((
            "accept".into(),
            "application/fhir+json, application/json".into(),
        ));
        if self.strict && self.version == ApiVersion::V3 {
            request
                .headers
                .push(("prefer".into(), "handling=strict".into()));
        }
        match fetch::send_with(&request, self.page_cap, signal).await {
            Ok(response) => Ok(Outcome::Response(response)),
            Err(BrowserError::Network { .. }) if aborted() => Ok(Outcome::Cancelled),
            Err(error @ BrowserError::Network { .. }) => Ok(Outcome::NetworkError(error)),
            Err(error) => Err(error),
        }
    }

    /// The URL builders of this FHIR base.
    fn urls(&self) -> Result<FhirEndpoints, BrowserError> {
        Ok(FhirEndpoints::new_with(&BrowserUrl, &self.fhir_base)?)
    }

    fn has_refresh_token(&self) -> bool {
        self.session.can_refresh()
    }

    fn patient_id(&self) -> Option<String> {
        self.session.patient()
    }

    /// The body of the beneficiary's Patient read (or search, without a patient id in the
    /// token), or `None` when demographics were not shared (the 403 case). What
    /// [`FhirClient::patient`] parses, for an app that parses elsewhere (a Web Worker, with
    /// [`crate::core::fhir::patient_from_body`]).
    pub async fn patient_body(&self) -> Result<Option<Vec<u8>>, BrowserError> {
        let url = match self.patient_id() {
            Some(id) => self.urls()?.patient_read(&id)?.to_string(),
            None => self.urls()?.patient_search().to_string(),
        };
        match self.get(&url, RequestKind::Demographics, None).await {
            Ok(body) => Ok(Some(body)),
            Err(BrowserError::Api(e))
                if e.code() == crate::core::ErrorCode::DemographicsWithheld =>
            {
                Ok(None)
            }
            Err(e) => Err(e),
        }
    }

    /// The beneficiary's Patient, or `None` when demographics were not shared (the 403
    /// case; the patient id is still in the token response).
    pub async fn patient(&self) -> Result<Option<Patient>, BrowserError> {
        match self.patient_body().await? {
            Some(body) => Ok(patient_from_body(&body)?),
            None => Ok(None),
        }
    }

    /// The body of the Coverage search: what [`FhirClient::coverage`] parses (with
    /// [`crate::core::fhir::coverages_from_body`]).
    pub async fn coverage_body(&self) -> Result<Vec<u8>, BrowserError> {
        let url = self.urls()?.coverage_search().to_string();
        self.get(&url, RequestKind::Other, None).await
    }

    /// The Coverage resources (Parts A, B, C, D).
    pub async fn coverage(&self) -> Result<Vec<Coverage>, BrowserError> {
        Ok(coverages_from_body(&self.coverage_body().await?)?)
    }

    /// The body of the v3 Digital Insurance Card: what [`FhirClient::insurance_card`] parses
    /// (with [`crate::core::fhir::parse_insurance_card`]); the same errors before parsing.
    pub async fn insurance_card_body(&self) -> Result<Vec<u8>, BrowserError> {
        let url = self.urls()?.insurance_card()?.to_string();
        self.get(&url, RequestKind::InsuranceCard, None).await
    }

    /// The v3 Digital Insurance Card (`Patient/$generate-insurance-card`): member name,
    /// Medicare number, each part with its dates, the payer's phones and web address.
    ///
    /// Errors: `requires_v3` on a v1/v2 client (nothing is sent); `insurance_card_forbidden`
    /// when the token or the app lacks a Patient read scope or a Coverage search scope;
    /// `no_insurance_card` when no beneficiary matched; the usual API and FHIR errors otherwise.
    pub async fn insurance_card(&self) -> Result<InsuranceCard, BrowserError> {
        Ok(parse_insurance_card(&self.insurance_card_body().await?)?)
    }

    fn eob_kind(&self) -> RequestKind {
        if self.version == ApiVersion::V3 {
            RequestKind::Other
        } else {
            RequestKind::EobV1V2
        }
    }

    fn eob_url(&self, search: &EobSearch) -> Result<String, BrowserError> {
        Ok(self.urls()?.eob_search(search)?.to_string())
    }

    /// One claim by id.
    pub async fn eob(&self, id: &str) -> Result<ExplanationOfBenefit, BrowserError> {
        let url = self.urls()?.eob_read(id)?.to_string();
        Ok(parse_eob(&self.get(&url, self.eob_kind(), None).await?)?)
    }

    /// One Coverage by id (e.g. `part-a--20140000008325`).
    pub async fn coverage_read(&self, id: &str) -> Result<Coverage, BrowserError> {
        let url = self.urls()?.coverage_read(id)?.to_string();
        Ok(parse_coverage(
            &self.get(&url, RequestKind::Other, None).await?,
        )?)
    }

    /// A JSON document of the API: `metadata` (CapabilityStatement), `userinfo`,
    /// `openid-configuration` or `smart-configuration`.
    pub async fn document(&self, which: Document) -> Result<serde_json::Value, BrowserError> {
        let (url, kind) = match which {
            Document::Metadata => (self.urls()?.metadata(), RequestKind::Other),
            Document::UserInfo => (self.urls()?.userinfo(), RequestKind::Demographics),
            Document::OpenIdConfiguration => {
                (self.urls()?.openid_configuration(), RequestKind::Other)
            }
            Document::SmartConfiguration => {
                (self.urls()?.smart_configuration(), RequestKind::Other)
            }
        };
        let body = self.get(url.as_str(), kind, None).await?;
        serde_json::from_slice(&body)
            .map_err(|_| crate::core::api::error::ApiError::NotJson { status: 200 }.into())
    }

    /// One page of an EOB search.
    pub async fn eob_page(&self, search: &EobSearch) -> Result<Bundle, BrowserError> {
        let body = self
            .get(&self.eob_url(search)?, self.eob_kind(), None)
            .await?;
        Ok(parse_bundle(&body)?)
    }
}

/// The non-FHIR documents of the API.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Document {
    /// `/v{n}/fhir/metadata`
    Metadata,
    /// `/v{n}/connect/userinfo` (403 when demographics were withheld)
    UserInfo,
    /// `/.well-known/openid-configuration` (`-v2`, `-v3`)
    OpenIdConfiguration,
    /// `/v{n}/fhir/.well-known/smart-configuration`
    SmartConfiguration,
}
