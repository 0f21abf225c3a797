//! Shared helpers: an in-process sandbox (the upstream), a TLS front made at test time
//! (rcgen CA + `localhost` certificate, tokio-rustls, bytes copied to the sandbox's plain
//! port), the relay on port 0, and a tiny plain-http client (ureq, redirects not followed).
#![allow(dead_code)]

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use bluebutton_relay::config::{AuthStyle, ClientSecret, RelayConfig};
use bluebutton_sandbox::config::Config;
use tokio_rustls::rustls;

pub const ORIGIN: &str = "http://localhost:8080";
pub const REDIRECT: &str = "http://127.0.0.1:8080/callback";
pub const CONFIDENTIAL: &str = "bbwasm-local-confidential";
pub const SECRET: &str = "local-dev-secret";
pub const STATE: &str = "state-0123456789abcdef";

/// A running sandbox (plain http) and the runtime that serves it, the TLS front and relays.
pub struct Server {
    pub base: String,
    pub port: u16,
    pub rt: tokio::runtime::Runtime,
}

pub fn start() -> Server {
    let cfg = Config {
        port: 0,
        log: false,
        ..Config::default()
    };
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let (addr, handle) = rt.block_on(bluebutton_sandbox::serve(cfg)).unwrap();
    std::mem::forget(handle);
    Server {
        base: format!("http://{addr}"),
        port: addr.port(),
        rt,
    }
}

/// A TLS front for the sandbox: `https://localhost:PORT`, signed by a fresh CA whose PEM is
/// written to `ca_pem`.
pub struct TlsFront {
    pub base: String,
    pub ca_pem: PathBuf,
}

pub fn tls_front(s: &Server) -> TlsFront {
    tls_front_named(s, &["localhost", "127.0.0.1"])
}

/// [`tls_front`] with a certificate for `names` only (DNS names or IP addresses).
pub fn tls_front_named(s: &Server, names: &[&str]) -> TlsFront {
    use rcgen::{BasicConstraints, CertificateParams, IsCa, KeyPair};
    let ca_key = KeyPair::generate().unwrap();
    let mut ca_params = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca_params
        .distinguished_name
        .push(rcgen::DnType::CommonName, "bluebutton-relay test CA");
    let ca = ca_params.self_signed(&ca_key).unwrap();
    let leaf_key = KeyPair::generate().unwrap();
    let leaf_params =
        CertificateParams::new(names.iter().map(|n| n.to_string()).collect::<Vec<_>>()).unwrap();
    let leaf = leaf_params.signed_by(&leaf_key, &ca, &ca_key).unwrap();

    static FRONTS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = FRONTS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir =
        std::env::temp_dir().join(format!("bluebutton-relay-test-{}-{n}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let ca_pem = dir.join("ca.pem");
    std::fs::write(&ca_pem, ca.pem()).unwrap();

    // ring: the provider ureq uses too (rustls 0.23.48 marks it deprecated for lacking
    // post-quantum key exchange; fine for a test front).
    #[allow(deprecated)]
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let key = rustls::pki_types::PrivateKeyDer::Pkcs8(rustls::pki_types::PrivatePkcs8KeyDer::from(
        leaf_key.serialize_der(),
    ));
    let server = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(vec![leaf.der().clone()], key)
        .unwrap();
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(server));
    let upstream = format!("127.0.0.1:{}", s.port);
    let listener =
        s.rt.block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
            .unwrap();
    let port = listener.local_addr().unwrap().port();
    s.rt.spawn(async move {
        while let Ok((tcp, _)) = listener.accept().await {
            let acceptor = acceptor.clone();
            let upstream = upstream.clone();
            tokio::spawn(async move {
                // A client that refuses the certificate ends the handshake: nothing to copy.
                let Ok(mut tls) = acceptor.accept(tcp).await else {
                    return;
                };
                let Ok(mut plain) = tokio::net::TcpStream::connect(upstream).await else {
                    return;
                };
                let _ = tokio::io::copy_bidirectional(&mut tls, &mut plain).await;
            });
        }
    });
    TlsFront {
        base: format!("https://localhost:{port}"),
        ca_pem,
    }
}

/// A relay config for `upstream` with the confidential client, origin [`ORIGIN`], quiet.
pub fn config(upstream: &str) -> RelayConfig {
    let mut cfg = RelayConfig::new(upstream, CONFIDENTIAL, ClientSecret::new(SECRET));
    cfg.allow_origins = vec![ORIGIN.into()];
    cfg.port = 0;
    cfg.log = false;
    cfg
}

/// Starts a relay on the sandbox's runtime; returns its base URL.
pub fn relay_with(s: &Server, cfg: RelayConfig) -> String {
    let (addr, h) = s.rt.block_on(bluebutton_relay::serve_relay(cfg)).unwrap();
    std::mem::forget(h);
    format!("http://{addr}")
}

/// A relay straight to the sandbox's plain-http port (loopback http is allowed).
pub fn relay(s: &Server, auth: AuthStyle) -> String {
    let mut cfg = config(&s.base);
    cfg.auth = auth;
    relay_with(s, cfg)
}

pub struct Resp {
    pub status: u16,
    pub headers: HashMap<String, Vec<String>>,
    pub body: Vec<u8>,
}

impl Resp {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .get(&name.to_ascii_lowercase())
            .and_then(|v| v.first())
            .map(String::as_str)
    }
    pub fn header_pairs(&self) -> Vec<(String, String)> {
        self.headers
            .iter()
            .flat_map(|(k, vs)| vs.iter().map(move |v| (k.clone(), v.clone())))
            .collect()
    }
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .build()
        .into()
}

