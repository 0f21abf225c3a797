//! A whole EOB history: the first page, then the rest by the core's paging plan
//! ([`plan_pages_with`]), each page read as a full [`Bundle`] ([`FhirClient::eob_history`]) or
//! only as far as paging needs ([`BundleHead`], [`FhirClient::eob_history_pages`]). One walk
//! serves both; the shell only performs what the plan says.

use std::cell::RefCell;

use futures_util::stream::{self, StreamExt};

use super::{FhirClient, History, RawHistory, RawPage, DEFAULT_CONCURRENCY};
use crate::browser::url::BrowserUrl;
use crate::browser::BrowserError;
use crate::core::api::paging::{
    assemble, max_pages_for, plan_pages_with, PagingPlan, SequentialPager,
};
use crate::core::api::search::EobSearch;
use crate::core::fhir::bundle_head::{parse_bundle_head, BundleHead};
use crate::core::fhir::text::Interner;
use crate::core::fhir::{parse_bundle_in, Bundle, FhirError, Resource};
use crate::core::http::packed::Packed;

/// What a walk reads of each page: enough to count its entries and find the next one.
trait PageRead: Sized {
    /// Reads a page; a full reading shares its repeated strings through `interner`, which
    /// lives for one walk (all its pages), so the pages of one history share them.
    fn read(body: &[u8], interner: &mut Interner) -> Result<Self, FhirError>;
    fn total(&self) -> Option<u64>;
    fn entries(&self) -> usize;
    fn next_link(&self) -> Option<&str>;
    /// The page as [`plan_pages_with`] reads it.
    fn plan_view(&self) -> std::borrow::Cow<'_, Bundle>;
}

impl PageRead for Bundle {
    fn read(body: &[u8], interner: &mut Interner) -> Result<Self, FhirError> {
        parse_bundle_in(interner, body)
    }
    fn total(&self) -> Option<u64> {
        self.total
    }
    fn entries(&self) -> usize {
        self.entry.len()
    }
    fn next_link(&self) -> Option<&str> {
        Bundle::next_link(self)
    }
    fn plan_view(&self) -> std::borrow::Cow<'_, Bundle> {
        std::borrow::Cow::Borrowed(self)
    }
}

impl PageRead for BundleHead {
    fn read(body: &[u8], _: &mut Interner) -> Result<Self, FhirError> {
        parse_bundle_head(body)
    }
    fn total(&self) -> Option<u64> {
        self.total
    }
    fn entries(&self) -> usize {
        self.entries
    }
    fn next_link(&self) -> Option<&str> {
        BundleHead::next_link(self)
    }
    fn plan_view(&self) -> std::borrow::Cow<'_, Bundle> {
        std::borrow::Cow::Owned(self.as_bundle())
    }
}

impl FhirClient {
    /// The whole EOB history matching `search`: the first page, then the remaining pages
    /// concurrently from `total` on v1/v2 (sequential `next` links on v3 or without total),
    /// assembled in order, de-duplicated by id and checked against `total`. A page that still
    /// fails after its retries fails the whole download ([`BrowserError::PageFailed`]).
    ///
    /// ```no_run
    /// # async fn demo(client: bluebutton_wasm::browser::fhir::FhirClient) {
    /// use bluebutton_wasm::core::api::search::EobSearch;
    /// let history = client
    ///     .eob_history(&EobSearch::new(), None, |done, total| {
    ///         let _ = (done, total); // progress
    ///     }, None)
    ///     .await;
    /// # }
    /// ```
    pub async fn eob_history(
        &self,
        search: &EobSearch,
        concurrency: Option<usize>,
        on_progress: impl Fn(usize, Option<usize>),
        signal: Option<web_sys::AbortSignal>,
    ) -> Result<History, BrowserError> {
        let mut pages = Vec::new();
        let mut bodies = Vec::new();
        let keep = self.keep_pages;
        let total = self
            .walk(
                search,
                concurrency,
                signal,
                on_progress,
                |body, bundle: Bundle| {
                    if keep {
                        // Packed as it arrives (the body is freed here): a kept history holds
                        // a fraction of the JSON, and exports unpack it.
                        bodies.push(Packed::new(&body));
                    }
                    pages.push(bundle);
                },
            )
            .await?;
        let mut eobs: Vec<_> = assemble(pages, total)?
            .into_iter()
            .filter_map(|e| match e.resource {
                Some(Resource::ExplanationOfBenefit(eob)) => Some(*eob),
                _ => None,
            })
            .collect();
        // Collected without a size hint, it may hold up to twice its claims' slots.
        eobs.shrink_to_fit();
        Ok(History {
            eobs,
            total,
            pages: bodies,
        })
    }

