//! Token endpoint, refresh, revoke, userinfo: rules of `../shared/docs/bluebutton-api.md` §2, §3, §8, §9.

use crate::common::*;

// §3: full code + PKCE flow, then FHIR search paged to the end (count == total).
#[test]
fn code_flow_then_page_to_end() {
    let s = start();
    let t = login(&s, "v2", &Choice::user(5));
    assert_eq!(t["token_type"], "Bearer");
    assert_eq!(t["expires_in"], 3600);
    assert_eq!(t["patient"], "-20000000000005");
    let exp = t["access_grant_expiration"].as_str().unwrap();
    assert_eq!(exp.len(), 20, "YYYY-MM-DDTHH:MM:SSZ: {exp}");
    assert!(exp.ends_with('Z') && exp.as_bytes()[10] == b'T');
    assert!(t["refresh_token"].as_str().is_some());
    let tok = t["access_token"].as_str().unwrap();
    let (seen, total, _) = page_all(
        &format!("{}/v2/fhir/ExplanationOfBenefit/?_count=7", s.base),
        tok,
    );
    assert_eq!(Some(seen as u64), total);
    assert!(seen >= 5);
}

// §3 PKCE at the token step: length limits, mismatch, single-use code.
#[test]
fn token_pkce_and_replay() {
    let s = start();
    let (verifier, challenge) = pkce();
    let params = auth_params(PUBLIC, &challenge);
    let r = consent(&s, "v2", &params, &Choice::user(3));
    let code = url_params(r.header("location").unwrap(), '?')["code"].clone();
    let tok = |v: &str| {
        post_form(
            &format!("{}/v2/o/token", s.base),
            &[
                ("grant_type", "authorization_code"),
                ("code", &code),
                ("redirect_uri", REDIRECT),
                ("client_id", PUBLIC),
                ("code_verifier", v),
            ],
            &[],
        )
    };
    let r = tok("short");
    assert_eq!(
        (r.status, r.json()["error_description"].as_str()),
        (400, Some("code_verifier min length is 43"))
    );
    let r = tok(&"a".repeat(129));
    assert_eq!(
        (r.status, r.json()["error_description"].as_str()),
        (400, Some("max length is 128"))
    );
    let r = tok(&"b".repeat(43));
    assert_eq!(r.status, 400);
    assert_eq!(
        r.json(),
        serde_json::json!({"error": "invalid_grant", "error_description": "code_challenge does not match"})
    );
    assert_eq!(tok(&verifier).status, 200);
    let r = tok(&verifier);
    assert_eq!(
        (r.status, r.json()["error"].as_str()),
        (400, Some("invalid_grant")),
        "replay"
    );
}

// §3 client authentication: confidential needs its secret (401 invalid_client), Basic or body.
#[test]
fn token_confidential_client_auth() {
    let s = start();
    let (verifier, challenge) = pkce();
    let params = auth_params(CONFIDENTIAL, &challenge);
    let code_for = || {
        url_params(
            consent(&s, "v2", &params, &Choice::user(3))
                .header("location")
                .unwrap(),
            '?',
        )["code"]
            .clone()
    };
    let code = code_for();
    let mut form = vec![
        ("grant_type", "authorization_code"),
        ("code", code.as_str()),
        ("redirect_uri", REDIRECT),
        ("client_id", CONFIDENTIAL),
        ("code_verifier", verifier.as_str()),
    ];
    let r = post_form(&format!("{}/v2/o/token/", s.base), &form, &[]);
    assert_eq!(
        (r.status, r.json()),
        (401, serde_json::json!({"error": "invalid_client"}))
    );
    form.push(("client_secret", "wrong"));
    assert_eq!(
        post_form(&format!("{}/v2/o/token/", s.base), &form, &[]).status,
        401
    );
    form.pop();
    form.push(("client_secret", SECRET));
    assert_eq!(
        post_form(&format!("{}/v2/o/token/", s.base), &form, &[]).status,
        200
    );
    let code = code_for();
    let basic = format!(
        "Basic {}",
        base64::Engine::encode(
            &base64::engine::general_purpose::STANDARD,
            format!("{CONFIDENTIAL}:{SECRET}")
        )
    );
    let form = [
        ("grant_type", "authorization_code"),
        ("code", code.as_str()),
        ("redirect_uri", REDIRECT),
        ("code_verifier", verifier.as_str()),
    ];
    assert_eq!(
        post_form(
            &format!("{}/v2/o/token/", s.base),
            &form,
            &[("authorization", &basic)]
        )
        .status,
        200
    );
}

