//! The token and revoke calls: which paths pass, the form sent upstream (the browser's
//! fields plus the client credentials) and the call itself.

use base64::Engine;

use crate::config::{AuthStyle, RelayConfig, MAX_TOKEN_RESPONSE};
use crate::error::UpstreamError;
use crate::upstream::{read, Answer};

/// True for the forwarded paths: `/vN/o/token[/]`, `/vN/o/revoke_token[/]`, `/vN/o/revoke[/]`
/// with N = 1, 2, 3.
///
/// ```
/// use bluebutton_relay::forward::is_token_path;
/// assert!(is_token_path("/v2/o/token/"));
/// assert!(is_token_path("/v3/o/revoke_token"));
/// assert!(!is_token_path("/v2/o/authorize/"));
/// assert!(!is_token_path("/v4/o/token/"));
/// ```
pub fn is_token_path(path: &str) -> bool {
    let p = path.strip_suffix('/').unwrap_or(path);
    let mut it = p.trim_start_matches('/').split('/');
    let ok_ver = matches!(it.next(), Some("v1" | "v2" | "v3"));
    let o = it.next() == Some("o");
    let end = matches!(it.next(), Some("token" | "revoke_token" | "revoke"));
    ok_ver && o && end && it.next().is_none()
}

/// The form sent upstream and the optional `Authorization: Basic` value: the browser's
/// fields without any `client_id`/`client_secret` of its own, plus the configured ones.
///
/// ```
/// use bluebutton_relay::config::{ClientSecret, RelayConfig};
/// use bluebutton_relay::forward::forwarded_body;
/// let cfg = RelayConfig::new("https://sandbox.bluebutton.cms.gov", "app", ClientSecret::new("s3cret"));
/// let (form, basic) = forwarded_body(&cfg, b"grant_type=refresh_token&refresh_token=r&client_id=evil");
/// assert_eq!(form, "grant_type=refresh_token&refresh_token=r&client_id=app&client_secret=s3cret");
/// assert!(basic.is_none());
/// ```
pub fn forwarded_body(cfg: &RelayConfig, incoming: &[u8]) -> (String, Option<String>) {
    let mut out = form_urlencoded::Serializer::new(String::new());
    for (k, v) in form_urlencoded::parse(incoming) {
        if k != "client_secret" && k != "client_id" {
            out.append_pair(&k, &v);
        }
    }
    out.append_pair("client_id", &cfg.client_id);
    let basic = match cfg.auth {
        AuthStyle::Body => {
            out.append_pair("client_secret", cfg.client_secret.expose());
            None
        }
        AuthStyle::Basic => {
            // RFC 6749 §2.3.1: both parts form-encoded before Base64.
            let enc = |s: &str| form_urlencoded::byte_serialize(s.as_bytes()).collect::<String>();
            let raw = format!(
                "{}:{}",
                enc(&cfg.client_id),
                enc(cfg.client_secret.expose())
            );
            Some(format!(
                "Basic {}",
                base64::engine::general_purpose::STANDARD.encode(raw)
            ))
        }
    };
    (out.finish(), basic)
}

/// POSTs `form` to the upstream's `path` (blocking: run it off the async threads).
pub fn post_token(
    agent: &ureq::Agent,
    cfg: &RelayConfig,
    path: &str,
    form: &str,
    basic: Option<&str>,
) -> Result<Answer, UpstreamError> {
    let url = format!("{}{path}", cfg.upstream);
    let mut rq = agent
        .post(&url)
        .header("content-type", "application/x-www-form-urlencoded")
        .header("accept", "application/json");
    if let Some(b) = basic {
        rq = rq.header("authorization", b);
    }
    read(rq.send(form.as_bytes()), MAX_TOKEN_RESPONSE)
}
