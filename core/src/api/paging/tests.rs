#![allow(clippy::unwrap_used, clippy::panic)]

use super::*;
use crate::fhir::parse_bundle;

const BASE: &str = "https://sandbox.bluebutton.cms.gov/v2/fhir/";
const EOB: &str = "https://sandbox.bluebutton.cms.gov/v2/fhir/ExplanationOfBenefit";

fn page(total: Option<u64>, ids: &[&str], next: Option<&str>) -> Bundle {
    let entries: Vec<String> = ids
        .iter()
        .map(|id| {
            format!(r#"{{"resource":{{"resourceType":"ExplanationOfBenefit","id":"{id}"}}}}"#)
        })
        .collect();
    let total = total.map_or(String::new(), |t| format!(r#""total":{t},"#));
    let link = next.map_or(String::new(), |n| {
        format!(r#""link":[{{"relation":"next","url":"{n}"}}],"#)
    });
    let json = format!(
        r#"{{"resourceType":"Bundle",{total}{link}"entry":[{}]}}"#,
        entries.join(",")
    );
    parse_bundle(json.as_bytes()).unwrap()
}

#[test]
fn sequential_follows_then_stops() {
    let mut p = SequentialPager::new(BASE, &format!("{EOB}?_count=10"), 10).unwrap();
    for i in 1..5 {
        let n = format!("{EOB}?_count=10&startIndex={}", i * 10);
        assert_eq!(p.next(Some(&n)).unwrap().unwrap().as_str(), n);
    }
    assert_eq!(p.next(None).unwrap(), None);
    assert_eq!(p.next(Some("  ")).unwrap(), None);
    assert_eq!(p.pages(), 5);
}

#[test]
fn loops_are_detected_even_when_reordered() {
    let mut p = SequentialPager::new(BASE, &format!("{EOB}?_count=10&startIndex=0"), 10).unwrap();
    let e = p
        .next(Some(&format!("{EOB}/?startIndex=0&_count=10#x")))
        .unwrap_err();
    assert_eq!(e.code(), "paging_loop");
    let mut p = SequentialPager::new(BASE, &format!("{EOB}?a=1"), 10).unwrap();
    p.next(Some(&format!("{EOB}?a=2"))).unwrap();
    assert_eq!(
        p.next(Some(&format!("{EOB}?a=2"))).unwrap_err().code(),
        "paging_loop"
    );
}

#[test]
fn page_bound_and_origin() {
    let mut p = SequentialPager::new(BASE, EOB, 2).unwrap();
    p.next(Some(&format!("{EOB}?s=1"))).unwrap();
    assert_eq!(
        p.next(Some(&format!("{EOB}?s=2"))).unwrap_err(),
        PagingError::TooManyPages(2)
    );
    let mut p = SequentialPager::new(BASE, EOB, 9).unwrap();
    for bad in [
        "http://testserver/v2/fhir/ExplanationOfBenefit?s=1",
        "https://sandbox.bluebutton.cms.gov.evil.example/v2/fhir/ExplanationOfBenefit",
        "http://sandbox.bluebutton.cms.gov/v2/fhir/ExplanationOfBenefit",
    ] {
        assert_eq!(
            p.next(Some(bad)).unwrap_err().code(),
            "paging_link_off_origin",
            "{bad}"
        );
    }
}

#[test]
fn plans() {
    let v2 = ApiVersion::V2;
    let cases: Vec<(&str, Bundle, ApiVersion, Result<usize, &str>)> = vec![
        ("?_count=50", page(Some(120), &[], None), v2, Ok(2)),
        ("?_count=50", page(Some(50), &[], None), v2, Ok(0)),
        ("?_count=10", page(Some(52), &[], Some("x")), v2, Ok(5)),
        ("", page(Some(52), &[], Some("x")), ApiVersion::V1, Ok(5)),
        (
            "?_count=10&startIndex=20",
            page(Some(52), &[], Some("x")),
            v2,
            Ok(3),
        ),
        (
            "?_count=0",
            page(Some(5), &[], None),
            v2,
            Err("bad_page_size"),
        ),
        (
            "?_count=51",
            page(Some(500), &[], None),
            v2,
            Err("bad_page_size"),
        ),
        (
            "?_count=x",
            page(Some(500), &[], None),
            v2,
            Err("bad_page_size"),
        ),
        (
            "?_count=1",
            page(Some(20_000), &[], None),
            v2,
            Err("too_many_pages"),
        ),
    ];
    for (q, first, v, want) in cases {
        let got = match plan_pages(&format!("{EOB}{q}"), &first, v) {
            Ok(PagingPlan::Concurrent(urls)) => Ok(urls.len()),
            Ok(PagingPlan::Done) => Ok(0),
            Ok(PagingPlan::Sequential) => panic!("sequential for {q}"),
            Err(e) => Err(e.code().as_str()),
        };
        assert_eq!(got, want, "{q}");
    }
    let seq = plan_pages(EOB, &page(None, &[], Some("x")), v2).unwrap();
    assert_eq!(seq, PagingPlan::Sequential);
    let v3 = plan_pages(EOB, &page(Some(99), &[], Some("x")), ApiVersion::V3).unwrap();
    assert_eq!(v3, PagingPlan::Sequential);
}

#[test]
fn planned_urls_keep_other_parameters() {
    let url = format!("{EOB}?_format=json&_count=10&type=pde&startIndex=0");
    let PagingPlan::Concurrent(urls) =
        plan_pages(&url, &page(Some(25), &[], None), ApiVersion::V2).unwrap()
    else {
        panic!()
    };
    let got: Vec<&str> = urls.iter().map(HttpUrl::as_str).collect();
    assert_eq!(
        got,
        [
            format!("{EOB}?_format=json&type=pde&_count=10&startIndex=10"),
            format!("{EOB}?_format=json&type=pde&_count=10&startIndex=20"),
        ]
    );
}

#[test]
fn assemble_checks_and_dedups() {
    let a = page(Some(4), &["1", "2"], None);
    let b = page(Some(4), &["2", "3"], None);
    let c = page(Some(4), &["4"], None);
    let all = assemble(vec![a.clone(), b.clone(), c], None).unwrap();
    let ids: Vec<_> = all
        .iter()
        .map(|e| e.resource.as_ref().unwrap().id().unwrap())
        .collect();
    assert_eq!(ids, ["1", "2", "3", "4"]);
    assert_eq!(
        assemble(vec![a.clone(), b], None).unwrap_err(),
        PagingError::CountMismatch {
            expected: 4,
            got: 3,
            duplicates: 1
        }
    );
    assert_eq!(assemble(vec![a.clone()], Some(2)).unwrap().len(), 2);
    assert_eq!(
        assemble(vec![page(None, &["1"], None)], None)
            .unwrap()
            .len(),
        1
    );
    assert!(assemble(vec![], None).unwrap().is_empty());
}

#[test]
fn max_pages() {
    assert_eq!(max_pages_for(Some(0), 50), 2);
    assert_eq!(max_pages_for(Some(51), 50), 4);
    assert_eq!(max_pages_for(Some(u64::MAX), 0), u32::MAX);
}

/// The positions name exactly the entries `assemble` keeps, and fail where it fails.
#[test]
fn positions_agree_with_assemble() {
    let pages = vec![
        page(Some(4), &["a", "b"], None),
        page(Some(4), &["b", "c"], None),
        page(Some(4), &["d"], None),
    ];
    let kept = assemble(pages.clone(), None).unwrap();
    let at = assemble_positions(&pages, Some(4)).unwrap();
    assert_eq!(at, vec![(0, 0), (0, 1), (1, 1), (2, 0)]);
    let ids = |e: &BundleEntry| e.resource.as_ref().and_then(|r| r.id()).map(str::to_owned);
    let by_pos: Vec<_> = at.iter().map(|&(p, e)| ids(&pages[p].entry[e])).collect();
    let by_assemble: Vec<_> = kept.iter().map(ids).collect();
    assert_eq!(by_pos, by_assemble);
    let short = assemble_positions(&pages, Some(5)).unwrap_err();
    assert_eq!(
        short,
        PagingError::CountMismatch {
            expected: 5,
            got: 4,
            duplicates: 1
        }
    );
    assert!(assemble_positions(&pages, None).is_ok());
}
