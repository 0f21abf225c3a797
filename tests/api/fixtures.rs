//! Walks every recorded Blue Button response under `../shared/fixtures/bluebutton` and
//! checks the typed parsers against an independent reading through `serde_json::Value`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;

use crate::source_scan::files_under;
use bluebutton_wasm::core::fhir::{
    parse_bundle, parse_coverage, parse_eob, parse_patient, parse_resource, summarize_claims,
    Bundle, BundleEntry, ClaimType, Resource, SummaryBuilder,
};
use serde_json::Value;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/fixtures/bluebutton");

fn fixture_dir() -> Option<PathBuf> {
    let p = PathBuf::from(DIR);
    if p.is_dir() {
        Some(p)
    } else {
        println!("SKIP: ../shared/fixtures/bluebutton not found");
        None
    }
}

fn all_fixtures() -> Vec<(PathBuf, Vec<u8>)> {
    let Some(dir) = fixture_dir() else {
        return vec![];
    };
    files_under(&dir, "json")
        .into_iter()
        .map(|p| (p.clone(), std::fs::read(&p).unwrap()))
        .collect()
}

/// Independent claim type: the eob-type coding (v1/v2 or v3 system), lowercased.
fn independent_claim_type(eob: &Value) -> Option<String> {
    let codings = eob.pointer("/type/coding")?.as_array()?;
    codings.iter().find_map(|c| {
        let system = c.get("system")?.as_str()?;
        let eob_type = system == "https://bluebutton.cms.gov/resources/codesystem/eob-type"
            || system == "https://bluebutton.cms.gov/fhir/CodeSystem/EOB-TYPE";
        eob_type.then(|| c.get("code")?.as_str().map(str::to_lowercase))?
    })
}

fn items(v: &Value) -> usize {
    v.get("item").and_then(Value::as_array).map_or(0, Vec::len)
}

fn is_eob(v: &Value) -> bool {
    v.get("resourceType").and_then(Value::as_str) == Some("ExplanationOfBenefit")
}

