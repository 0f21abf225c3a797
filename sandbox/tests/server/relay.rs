//! The token relay (doc §11: a thin relay adds the secret for browser apps).

use crate::common::*;
use bluebutton_sandbox::relay::{serve_relay, AuthStyle, RelayConfig};

fn relay(s: &Server, auth: AuthStyle) -> String {
    let cfg = RelayConfig {
        upstream: s.base.clone(),
        client_id: CONFIDENTIAL.into(),
        client_secret: SECRET.into(),
        allow_origins: vec!["http://localhost:8080".into()],
        host: "127.0.0.1".into(),
        port: 0,
        auth,
        log: false,
    };
    let (addr, h) = s.rt.block_on(serve_relay(cfg)).unwrap();
    std::mem::forget(h);
    format!("http://{addr}")
}

// A confidential client behind the relay: the browser never sends the secret.
#[test]
fn relay_adds_secret() {
    let s = start();
    for auth in [AuthStyle::Body, AuthStyle::Basic] {
        let r = relay(&s, auth);
        let (verifier, challenge) = pkce();
        let params = auth_params(CONFIDENTIAL, &challenge);
        let loc = consent(&s, "v2", &params, &Choice::user(5));
        let code = url_params(loc.header("location").unwrap(), '?')["code"].clone();
        let form = [
            ("grant_type", "authorization_code"),
            ("code", code.as_str()),
            ("redirect_uri", REDIRECT),
            ("code_verifier", verifier.as_str()),
        ];
        let t = post_form(
            &format!("{r}/v2/o/token/"),
            &form,
            &[("origin", "http://localhost:8080")],
        );
        assert_eq!(t.status, 200, "{}", t.text());
        assert_eq!(
            t.header("access-control-allow-origin"),
            Some("http://localhost:8080")
        );
        let j = t.json();
        let rt = j["refresh_token"].as_str().unwrap();
        let t2 = post_form(
            &format!("{r}/v2/o/token"),
            &[("grant_type", "refresh_token"), ("refresh_token", rt)],
            &[],
        );
        assert_eq!(t2.status, 200, "{}", t2.text());
        let at = t2.json()["access_token"].as_str().unwrap().to_string();
        assert_eq!(
            post_form(&format!("{r}/v2/o/revoke_token/"), &[("token", &at)], &[]).status,
            200
        );
        assert_eq!(
            get_auth(&format!("{}/v2/fhir/Patient/", s.base), &at).status,
            401
        );
    }
}

// Nothing else passes; CORS only for allowed origins; body limit.
#[test]
fn relay_restrictions() {
    let s = start();
    let r = relay(&s, AuthStyle::Body);
    assert_eq!(get(&format!("{r}/v2/fhir/Patient/"), &[]).status, 404);
    assert_eq!(
        get(&format!("{r}/.well-known/openid-configuration"), &[]).status,
        404
    );
    assert_eq!(
        post_form(&format!("{r}/v2/o/authorize/"), &[], &[]).status,
        404
    );
    let bad = post_form(
        &format!("{r}/v2/o/token/"),
        &[("grant_type", "refresh_token"), ("refresh_token", "x")],
        &[("origin", "http://evil.example")],
    );
    assert!(bad.header("access-control-allow-origin").is_none());
    let pre = request(
        "OPTIONS",
        &format!("{r}/v2/o/token/"),
        &[
            ("origin", "http://localhost:8080"),
            ("access-control-request-method", "POST"),
        ],
        None,
    );
    assert_eq!(
        pre.header("access-control-allow-origin"),
        Some("http://localhost:8080")
    );
    let big = "x".repeat(17 * 1024);
    let r2 = post_form(&format!("{r}/v2/o/token/"), &[("grant_type", &big)], &[]);
    assert_eq!(r2.status, 413);
}
