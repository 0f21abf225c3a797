//! Token lifetimes and grants as BB2 has them now (`../shared/docs/bluebutton-api.md`
//! §3, §12.5, §12.6): one-time apps, research apps, a new consent replacing earlier tokens,
//! and a refresh that narrows the scope.

use crate::common::*;
use bluebutton_sandbox::config::Config;
use bluebutton_sandbox::data::dates::{days_from_civil, now_secs};

const ONE_TIME: &str = "bbwasm-local-one-time";

fn refresh(s: &Server, v: &str, client: &str, token: &str, scope: Option<&str>) -> Resp {
    let mut form = vec![
        ("grant_type", "refresh_token"),
        ("refresh_token", token),
        ("client_id", client),
    ];
    if let Some(scope) = scope {
        form.push(("scope", scope));
    }
    post_form(&format!("{}/{v}/o/token/", s.base), &form, &[])
}

/// Seconds from now until a `YYYY-MM-DDTHH:MM:SSZ` instant.
fn secs_until(zulu: &str) -> i64 {
    let n = |a: usize, b: usize| zulu[a..b].parse::<i64>().unwrap();
    let month = u32::try_from(n(5, 7)).unwrap();
    let day = u32::try_from(n(8, 10)).unwrap();
    let at = days_from_civil(n(0, 4), month, day) * 86_400
        + n(11, 13) * 3600
        + n(14, 16) * 60
        + n(17, 19);
    at - now_secs()
}

// §3, §12.6: a ONE_TIME app gets a refresh token, but the refresh is refused with 403
// invalid_client, and its grant ends with the access token.
#[test]
fn one_time_app_cannot_refresh() {
    let s = start();
    let t = login_with(
        &s,
        "v3",
        &Choice::user(4),
        ONE_TIME,
        Some("openid patient/ExplanationOfBenefit.rs"),
    );
    let left = secs_until(t["access_grant_expiration"].as_str().unwrap());
    assert!(
        (3590..=3610).contains(&left),
        "one hour, not 13 months: {left}"
    );
    let r = refresh(
        &s,
        "v3",
        ONE_TIME,
        t["refresh_token"].as_str().unwrap(),
        None,
    );
    assert_eq!(r.status, 403, "{}", r.text());
    assert_eq!(r.json()["error"], "invalid_client");
    assert!(r.json()["error_description"]
        .as_str()
        .unwrap()
        .contains("not allowed to refresh tokens"));
    // Nothing was spent: the access token still works.
    let eob = get_auth(
        &format!("{}/v3/fhir/ExplanationOfBenefit/?_count=1", s.base),
        t["access_token"].as_str().unwrap(),
    );
    assert_eq!(eob.status, 200, "{}", eob.text());
    // The 13-month default is still 13 months away.
    let t = login(&s, "v2", &Choice::user(4));
    assert!(secs_until(t["access_grant_expiration"].as_str().unwrap()) > 390 * 86_400);
}

// §3: RESEARCH_STUDY grants never expire: `access_grant_expiration` is "".
#[test]
fn research_grant_has_no_expiry() {
    let mut cfg = Config::default();
    cfg.clients.push(
        bluebutton_sandbox::config::parse_args(&[
            "--client".into(),
            format!("study;public:research;;{REDIRECT}"),
        ])
        .map(|cli| match cli {
            bluebutton_sandbox::config::Cli::Run(c) => c.clients.last().unwrap().clone(),
            _ => unreachable!(),
        })
        .unwrap(),
    );
    let s = start_with(cfg);
    let t = login_with(&s, "v2", &Choice::user(6), "study", None);
    assert_eq!(t["access_grant_expiration"], "");
    let r = refresh(
        &s,
        "v2",
        "study",
        t["refresh_token"].as_str().unwrap(),
        None,
    );
    assert_eq!(r.status, 200, "{}", r.text());
}

// §12.5: after a new consent, the app's earlier tokens for that beneficiary are gone (on
// every version); another beneficiary's tokens are untouched.
#[test]
fn new_consent_replaces_earlier_tokens() {
    let s = start();
    let first = login(&s, "v3", &Choice::user(7));
    let other = login(&s, "v2", &Choice::user(8));
    let older_v2 = login(&s, "v2", &Choice::user(7));
    // That v2 consent already replaced the first v3 tokens.
    let url = |v: &str| format!("{}/{v}/fhir/ExplanationOfBenefit/?_count=1", s.base);
    assert_eq!(
        get_auth(&url("v3"), first["access_token"].as_str().unwrap()).status,
        401
    );
    let r = refresh(
        &s,
        "v3",
        PUBLIC,
        first["refresh_token"].as_str().unwrap(),
        None,
    );
    assert_eq!(r.status, 400);
    assert_eq!(r.json()["error"], "invalid_grant");
    assert_eq!(r.json()["error_description"], "Refresh token not found.");
    let second = login(&s, "v3", &Choice::user(7));
    assert_eq!(
        get_auth(&url("v2"), older_v2["access_token"].as_str().unwrap()).status,
        401
    );
    assert_eq!(
        get_auth(&url("v3"), second["access_token"].as_str().unwrap()).status,
        200
    );
    assert_eq!(
        get_auth(&url("v2"), other["access_token"].as_str().unwrap()).status,
        200
    );
}

// §12.5: a refresh may narrow each scope to fewer SMART letters, never widen it.
#[test]
fn refresh_narrows_scope_only() {
    let s = start();
    let t = login_with(
        &s,
        "v3",
        &Choice::user(9),
        PUBLIC,
        Some("openid patient/Patient.rs patient/ExplanationOfBenefit.rs"),
    );
    let rt = t["refresh_token"].as_str().unwrap();
    for wider in [
        "patient/Coverage.rs",
        "patient/ExplanationOfBenefit.rs patient/Coverage.s",
    ] {
        let r = refresh(&s, "v3", PUBLIC, rt, Some(wider));
        assert_eq!(
            (r.status, r.json()["error"].as_str()),
            (400, Some("invalid_scope")),
            "{wider}"
        );
    }
    let r = refresh(&s, "v3", PUBLIC, rt, Some("patient/ExplanationOfBenefit.s"));
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["scope"], "patient/ExplanationOfBenefit.s");
    // And the narrowed token cannot widen back.
    let r = refresh(
        &s,
        "v3",
        PUBLIC,
        r.json()["refresh_token"].as_str().unwrap(),
        Some("patient/ExplanationOfBenefit.rs"),
    );
    assert_eq!(r.status, 400);
}