    /// [`FhirClient::eob_history`] without the claims: the same requests, retries, refresh,
    /// paging plan and limits, but each page is read only as far as paging needs (its
    /// [`BundleHead`]) and handed to `on_page` in history order, body and all. The caller
    /// parses the claims, e.g. in a Web Worker, and checks them against
    /// [`RawHistory::total`] with [`crate::core::api::paging::assemble_positions`].
    ///
    /// `on_progress` gets the entries received so far and the total, as in `eob_history`.
    /// Works in a window and in a worker (it uses only `fetch` and timers).
    ///
    /// ```no_run
    /// # async fn demo(client: bluebutton_wasm::browser::fhir::FhirClient) {
    /// use bluebutton_wasm::core::api::search::EobSearch;
    /// let mut bodies = Vec::new();
    /// let done = client
    ///     .eob_history_pages(&EobSearch::new(), None, |page| bodies.push(page.body), |_, _| {}, None)
    ///     .await;
    /// # }
    /// ```
    pub async fn eob_history_pages(
        &self,
        search: &EobSearch,
        concurrency: Option<usize>,
        mut on_page: impl FnMut(RawPage),
        on_progress: impl Fn(usize, Option<usize>),
        signal: Option<web_sys::AbortSignal>,
    ) -> Result<RawHistory, BrowserError> {
        let mut out = RawHistory::default();
        let total = self
            .walk(
                search,
                concurrency,
                signal,
                on_progress,
                |body, head: BundleHead| {
                    on_page(RawPage {
                        index: out.pages,
                        body,
                        entries: head.entries,
                    });
                    out.pages += 1;
                    out.entries += head.entries;
                },
            )
            .await?;
        out.total = total;
        Ok(out)
    }

    /// Fetches every page of `search` in history order, reads each as `T`, reports progress
    /// and hands each body with its reading to `visit`; returns the first page's `total`.
    async fn walk<T: PageRead>(
        &self,
        search: &EobSearch,
        concurrency: Option<usize>,
        signal: Option<web_sys::AbortSignal>,
        on_progress: impl Fn(usize, Option<usize>),
        mut visit: impl FnMut(Vec<u8>, T),
    ) -> Result<Option<u64>, BrowserError> {
        let signal = signal.as_ref();
        // One interner per walk: the pages share their strings; dropped when the walk ends.
        let interner = RefCell::new(Interner::new());
        let interner = &interner;
        let first_url = self.eob_url(search)?;
        let (body, first) = self.read_page::<T>(&first_url, 1, signal, interner).await?;
        let total = first.total();
        let total_hint = total.map(|t| t as usize);
        let mut done = 0;
        let mut hand = |body: Vec<u8>, page: T| {
            done += page.entries();
            on_progress(done, total_hint);
            visit(body, page);
        };
        let plan = plan_pages_with(&BrowserUrl, &first_url, &first.plan_view(), self.version)?;
        match plan {
            PagingPlan::Done => hand(body, first),
            PagingPlan::Concurrent(urls) => {
                hand(body, first);
                let width = concurrency.unwrap_or(DEFAULT_CONCURRENCY).clamp(1, 8);
                let mut results = stream::iter(urls.into_iter().enumerate())
                    .map(|(i, url)| async move {
                        self.read_page::<T>(url.as_str(), i + 2, signal, interner)
                            .await
                    })
                    .buffered(width);
                while let Some(result) = results.next().await {
                    let (body, page) = result?;
                    hand(body, page);
                }
            }
            PagingPlan::Sequential => {
                let max = max_pages_for(total, 50);
                let mut pager =
                    SequentialPager::new_with(BrowserUrl, &self.fhir_base, &first_url, max)?;
                let mut next = pager.next(first.next_link())?;
                hand(body, first);
                let mut n = 1;
                while let Some(url) = next {
                    n += 1;
                    let (body, page) = self
                        .read_page::<T>(url.as_str(), n, signal, interner)
                        .await?;
                    next = pager.next(page.next_link())?;
                    hand(body, page);
                }
            }
        }
        Ok(total)
    }

    /// Page `n` of a history: its body and its reading; any failure but a cancel names the
    /// page.
    async fn read_page<T: PageRead>(
        &self,
        url: &str,
        n: usize,
        signal: Option<&web_sys::AbortSignal>,
        interner: &RefCell<Interner>,
    ) -> Result<(Vec<u8>, T), BrowserError> {
        let failed = |source: BrowserError| BrowserError::PageFailed {
            page: n,
            url: url.to_owned(),
            source: Box::new(source),
        };
        let body = self
            .get(url, self.eob_kind(), signal)
            .await
            .map_err(|e| match e {
                BrowserError::Cancelled => e,
                other => failed(other),
            })?;
        // The parse is synchronous (no await while the interner is borrowed), so concurrent
        // page futures never hold it at once.
        let page = T::read(&body, &mut interner.borrow_mut()).map_err(|e| failed(e.into()))?;
        Ok((body, page))
    }
}
