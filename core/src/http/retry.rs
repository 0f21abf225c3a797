//! Retry decisions: which failures to retry and how long to wait.
//!
//! Only idempotent GETs are retried (never `POST /token`: an authorization code is single
//! use). Waits use exponential backoff with full jitter; the caller supplies the jitter
//! value, so this module has no random number generator and no clock.
//!
//! ```
//! use bluebutton_core::http::retry::{RetryPolicy, Method, should_retry};
//! let p = RetryPolicy::default();
//! assert!(should_retry(Method::Get, 503));
//! assert!(!should_retry(Method::Post, 503));
//! assert_eq!(p.next_delay(0, None, 0.5), Some(500));
//! assert_eq!(p.next_delay(3, None, 0.5), None); // 3 retries used up
//! ```

/// The request method: only [`Method::Get`] is ever retried.
pub use crate::http::Method;

/// Retry limits and backoff parameters.
///
/// ```
/// use bluebutton_core::http::retry::RetryPolicy;
/// let p = RetryPolicy::default();
/// assert_eq!((p.max_retries, p.base_ms, p.cap_ms, p.retry_after_cap_ms), (3, 1000, 30000, 60000));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt.
    pub max_retries: u32,
    /// Backoff base in milliseconds.
    pub base_ms: u64,
    /// Upper bound of one backoff wait in milliseconds.
    pub cap_ms: u64,
    /// Upper bound for a server-supplied wait (Retry-After or DRF detail) in milliseconds.
    pub retry_after_cap_ms: u64,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_retries: 3,
            base_ms: 1000,
            cap_ms: 30_000,
            retry_after_cap_ms: 60_000,
        }
    }
}

impl RetryPolicy {
    /// The wait before retry number `attempt + 1` (`attempt` = retries already made), or `None`
    /// when the retries are used up.
    ///
    /// `retry_after` is a Retry-After header value in delta-seconds, or a DRF throttle body
    /// (`Expected available in N seconds.`). An HTTP-date needs a clock: use
    /// [`RetryPolicy::next_delay_at`]. `jitter` is a uniform sample in `[0, 1)`; without a
    /// server hint the wait is `jitter * min(cap, base * 2^attempt)` (full jitter).
    ///
    /// ```
    /// use bluebutton_core::http::retry::RetryPolicy;
    /// let p = RetryPolicy::default();
    /// assert_eq!(p.next_delay(2, None, 0.999_999), Some(3999));
    /// assert_eq!(p.next_delay(0, Some("7"), 0.1), Some(7000));
    /// assert_eq!(p.next_delay(0, Some("3600"), 0.1), Some(60000));
    /// ```
    pub fn next_delay(&self, attempt: u32, retry_after: Option<&str>, jitter: f64) -> Option<u64> {
        let hint = retry_after
            .and_then(|v| parse_delta_seconds(v).or_else(|| retry_after_from_detail(v.as_bytes())));
        self.delay_with_hint(attempt, hint, jitter)
    }

    /// Like [`RetryPolicy::next_delay`], also reading an HTTP-date Retry-After against
    /// `now_unix_ms`.
    ///
    /// ```
    /// use bluebutton_core::http::retry::RetryPolicy;
    /// let now = 784_111_777_000; // Sun, 06 Nov 1994 08:49:37 GMT
    /// let d = RetryPolicy::default().next_delay_at(0, Some("Sun, 06 Nov 1994 08:49:47 GMT"), now, 0.0);
    /// assert_eq!(d, Some(10_000));
    /// ```
    pub fn next_delay_at(
        &self,
        attempt: u32,
        retry_after: Option<&str>,
        now_unix_ms: u64,
        jitter: f64,
    ) -> Option<u64> {
        let hint = retry_after.and_then(|v| {
            parse_retry_after(v, now_unix_ms).or_else(|| retry_after_from_detail(v.as_bytes()))
        });
        self.delay_with_hint(attempt, hint, jitter)
    }

    /// The wait given an already parsed server hint in milliseconds.
    ///
    /// ```
    /// use bluebutton_core::http::retry::RetryPolicy;
    /// assert_eq!(RetryPolicy::default().delay_with_hint(1, Some(1500), 0.0), Some(1500));
    /// ```
    pub fn delay_with_hint(&self, attempt: u32, hint_ms: Option<u64>, jitter: f64) -> Option<u64> {
        if attempt >= self.max_retries {
            return None;
        }
        if let Some(ms) = hint_ms {
            return Some(ms.min(self.retry_after_cap_ms));
        }
        let exp = self
            .base_ms
            .saturating_mul(1u64.checked_shl(attempt).unwrap_or(u64::MAX))
            .min(self.cap_ms);
        let j = if jitter.is_finite() {
            jitter.clamp(0.0, 1.0)
        } else {
            0.0
        };
        // exp <= cap_ms, well inside f64's exact integer range.
        #[allow(
            clippy::cast_precision_loss,
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss
        )]
        let ms = (j * exp as f64).floor() as u64;
        Some(ms.min(exp.saturating_sub(1)))
    }
}