// §3 refresh: rotation; the old refresh token is gone; stats count grant types.
#[test]
fn refresh_rotation_and_stats() {
    let s = start();
    let t = login(&s, "v2", &Choice::user(7));
    let old = t["refresh_token"].as_str().unwrap();
    let refresh = |rt: &str| {
        post_form(
            &format!("{}/v2/o/token/", s.base),
            &[
                ("grant_type", "refresh_token"),
                ("refresh_token", rt),
                ("client_id", PUBLIC),
            ],
            &[],
        )
    };
    let r = refresh(old);
    assert_eq!(r.status, 200, "{}", r.text());
    let n = r.json();
    assert_ne!(n["refresh_token"], t["refresh_token"]);
    assert_ne!(n["access_token"], t["access_token"]);
    let again = refresh(old);
    assert_eq!(again.status, 400);
    assert_eq!(again.json()["error"], "invalid_grant");
    assert_eq!(
        again.json()["error_description"],
        "Refresh token not found."
    );
    let fresh = n["access_token"].as_str().unwrap();
    assert_eq!(
        get_auth(&format!("{}/v2/fhir/Patient/", s.base), fresh).status,
        200
    );
    let stats = get(&format!("{}/sandbox/stats", s.base), &[]).json();
    assert_eq!(stats["token_calls"]["refresh_token"], 2);
    assert_eq!(stats["token_calls"]["authorization_code"], 1);
    assert_eq!(
        request("DELETE", &format!("{}/sandbox/stats", s.base), &[], None).status,
        200
    );
    assert_eq!(
        get(&format!("{}/sandbox/stats", s.base), &[]).json(),
        serde_json::json!({"token_calls": {}})
    );
}

// §3 revoke: 200; a revoked access token gives 401 on FHIR.
#[test]
fn revoke_then_401() {
    let s = start();
    for path in ["revoke_token", "revoke"] {
        let t = login(&s, "v2", &Choice::user(8));
        let tok = t["access_token"].as_str().unwrap();
        assert_eq!(
            get_auth(&format!("{}/v2/fhir/Coverage/", s.base), tok).status,
            200
        );
        let r = post_form(
            &format!("{}/v2/o/{path}/", s.base),
            &[("token", tok), ("client_id", PUBLIC)],
            &[],
        );
        assert_eq!(r.status, 200);
        let r = get_auth(&format!("{}/v2/fhir/Coverage/", s.base), tok);
        assert_eq!(r.status, 401);
        assert_eq!(r.header("www-authenticate"), Some("Bearer realm=\"api\""));
    }
}

// --token-ttl: tokens expire for real.
#[test]
fn token_ttl_expires() {
    let s = start_with(bluebutton_sandbox::config::Config {
        token_ttl: 1,
        ..Default::default()
    });
    let t = login(&s, "v2", &Choice::user(9));
    assert_eq!(t["expires_in"], 1);
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let r = get_auth(
        &format!("{}/v2/fhir/Patient/", s.base),
        t["access_token"].as_str().unwrap(),
    );
    assert_eq!(r.status, 401);
}

// §8 userinfo: GET only (405 on POST), 403 without demographics.
#[test]
fn userinfo_rules() {
    let s = start();
    let t = login(&s, "v2", &Choice::user(12));
    let tok = t["access_token"].as_str().unwrap();
    let r = get_auth(&format!("{}/v2/connect/userinfo", s.base), tok);
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-type"), Some("application/json"));
    assert_eq!(r.json()["patient"], "-20000000000012");
    let r = request(
        "POST",
        &format!("{}/v2/connect/userinfo", s.base),
        &[("authorization", &format!("Bearer {tok}"))],
        Some(b""),
    );
    assert_eq!(r.status, 405);
    let t = login(
        &s,
        "v2",
        &Choice {
            demographics: false,
            ..Choice::user(12)
        },
    );
    let tok = t["access_token"].as_str().unwrap();
    assert_eq!(
        get_auth(&format!("{}/v2/connect/userinfo", s.base), tok).status,
        403
    );
    assert_eq!(
        get_auth(&format!("{}/v2/fhir/Patient/", s.base), tok).status,
        403
    );
}
