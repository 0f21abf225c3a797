#![allow(clippy::unwrap_used)]

use super::*;
use crate::fhir::claim_kind::{FINAL_ACTION_SYSTEM, SYSTEM_TYPE_SYSTEM};
use proptest::prelude::*;

#[test]
fn date_values() {
    let ok = [
        "2020",
        "2020-02",
        "2020-02-13",
        "2020-02-13T08:00",
        "2020-02-13T08:00:00",
        "2020-02-13T08:00:00Z",
        "2020-02-13T08:00:00-05:00",
        "2020-02-13T08:00:00.123+14:00",
    ];
    for d in ok {
        for p in ["lt", "le", "gt", "ge"] {
            assert!(
                DateFilter::parse("_lastUpdated", &format!("{p}{d}")).is_ok(),
                "{p}{d}"
            );
        }
    }
    let bad = [
        "",
        "gt",
        "eq2020-01-01",
        "2020-01-01",
        "gt20",
        "gt2020-13",
        "gt2020-00",
        "gt2020-01-32",
        "gt2020-01-01T",
        "gt2020-01-01T25:00",
        "gt2020-01-01T08:00:00.Z",
        "gt2020-01-01T08:00+5",
        "gt2020-01-01 08:00",
        "gtyesterday",
        "gé2020",
        "gt202é-01-01",
        "gt2020-01-01T08:0é",
    ];
    for v in bad {
        let e = DateFilter::parse("service-date", v).unwrap_err();
        assert_eq!(e.code(), "invalid_date_filter", "{v}");
    }
}

#[test]
fn types_and_count() {
    assert_eq!(
        EobSearch::new()
            .types("carrier,INVALID-TYPE,dme,")
            .unwrap_err(),
        SearchError::InvalidType("INVALID-TYPE".into())
    );
    let all = "carrier,dme,hha,hospice,inpatient,outpatient,pde,snf";
    assert_eq!(EobSearch::new().types(all).unwrap().to_query()[0].1, all);
    assert_eq!(
        EobSearch::new().types("pde,PDE").unwrap().to_query()[0].1,
        "pde"
    );
    assert!(EobSearch::new().types("").unwrap().to_query().is_empty());
    assert!(EobSearch::new().types("unknown").is_err());
    for n in [1, 10, 50] {
        assert!(EobSearch::new().count(n).is_ok());
    }
    for n in [0, 51, u32::MAX] {
        assert_eq!(
            EobSearch::new().count(n).unwrap_err().code(),
            "count_out_of_range"
        );
    }
}

#[test]
fn full_query_order() {
    let q = EobSearch::new()
        .types("snf")
        .unwrap()
        .last_updated("gt2020-02-13")
        .unwrap()
        .last_updated("lt2020-02-14")
        .unwrap()
        .service_date("ge2019-01-01")
        .unwrap()
        .count(50)
        .unwrap()
        .start_index(100);
    assert_eq!(
        q.to_query_string(),
        "type=snf&_lastUpdated=gt2020-02-13&_lastUpdated=lt2020-02-14&service-date=ge2019-01-01&_count=50&startIndex=100"
    );
}

#[test]
fn endpoints_table() {
    let v1 = Endpoints::new("https://sandbox.bluebutton.cms.gov/v1/fhir/").unwrap();
    let v3 = Endpoints::new("https://proxy.example/bb/v3/fhir").unwrap();
    let cases = [
        (
            v1.patient_search(),
            "https://sandbox.bluebutton.cms.gov/v1/fhir/Patient/",
        ),
        (
            v1.metadata(),
            "https://sandbox.bluebutton.cms.gov/v1/fhir/metadata",
        ),
        (
            v1.userinfo(),
            "https://sandbox.bluebutton.cms.gov/v1/connect/userinfo",
        ),
        (
            v1.openid_configuration(),
            "https://sandbox.bluebutton.cms.gov/.well-known/openid-configuration",
        ),
        (
            v3.openid_configuration(),
            "https://proxy.example/bb/.well-known/openid-configuration-v3",
        ),
        (
            v3.userinfo(),
            "https://proxy.example/bb/v3/connect/userinfo",
        ),
        (
            v3.smart_configuration(),
            "https://proxy.example/bb/v3/fhir/.well-known/smart-configuration",
        ),
        (
            v3.eob_read("1071939711295").unwrap(),
            "https://proxy.example/bb/v3/fhir/ExplanationOfBenefit/1071939711295",
        ),
    ];
    for (got, want) in cases {
        assert_eq!(got.as_str(), want);
    }
}