fn check_bundle(name: &str, bytes: &[u8], v: &Value) -> (usize, usize) {
    let bundle = parse_bundle(bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
    let entries: Vec<&Value> = v
        .get("entry")
        .and_then(Value::as_array)
        .map(|a| a.iter().collect())
        .unwrap_or_default();
    assert_eq!(bundle.entry.len(), entries.len(), "{name}: entries");
    assert_eq!(
        bundle.total,
        v.get("total").and_then(Value::as_u64),
        "{name}: total"
    );
    let links = v.get("link").and_then(Value::as_array).map_or(0, Vec::len);
    assert_eq!(bundle.link.len(), links, "{name}: links");

    let eob_values: Vec<&Value> = entries
        .iter()
        .filter_map(|e| e.get("resource"))
        .filter(|r| is_eob(r))
        .collect();
    let eobs: Vec<_> = bundle.eobs().collect();
    assert_eq!(eobs.len(), eob_values.len(), "{name}: EOB count");
    let lines: usize = eob_values.iter().map(|r| items(r)).sum();
    assert_eq!(
        eobs.iter().map(|e| e.item.len()).sum::<usize>(),
        lines,
        "{name}: items"
    );
    for (parsed, raw) in eobs.iter().zip(&eob_values) {
        assert_eq!(
            parsed.id.as_deref(),
            raw.get("id").and_then(Value::as_str),
            "{name}"
        );
        if let Some(t) = independent_claim_type(raw) {
            assert_eq!(
                parsed.claim_type.as_str(),
                t,
                "{name}: claim type of {:?}",
                parsed.id
            );
        }
    }
    for (parsed, raw) in bundle.entry.iter().zip(&entries) {
        let rt = raw
            .pointer("/resource/resourceType")
            .and_then(Value::as_str);
        assert_eq!(
            parsed.resource.as_ref().map(Resource::resource_type),
            rt,
            "{name}"
        );
    }

    let lean = summarize_claims(bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
    // Final claims, claims not final yet and prior authorizations are counted apart.
    let apart = [&lean.not_final, &lean.prior_authorizations];
    assert_eq!(
        (lean.claims + apart.iter().map(|t| t.claims).sum::<u64>()) as usize,
        eob_values.len(),
        "{name}: summary claims"
    );
    assert_eq!(
        (lean.lines + apart.iter().map(|t| t.lines).sum::<u64>()) as usize,
        lines,
        "{name}: summary lines"
    );
    assert_eq!(lean.total, bundle.total, "{name}");
    // Every `unknown` claim is reported under its type coding.
    let unknown = lean
        .by_type
        .get(&ClaimType::Unknown)
        .map_or(0, |t| t.claims);
    assert_eq!(lean.unknown_types.values().sum::<u64>(), unknown, "{name}");
    if unknown > 0 {
        println!(
            "{name}: claims of unrecognised type: {:?}",
            lean.unknown_types
        );
    }
    let mut typed = SummaryBuilder::new();
    typed.add_bundle(&bundle);
    assert_eq!(
        serde_json::to_value(typed.finish()).unwrap(),
        serde_json::to_value(&lean).unwrap(),
        "{name}: lean and typed summaries differ"
    );
    // The typed bundle serializes to plain JSON and reads back the same.
    let out = serde_json::to_vec(&bundle).unwrap();
    let again: Bundle = serde_json::from_slice(&out).unwrap();
    assert_eq!(again.entry.len(), bundle.entry.len(), "{name}: round trip");
    (eob_values.len(), lines)
}

fn check_single(name: &str, bytes: &[u8], v: &Value, rt: &str) {
    let r = parse_resource(bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(r.resource_type(), rt, "{name}");
    assert_eq!(r.id(), v.get("id").and_then(Value::as_str), "{name}");
    match rt {
        "ExplanationOfBenefit" => {
            let eob = parse_eob(bytes).unwrap();
            assert_eq!(eob.item.len(), items(v), "{name}: items");
            if let Some(t) = independent_claim_type(v) {
                assert_eq!(eob.claim_type.as_str(), t, "{name}");
            }
            let contained = v
                .get("contained")
                .and_then(Value::as_array)
                .map_or(0, Vec::len);
            assert_eq!(eob.contained_count, contained, "{name}");
        }
        "Patient" => {
            parse_patient(bytes).unwrap();
        }
        "Coverage" => {
            parse_coverage(bytes).unwrap();
        }
        _ => assert!(matches!(r, Resource::Other(_)), "{name}"),
    }
    assert_eq!(
        parse_bundle(bytes).unwrap_err().code(),
        "wrong_resource_type",
        "{name}"
    );
    assert_eq!(
        summarize_claims(bytes).unwrap_err().code(),
        "wrong_resource_type",
        "{name}"
    );
}

#[test]
fn every_fixture_parses_like_an_independent_reading() {
    let files = all_fixtures();
    let (mut bundles, mut singles, mut other, mut claims, mut lines) = (0, 0, 0, 0, 0);
    let mut types = std::collections::BTreeSet::new();
    for (path, bytes) in &files {
        let name = path.strip_prefix(DIR).unwrap_or(path).display().to_string();
        let v: Value = serde_json::from_slice(bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        match v.get("resourceType").and_then(Value::as_str) {
            Some("Bundle") => {
                let (c, l) = check_bundle(&name, bytes, &v);
                bundles += 1;
                claims += c;
                lines += l;
                for e in parse_bundle(bytes).unwrap().eobs() {
                    types.insert(e.claim_type);
                }
            }
            Some(rt) => {
                check_single(&name, bytes, &v, rt);
                singles += 1;
            }
            None => {
                // userinfo, a lone Bundle.entry: must not be mistaken for a Bundle.
                assert_eq!(
                    parse_bundle(bytes).unwrap_err().code(),
                    "wrong_resource_type"
                );
                if let Some(rt) = v.pointer("/resource/resourceType").and_then(Value::as_str) {
                    let entry: BundleEntry = serde_json::from_slice(bytes).unwrap();
                    assert_eq!(entry.resource.unwrap().resource_type(), rt, "{name}");
                }
                other += 1;
            }
        }
    }
    println!("fixtures: {bundles} bundles, {singles} resources, {other} other; {claims} claims, {lines} lines");
    if !files.is_empty() {
        assert!(bundles > 40 && singles > 40, "{bundles} {singles}");
        for t in ClaimType::ALL {
            assert!(types.contains(&t), "no {t} claim in any Bundle");
        }
    }
}

#[test]
fn truncated_fixtures_fail_cleanly() {
    for (path, bytes) in all_fixtures().iter().step_by(7) {
        for cut in [
            1,
            bytes.len() / 3,
            bytes.len() / 2,
            bytes.len().saturating_sub(3),
        ] {
            let err = parse_bundle(&bytes[..cut]).expect_err(&path.display().to_string());
            assert!(
                matches!(err.code().as_str(), "truncated_json" | "not_json"),
                "{}: {}",
                path.display(),
                err.code()
            );
            assert!(summarize_claims(&bytes[..cut]).is_err());
        }
    }
}

#[test]
fn bfd_all_types_bundle_summary() {
    let Some(dir) = fixture_dir() else { return };
    for v in ["v1", "v2"] {
        let bytes = std::fs::read(dir.join(v).join("bfd/eobByPatientIdAll.json")).unwrap();
        let s = summarize_claims(&bytes).unwrap();
        assert_eq!((s.claims, s.total), (8, Some(8)), "{v}");
        for t in ClaimType::ALL {
            assert_eq!(s.by_type[&t].claims, 1, "{v} {t}");
        }
        let carrier = &s.by_type[&ClaimType::Carrier];
        assert_eq!(carrier.amounts.submitted, Some(75.0), "{v}");
        assert_eq!(carrier.amounts.allowed, Some(47.84), "{v}");
        assert_eq!(carrier.amounts.paid, Some(37.5), "{v}");
        assert_eq!(s.by_type[&ClaimType::Pde].amounts.paid, Some(126.99), "{v}");
        assert!(
            s.first_service_date.is_some() && s.by_month.len() >= 2,
            "{v}"
        );
    }
}

#[test]
fn sandbox_six_page_chain_assembles_to_52() {
    use bluebutton_wasm::core::api::paging::{assemble, plan_pages, PagingPlan, SequentialPager};
    use bluebutton_wasm::core::api::search::ApiVersion;

    let Some(dir) = fixture_dir() else { return };
    let base = "https://sandbox.bluebutton.cms.gov/v2/fhir/";
    let pages: Vec<Bundle> = (0..6)
        .map(|i| {
            let p = dir.join(format!("v2/sdk-sandbox-eob-pages/eob_p{i}.json"));
            parse_bundle(&std::fs::read(p).unwrap()).unwrap()
        })
        .collect();
    // Sequential: every next link is same-origin, the chain ends after page 5.
    let first = pages[0].link_url("self").unwrap();
    let mut pager = SequentialPager::new(base, first, 10).unwrap();
    for (i, page) in pages.iter().enumerate() {
        let next = pager.next_from(page).unwrap();
        assert_eq!(next.is_some(), i < 5, "page {i}");
        if let Some(url) = next {
            assert_eq!(url.host_str(), Some("sandbox.bluebutton.cms.gov"));
            assert_eq!(Some(url.as_str()), page.next_link(), "page {i}");
        }
    }
    assert_eq!(pager.pages(), 6);
    // Concurrent plan from page 0 gives the same five offsets.
    let PagingPlan::Concurrent(urls) = plan_pages(first, &pages[0], ApiVersion::V2).unwrap() else {
        panic!("expected a concurrent plan")
    };
    let offsets: Vec<String> = urls
        .iter()
        .map(|u| {
            u.query_pairs()
                .find(|(k, _)| k == "startIndex")
                .unwrap()
                .1
                .into_owned()
        })
        .collect();
    assert_eq!(offsets, ["10", "20", "30", "40", "50"]);
    // Assembled: 52 distinct EOBs, equal to total.
    let all = assemble(pages.clone(), None).unwrap();
    assert_eq!(all.len(), 52);
    let mut shuffled = pages.clone();
    shuffled.swap(1, 2);
    assert_eq!(assemble(shuffled, None).unwrap().len(), 52);
    let short = pages[..5].to_vec();
    assert_eq!(assemble(short, None).unwrap_err().code(), "count_mismatch");
    // The whole history summarized page by page.
    let mut b = SummaryBuilder::new();
    for p in &pages {
        b.add_bundle(p);
    }
    let s = b.finish();
    assert_eq!((s.total, s.claims, s.pages), (Some(52), 52, 6));
}

#[test]
fn recorded_testserver_links_are_refused_unless_rebased() {
    use bluebutton_wasm::core::http::origin::{rebase_link, same_origin};
    let Some(dir) = fixture_dir() else { return };
    let bytes = std::fs::read(dir.join("v1/bb2/eob_search_v1.json")).unwrap();
    let b = parse_bundle(&bytes).unwrap();
    let next = b.next_link().unwrap();
    assert!(next.starts_with("http://testserver"), "{next}");
    let base = "https://sandbox.bluebutton.cms.gov/v1/fhir/";
    assert_eq!(same_origin(base, next).unwrap_err().code(), "cross_origin");
    let rebased = rebase_link(base, next).unwrap();
    assert_eq!(rebased.host_str(), Some("sandbox.bluebutton.cms.gov"));
}

/// Rough timing (run with `cargo test --release --test fixtures -- --ignored --nocapture`).
#[test]
#[ignore = "timing only"]
fn timing_of_the_three_readers() {
    let Some(dir) = fixture_dir() else { return };
    let bytes =
        std::fs::read(dir.join("v2/sample-client-datasets/Dataset 1/eobData.json")).unwrap();
    let runs = 30;
    let time = |label: &str, f: &dyn Fn()| {
        let start = std::time::Instant::now();
        for _ in 0..runs {
            f();
        }
        let ms = start.elapsed().as_secs_f64() * 1000.0 / f64::from(runs);
        let mb_s = bytes.len() as f64 / 1e6 / (ms / 1000.0);
        println!(
            "{label:>28}: {ms:7.2} ms per {} KB ({mb_s:.0} MB/s)",
            bytes.len() / 1024
        );
    };
    time("serde_json::Value", &|| {
        std::hint::black_box(serde_json::from_slice::<Value>(&bytes).unwrap());
    });
    time("parse_bundle (typed)", &|| {
        std::hint::black_box(parse_bundle(&bytes).unwrap());
    });
    time("summarize_claims (lean)", &|| {
        std::hint::black_box(summarize_claims(&bytes).unwrap());
    });
}