pub fn request(method: &str, url: &str, headers: &[(&str, &str)], body: Option<&[u8]>) -> Resp {
    let mut b = http::Request::builder().method(method).uri(url);
    for (k, v) in headers {
        b = b.header(*k, *v);
    }
    let mut r = match body {
        Some(bytes) => agent().run(b.body(bytes.to_vec()).unwrap()).unwrap(),
        None => agent().run(b.body(()).unwrap()).unwrap(),
    };
    let mut headers: HashMap<String, Vec<String>> = HashMap::new();
    for (k, v) in r.headers() {
        headers
            .entry(k.as_str().to_string())
            .or_default()
            .push(v.to_str().unwrap_or("").to_string());
    }
    let status = r.status().as_u16();
    let body = r
        .body_mut()
        .with_config()
        .limit(50 << 20)
        .read_to_vec()
        .unwrap_or_default();
    Resp {
        status,
        headers,
        body,
    }
}

pub fn get(url: &str, headers: &[(&str, &str)]) -> Resp {
    request("GET", url, headers, None)
}

pub fn post_form(url: &str, pairs: &[(&str, &str)], headers: &[(&str, &str)]) -> Resp {
    let mut s = form_urlencoded::Serializer::new(String::new());
    for (k, v) in pairs {
        s.append_pair(k, v);
    }
    let body = s.finish();
    let mut h = vec![("content-type", "application/x-www-form-urlencoded")];
    h.extend_from_slice(headers);
    request("POST", url, &h, Some(body.as_bytes()))
}

/// Sends a request built by the library's core (`bluebutton_core::http::HttpRequest`) and
/// returns the core's `HttpResponse`.
pub fn send_core(req: &bluebutton_core::http::HttpRequest) -> bluebutton_core::http::HttpResponse {
    let method = match req.method {
        bluebutton_core::http::Method::Get => "GET",
        bluebutton_core::http::Method::Post => "POST",
    };
    let headers: Vec<(&str, &str)> = req
        .headers
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let body = (!req.body.is_empty()).then_some(req.body.as_slice());
    let r = request(method, &req.url, &headers, body);
    bluebutton_core::http::HttpResponse::new(r.status, r.header_pairs(), r.body)
}

/// Posts the sandbox's consent form (user `user`, Allow) for the confidential client and
/// returns the authorization code. This is the browser's step at Blue Button itself, so it
/// goes to the sandbox directly, not through the relay.
pub fn code_for(s: &Server, version: &str, challenge: &str, user: u32) -> String {
    let user_name = format!("BBUser{user:05}");
    let pw = format!("PW{user:05}!");
    let form = [
        ("client_id", CONFIDENTIAL),
        ("response_type", "code"),
        ("redirect_uri", REDIRECT),
        ("code_challenge", challenge),
        ("code_challenge_method", "S256"),
        ("state", STATE),
        (
            "scope",
            "openid profile patient/Patient.read patient/Coverage.read patient/ExplanationOfBenefit.read",
        ),
        ("username", &user_name),
        ("password", &pw),
        ("share_demographic_scopes", "true"),
        ("share_samhsa_data", "true"),
        ("allow", "true"),
    ];
    let r = post_form(
        &format!("{}/{version}/o/authorize/consent", s.base),
        &form,
        &[],
    );
    assert_eq!(r.status, 302, "{}", r.text());
    let loc = r.header("location").unwrap();
    let q = loc.split_once('?').unwrap().1;
    form_urlencoded::parse(q.as_bytes())
        .find(|(k, _)| k == "code")
        .map(|(_, v)| v.into_owned())
        .unwrap()
}

pub fn now_ms() -> f64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as f64
}
