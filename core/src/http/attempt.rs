//! One API request, sans-IO: the shell sends it and reports what happened; [`Attempt`]
//! decides what comes next — done, retry after a wait, refresh the token and retry once, or
//! fail with a typed error. Randomness (the jitter) and time (the waits) stay in the shell.
//!
//! The bounds, for any sequence of outcomes:
//! - at most [`RetryPolicy::max_retries`] retries after waits, shared by network errors,
//!   429/5xx answers and gzip bodies cut short (a transfer failure, like a network error);
//! - waits by [`RetryPolicy::next_delay`]: full-jitter backoff, or the server's Retry-After
//!   (delta-seconds) or DRF "Expected available in N seconds." up to its cap;
//! - a 401 asks for at most one token refresh, then one more try (not counted as a retry);
//!   a refresh that is impossible or fails ends the request;
//! - a POST is never sent twice;
//! - after [`Next::Done`] or [`Next::Fail`] it never asks for another try.
//!
//! A shell with a faster inflater of its own (a browser's `DecompressionStream`) may opt in
//! with [`Attempt::with_shell_inflate`]: a 2xx gzip body whose trailer promises a size within
//! the cap is then answered with [`Next::Inflate`] (part of the same try), and any refusal
//! comes back as [`Outcome::InflateRefused`] to be named by the core's own inflater, so the
//! errors and the retry of a cut-short body are the same on both paths.
//!
//! ```
//! use bluebutton_core::api::error::RequestKind;
//! use bluebutton_core::http::attempt::{Attempt, Next, Outcome};
//! use bluebutton_core::http::{HttpResponse, Method};
//!
//! let mut attempt = Attempt::new(Method::Get, RequestKind::Other);
//! // The shell sent the request and got a 503: wait (jitter 0.5 of the first 1 s step).
//! let busy = HttpResponse::new(503, vec![], b"{}".to_vec());
//! assert!(matches!(attempt.next(Outcome::<()>::Response(busy), 0.5), Next::Retry { after_ms: 500 }));
//! // It waited and sent again: a 200 ends the request with its body.
//! let ok = HttpResponse::new(200, vec![], br#"{"resourceType":"Bundle"}"#.to_vec());
//! let Next::Done(body) = attempt.next(Outcome::<()>::Response(ok), 0.5) else { unreachable!() };
//! assert_eq!(body, br#"{"resourceType":"Bundle"}"#);
//! ```

use std::borrow::Cow;

use crate::api::error::{classify_response, ApiError, RequestKind};
use crate::http::gzip::{inflate_capped, is_gzip, promised_size, GzipError, DEFAULT_MAX_INFLATED};
use crate::http::retry::{should_retry, RetryPolicy};
use crate::http::{HttpResponse, Method, Transport};

/// What happened after the machine's last answer, as the shell saw it. `E` is the shell's
/// own error type, handed back unchanged in [`AttemptError::Shell`].
///
/// ```
/// use bluebutton_core::http::attempt::Outcome;
/// let o: Outcome<String> = Outcome::NetworkError("offline".into());
/// assert!(matches!(o, Outcome::NetworkError(_)));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome<E> {
    /// The server answered (any status; the body as received).
    Response(HttpResponse),
    /// No answer: offline, DNS, CORS refusal, a connection reset.
    NetworkError(E),
    /// The caller cancelled (before a try, during one, or during a wait).
    Cancelled,
    /// Asked to refresh, the shell has no refresh token: the session cannot be renewed.
    NoRefreshToken,
    /// Asked to refresh, the refresh failed with this error.
    RefreshFailed(E),
    /// Asked to [`Next::Inflate`], the shell's inflater produced these bytes (and checked
    /// the CRC-32, as `DecompressionStream` does).
    Inflated(Vec<u8>),
    /// Asked to [`Next::Inflate`], the shell's inflater refused the data or stopped past the
    /// promised size; the gzip bytes are handed back so the core can name the reason.
    InflateRefused(Vec<u8>),
}

