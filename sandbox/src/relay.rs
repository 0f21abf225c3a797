//! The token relay behind `bluebutton-relay`: forwards only the token and
//! revoke endpoints to an upstream Blue Button server, adding the client
//! credentials, so a browser app never holds the client secret.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::response::Response;
use axum::Router;
use base64::Engine;

use crate::http::{body, encode_pairs, parse_pairs};
use crate::Handle;

/// Largest request body forwarded.
pub const MAX_BODY: usize = 16 * 1024;
/// Upstream timeout.
pub const UPSTREAM_TIMEOUT: Duration = Duration::from_secs(15);

/// How the relay authenticates to the upstream.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthStyle {
    /// `client_id` + `client_secret` in the form body.
    Body,
    /// HTTP Basic.
    Basic,
}

/// Relay options.
#[derive(Debug, Clone)]
pub struct RelayConfig {
    /// Upstream base URL, e.g. `http://127.0.0.1:8000`.
    pub upstream: String,
    /// The client id added to every request.
    pub client_id: String,
    /// The client secret added to every request.
    pub client_secret: String,
    /// Origins that get CORS headers.
    pub allow_origins: Vec<String>,
    /// Bind host.
    pub host: String,
    /// Bind port (0 = any).
    pub port: u16,
    /// Credential placement.
    pub auth: AuthStyle,
    /// Log requests to stderr.
    pub log: bool,
}

/// True for the forwarded paths: `/vN/o/token[/]`, `/vN/o/revoke_token[/]`, `/vN/o/revoke[/]`.
pub fn is_forwarded(path: &str) -> bool {
    let p = path.strip_suffix('/').unwrap_or(path);
    let mut it = p.trim_start_matches('/').split('/');
    let ok_ver = matches!(it.next(), Some("v1" | "v2" | "v3"));
    let o = it.next() == Some("o");
    let end = matches!(it.next(), Some("token" | "revoke_token" | "revoke"));
    ok_ver && o && end && it.next().is_none()
}

fn cors(r: &mut Response, origin: Option<&str>, cfg: &RelayConfig) {
    if let Some(o) = origin.filter(|o| cfg.allow_origins.iter().any(|a| a == o)) {
        if let Ok(v) = HeaderValue::from_str(o) {
            r.headers_mut()
                .insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, v);
            r.headers_mut()
                .append(header::VARY, HeaderValue::from_static("Origin"));
        }
    }
}

/// Builds the forwarded form body and optional Basic header.
pub fn forwarded_body(cfg: &RelayConfig, incoming: &[u8]) -> (String, Option<String>) {
    let mut pairs: Vec<(String, String)> = parse_pairs(incoming)
        .into_iter()
        .filter(|(k, _)| k != "client_secret" && k != "client_id")
        .collect();
    pairs.push(("client_id".into(), cfg.client_id.clone()));
    let basic = match cfg.auth {
        AuthStyle::Body => {
            pairs.push(("client_secret".into(), cfg.client_secret.clone()));
            None
        }
        AuthStyle::Basic => {
            let enc = |s: &str| {
                encode_pairs([("x", s)])
                    .trim_start_matches("x=")
                    .to_string()
            };
            let raw = format!("{}:{}", enc(&cfg.client_id), enc(&cfg.client_secret));
            Some(format!(
                "Basic {}",
                base64::engine::general_purpose::STANDARD.encode(raw)
            ))
        }
    };
    (
        encode_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str()))),
        basic,
    )
}

