//! v3 `_source`/`_tag`, shared-system claims and prior authorizations (API doc §12.3-§12.5).

use crate::common::*;
use serde_json::Value;

const SYSTEM_TYPE: &str = "https://bluebutton.cms.gov/fhir/CodeSystem/System-Type";
const FINAL_ACTION: &str = "https://bluebutton.cms.gov/fhir/CodeSystem/Final-Action";

fn token(s: &Server, c: &Choice) -> String {
    login(s, "v3", c)["access_token"]
        .as_str()
        .unwrap()
        .to_string()
}

/// GET `ExplanationOfBenefit?{query}` (query pairs encoded here), expecting 200.
fn search(s: &Server, tok: &str, pairs: &[(&str, &str)]) -> Value {
    let r = search_raw(s, tok, pairs);
    assert_eq!(r.status, 200, "{pairs:?}: {}", r.text());
    r.json()
}

fn search_raw(s: &Server, tok: &str, pairs: &[(&str, &str)]) -> Resp {
    let owned: Vec<(String, String)> = pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    let url = format!("{}/v3/fhir/ExplanationOfBenefit?{}", s.base, query(&owned));
    get_auth(&url, tok)
}

fn entries(b: &Value) -> Vec<Value> {
    b["entry"]
        .as_array()
        .map(|a| a.iter().map(|e| e["resource"].clone()).collect())
        .unwrap_or_default()
}

fn is_prior_auth(r: &Value) -> bool {
    r["use"] == "preauthorization"
}

fn link(b: &Value, rel: &str) -> Option<String> {
    b["link"]
        .as_array()?
        .iter()
        .find(|l| l["relation"] == rel)
        .and_then(|l| l["url"].as_str().map(str::to_string))
}

fn tag(r: &Value, system: &str) -> Option<String> {
    r["meta"]["tag"]
        .as_array()?
        .iter()
        .find(|t| t["system"] == system)
        .and_then(|t| t["code"].as_str().map(str::to_string))
}

// §12.4: BB2 adds `_source=NCH,DDPS` when the query names neither `_tag` nor `_source`, and
// the added parameter is in the paging links; with `_tag` it is not added.
#[test]
fn default_source_is_nch_and_ddps_and_shows_in_links() {
    let s = start();
    let tok = token(&s, &Choice::user(1));
    let b = search(&s, &tok, &[("_count", "50")]);
    for rel in ["next", "self"] {
        let url = link(&b, rel).unwrap();
        assert!(url.contains("_source=NCH%2CDDPS"), "{rel}: {url}");
    }
    for r in entries(&b) {
        let source = r["meta"]["source"].as_str().unwrap();
        assert!(source == "NCH" || source == "DDPS", "{source}");
        assert_eq!(tag(&r, FINAL_ACTION).as_deref(), Some("FinalAction"));
        assert_eq!(r["outcome"], "complete");
        assert!(!is_prior_auth(&r));
    }
    let (seen, _, _) = page_all(
        &format!("{}/v3/fhir/ExplanationOfBenefit?_count=50", s.base),
        &tok,
    );
    assert_eq!(
        seen, 2400,
        "the default search is the NCH/DDPS history only"
    );
    let tagged = search(
        &s,
        &tok,
        &[
            ("_tag", &format!("{FINAL_ACTION}|FinalAction")),
            ("_count", "5"),
        ],
    );
    let url = link(&tagged, "self").unwrap();
    assert!(!url.contains("_source"), "{url}");
    assert!(url.contains("_tag="), "{url}");
}