/// What the shell does next.
///
/// ```
/// use bluebutton_core::api::error::RequestKind;
/// use bluebutton_core::http::attempt::{Attempt, Next, Outcome};
/// use bluebutton_core::http::{HttpResponse, Method};
/// let mut attempt = Attempt::new(Method::Get, RequestKind::Other);
/// let expired = HttpResponse::new(401, vec![], b"{}".to_vec());
/// assert!(matches!(attempt.next(Outcome::<()>::Response(expired), 0.0), Next::RefreshThenRetry));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub enum Next<E> {
    /// Wait `after_ms` milliseconds (cancellably), then send the request again and report.
    Retry {
        /// The wait in milliseconds.
        after_ms: u64,
    },
    /// Refresh the access token, then send the request again with the new one and report;
    /// report [`Outcome::NoRefreshToken`] or [`Outcome::RefreshFailed`] instead when the
    /// refresh cannot be done.
    RefreshThenRetry,
    /// Finished: the body of the 2xx answer, inflated when it was still gzip.
    Done(Vec<u8>),
    /// Only with [`Attempt::with_shell_inflate`]: the 2xx body is still gzip; inflate `gzip`
    /// and report [`Outcome::Inflated`] with exactly `expected` bytes, or
    /// [`Outcome::InflateRefused`] with `gzip` as soon as the inflater fails or passes
    /// `expected` bytes (stop reading there: `expected` is within the cap). The core then
    /// names the failure with its own inflater, so the errors are the same on both paths.
    Inflate {
        /// The gzip body.
        gzip: Vec<u8>,
        /// The output size the trailer promises ([`promised_size`]).
        expected: usize,
    },
    /// Finished with an error.
    Fail(AttemptError<E>),
}

/// Why a request failed: the core's own errors, or the shell's error handed back.
///
/// ```
/// use bluebutton_core::api::error::RequestKind;
/// use bluebutton_core::http::attempt::{Attempt, AttemptError, Next, Outcome};
/// use bluebutton_core::http::{HttpResponse, Method};
/// let mut attempt = Attempt::new(Method::Get, RequestKind::Other);
/// let missing = HttpResponse::new(404, vec![], br#"{"detail":"Not found."}"#.to_vec());
/// let Next::Fail(AttemptError::Api(e)) = attempt.next(Outcome::<()>::Response(missing), 0.0) else { unreachable!() };
/// assert_eq!(e.code(), "not_found");
/// ```
#[derive(Debug, Clone, PartialEq)]
pub enum AttemptError<E> {
    /// The API answered with an error status (for 429 and 5xx, once the retries ran out).
    Api(ApiError),
    /// A 2xx body could not be inflated (a cut-short one once the retries ran out).
    Gzip(GzipError),
    /// The shell's error: the last network error once the retries ran out, or the refresh's.
    Shell(E),
    /// The caller cancelled.
    Cancelled,
}

/// The decisions for one request. Feed it each [`Outcome`] with a fresh jitter sample in
/// `[0, 1)`; it answers [`Next`].
///
/// ```
/// use bluebutton_core::api::error::RequestKind;
/// use bluebutton_core::http::attempt::{Attempt, AttemptError, Next, Outcome};
/// use bluebutton_core::http::retry::RetryPolicy;
/// use bluebutton_core::http::Method;
/// let policy = RetryPolicy { max_retries: 1, ..RetryPolicy::default() };
/// let mut attempt = Attempt::new(Method::Get, RequestKind::Other).with_policy(policy);
/// assert_eq!(attempt.next(Outcome::NetworkError("offline"), 0.0), Next::Retry { after_ms: 0 });
/// assert_eq!(attempt.next(Outcome::NetworkError("offline"), 0.0), Next::Fail(AttemptError::Shell("offline")));
/// ```
#[derive(Debug, Clone)]
pub struct Attempt {
    method: Method,
    kind: RequestKind,
    policy: RetryPolicy,
    transport: Transport,
    max_inflated: usize,
    /// The shell inflates 2xx gzip bodies of a promised size ([`Next::Inflate`]).
    shell_inflates: bool,
    /// The size promised in the last [`Next::Inflate`], while the shell inflates.
    inflating: Option<usize>,
    /// Retries granted so far (each after a wait).
    retries: u32,
    /// The one refresh was asked for (or found impossible).
    refreshed: bool,
    /// The 401 that asked for the refresh, kept to explain a refresh that cannot be done.
    unauthorized: Option<HttpResponse>,
    /// Done or Fail was answered.
    finished: bool,
}

impl Attempt {
    /// A request with `method` to an endpoint of `kind` (which names its 403s), with the
    /// default [`RetryPolicy`], read as a browser would ([`Transport::Browser`]) with
    /// inflated bodies capped at [`DEFAULT_MAX_INFLATED`].
    ///
    /// ```
    /// use bluebutton_core::api::error::RequestKind;
    /// use bluebutton_core::http::attempt::{Attempt, AttemptError, Next, Outcome};
    /// use bluebutton_core::http::Method;
    /// // A POST is never sent twice.
    /// let mut post = Attempt::new(Method::Post, RequestKind::Other);
    /// assert_eq!(post.next(Outcome::NetworkError(7), 0.5), Next::Fail(AttemptError::Shell(7)));
    /// ```
    pub fn new(method: Method, kind: RequestKind) -> Self {
        Self {
            method,
            kind,
            policy: RetryPolicy::default(),
            transport: Transport::Browser,
            max_inflated: DEFAULT_MAX_INFLATED,
            shell_inflates: false,
            inflating: None,
            retries: 0,
            refreshed: false,
            unauthorized: None,
            finished: false,
        }
    }

