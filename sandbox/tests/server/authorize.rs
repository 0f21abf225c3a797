//! Authorize, consent, implicit flow, discovery: rules of `../shared/docs/bluebutton-api.md` §2, §3, §8, §9.

use crate::common::*;

fn authorize_url(s: &Server, v: &str, pairs: &[(String, String)]) -> String {
    format!("{}/{v}/o/authorize/?{}", s.base, query(pairs))
}

fn without(pairs: &[(String, String)], names: &[&str]) -> Vec<(String, String)> {
    pairs
        .iter()
        .filter(|(k, _)| !names.contains(&k.as_str()))
        .cloned()
        .collect()
}

fn with(pairs: &[(String, String)], k: &str, v: &str) -> Vec<(String, String)> {
    let mut p = without(pairs, &[k]);
    p.push((k.into(), v.into()));
    p
}

// §2 step 1: unknown client -> 400 HTML page.
#[test]
fn authorize_unknown_client_is_400_html() {
    let s = start();
    let p = with(&auth_params(PUBLIC, "x"), "client_id", "nope");
    let r = get(&authorize_url(&s, "v2", &p), &[]);
    assert_eq!(r.status, 400);
    assert!(r.header("content-type").unwrap().starts_with("text/html"));
}

// §2 step 5: client_secret in the query -> plain 400.
#[test]
fn authorize_client_secret_in_query_is_plain_400() {
    let s = start();
    let p = with(&auth_params(PUBLIC, "x"), "client_secret", "s");
    let r = get(&authorize_url(&s, "v2", &p), &[]);
    assert_eq!(r.status, 400);
    assert_eq!(r.text(), "Illegal query parameter [client_secret] detected");
}

// §2 step 6: missing PKCE/state (and scope on v3), then method, then state length.
#[test]
fn authorize_required_params_in_order() {
    let s = start();
    let base = auth_params(PUBLIC, &pkce().1);
    let p = without(&base, &["code_challenge", "code_challenge_method", "state"]);
    let r = get(&authorize_url(&s, "v2", &p), &[]);
    assert_eq!(r.status, 400);
    assert_eq!(
        r.json(),
        serde_json::json!({"status_code": 400, "message": "Missing Required Parameter(s): code_challenge, code_challenge_method, state"})
    );
    let r = get(&authorize_url(&s, "v3", &without(&base, &["scope"])), &[]);
    assert_eq!(r.json()["message"], "Missing Required Parameter(s): scope");
    let r = get(&authorize_url(&s, "v2", &without(&base, &["scope"])), &[]);
    assert_eq!(r.status, 200, "scope is optional on v2");
    let r = get(
        &authorize_url(&s, "v2", &with(&base, "code_challenge_method", "plain")),
        &[],
    );
    assert_eq!(
        r.json(),
        serde_json::json!({"status_code": 400, "error": "invalid_request", "error_description": "code_challenge_method must be S256"})
    );
    let r = get(
        &authorize_url(&s, "v2", &with(&base, "state", "short")),
        &[],
    );
    assert_eq!(
        r.json(),
        serde_json::json!({"status_code": 400, "message": "State parameter should have a minimum of 16 characters"})
    );
    let r = get(
        &authorize_url(
            &s,
            "v2",
            &with(&base, "redirect_uri", "http://127.0.0.1:8080/other"),
        ),
        &[],
    );
    assert_eq!(r.status, 400, "redirect_uri must match exactly");
}

// §2: the consent page carries stable ids; a wrong password re-renders (no redirect).
#[test]
fn consent_page_ids_and_wrong_password() {
    let s = start();
    let params = auth_params(PUBLIC, &pkce().1);
    let page = get(&authorize_url(&s, "v2", &params), &[]).text();
    for id in [
        "username",
        "password",
        "share-demographics",
        "share-samhsa",
        "part-d-only",
        "allow",
        "deny",
    ] {
        assert!(page.contains(&format!("id=\"{id}\"")), "{id}");
    }
    assert!(page.contains("for=\"share-samhsa\""));
    let mut form: Vec<(&str, &str)> = params
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    form.extend([
        ("username", "BBUser00001"),
        ("password", "wrong"),
        ("allow", "true"),
    ]);
    let r = post_form(&format!("{}/v2/o/authorize/consent", s.base), &form, &[]);
    assert_eq!(r.status, 200);
    assert!(r.header("location").is_none());
    assert!(r.text().contains("id=\"error\""));
}

// §2 "Denial": 302 redirect_uri?error=access_denied&state=...
#[test]
fn deny_redirects_access_denied() {
    let s = start();
    let params = auth_params(PUBLIC, &pkce().1);
    let mut form: Vec<(&str, &str)> = params
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    form.extend([
        ("username", "BBUser00001"),
        ("password", "PW00001!"),
        ("allow", "false"),
    ]);
    let r = post_form(&format!("{}/v2/o/authorize/consent", s.base), &form, &[]);
    assert_eq!(r.status, 302);
    let q = url_params(r.header("location").unwrap(), '?');
    assert_eq!(q["error"], "access_denied");
    assert_eq!(q["state"], STATE);
}

