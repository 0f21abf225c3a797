//! Shared helpers: an in-process sandbox on port 0 and a tiny HTTP client
//! (ureq without TLS, redirects not followed).
#![allow(dead_code)]

use std::collections::HashMap;

use base64::Engine;
use bluebutton_sandbox::config::Config;
use sha2::{Digest, Sha256};

/// A running sandbox.
pub struct Server {
    pub base: String,
    pub rt: tokio::runtime::Runtime,
}

pub fn start_with(mut cfg: Config) -> Server {
    cfg.port = 0;
    cfg.log = false;
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let (addr, handle) = rt.block_on(bluebutton_sandbox::serve(cfg)).unwrap();
    std::mem::forget(handle);
    Server {
        base: format!("http://{addr}"),
        rt,
    }
}

pub fn start() -> Server {
    start_with(Config::default())
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
    pub fn header_all(&self, name: &str) -> Vec<String> {
        self.headers
            .get(&name.to_ascii_lowercase())
            .cloned()
            .unwrap_or_default()
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

fn collect(mut r: http::Response<ureq::Body>) -> Resp {
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

pub fn request(method: &str, url: &str, headers: &[(&str, &str)], body: Option<&[u8]>) -> Resp {
    let mut b = http::Request::builder().method(method).uri(url);
    for (k, v) in headers {
        b = b.header(*k, *v);
    }
    match body {
        Some(bytes) => collect(agent().run(b.body(bytes.to_vec()).unwrap()).unwrap()),
        None => collect(agent().run(b.body(()).unwrap()).unwrap()),
    }
}

pub fn get(url: &str, headers: &[(&str, &str)]) -> Resp {
    request("GET", url, headers, None)
}

pub fn get_auth(url: &str, token: &str) -> Resp {
    get(url, &[("authorization", &format!("Bearer {token}"))])
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

pub fn pkce() -> (String, String) {
    let verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk-abc".to_string();
    let challenge = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .encode(Sha256::digest(verifier.as_bytes()));
    (verifier, challenge)
}

pub const STATE: &str = "state-0123456789abcdef";
pub const REDIRECT: &str = "http://127.0.0.1:8080/callback";
pub const PUBLIC: &str = "bbwasm-local-public";
pub const CONFIDENTIAL: &str = "bbwasm-local-confidential";
pub const SECRET: &str = "local-dev-secret";

/// Authorize query pairs for a code flow.
pub fn auth_params(client: &str, challenge: &str) -> Vec<(String, String)> {
    vec![
        ("client_id".into(), client.into()),
        ("response_type".into(), "code".into()),
        ("redirect_uri".into(), REDIRECT.into()),
        ("code_challenge".into(), challenge.into()),
        ("code_challenge_method".into(), "S256".into()),
        ("state".into(), STATE.into()),
        ("scope".into(), "openid profile patient/Patient.read patient/Coverage.read patient/ExplanationOfBenefit.read".into()),
    ]
}

pub fn query(pairs: &[(String, String)]) -> String {
    let mut s = form_urlencoded::Serializer::new(String::new());
    for (k, v) in pairs {
        s.append_pair(k, v);
    }
    s.finish()
}

/// Consent choices.
pub struct Choice {
    pub user: u32,
    pub demographics: bool,
    pub samhsa: bool,
    pub part_d_only: bool,
}

impl Choice {
    pub fn user(n: u32) -> Self {
        Choice {
            user: n,
            demographics: true,
            samhsa: true,
            part_d_only: false,
        }
    }
}

/// Posts the consent form (Allow) and returns the Location header.
pub fn consent(s: &Server, v: &str, params: &[(String, String)], c: &Choice) -> Resp {
    let user = format!("BBUser{:05}", c.user);
    let pw = format!("PW{:05}!", c.user);
    let mut form: Vec<(&str, &str)> = params
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    form.push(("username", &user));
    form.push(("password", &pw));
    if c.demographics {
        form.push(("share_demographic_scopes", "true"));
    }
    if c.samhsa {
        form.push(("share_samhsa_data", "true"));
    }
    if c.part_d_only {
        form.push(("part_d_only", "true"));
    }
    form.push(("allow", "true"));
    post_form(&format!("{}/{v}/o/authorize/consent", s.base), &form, &[])
}

/// Parses `a=b&c=d` from a URL's query or fragment.
pub fn url_params(url: &str, sep: char) -> HashMap<String, String> {
    let q = url.split_once(sep).map(|x| x.1).unwrap_or("");
    form_urlencoded::parse(q.as_bytes()).into_owned().collect()
}

/// Full code flow for user `c.user` on version `v` with the public client;
/// returns the token response JSON.
pub fn login(s: &Server, v: &str, c: &Choice) -> serde_json::Value {
    login_with(s, v, c, PUBLIC, None)
}

/// [`login`] with another public client and, optionally, another scope.
pub fn login_with(
    s: &Server,
    v: &str,
    c: &Choice,
    client: &str,
    scope: Option<&str>,
) -> serde_json::Value {
    let (verifier, challenge) = pkce();
    let mut params = auth_params(client, &challenge);
    if let Some(scope) = scope {
        params.retain(|(k, _)| k != "scope");
        params.push(("scope".into(), scope.into()));
    }
    let page = get(
        &format!("{}/{v}/o/authorize/?{}", s.base, query(&params)),
        &[],
    );
    assert_eq!(page.status, 200, "{}", page.text());
    let r = consent(s, v, &params, c);
    assert_eq!(r.status, 302, "{}", r.text());
    let loc = r.header("location").unwrap().to_string();
    let qp = url_params(&loc, '?');
    assert_eq!(qp["state"], STATE);
    let t = post_form(
        &format!("{}/{v}/o/token/", s.base),
        &[
            ("grant_type", "authorization_code"),
            ("code", &qp["code"]),
            ("redirect_uri", REDIRECT),
            ("client_id", client),
            ("code_verifier", &verifier),
        ],
        &[],
    );
    assert_eq!(t.status, 200, "{}", t.text());
    t.json()
}

/// Follows `next` links from `url`; returns (entries seen, first total, pages).
pub fn page_all(url: &str, token: &str) -> (usize, Option<u64>, usize) {
    let mut next = Some(url.to_string());
    let (mut seen, mut total, mut pages) = (0, None, 0);
    while let Some(u) = next.take() {
        let r = get_auth(&u, token);
        assert_eq!(r.status, 200, "{u}: {}", r.text());
        let b = r.json();
        pages += 1;
        if total.is_none() {
            total = b["total"].as_u64();
        }
        if let Some(t) = b["total"].as_u64() {
            total = Some(t);
        }
        seen += b["entry"].as_array().map_or(0, Vec::len);
        next = b["link"]
            .as_array()
            .and_then(|ls| ls.iter().find(|l| l["relation"] == "next"))
            .and_then(|l| l["url"].as_str().map(str::to_string));
    }
    (seen, total, pages)
}