    /// The same with `policy` for the retries.
    ///
    /// ```
    /// use bluebutton_core::api::error::RequestKind;
    /// use bluebutton_core::http::attempt::{Attempt, Next, Outcome};
    /// use bluebutton_core::http::retry::RetryPolicy;
    /// use bluebutton_core::http::Method;
    /// let never = RetryPolicy { max_retries: 0, ..RetryPolicy::default() };
    /// let mut attempt = Attempt::new(Method::Get, RequestKind::Other).with_policy(never);
    /// assert!(matches!(attempt.next(Outcome::NetworkError(()), 0.5), Next::Fail(_)));
    /// ```
    pub fn with_policy(mut self, policy: RetryPolicy) -> Self {
        self.policy = policy;
        self
    }

    /// The same, reading bodies as `transport` delivers them (see
    /// [`HttpResponse::decoded_body`]) with the inflated size capped at `max_inflated`.
    ///
    /// ```
    /// use bluebutton_core::api::error::RequestKind;
    /// use bluebutton_core::http::attempt::{Attempt, AttemptError, Next, Outcome};
    /// use bluebutton_core::http::gzip::GzipError;
    /// use bluebutton_core::http::{HttpResponse, Method, Transport};
    /// let mut attempt = Attempt::new(Method::Get, RequestKind::Other).with_decoding(Transport::Native, 1 << 20);
    /// let labelled = HttpResponse::new(200, vec![("content-encoding".into(), "gzip".into())], b"{}".to_vec());
    /// assert_eq!(attempt.next(Outcome::<()>::Response(labelled), 0.0), Next::Fail(AttemptError::Gzip(GzipError::NotGzip)));
    /// ```
    pub fn with_decoding(mut self, transport: Transport, max_inflated: usize) -> Self {
        self.transport = transport;
        self.max_inflated = max_inflated;
        self
    }

    /// The same, letting the shell inflate gzip bodies with a faster inflater of its own
    /// (a browser's `DecompressionStream`): a 2xx body that is still gzip
    /// ([`Transport::Browser`]) and whose trailer promises a size within the cap is answered
    /// with [`Next::Inflate`] instead of being inflated here. Bodies outside that (an empty
    /// member, a trailer over the cap or impossible) are still inflated by the core.
    ///
    /// ```
    /// use bluebutton_core::api::error::RequestKind;
    /// use bluebutton_core::http::attempt::{Attempt, Next, Outcome};
    /// use bluebutton_core::http::{HttpResponse, Method};
    /// // `gzip -n` of "hi\n"
    /// let gz = vec![0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0x03, 0xcb, 0xc8, 0xe4, 0x02, 0,
    ///               0x7a, 0x7a, 0x6f, 0xed, 0x03, 0, 0, 0];
    /// let mut attempt = Attempt::new(Method::Get, RequestKind::Other).with_shell_inflate(true);
    /// let answer = attempt.next(Outcome::<()>::Response(HttpResponse::new(200, vec![], gz.clone())), 0.0);
    /// assert_eq!(answer, Next::Inflate { gzip: gz, expected: 3 });
    /// assert_eq!(attempt.next(Outcome::<()>::Inflated(b"hi\n".to_vec()), 0.0), Next::Done(b"hi\n".to_vec()));
    /// ```
    pub fn with_shell_inflate(mut self, yes: bool) -> Self {
        self.shell_inflates = yes;
        self
    }