// §11 implicit flow (legacy/test only): fragment with access_token, scope, state.
#[test]
fn implicit_flow() {
    let s = start();
    let params: Vec<(String, String)> = auth_params(PUBLIC, &pkce().1)
        .into_iter()
        .map(|(k, v)| {
            if k == "response_type" {
                (k, "token".to_string())
            } else {
                (k, v)
            }
        })
        .collect();
    assert_eq!(get(&authorize_url(&s, "v2", &params), &[]).status, 200);
    let r = consent(&s, "v2", &params, &Choice::user(11));
    assert_eq!(r.status, 302);
    let loc = r.header("location").unwrap();
    assert!(loc.starts_with(&format!("{REDIRECT}#")), "{loc}");
    let f = url_params(loc, '#');
    assert_eq!(f["token_type"], "Bearer");
    assert_eq!(f["state"], STATE);
    assert!(f["scope"].contains("patient/ExplanationOfBenefit.read"));
    let (seen, total, _) = page_all(
        &format!("{}/v2/fhir/ExplanationOfBenefit?_count=50", s.base),
        &f["access_token"],
    );
    assert_eq!(Some(seen as u64), total);
}

// §9 discovery documents: issuer from Host; v1 points at v2; v3 rewrites.
#[test]
fn discovery_documents() {
    let s = start();
    let o = get(&format!("{}/.well-known/openid-configuration", s.base), &[]).json();
    assert_eq!(o["issuer"], s.base);
    assert_eq!(o["token_endpoint"], format!("{}/v2/o/token/", s.base));
    assert_eq!(
        o["authorization_endpoint"],
        format!("{}/v2/o/authorize", s.base)
    );
    let o3 = get(
        &format!("{}/.well-known/openid-configuration-v3", s.base),
        &[],
    )
    .json();
    assert_eq!(o3["token_endpoint"], format!("{}/v3/o/token/", s.base));
    let sm = get(
        &format!("{}/v2/fhir/.well-known/smart-configuration", s.base),
        &[],
    )
    .json();
    assert_eq!(
        sm["code_challenge_methods_supported"],
        serde_json::json!(["S256"])
    );
    let m = get(&format!("{}/v1/fhir/metadata", s.base), &[]);
    assert_eq!(m.status, 200);
    assert_eq!(m.header("content-type"), Some("application/json"));
    assert_eq!(m.json()["rest"][0]["security"]["cors"], true);
}

// CLI client registration: --redirect-uri adds to both defaults; --client / --clients register more.
#[test]
fn cli_client_registration() {
    use bluebutton_sandbox::config::{parse_args, Cli};
    let dir = std::env::temp_dir().join(format!("bbsb-clients-{}.json", std::process::id()));
    std::fs::write(&dir, r#"[{"client_id":"filed","confidential":true,"client_secret":"s3","redirect_uris":["http://app.test/cb"]}]"#).unwrap();
    let args: Vec<String> = [
        "--redirect-uri",
        "http://127.0.0.1:9999/cb",
        "--client",
        "extra;public;;http://x.test/cb;http://y.test/cb",
        "--clients",
        dir.to_str().unwrap(),
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let Ok(Cli::Run(cfg)) = parse_args(&args) else {
        panic!("parse")
    };
    let _ = std::fs::remove_file(&dir);
    assert_eq!(cfg.clients.len(), 5, "3 default clients + 2");
    assert!(cfg.clients[..3].iter().all(|c| c
        .redirect_uris
        .iter()
        .any(|u| u == "http://127.0.0.1:9999/cb")));
    assert_eq!(cfg.clients[3].redirect_uris.len(), 2);
    assert!(cfg.clients[4].confidential);
    let s = start_with(cfg);
    let mut p = auth_params("extra", &pkce().1);
    p.retain(|(k, _)| k != "redirect_uri");
    p.push(("redirect_uri".into(), "http://y.test/cb".into()));
    assert_eq!(get(&authorize_url(&s, "v2", &p), &[]).status, 200);
}

// The consent page escapes everything it echoes (hidden fields).
#[test]
fn consent_page_escapes_params() {
    let s = start();
    let evil = "\"><script>alert(1)</script>-0123456789";
    let p = with(&auth_params(PUBLIC, &pkce().1), "state", evil);
    let page = get(&authorize_url(&s, "v2", &p), &[]).text();
    assert!(!page.contains("<script>"));
    assert!(page.contains("&quot;&gt;&lt;script&gt;"));
}