// §12.3: `_source=CWF` gives CWF claims, then the prior authorizations at the very end.
#[test]
fn cwf_brings_prior_authorizations_at_the_end() {
    let s = start();
    let tok = token(&s, &Choice::user(1));
    let b = search(&s, &tok, &[("_source", "cwf"), ("_count", "50")]);
    let all = entries(&b);
    let first_pa = all.iter().position(is_prior_auth).unwrap();
    assert!(first_pa >= 1, "at least one CWF claim before them");
    assert_eq!(all.len() - first_pa, 2, "the heavy user has two");
    assert!(all[first_pa..].iter().all(is_prior_auth));
    for r in &all[..first_pa] {
        assert_eq!(r["meta"]["source"], "CWF");
        assert_eq!(tag(r, SYSTEM_TYPE).as_deref(), Some("SharedSystem"));
    }
    for pa in &all[first_pa..] {
        assert_eq!(pa["meta"]["source"], "CWF");
        assert_eq!(
            pa["meta"]["profile"][0],
            "http://hl7.org/fhir/us/davinci-pdex/StructureDefinition/pdex-priorauthorization"
        );
        assert_eq!(pa["meta"]["tag"].as_array().unwrap().len(), 1);
        assert_eq!(tag(pa, SYSTEM_TYPE).as_deref(), Some("SharedSystem"));
        assert_eq!(tag(pa, FINAL_ACTION), None);
        let id = pa["id"].as_str().unwrap();
        assert_eq!(id.len(), 36, "{id}");
        assert_eq!(id.matches('-').count(), 4, "{id}");
        assert!(matches!(
            pa["outcome"].as_str(),
            Some("partial" | "complete")
        ));
    }
    // Every source: the whole history, the recent claims, then the prior authorizations,
    // appended before `_offset`/`_count` (the last page ends with them).
    let all_sources = "NCH,DDPS,FISS,MCS,VMS,CWF";
    let (seen, total, _) = page_all(
        &format!(
            "{}/v3/fhir/ExplanationOfBenefit?_count=50&_source={}",
            s.base,
            all_sources.replace(',', "%2C")
        ),
        &tok,
    );
    assert_eq!(seen, 2400 + 6 + 2);
    // The last v3 page's `total` is its own entry count (§12.5): 2408 = 48 × 50 + 8.
    assert_eq!(total, Some(8));
    let last = search(
        &s,
        &tok,
        &[
            ("_source", all_sources),
            ("_count", "5"),
            ("_offset", "2403"),
        ],
    );
    let last = entries(&last);
    assert_eq!(last.len(), 5);
    assert!(!is_prior_auth(&last[2]) && is_prior_auth(&last[3]) && is_prior_auth(&last[4]));
    let recent: Vec<&Value> = last[..3].iter().collect();
    assert!(recent
        .iter()
        .any(|r| r["outcome"] == "partial"
            && tag(r, FINAL_ACTION).as_deref() == Some("NotFinalAction")));
    // A type filter does not apply to prior authorizations.
    let typed = search(
        &s,
        &tok,
        &[("_source", "CWF"), ("type", "pde"), ("_count", "50")],
    );
    assert_eq!(entries(&typed).len(), 2);
    assert!(entries(&typed).iter().all(is_prior_auth));
}

// §12.3 tests: `CWF,NCH` is OR; `_source=CWF&_source=NCH` is AND (none); `NCH` has no prior
// authorizations.
#[test]
fn comma_is_or_and_repeat_is_and() {
    let s = start();
    let tok = token(&s, &Choice::user(5));
    let count = |pairs: &[(&str, &str)]| {
        let b = search(&s, &tok, pairs);
        let all = entries(&b);
        (all.len(), all.iter().filter(|r| is_prior_auth(r)).count())
    };
    let (cwf, cwf_pa) = count(&[("_source", "CWF"), ("_count", "50")]);
    let (nch, nch_pa) = count(&[("_source", "NCH"), ("_count", "50")]);
    let (both, both_pa) = count(&[("_source", "CWF,NCH"), ("_count", "50")]);
    assert!(cwf_pa >= 1, "user 5 has prior authorizations");
    assert_eq!(nch_pa, 0);
    assert_eq!(both, cwf + nch);
    assert_eq!(both_pa, cwf_pa);
    assert_eq!(
        count(&[("_source", "CWF"), ("_source", "NCH"), ("_count", "50")]),
        (0, 0)
    );
    // A user whose number is a multiple of 3 has none.
    let tok3 = token(&s, &Choice::user(3));
    let b = search(&s, &tok3, &[("_source", "CWF"), ("_count", "50")]);
    assert!(entries(&b).iter().all(|r| !is_prior_auth(r)));
}

// §12.3/§12.4: the `_tag` rules.
#[test]
fn tags_select_claims_and_prior_authorizations() {
    let s = start();
    let tok = token(&s, &Choice::user(1));
    let shared = search(
        &s,
        &tok,
        &[
            ("_tag", &format!("{SYSTEM_TYPE}|sharedsystem")),
            ("_count", "50"),
        ],
    );
    let shared = entries(&shared);
    assert_eq!(shared.len(), 6 + 2);
    assert!(shared
        .iter()
        .all(|r| tag(r, SYSTEM_TYPE).as_deref() == Some("SharedSystem")));
    let not_final = search(
        &s,
        &tok,
        &[
            ("_tag", &format!("{FINAL_ACTION}|NotFinalAction")),
            ("_count", "50"),
        ],
    );
    let not_final = entries(&not_final);
    let claims: Vec<&Value> = not_final.iter().filter(|r| !is_prior_auth(r)).collect();
    assert_eq!(claims.len(), 3, "every other recent claim");
    assert!(claims.iter().all(|r| r["outcome"] == "partial"));
    assert_eq!(not_final.len() - claims.len(), 2);
    let nch = search(
        &s,
        &tok,
        &[
            ("_tag", &format!("{SYSTEM_TYPE}|NationalClaimsHistory")),
            ("_count", "5"),
        ],
    );
    assert!(entries(&nch).iter().all(|r| r["meta"]["source"] == "NCH"));
    assert!(link(&nch, "next").is_some());
}

