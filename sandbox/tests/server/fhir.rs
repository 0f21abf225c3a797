//! FHIR rules of `../shared/docs/bluebutton-api.md` §6, §7, §11.

use crate::common::*;
use serde_json::Value;

fn token(s: &Server, v: &str, c: &Choice) -> String {
    login(s, v, c)["access_token"].as_str().unwrap().to_string()
}

fn links(b: &Value) -> Vec<(String, String)> {
    b["link"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["relation"].as_str().unwrap().to_string(),
                l["url"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

// §6 pagination: default 10, total = full count, links in BB2's order on our host.
#[test]
fn v2_paging_links() {
    let s = start();
    let tok = token(&s, "v2", &Choice::user(1));
    let b = get_auth(&format!("{}/v2/fhir/ExplanationOfBenefit/", s.base), &tok).json();
    assert_eq!(b["total"], 2400);
    assert_eq!(b["entry"].as_array().unwrap().len(), 10);
    let rels: Vec<String> = links(&b).into_iter().map(|l| l.0).collect();
    assert_eq!(rels, ["first", "next", "last", "self"]);
    let b = get_auth(
        &format!(
            "{}/v2/fhir/ExplanationOfBenefit?_count=50&startIndex=100&type=carrier",
            s.base
        ),
        &tok,
    )
    .json();
    let ls = links(&b);
    let rels: Vec<&str> = ls.iter().map(|l| l.0.as_str()).collect();
    assert_eq!(rels, ["first", "next", "previous", "last", "self"]);
    for (_, u) in &ls {
        assert!(
            u.starts_with(&format!("{}/v2/fhir/ExplanationOfBenefit", s.base)),
            "{u}"
        );
        assert!(
            u.contains("type=carrier")
                && u.contains("_count=50")
                && u.contains("patient=-20000000000001"),
            "{u}"
        );
    }
    assert!(ls[1].1.contains("startIndex=150"));
    assert!(ls[2].1.contains("startIndex=50"));
    let total = b["total"].as_u64().unwrap();
    assert!(ls[3]
        .1
        .contains(&format!("startIndex={}", (total - 1) / 50 * 50)));
}

// §6 validation bodies.
#[test]
fn v2_search_validation() {
    let s = start();
    let tok = token(&s, "v2", &Choice::user(2));
    let eob = |q: &str| {
        get_auth(
            &format!("{}/v2/fhir/ExplanationOfBenefit/?{q}", s.base),
            &tok,
        )
    };
    let cases = [
        ("_count=51", "value must be at most 50"),
        ("_count=-1", "value must be at least 0"),
        ("_count=abc", "expected int"),
        ("startIndex=x", "expected int"),
        (
            "type=carrier,INVALID-TYPE,dme,",
            "the type parameter value is not valid",
        ),
        (
            "_lastUpdated=zz2020-11-22T14:00:00-05:00",
            "the _lastUpdated operator is not valid",
        ),
        (
            "_lastUpdated=2020-11-22",
            "the _lastUpdated operator is not valid",
        ),
        (
            "service-date=eq2022-01-01",
            "the service-date operator is not valid",
        ),
    ];
    for (q, msg) in cases {
        let r = eob(q);
        assert_eq!(r.status, 400, "{q}");
        assert_eq!(r.json(), serde_json::json!({ "detail": msg }), "{q}");
    }
    let total = eob("").json()["total"].as_u64().unwrap();
    let r = eob(&format!("startIndex={total}"));
    assert_eq!(r.status, 400);
    assert!(r.json()["detail"]
        .as_str()
        .unwrap()
        .starts_with("An error occurred contacting the upstream server:"));
    let r = get(
        &format!(
            "{}/v2/fhir/ExplanationOfBenefit/?access_token={tok}",
            s.base
        ),
        &[],
    );
    assert_eq!(r.status, 400);
    assert_eq!(
        r.json()["detail"],
        "Using the access token in the query parameters is not supported. Use the Authorization header instead"
    );
}

// §6 `type` (case-insensitive, system prefix, comma list) and date filters.
#[test]
fn v2_filters() {
    let s = start();
    let tok = token(&s, "v2", &Choice::user(1));
    let count = |q: &str| {
        let r = get_auth(
            &format!("{}/v2/fhir/ExplanationOfBenefit?{q}", s.base),
            &tok,
        );
        assert_eq!(r.status, 200, "{q}: {}", r.text());
        r.json()["total"].as_u64().unwrap()
    };
    let all = count("");
    let carrier = count("type=carrier");
    let pde = count("type=PDE");
    assert!(carrier > 0 && pde > 0);
    assert_eq!(
        count("type=https://bluebutton.cms.gov/resources/codesystem/eob-type|CARRIER"),
        carrier
    );
    assert_eq!(count("type=carrier,pde"), carrier + pde);
    assert_eq!(
        count("type=https://bluebutton.cms.gov/resources/codesystem/eob-type|"),
        all
    );
    let before = count("service-date=lt2023-01-01");
    let after = count("service-date=ge2023-01-01");
    assert_eq!(before + after, all);
    assert!(before > 0 && after > 0);
    let lu_lo = count("_lastUpdated=ge2022-01-01T00:00:00Z");
    let lu_both =
        count("_lastUpdated=ge2022-01-01T00:00:00Z&_lastUpdated=lt2023-01-01T00:00:00-05:00");
    assert!(lu_both < lu_lo && lu_both > 0);
    let b = get_auth(
        &format!("{}/v2/fhir/ExplanationOfBenefit?type=snf&_count=50", s.base),
        &tok,
    )
    .json();
    for e in b["entry"].as_array().unwrap() {
        assert!(e["resource"]["id"].as_str().unwrap().starts_with("snf-"));
    }
}

// §7: 401 shapes, 404, reads restricted to the token's patient.
#[test]
fn errors_and_reads() {
    let s = start();
    let r = get(&format!("{}/v2/fhir/Patient/", s.base), &[]);
    assert_eq!(r.status, 401);
    assert_eq!(
        r.json(),
        serde_json::json!({"detail": "Authentication credentials were not provided."})
    );
    assert_eq!(r.header("www-authenticate"), Some("Bearer realm=\"api\""));
    assert_eq!(
        get_auth(&format!("{}/v2/fhir/Patient/", s.base), "bogus").status,
        401
    );
    let tok = token(&s, "v2", &Choice::user(4));
    let p = get_auth(&format!("{}/v2/fhir/Patient/-20000000000004", s.base), &tok);
    assert_eq!(p.status, 200);
    assert_eq!(p.header("content-type"), Some("application/fhir+json"));
    let r = get_auth(&format!("{}/v2/fhir/Patient/-20000000000005", s.base), &tok);
    assert_eq!(
        (r.status, r.json()),
        (404, serde_json::json!({"detail": "Not found."}))
    );
    let b = get_auth(
        &format!("{}/v2/fhir/ExplanationOfBenefit/?_count=1", s.base),
        &tok,
    )
    .json();
    let id = b["entry"][0]["resource"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(
        get_auth(
            &format!("{}/v2/fhir/ExplanationOfBenefit/{id}", s.base),
            &tok
        )
        .status,
        200
    );
    let other = token(&s, "v2", &Choice::user(6));
    assert_eq!(
        get_auth(
            &format!("{}/v2/fhir/ExplanationOfBenefit/{id}", s.base),
            &other
        )
        .status,
        404
    );
    let c = get_auth(
        &format!("{}/v2/fhir/Coverage/part-a--20000000000004", s.base),
        &tok,
    );
    assert_eq!(c.json()["status"], "active");
    let r = get_auth(
        &format!(
            "{}/v2/fhir/ExplanationOfBenefit/?patient=-20000000000009",
            s.base
        ),
        &tok,
    );
    assert_eq!(r.status, 403);
}

// §11: v1/v2 EOB 403 when SAMHSA declined or Part-D-only; v3 filters instead.
#[test]
fn samhsa_and_part_d() {
    let s = start();
    let declined = Choice {
        samhsa: false,
        ..Choice::user(1)
    };
    let tok = token(&s, "v2", &declined);
    let r = get_auth(&format!("{}/v2/fhir/ExplanationOfBenefit/", s.base), &tok);
    assert_eq!(r.status, 403);
    assert_eq!(
        r.json(),
        serde_json::json!({"detail": "You do not have permission to perform this action."})
    );
    assert_eq!(
        get_auth(&format!("{}/v1/fhir/ExplanationOfBenefit/", s.base), &tok).status,
        403
    );
    let pd = token(
        &s,
        "v2",
        &Choice {
            part_d_only: true,
            ..Choice::user(1)
        },
    );
    assert_eq!(
        get_auth(&format!("{}/v2/fhir/ExplanationOfBenefit/", s.base), &pd).status,
        403
    );
    // Each consent replaces the app's earlier tokens (§12.5): use each token before the next.
    let full = token(&s, "v3", &Choice::user(1));
    let (all, _, _) = page_all(
        &format!("{}/v3/fhir/ExplanationOfBenefit?_count=50", s.base),
        &full,
    );
    let t3 = token(&s, "v3", &declined);
    let (filtered, _, _) = page_all(
        &format!("{}/v3/fhir/ExplanationOfBenefit?_count=50", s.base),
        &t3,
    );
    assert_eq!(all, 2400);
    assert!(filtered < all && filtered > 2000);
    let pd3 = token(
        &s,
        "v3",
        &Choice {
            part_d_only: true,
            ..Choice::user(1)
        },
    );
    let b = get_auth(
        &format!("{}/v3/fhir/ExplanationOfBenefit?_count=50", s.base),
        &pd3,
    )
    .json();
    for e in b["entry"].as_array().unwrap() {
        assert_eq!(e["resource"]["type"]["coding"][0]["code"], "01");
    }
}

// §11 v3 paging: _offset, only next/previous (+self), total omitted while more pages remain.
#[test]
fn v3_paging() {
    let s = start();
    let tok = token(&s, "v3", &Choice::user(1));
    let b = get_auth(
        &format!(
            "{}/v3/fhir/ExplanationOfBenefit?_count=50&_offset=100",
            s.base
        ),
        &tok,
    )
    .json();
    assert!(b.get("total").is_none());
    let rels: Vec<String> = links(&b).into_iter().map(|l| l.0).collect();
    assert!(rels.contains(&"next".to_string()) && rels.contains(&"previous".to_string()));
    assert!(!rels.contains(&"first".to_string()) && !rels.contains(&"last".to_string()));
    let next = links(&b).into_iter().find(|l| l.0 == "next").unwrap().1;
    assert!(next.contains("_offset=150"), "{next}");
    let last = get_auth(
        &format!(
            "{}/v3/fhir/ExplanationOfBenefit?_count=50&_offset=2350",
            s.base
        ),
        &tok,
    )
    .json();
    // §12.5: on the last page `total` is the number of entries on that page.
    assert_eq!(last["total"], 50);
    assert_eq!(last["entry"].as_array().map(Vec::len), Some(50));
    let short = get_auth(
        &format!(
            "{}/v3/fhir/ExplanationOfBenefit?_count=50&_offset=2390",
            s.base
        ),
        &tok,
    )
    .json();
    assert_eq!(short["total"], 10);
    // A prior authorization's UUID is not a claim id server-ng can read (§12.3).
    let r = get_auth(
        &format!(
            "{}/v3/fhir/ExplanationOfBenefit/0b9f6c1e-8d1a-4c55-9a7e-2f1f4f0e9d11",
            s.base
        ),
        &tok,
    );
    assert_eq!(r.status, 400);
    assert_eq!(
        r.json()["issue"][0]["diagnostics"],
        "ID is not a valid number"
    );
    let e = &last["entry"][0]["resource"];
    assert_eq!(
        e["type"]["coding"][0]["system"],
        "https://bluebutton.cms.gov/fhir/CodeSystem/CLM-TYPE-CD"
    );
    assert_eq!(e["patient"]["reference"], "Patient/-30000000000001");
    let (seen, total, _) = page_all(
        &format!("{}/v3/fhir/ExplanationOfBenefit?_count=50", s.base),
        &tok,
    );
    // Every claim once by following `next`; the only `total` is the last page's own count.
    assert_eq!((seen, total), (2400, Some(50)));
}

// §6 v3 only: `Prefer: handling=strict` rejects unknown parameters; v2 drops them silently.
#[test]
fn v3_strict_handling() {
    let s = start();
    let tok = token(&s, "v3", &Choice::user(2));
    let auth = format!("Bearer {tok}");
    let url = format!("{}/v3/fhir/ExplanationOfBenefit?hello=1&_count=5", s.base);
    let r = get(
        &url,
        &[("authorization", &auth), ("prefer", "handling=strict")],
    );
    assert_eq!(
        (r.status, r.json()),
        (
            400,
            serde_json::json!({"error": "Invalid parameters: ['hello']"})
        )
    );
    assert_eq!(get(&url, &[("authorization", &auth)]).status, 200);
    let t2 = token(&s, "v2", &Choice::user(2));
    let b = get_auth(
        &format!("{}/v2/fhir/ExplanationOfBenefit?hello=1", s.base),
        &t2,
    )
    .json();
    assert!(
        !b["link"][0]["url"].as_str().unwrap().contains("hello"),
        "v2 drops unknown parameters"
    );
}
