#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;

use crate::fhir::export::claim_lines_csv;
use crate::fhir::{parse_bundle, parse_eob, summarize_claims, ClaimKind, SummaryBuilder};

const DIR: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../shared/fixtures/bluebutton/v3/bfd-server-ng-extracted"
);

/// A recorded BFD server-ng fixture, or `None` (with a notice) when `../shared` is absent.
fn fixture(name: &str) -> Option<Vec<u8>> {
    let path = PathBuf::from(DIR).join(name);
    match std::fs::read(&path) {
        Ok(bytes) => Some(bytes),
        Err(_) => {
            println!("SKIP: {} not found", path.display());
            None
        }
    }
}

#[test]
fn prior_authorization_fixture_is_kept_apart() {
    let Some(bytes) = fixture("EobPriorAuthorizationIT.eobSearchPriorAuthorizationByPatient.json")
    else {
        return;
    };
    let bundle = parse_bundle(&bytes).unwrap();
    let pa = bundle.eobs().next().unwrap();
    assert_eq!(pa.kind, ClaimKind::PriorAuthorization);
    assert!(pa.is_prior_authorization());
    assert_eq!(pa.use_.as_deref(), Some("preauthorization"));
    assert_eq!(pa.source.as_deref(), Some("CWF"));
    assert_eq!(pa.outcome.as_deref(), Some("partial"));
    assert_eq!(
        pa.final_action, None,
        "prior authorizations carry no Final-Action tag"
    );
    let s = summarize_claims(&bytes).unwrap();
    assert_eq!(
        (s.claims, s.not_final.claims, s.prior_authorizations.claims),
        (0, 0, 1)
    );
    assert_eq!(s.prior_authorizations.lines, pa.item.len() as u64);
    assert_eq!(s.amounts.paid, None);
    assert!(s.by_month.is_empty() && s.unknown_types.is_empty());
    let csv = claim_lines_csv(std::slice::from_ref(pa));
    assert!(csv
        .lines()
        .skip(1)
        .all(|l| l.ends_with(",priorAuthorization,CWF,,partial")));
}

#[test]
fn search_fixture_fields_and_kinds() {
    let Some(bytes) = fixture("EobSearchIT.eobSearchByPatient_GET.json") else {
        return;
    };
    let bundle = parse_bundle(&bytes).unwrap();
    let got: Vec<_> = bundle
        .eobs()
        .map(|e| {
            (
                e.id.clone().unwrap(),
                e.source.clone().unwrap(),
                e.final_action,
                e.outcome.clone().unwrap(),
                e.kind,
            )
        })
        .collect();
    let want = [
        (
            "1071939711295",
            "NCH",
            Some(true),
            "complete",
            ClaimKind::Final,
        ),
        (
            "1071939711296",
            "NCH",
            Some(true),
            "complete",
            ClaimKind::Final,
        ),
        (
            "1071939711297",
            "FISS",
            Some(false),
            "partial",
            ClaimKind::NotFinal,
        ),
        (
            "1071939711298",
            "FISS",
            Some(true),
            "queued",
            ClaimKind::NotFinal,
        ),
        (
            "3351266481403",
            "MCS",
            Some(true),
            "queued",
            ClaimKind::NotFinal,
        ),
    ];
    assert_eq!(got.len(), want.len());
    for (g, w) in got.iter().zip(want) {
        assert_eq!(
            (g.0.as_str(), g.1.as_str(), g.2, g.3.as_str(), g.4),
            w,
            "{}",
            g.0
        );
    }
    // Paid totals hold the two final NCH claims only; the three others are counted apart.
    let final_paid: f64 = bundle
        .eobs()
        .filter(|e| e.kind == ClaimKind::Final)
        .filter_map(|e| e.amounts().paid)
        .sum();
    let s = summarize_claims(&bytes).unwrap();
    assert_eq!(
        (s.claims, s.not_final.claims, s.prior_authorizations.claims),
        (2, 3, 0)
    );
    assert_eq!(
        s.amounts.paid.unwrap_or(0.0),
        (final_paid * 100.0).round() / 100.0
    );
    let by_type: u64 = s.by_type.values().map(|t| t.claims).sum();
    assert_eq!(by_type, 2, "by_type counts final claims only");
    // Lean and typed readers agree.
    let mut typed = SummaryBuilder::new();
    typed.add_bundle(&bundle);
    assert_eq!(typed.finish(), s);
}