#[test]
fn bad_bases_and_ids() {
    for b in [
        "",
        "sandbox.bluebutton.cms.gov/v2/fhir/",
        "ftp://x/v2/fhir/",
        "https://x/v2/",
        "https://x/v2/fhir/?a=1",
        "https://x/v2/fhir/#f",
        "https://u@x/v2/fhir/",
        "https://x/v22/fhir/",
    ] {
        assert_eq!(
            Endpoints::new(b).unwrap_err().code(),
            "invalid_fhir_base",
            "{b}"
        );
    }
    let ep = Endpoints::new("https://sandbox.bluebutton.cms.gov/v2/fhir/").unwrap();
    for id in ["", ".", "..", "a b", "a/b", "a?b", "a%2Fb", &"x".repeat(65)] {
        assert_eq!(
            ep.patient_read(id).unwrap_err().code(),
            "invalid_resource_id",
            "{id}"
        );
    }
}

proptest! {
    #[test]
    fn date_filter_never_panics(s in "\\PC{0,40}") {
        let _ = DateFilter::parse("_lastUpdated", &s);
    }

    #[test]
    fn read_urls_stay_under_the_base(id in "[A-Za-z0-9.-]{1,64}") {
        let ep = Endpoints::new("https://sandbox.bluebutton.cms.gov/v2/fhir/").unwrap();
        if let Ok(u) = ep.eob_read(&id) {
            prop_assert!(u.as_str().starts_with("https://sandbox.bluebutton.cms.gov/v2/fhir/ExplanationOfBenefit/"));
        }
    }
}

#[test]
fn sources_and_tags_query() {
    let q = EobSearch::new()
        .types("outpatient")
        .unwrap()
        .sources([ClaimSource::Nch, ClaimSource::Fiss])
        .tag(Tag::SharedSystem)
        .tag(Tag::Ddps)
        .tag(Tag::NotFinalAction)
        .count(10)
        .unwrap();
    let system_type = format!("{SYSTEM_TYPE_SYSTEM}|SharedSystem,{SYSTEM_TYPE_SYSTEM}|DDPS");
    let final_action = format!("{FINAL_ACTION_SYSTEM}|NotFinalAction");
    assert_eq!(
        q.to_query(),
        vec![
            ("type".to_string(), "outpatient".to_string()),
            ("_source".to_string(), "NCH,FISS".to_string()),
            ("_tag".to_string(), system_type),
            ("_tag".to_string(), final_action),
            ("_count".to_string(), "10".to_string()),
        ]
    );
    assert_eq!(
        EobSearch::new().include_not_final().to_query_string(),
        "_source=NCH%2CDDPS%2CFISS%2CMCS%2CVMS%2CCWF"
    );
    // include_not_final after explicit sources adds the missing ones, once each.
    let q = EobSearch::new()
        .sources([ClaimSource::Cwf])
        .include_not_final();
    assert_eq!(q.to_query()[0].1, "CWF,NCH,DDPS,FISS,MCS,VMS");
}

#[test]
fn source_and_tag_parsing() {
    for s in ["nch", "FISS", " Mcs ", "vms", "cwf", "DDPS"] {
        assert!(s.parse::<ClaimSource>().is_ok(), "{s}");
    }
    for s in ["", "EDPS", "NCH,DDPS", "nchx"] {
        assert_eq!(
            s.parse::<ClaimSource>().unwrap_err().code(),
            "invalid_claim_source",
            "{s}"
        );
    }
    assert_eq!(
        EobSearch::new()
            .source_list("NCH, ,cwf")
            .unwrap()
            .to_query()[0]
            .1,
        "NCH,CWF"
    );
    for t in Tag::ALL {
        assert_eq!(t.token().parse::<Tag>(), Ok(t));
        assert_eq!(t.code().to_lowercase().parse::<Tag>(), Ok(t));
    }
    // A code under the other system's URL, or an unknown system, is refused.
    let wrong = format!("{SYSTEM_TYPE_SYSTEM}|FinalAction");
    let unknown = "https://example.org/x|SharedSystem";
    for t in [wrong.as_str(), unknown, "Final", "", "|"] {
        assert_eq!(t.parse::<Tag>().unwrap_err().code(), "invalid_tag", "{t}");
    }
}

#[test]
fn v1_and_v2_refuse_sources_and_tags() {
    let searches = [
        (EobSearch::new().include_not_final(), "_source"),
        (EobSearch::new().tag(Tag::FinalAction), "_tag"),
    ];
    for base in [
        "https://sandbox.bluebutton.cms.gov/v1/fhir/",
        "https://sandbox.bluebutton.cms.gov/v2/fhir/",
    ] {
        let ep = Endpoints::new(base).unwrap();
        assert!(ep.eob_search(&EobSearch::new()).is_ok());
        for (q, option) in &searches {
            let e = ep.eob_search(q).unwrap_err();
            assert_eq!(e.code(), "requires_v3", "{base}");
            assert!(
                e.to_string()
                    .starts_with(&format!("{option} is a v3 option")),
                "{e}"
            );
        }
    }
    let v3 = Endpoints::new("https://sandbox.bluebutton.cms.gov/v3/fhir/").unwrap();
    for (q, _) in &searches {
        let url = v3.eob_search(q).unwrap();
        assert!(url
            .query()
            .is_some_and(|q| q.contains("_source=") || q.contains("_tag=")));
    }
}