    /// Decides what to do after `outcome`; `jitter` is a uniform sample in `[0, 1)` used
    /// only when the answer is a backoff wait.
    ///
    /// ```
    /// use bluebutton_core::api::error::RequestKind;
    /// use bluebutton_core::http::attempt::{Attempt, AttemptError, Next, Outcome};
    /// use bluebutton_core::http::{HttpResponse, Method};
    /// let mut attempt = Attempt::new(Method::Get, RequestKind::Other);
    /// let throttled = HttpResponse::new(429, vec![("retry-after".into(), "7".into())], vec![]);
    /// assert_eq!(attempt.next(Outcome::<()>::Response(throttled), 0.9), Next::Retry { after_ms: 7000 });
    /// assert_eq!(attempt.next(Outcome::<()>::Cancelled, 0.9), Next::Fail(AttemptError::Cancelled));
    /// ```
    pub fn next<E>(&mut self, outcome: Outcome<E>, jitter: f64) -> Next<E> {
        let unauthorized = self.unauthorized.take();
        let inflating = self.inflating.take();
        match outcome {
            Outcome::Response(response) => self.answered(response, jitter),
            Outcome::NetworkError(error) => match self.back_off(None, jitter) {
                Some(after_ms) => Next::Retry { after_ms },
                None => self.fail(AttemptError::Shell(error)),
            },
            Outcome::Cancelled => self.fail(AttemptError::Cancelled),
            // The 401 stands: it says why (expired, or the 13-month grant ended).
            Outcome::NoRefreshToken => {
                self.refreshed = true;
                let response =
                    unauthorized.unwrap_or_else(|| HttpResponse::new(401, Vec::new(), Vec::new()));
                self.answered(response, jitter)
            }
            Outcome::RefreshFailed(error) => self.fail(AttemptError::Shell(error)),
            Outcome::Inflated(body) => match inflating {
                Some(expected) if body.len() != expected => {
                    // ISIZE is the length mod 2^32; `expected` fits in u32 (see promised_size).
                    #[allow(clippy::cast_possible_truncation)]
                    let (expected, actual) = (expected as u32, body.len() as u32);
                    self.fail(AttemptError::Gzip(GzipError::LengthMismatch {
                        expected,
                        actual,
                    }))
                }
                _ => self.body_read(Ok(body), jitter),
            },
            Outcome::InflateRefused(gzip) => {
                let result = inflate_capped(&gzip, self.max_inflated);
                self.body_read(result, jitter)
            }
        }
    }

    fn answered<E>(&mut self, response: HttpResponse, jitter: f64) -> Next<E> {
        let status = response.status;
        if status == 401 && self.may_retry() && !self.refreshed {
            self.refreshed = true;
            self.unauthorized = Some(response);
            return Next::RefreshThenRetry;
        }
        if should_retry(self.method, status) {
            if let Some(after_ms) = self.back_off(Some(&retry_hint(&response)), jitter) {
                return Next::Retry { after_ms };
            }
        }
        if let Some(error) = classify_response(status, &response.body, self.kind) {
            return self.fail(AttemptError::Api(error));
        }
        if self.shell_inflates
            && !self.finished
            && self.transport == Transport::Browser
            && is_gzip(&response.body)
        {
            if let Some(expected) = promised_size(&response.body, self.max_inflated) {
                self.inflating = Some(expected);
                return Next::Inflate {
                    gzip: response.body,
                    expected,
                };
            }
        }
        let result = decoded(response, self.transport, self.max_inflated);
        self.body_read(result, jitter)
    }

    /// Ends with the decoded 2xx body, or retries a body cut short, or fails.
    fn body_read<E>(&mut self, result: Result<Vec<u8>, GzipError>, jitter: f64) -> Next<E> {
        match result {
            Ok(body) => {
                self.finished = true;
                Next::Done(body)
            }
            // A gzip body cut short is a transfer failure, retried like a network error.
            Err(error @ (GzipError::Truncated | GzipError::TruncatedHeader)) => {
                match self.back_off(None, jitter) {
                    Some(after_ms) => Next::Retry { after_ms },
                    None => self.fail(AttemptError::Gzip(error)),
                }
            }
            Err(error) => self.fail(AttemptError::Gzip(error)),
        }
    }

    /// Whether this request may be sent again at all.
    fn may_retry(&self) -> bool {
        self.method == Method::Get && !self.finished
    }

    /// The wait before the next retry (counting it), or `None` when none is left.
    fn back_off(&mut self, hint: Option<&str>, jitter: f64) -> Option<u64> {
        if !self.may_retry() {
            return None;
        }
        let after_ms = self.policy.next_delay(self.retries, hint, jitter)?;
        self.retries += 1;
        Some(after_ms)
    }

    fn fail<E>(&mut self, error: AttemptError<E>) -> Next<E> {
        self.finished = true;
        Next::Fail(error)
    }
}

/// The server's wait hint: the Retry-After header when the shell could read it, else the
/// body (DRF's throttle text).
fn retry_hint(response: &HttpResponse) -> Cow<'_, str> {
    match response.header("retry-after") {
        Some(value) => Cow::Borrowed(value),
        None => String::from_utf8_lossy(&response.body),
    }
}

/// The body ready to parse, moved out of `response` when it needed no inflating.
fn decoded(
    response: HttpResponse,
    transport: Transport,
    max_inflated: usize,
) -> Result<Vec<u8>, GzipError> {
    let inflated = match response.decoded_body(transport, max_inflated)? {
        Cow::Owned(inflated) => Some(inflated),
        Cow::Borrowed(_) => None,
    };
    Ok(inflated.unwrap_or(response.body))
}

#[cfg(test)]
mod tests;