fn forward(
    cfg: &RelayConfig,
    path: &str,
    form: String,
    basic: Option<String>,
) -> Result<(u16, String, Vec<u8>), String> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(UPSTREAM_TIMEOUT))
        .http_status_as_error(false)
        .max_redirects(0)
        .build()
        .into();
    let url = format!("{}{path}", cfg.upstream.trim_end_matches('/'));
    let mut rq = agent
        .post(&url)
        .header("content-type", "application/x-www-form-urlencoded");
    if let Some(b) = basic {
        rq = rq.header("authorization", &b);
    }
    let mut resp = rq.send(form.as_bytes()).map_err(|e| e.to_string())?;
    let status = resp.status().as_u16();
    let ct = resp
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("application/json")
        .to_string();
    let bytes = resp
        .body_mut()
        .with_config()
        .limit(1 << 20)
        .read_to_vec()
        .map_err(|e| e.to_string())?;
    Ok((status, ct, bytes))
}

async fn handle(State(cfg): State<Arc<RelayConfig>>, req: Request) -> Response {
    let started = Instant::now();
    let method = req.method().clone();
    let path = req.uri().path().to_string();
    let origin = req
        .headers()
        .get(header::ORIGIN)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let mut resp = if !is_forwarded(&path) {
        body(
            StatusCode::NOT_FOUND,
            "application/json",
            r#"{"detail":"Not found."}"#,
        )
    } else if method == Method::OPTIONS {
        let allowed = origin
            .as_deref()
            .is_some_and(|o| cfg.allow_origins.iter().any(|a| a == o));
        let mut r = Response::new(Body::empty());
        if allowed {
            let h = r.headers_mut();
            h.insert(
                header::ACCESS_CONTROL_ALLOW_METHODS,
                HeaderValue::from_static("POST, OPTIONS"),
            );
            h.insert(
                header::ACCESS_CONTROL_ALLOW_HEADERS,
                HeaderValue::from_static("accept, content-type"),
            );
            h.insert(
                header::ACCESS_CONTROL_MAX_AGE,
                HeaderValue::from_static("600"),
            );
        } else {
            *r.status_mut() = StatusCode::FORBIDDEN;
        }
        r
    } else if method != Method::POST {
        let mut r = body(
            StatusCode::METHOD_NOT_ALLOWED,
            "application/json",
            r#"{"detail":"Method not allowed."}"#,
        );
        r.headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("POST, OPTIONS"));
        r
    } else {
        match axum::body::to_bytes(req.into_body(), MAX_BODY).await {
            Err(_) => body(
                StatusCode::PAYLOAD_TOO_LARGE,
                "application/json",
                r#"{"error":"request_too_large"}"#,
            ),
            Ok(bytes) => {
                let (form, basic) = forwarded_body(&cfg, &bytes);
                let c = cfg.clone();
                let p = path.clone();
                let res = tokio::task::spawn_blocking(move || forward(&c, &p, form, basic)).await;
                match res {
                    Ok(Ok((status, ct, bytes))) => {
                        let mut r = body(
                            StatusCode::from_u16(status).unwrap_or(StatusCode::BAD_GATEWAY),
                            &ct,
                            bytes,
                        );
                        r.headers_mut()
                            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
                        r
                    }
                    _ => body(
                        StatusCode::BAD_GATEWAY,
                        "application/json",
                        r#"{"error":"upstream_unavailable"}"#,
                    ),
                }
            }
        }
    };
    cors(&mut resp, origin.as_deref(), &cfg);
    if cfg.log {
        eprintln!(
            "{method} {path} {} {}ms",
            resp.status().as_u16(),
            started.elapsed().as_millis()
        );
    }
    resp
}

/// Binds and serves the relay in a background task.
pub async fn serve_relay(cfg: RelayConfig) -> std::io::Result<(SocketAddr, Handle)> {
    let listener = tokio::net::TcpListener::bind((cfg.host.as_str(), cfg.port)).await?;
    let addr = listener.local_addr()?;
    let app = Router::new().fallback(handle).with_state(Arc::new(cfg));
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let task = tokio::spawn(async move {
        let _ = axum::serve(listener, app)
            .with_graceful_shutdown(async move {
                let _ = rx.await;
            })
            .await;
    });
    Ok((addr, Handle::new(tx, task)))
}
