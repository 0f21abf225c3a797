#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;

use crate::fhir::code_names::{hcpcs_name, icd10_name};
use crate::fhir::{parse_bundle, parse_eob, ExplanationOfBenefit};

const DIR: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../shared/fixtures/bluebutton"
);

/// A recorded fixture parsed as one EOB (a read, or the first EOB of a search), or `None`
/// (with a notice) when `../shared` is absent.
fn eob(name: &str) -> Option<ExplanationOfBenefit> {
    let path = PathBuf::from(DIR).join(name);
    let Ok(bytes) = std::fs::read(&path) else {
        println!("SKIP: {} not found", path.display());
        return None;
    };
    match parse_eob(&bytes) {
        Ok(e) => Some(e),
        Err(_) => Some(parse_bundle(&bytes).unwrap().eobs().next().unwrap().clone()),
    }
}

#[test]
fn v1_and_v2_drug_fills_name_the_drug_and_the_pharmacy() {
    for v in ["v1", "v2"] {
        let Some(e) = eob(&format!("{v}/bfd/eobReadPde.json")) else {
            return;
        };
        assert_eq!(e.item[0].service_name(), Some("Fake Diluent - WATER"));
        assert_eq!(e.plain_names(), ["Fake Diluent - WATER"]);
        assert_eq!(
            e.item[0].service_code().unwrap().first_code(),
            Some("000000000"),
            "the code stays"
        );
        // The pharmacy (v1 `organization`, v2 `facility`) before the prescriber.
        assert_eq!(
            e.provider_name(),
            Some("ADVANTAGE HOME HEALTH CARE, INC."),
            "{v}"
        );
    }
}

#[test]
fn v1_and_v2_diagnoses_are_named_hcpcs_codes_only_by_the_table() {
    for v in ["v1", "v2"] {
        let Some(e) = eob(&format!("{v}/bfd/eobReadCarrier.json")) else {
            return;
        };
        let dx: Vec<_> = e.diagnosis.iter().map(|d| d.name()).collect();
        assert_eq!(dx[0], Some("OTHER SALMONELLA INFECTIONS"), "{v}");
        assert_eq!(dx[1], Some("AMEBIASIS"), "{v}");
        // 92999 carries no display in the data; the built-in table names it.
        assert_eq!(
            e.item[0].service_code().unwrap().first_code(),
            Some("92999")
        );
        assert_eq!(e.item[0].service_name(), hcpcs_name("92999"));
        assert_eq!(e.plain_names()[0], "Eye procedure, unlisted");
        // v1 gives only numbers; v2 names its fourth care team member.
        let expected = (v == "v2").then_some("Fake ORG Name");
        assert_eq!(e.provider_name(), expected, "{v}");
    }
}

#[test]
fn bb2_carrier_bone_density_scan_and_osteoporosis() {
    for v in [
        "v1/bb2/eob_read_carrier_v1.json",
        "v2/bb2/eob_read_carrier_v2.json",
    ] {
        let Some(e) = eob(v) else {
            return;
        };
        assert_eq!(
            e.plain_names(),
            [
                "Bone density scan",
                "AGE-RELATED OSTEOPOROSIS W/O CURRENT PATHOLOGICAL FRACTURE"
            ],
            "{v}: the unnamed dx code 9999999 is left out"
        );
    }
}

#[test]
fn inpatient_claims_name_the_facility_and_procedures() {
    let Some(v1) = eob("v1/bfd/eobReadInpatient.json") else {
        return;
    };
    assert_eq!(v1.provider_name(), Some("Fake ORG Name"));
    assert_eq!(
        v1.procedure[0].name(),
        Some("PLAIN RADIOGRAPHY OF LEFT ANKLE")
    );
    assert!(v1.plain_names().contains(&"WHOOPING COUGH"));
    let Some(v2) = eob("v2/bfd/eobReadInpatient.json") else {
        return;
    };
    // v2 names the facility in a contained Organization (`#provider-org`).
    assert_eq!(v2.provider_name(), Some("Fake ORG Name"));
    assert_eq!(
        v2.procedure[0].name(),
        Some("PLAIN RADIOGRAPHY OF LEFT ANKLE")
    );
}

#[test]
fn v3_names_practitioners_and_no_codes() {
    let Some(e) = eob("v3/bfd-server-ng-extracted/EobReadIT.eobReadValidLong.json") else {
        return;
    };
    // The billing provider `#1104867175` is a contained Practitioner; care team members
    // carry their own displays.
    assert_eq!(e.provider_name(), Some("Garcia, Indiana"));
    let team: Vec<_> = e
        .care_team
        .iter()
        .filter_map(|c| c.provider.as_ref()?.display.as_deref())
        .collect();
    assert_eq!(team, ["Stark, Tony", "Garcia, Indiana", "Rogers, Gromit"]);
    // J2270 comes unnamed; the table names it. The dx codes (V97.2, W55.41XA) stay unnamed.
    assert_eq!(e.item[0].service_name(), Some("Morphine injection"));
    assert!(e.diagnosis.iter().all(|d| d.name().is_none()));
    assert_eq!(e.plain_names(), ["Morphine injection"]);
}

#[test]
fn table_lookups_are_exact_and_tolerate_dots_and_case() {
    assert_eq!(icd10_name("e11.9"), Some("Type 2 diabetes"));
    assert_eq!(icd10_name("E11"), None, "no prefix matching");
    assert_eq!(hcpcs_name(" 99213 "), hcpcs_name("99213"));
    assert_eq!(hcpcs_name("9921"), None);
}

#[test]
fn a_display_wins_over_the_table_and_blank_names_are_ignored() {
    let e = parse_eob(
        br#"{"resourceType":"ExplanationOfBenefit",
        "provider":{"display":"  "},
        "careTeam":[{"provider":{"display":"Garcia, Indiana"}}],
        "diagnosis":[{"diagnosisCodeableConcept":{"coding":[{"system":"http://hl7.org/fhir/sid/icd-10","code":"I10","display":"ESSENTIAL (PRIMARY) HYPERTENSION"}]}}],
        "item":[{"productOrService":{"coding":[{"system":"http://hl7.org/fhir/sid/ndc","code":"99213"}]}}]}"#,
    )
    .unwrap();
    assert_eq!(e.provider_name(), Some("Garcia, Indiana"));
    assert_eq!(
        e.diagnosis[0].name(),
        Some("ESSENTIAL (PRIMARY) HYPERTENSION")
    );
    // An NDC that happens to look like a CPT code is not named by the HCPCS table.
    assert_eq!(e.item[0].service_name(), None);
}

#[test]
fn v3_search_results_name_billing_providers_and_care_teams_from_contained_practitioners() {
    let path = PathBuf::from(DIR).join(
        "v3/bfd-server-ng-extracted/EobSearchIT.eobSearchByType_GET_WithClaimType_outpatient.json",
    );
    let Ok(bytes) = std::fs::read(&path) else {
        println!("SKIP: {} not found", path.display());
        return;
    };
    let bundle = parse_bundle(&bytes).unwrap();
    let eobs: Vec<_> = bundle.eobs().collect();
    assert_eq!(eobs.len(), 3);
    for e in eobs {
        assert_eq!(e.provider_name(), Some("Garcia, Indiana Victor"));
        let team: Vec<_> = e
            .care_team
            .iter()
            .filter_map(|c| c.provider.as_ref()?.display.as_deref())
            .take(3)
            .collect();
        assert_eq!(
            team,
            ["Rogers, Gromit", "Stark, Tony", "Garcia, Indiana Victor"]
        );
    }
}
