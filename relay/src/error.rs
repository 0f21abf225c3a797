//! The relay's own answers when the upstream cannot be used: a 502/504 with an OAuth-style
//! JSON body (`error`, `error_description`) that names the cause, and the log line for it.

use axum::http::StatusCode;
use axum::response::Response;

use crate::response::json;

/// Why an upstream call gave no usable answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UpstreamError {
    /// The TLS handshake failed (most often: the certificate does not verify).
    Tls(String),
    /// No connection or no answer (refused, DNS, reset).
    Unavailable(String),
    /// The upstream took longer than the time limit.
    Timeout,
    /// The answer is larger than the relay passes on.
    TooLarge(u64),
    /// The upstream answered with a redirect, which the relay never follows or passes on.
    Redirect(u16),
}

impl UpstreamError {
    /// Reads a ureq error.
    pub fn from_ureq(err: &ureq::Error) -> Self {
        if let Some(tls) = crate::tls::tls_failure(err) {
            return Self::Tls(crate::tls::explain(tls));
        }
        match err {
            ureq::Error::Timeout(_) => Self::Timeout,
            ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::TimedOut => Self::Timeout,
            ureq::Error::BodyExceedsLimit(n) => Self::TooLarge(*n),
            ureq::Error::HostNotFound => {
                Self::Unavailable("the upstream host name does not resolve".into())
            }
            ureq::Error::ConnectionFailed => {
                Self::Unavailable("the upstream refused the connection".into())
            }
            other => Self::Unavailable(format!("the upstream did not answer ({other})")),
        }
    }

    /// The `error` code of the JSON body.
    ///
    /// ```
    /// use bluebutton_relay::error::UpstreamError;
    /// assert_eq!(UpstreamError::Timeout.code(), "upstream_timeout");
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            Self::Tls(_) => "upstream_tls",
            Self::Unavailable(_) => "upstream_unavailable",
            Self::Timeout => "upstream_timeout",
            Self::TooLarge(_) => "upstream_response_too_large",
            Self::Redirect(_) => "upstream_redirect",
        }
    }

    /// The human words of the JSON body and the log line (no tokens, codes or secrets).
    pub fn description(&self) -> String {
        match self {
            Self::Tls(why) | Self::Unavailable(why) => why.clone(),
            Self::Timeout => "the upstream did not answer in time".into(),
            Self::TooLarge(limit) => {
                format!("the upstream's answer is larger than the relay's limit of {limit} bytes")
            }
            Self::Redirect(status) => format!(
                "the upstream answered {status} (a redirect), which the relay does not follow: check --upstream and the path"
            ),
        }
    }

    /// The answer to the browser: 504 for a timeout, 502 otherwise.
    pub fn to_response(&self) -> Response {
        let status = match self {
            Self::Timeout => StatusCode::GATEWAY_TIMEOUT,
            _ => StatusCode::BAD_GATEWAY,
        };
        json(
            status,
            &format!(
                r#"{{"error":"{}","error_description":{}}}"#,
                self.code(),
                json_string(&self.description())
            ),
        )
    }
}

/// `s` as a JSON string literal.
fn json_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