/// Statuses worth retrying for a GET: 429, 500, 502, 503, 504.
///
/// ```
/// use bluebutton_core::http::retry::is_retryable_status;
/// assert!(is_retryable_status(429));
/// assert!(!is_retryable_status(501));
/// ```
pub fn is_retryable_status(status: u16) -> bool {
    matches!(status, 429 | 500 | 502 | 503 | 504)
}

/// True when a request with `method` that got `status` may be retried (GET only; a POST
/// never is: an authorization code is single use).
///
/// ```
/// use bluebutton_core::http::retry::{should_retry, Method};
/// assert!(should_retry(Method::Get, 429));
/// assert!(!should_retry(Method::Post, 429));
/// ```
pub fn should_retry(method: Method, status: u16) -> bool {
    method == Method::Get && is_retryable_status(status)
}

/// Parses a Retry-After value (delta-seconds or IMF-fixdate HTTP-date) into milliseconds
/// from `now_unix_ms`. A date in the past gives `Some(0)`; garbage and negatives give `None`.
///
/// ```
/// use bluebutton_core::http::retry::parse_retry_after;
/// assert_eq!(parse_retry_after("120", 0), Some(120_000));
/// assert_eq!(parse_retry_after("Thu, 01 Jan 1970 00:01:00 GMT", 0), Some(60_000));
/// assert_eq!(parse_retry_after("-1", 0), None);
/// ```
pub fn parse_retry_after(value: &str, now_unix_ms: u64) -> Option<u64> {
    parse_delta_seconds(value).or_else(|| {
        let at = parse_http_date(value.trim())?;
        Some(at.saturating_mul(1000).saturating_sub(now_unix_ms))
    })
}

/// Reads DRF's throttle text `"... Expected available in N seconds."` from a body (raw
/// JSON or plain text) and returns N in milliseconds.
///
/// ```
/// use bluebutton_core::http::retry::retry_after_from_detail;
/// let body = br#"{"detail":"Request was throttled. Expected available in 12 seconds."}"#;
/// assert_eq!(retry_after_from_detail(body), Some(12_000));
/// assert_eq!(retry_after_from_detail(b"{}"), None);
/// ```
pub fn retry_after_from_detail(body: &[u8]) -> Option<u64> {
    const NEEDLE: &[u8] = b"Expected available in ";
    let start = body.windows(NEEDLE.len()).position(|w| w == NEEDLE)? + NEEDLE.len();
    let rest = &body[start..];
    let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
    if digits == 0 || digits > 9 {
        return None;
    }
    let n: u64 = std::str::from_utf8(&rest[..digits]).ok()?.parse().ok()?;
    Some(n * 1000)
}

fn parse_delta_seconds(value: &str) -> Option<u64> {
    let v = value.trim();
    if v.is_empty() || v.len() > 12 || !v.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    v.parse::<u64>().ok().map(|s| s.saturating_mul(1000))
}

/// Parses an IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`) into Unix seconds.
fn parse_http_date(s: &str) -> Option<u64> {
    let parts: Vec<&str> = s.split_ascii_whitespace().collect();
    let [wd, day, mon, year, time, gmt] = parts.as_slice() else {
        return None;
    };
    if !wd.ends_with(',') || *gmt != "GMT" || day.len() != 2 || year.len() != 4 {
        return None;
    }
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let month = MONTHS.iter().position(|m| m == mon)? + 1;
    let day: u32 = day.parse().ok()?;
    let year: i64 = year.parse().ok()?;
    let t: Vec<u32> = time
        .split(':')
        .map(|p| p.parse().ok())
        .collect::<Option<_>>()?;
    let [h, m, sec] = t.as_slice() else {
        return None;
    };
    if !(1..=31).contains(&day) || *h > 23 || *m > 59 || *sec > 60 {
        return None;
    }
    let days = days_from_civil(year, month as i64, i64::from(day));
    let secs = days * 86_400 + i64::from(*h) * 3600 + i64::from(*m) * 60 + i64::from(*sec);
    u64::try_from(secs).ok()
}

/// Days since 1970-01-01 (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests;