// §12.4: a Part-D-only token always gets `_source=DDPS`, and any `_tag` is removed.
#[test]
fn part_d_only_forces_ddps() {
    let s = start();
    let mut c = Choice::user(1);
    c.part_d_only = true;
    let tok = token(&s, &c);
    let b = search(
        &s,
        &tok,
        &[
            ("_source", "CWF"),
            ("_tag", &format!("{FINAL_ACTION}|NotFinalAction")),
            ("_count", "50"),
        ],
    );
    let all = entries(&b);
    assert!(!all.is_empty());
    assert!(all.iter().all(|r| r["meta"]["source"] == "DDPS"));
    let url = link(&b, "self").unwrap();
    assert!(
        url.contains("_source=DDPS") && !url.contains("_tag") && !url.contains("CWF"),
        "{url}"
    );
}

// §12.4: BFD's 400s, passed through by BB2 as OperationOutcome.
#[test]
fn bad_sources_and_tags_are_400_operation_outcomes() {
    let s = start();
    let tok = token(&s, &Choice::user(2));
    let cases = [
        (
            ("_source", "NCH,EDPS".to_string()),
            "Unknown source. Supported sources are: [DDPS, NCH, MCS, VMS, FISS, CWF]",
        ),
        (
            ("_tag", "SharedSystem".to_string()),
            "Searching by tag requires a token (system|code) to be specified.",
        ),
        (
            ("_tag", "https://example.org/x|SharedSystem".to_string()),
            "Invalid tag system specified",
        ),
        (
            ("_tag", format!("{SYSTEM_TYPE}|FinalAction")),
            "Unsupported _tag value",
        ),
    ];
    for ((k, v), msg) in cases {
        let r = search_raw(&s, &tok, &[(k, &v)]);
        assert_eq!(r.status, 400, "{k}={v}");
        let b = r.json();
        assert_eq!(b["resourceType"], "OperationOutcome");
        let diagnostics = b["issue"][0]["diagnostics"].as_str().unwrap();
        assert!(diagnostics.starts_with(msg), "{k}={v}: {diagnostics}");
    }
}

// A recent shared-system claim can be read by its numeric id.
#[test]
fn shared_claims_read_by_id() {
    let s = start();
    let tok = token(&s, &Choice::user(1));
    let b = search(&s, &tok, &[("_source", "FISS,MCS,VMS"), ("_count", "50")]);
    let first = entries(&b).into_iter().next().unwrap();
    let id = first["id"].as_str().unwrap();
    let r = get_auth(
        &format!("{}/v3/fhir/ExplanationOfBenefit/{id}", s.base),
        &tok,
    );
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["meta"]["source"], first["meta"]["source"]);
}

// The generator: deterministic per user and seed, ids apart from the NCH/DDPS history,
// every other recent claim partial, nothing for user 0.
#[test]
fn shared_system_generator_is_deterministic() {
    use bluebutton_sandbox::data::claims::generate;
    use bluebutton_sandbox::data::kinds::Source;
    use bluebutton_sandbox::data::shared::{prior_auths, shared_claims};
    for n in [0u32, 1, 2, 5, 6, 29_999] {
        let a = shared_claims(n, 7);
        let b = shared_claims(n, 7);
        let ids: Vec<u64> = a.iter().map(|c| c.claim_id).collect();
        assert_eq!(ids, b.iter().map(|c| c.claim_id).collect::<Vec<_>>());
        let pa: Vec<String> = prior_auths(n, 7).into_iter().map(|p| p.id).collect();
        assert_eq!(
            pa,
            prior_auths(n, 7)
                .into_iter()
                .map(|p| p.id)
                .collect::<Vec<_>>()
        );
        if n == 0 {
            assert!(a.is_empty() && pa.is_empty());
            continue;
        }
        assert!((1..=6).contains(&a.len()));
        assert_eq!(a[0].source, Source::Cwf);
        let history: Vec<u64> = generate(n, 7).iter().map(|c| c.claim_id).collect();
        assert!(ids.iter().all(|id| !history.contains(id)));
        for (j, c) in a.iter().enumerate() {
            assert_eq!(c.outcome == "partial", j % 2 == 0);
            assert_eq!(c.final_action, j % 2 == 1);
            assert!(c.source != Source::Nch && c.source != Source::Ddps);
        }
        assert_eq!(pa.is_empty(), n % 3 == 0);
    }
}
