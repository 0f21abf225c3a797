#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeMap;

use super::*;
use crate::fhir::{parse_insurance_card, SummaryBuilder};
use crate::json::read_via_value;

const DIR: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../shared/fixtures/bluebutton"
);

/// A fixture's bytes, or `None` with a notice when ../shared is absent.
fn fixture(path: &str) -> Option<Vec<u8>> {
    let path = format!("{DIR}/{path}");
    match std::fs::read(&path) {
        Ok(b) => Some(b),
        Err(_) => {
            println!("SKIP: {path} not found (../shared/fixtures is absent)");
            None
        }
    }
}

/// `value` (serde's JSON) read with [`read_via_value`].
fn read<T: FromJson>(value: &serde_json::Value) -> Result<T, String> {
    read_via_value(&serde_json::to_vec(value).unwrap())
}

/// Reads back what serde writes of `value`, and checks it is `value`.
fn round_trip<T: serde::Serialize + FromJson + PartialEq + std::fmt::Debug>(value: &T) {
    let json = serde_json::to_value(value).unwrap();
    assert_eq!(&read::<T>(&json).unwrap(), value, "{json}");
}

fn summary_of(paths: &[&str]) -> Option<ClaimSummary> {
    let mut b = SummaryBuilder::new();
    for p in paths {
        b.add_bundle_bytes(&fixture(p)?).unwrap();
    }
    Some(b.finish())
}

#[test]
fn summaries_of_real_pages_read_back_as_serde_wrote_them() {
    let v2 = [
        "v2/sdk-sandbox-eob-pages/eob_p0.json",
        "v2/sdk-sandbox-eob-pages/eob_p1.json",
        "v2/sdk-sandbox-eob-pages/eob_p2.json",
    ];
    let Some(s) = summary_of(&v2) else { return };
    assert!(s.claims > 0 && !s.by_type.is_empty() && !s.by_month.is_empty());
    round_trip(&s);
    let v3 = ["v3/bfd-server-ng-extracted/EobPriorAuthorizationIT.eobSearchPriorAuthorizationByPatient.json"];
    let Some(s) = summary_of(&v3) else { return };
    round_trip(&s);
}

#[test]
fn every_field_of_a_summary_reads_back() {
    let t = TypeSummary {
        claims: 3,
        lines: 7,
        amounts: Amounts {
            submitted: Some(10.25),
            allowed: None,
            paid: Some(0.0),
        },
    };
    let s = ClaimSummary {
        total: Some(9_007_199_254_740_992),
        pages: 2,
        claims: 3,
        lines: 7,
        not_final: t.clone(),
        prior_authorizations: TypeSummary::default(),
        other_resources: 1,
        amounts: t.amounts,
        first_service_date: Some("2020-01-02".into()),
        last_service_date: None,
        undated_claims: 4,
        by_type: BTreeMap::from([(ClaimType::Pde, t.clone()), (ClaimType::Unknown, t.clone())]),
        unknown_types: BTreeMap::from([("sys|code".to_owned(), 2)]),
        by_month: vec![MonthSummary {
            month: "2020-01".into(),
            all: t.clone(),
            by_type: BTreeMap::from([(ClaimType::Carrier, t)]),
        }],
    };
    round_trip(&s);
    round_trip(&ClaimSummary::default());
    for kind in [
        ClaimKind::Final,
        ClaimKind::NotFinal,
        ClaimKind::PriorAuthorization,
    ] {
        assert_eq!(
            ClaimKind::from_json(&Json::Text(kind.as_str().into())),
            Ok(kind)
        );
    }
}

#[test]
fn a_summary_of_the_wrong_shape_is_refused_naming_the_field() {
    let json = serde_json::to_value(ClaimSummary::default()).unwrap();
    let mut bad = json.clone();
    bad["byType"] = serde_json::json!({ "partd": { "claims": 1, "lines": 0 } });
    assert!(read::<ClaimSummary>(&bad).unwrap_err().contains("byType"));
    let mut bad = json.clone();
    bad["claims"] = serde_json::json!(1.5);
    assert_eq!(
        read::<ClaimSummary>(&bad).unwrap_err(),
        "`claims` is not a whole number"
    );
    let mut bad = json;
    bad["byMonth"] = serde_json::json!([{ "month": 7 }]);
    assert!(read::<ClaimSummary>(&bad)
        .unwrap_err()
        .starts_with("`byMonth`: item 0"));
    assert!(ClaimKind::from_json(&Json::Text("final ".into())).is_err());
}

#[test]
fn insurance_cards_read_back_as_serde_wrote_them() {
    for name in [
        "patientCoverageSearchAllParts",
        "patientCoverageSearchByIdDual",
    ] {
        let Some(bytes) = fixture(&format!(
            "v3/bfd-server-ng-extracted/PatientCoverageC4DICSearchIT.{name}.json"
        )) else {
            return;
        };
        let card = parse_insurance_card(&bytes).unwrap();
        assert!(!card.parts.is_empty());
        round_trip(&card);
    }
    round_trip(&InsuranceCard::default());
    let mut part = CardPart::new(PartKind::Dual, CoverageStatus::EnteredInError);
    part.rx = Some(RxIds {
        id: Some("i".into()),
        group: None,
        pcn: Some("p".into()),
        bin: Some("b".into()),
    });
    part.payer = Some(CardPayer {
        name: Some("n".into()),
        phone: None,
        tty: Some("t".into()),
        url: None,
    });
    part.member_id = Some("m".into());
    part.card_text = Some("text".into());
    round_trip(&InsuranceCard {
        parts: vec![part, CardPart::new(PartKind::PartB, CoverageStatus::Draft)],
        ..InsuranceCard::default()
    });
}
