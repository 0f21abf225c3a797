//! Token and revoke through the relay to a loopback plain-http upstream (the local sandbox):
//! the browser never sends the secret; nothing else passes; the body limit.

use crate::common::*;
use bluebutton_core::oauth::pkce::CodeVerifier;
use bluebutton_relay::config::AuthStyle;

// A confidential client behind the relay, secret in the body or as HTTP Basic.
#[test]
fn relay_adds_secret() {
    let s = start();
    for auth in [AuthStyle::Body, AuthStyle::Basic] {
        let r = relay(&s, auth);
        let verifier = CodeVerifier::from_entropy(&[3; 32]);
        let code = code_for(&s, "v2", verifier.challenge().as_str(), 5);
        let form = [
            ("grant_type", "authorization_code"),
            ("code", code.as_str()),
            ("redirect_uri", REDIRECT),
            ("code_verifier", verifier.secret()),
        ];
        let t = post_form(&format!("{r}/v2/o/token/"), &form, &[("origin", ORIGIN)]);
        assert_eq!(t.status, 200, "{auth:?}: {}", t.text());
        assert_eq!(t.header("access-control-allow-origin"), Some(ORIGIN));
        assert_eq!(t.header("cache-control"), Some("no-store"));
        let rt = t.json()["refresh_token"].as_str().unwrap().to_string();
        let t2 = post_form(
            &format!("{r}/v2/o/token"),
            &[("grant_type", "refresh_token"), ("refresh_token", &rt)],
            &[],
        );
        assert_eq!(t2.status, 200, "{}", t2.text());
        let at = t2.json()["access_token"].as_str().unwrap().to_string();
        let before = get(
            &format!("{}/v2/fhir/Patient/", s.base),
            &[("authorization", &format!("Bearer {at}"))],
        );
        assert_eq!(before.status, 200);
        assert_eq!(
            post_form(&format!("{r}/v2/o/revoke_token/"), &[("token", &at)], &[]).status,
            200
        );
        let after = get(
            &format!("{}/v2/fhir/Patient/", s.base),
            &[("authorization", &format!("Bearer {at}"))],
        );
        assert_eq!(after.status, 401);
    }
}

// A secret sent by the browser is dropped: the relay's own is used.
#[test]
fn browser_credentials_are_replaced() {
    let s = start();
    let r = relay(&s, AuthStyle::Body);
    let verifier = CodeVerifier::from_entropy(&[4; 32]);
    let code = code_for(&s, "v2", verifier.challenge().as_str(), 6);
    let t = post_form(
        &format!("{r}/v2/o/token/"),
        &[
            ("grant_type", "authorization_code"),
            ("code", &code),
            ("redirect_uri", REDIRECT),
            ("code_verifier", verifier.secret()),
            ("client_id", "someone-else"),
            ("client_secret", "wrong"),
        ],
        &[],
    );
    assert_eq!(t.status, 200, "{}", t.text());
}

// Only token and revoke pass; the body limit; 405 for other methods; 502 when the upstream
// is down (with a JSON cause).
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
    assert_eq!(post_form(&format!("{r}/v4/o/token/"), &[], &[]).status, 404);
    let g = get(&format!("{r}/v2/o/token/"), &[]);
    assert_eq!(g.status, 405);
    assert_eq!(g.header("allow"), Some("POST, OPTIONS"));
    let big = "x".repeat(17 * 1024);
    let r2 = post_form(&format!("{r}/v2/o/token/"), &[("grant_type", &big)], &[]);
    assert_eq!(r2.status, 413);
    assert_eq!(r2.json()["error"], "request_too_large");

    // An upstream that is not listening.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    let down = relay_with(&s, config(&format!("http://127.0.0.1:{port}")));
    let d = post_form(
        &format!("{down}/v2/o/token/"),
        &[("grant_type", "refresh_token"), ("refresh_token", "x")],
        &[],
    );
    assert_eq!(d.status, 502, "{}", d.text());
    assert_eq!(d.json()["error"], "upstream_unavailable");
}