#[test]
fn final_action_tag_fixture() {
    let Some(bytes) = fixture("EobSearchIT.eobSearchByTags_GET_WithSystemTag_FinalAction.json")
    else {
        return;
    };
    let bundle = parse_bundle(&bytes).unwrap();
    assert!(bundle.eobs().all(|e| e.final_action == Some(true)));
    assert!(bundle.eobs().all(|e| !e.is_prior_authorization()));
}

#[test]
fn read_fixtures() {
    let cases = [
        (
            "EobReadIT.eobReadPhase1.json",
            "FISS",
            Some(false),
            ClaimKind::NotFinal,
        ),
        (
            "EobReadIT.eobReadProfessionalClaim.json",
            "VMS",
            Some(true),
            ClaimKind::NotFinal,
        ),
        (
            "EobReadIT.eobReadValidLong.json",
            "NCH",
            Some(true),
            ClaimKind::Final,
        ),
    ];
    for (name, source, final_action, kind) in cases {
        let Some(bytes) = fixture(name) else { return };
        let e = parse_eob(&bytes).unwrap();
        assert_eq!(e.source.as_deref(), Some(source), "{name}");
        assert_eq!(e.final_action, final_action, "{name}");
        assert_eq!(e.kind, kind, "{name}");
        // The typed model round-trips through its JSON (what JavaScript receives).
        let again: crate::fhir::ExplanationOfBenefit =
            serde_json::from_value(serde_json::to_value(&e).unwrap()).unwrap();
        assert_eq!(
            (again.kind, again.final_action),
            (e.kind, e.final_action),
            "{name}"
        );
    }
}

#[test]
fn source_from_the_system_type_tag_when_meta_source_is_absent() {
    let e = parse_eob(br#"{"resourceType":"ExplanationOfBenefit","meta":{"tag":[
        {"system":"https://bluebutton.cms.gov/fhir/CodeSystem/System-Type","code":"NationalClaimsHistory"},
        {"system":"https://bluebutton.cms.gov/fhir/CodeSystem/Final-Action","code":"notfinalaction"}]}}"#)
    .unwrap();
    assert_eq!(e.source.as_deref(), Some("NCH"));
    assert_eq!(e.final_action, Some(false));
    assert_eq!(e.kind, ClaimKind::NotFinal);
    // Junk in meta never fails the parse (lenient like every other field).
    let e = parse_eob(br#"{"resourceType":"ExplanationOfBenefit","meta":"IGNORED_FIELD","use":7}"#)
        .unwrap();
    assert_eq!(
        (e.source, e.final_action, e.kind),
        (None, None, ClaimKind::Final)
    );
}

#[test]
fn amounts_of_not_final_claims_never_reach_paid_totals() {
    let page = br#"{"resourceType":"Bundle","entry":[
      {"resource":{"resourceType":"ExplanationOfBenefit","outcome":"complete","item":[{"servicedDate":"2024-01-02"}],"payment":{"amount":{"value":10}}}},
      {"resource":{"resourceType":"ExplanationOfBenefit","outcome":"complete","meta":{"tag":[{"system":"https://bluebutton.cms.gov/fhir/CodeSystem/Final-Action","code":"NotFinalAction"}]},"item":[{"servicedDate":"2024-02-02"}],"payment":{"amount":{"value":100}}}},
      {"resource":{"resourceType":"ExplanationOfBenefit","outcome":"partial","item":[{"servicedDate":"2024-03-02"}],"payment":{"amount":{"value":1000}}}},
      {"resource":{"resourceType":"ExplanationOfBenefit","use":"preauthorization","item":[{},{}],"payment":{"amount":{"value":5000}}}}
    ]}"#;
    let s = summarize_claims(page).unwrap();
    assert_eq!((s.claims, s.lines), (1, 1));
    assert_eq!(s.amounts.paid, Some(10.0));
    assert_eq!(
        (s.not_final.claims, s.not_final.amounts.paid),
        (2, Some(1100.0))
    );
    assert_eq!(
        (s.prior_authorizations.claims, s.prior_authorizations.lines),
        (1, 2)
    );
    assert_eq!(s.by_month.len(), 1, "only the final claim's month");
    assert_eq!(
        (
            s.first_service_date.as_deref(),
            s.last_service_date.as_deref()
        ),
        (Some("2024-01-02"), Some("2024-01-02"))
    );
    assert_eq!(s.undated_claims, 0);
}
