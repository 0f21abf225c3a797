#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use super::*;

/// The BFD server-ng snapshots of `PatientCoverageC4DICSearchIT` (read at run time, never
/// copied into the repository).
const DIR: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../shared/fixtures/bluebutton/v3/bfd-server-ng-extracted"
);

fn fixture(name: &str) -> Option<Vec<u8>> {
    let path = format!("{DIR}/PatientCoverageC4DICSearchIT.{name}.json");
    match std::fs::read(&path) {
        Ok(b) => Some(b),
        Err(_) => {
            println!("SKIP: {path} not found (../shared/fixtures is absent)");
            None
        }
    }
}

const CMS: &str = "Centers for Medicare and Medicaid Services";

fn assert_cms_payer(p: &CardPayer) {
    assert_eq!(p.name.as_deref(), Some(CMS));
    assert_eq!(p.phone.as_deref(), Some("1-800-633-4227"));
    assert_eq!(p.tty.as_deref(), Some("1-877-486-2048"));
    assert_eq!(p.url.as_deref(), Some("www.medicare.gov"));
}

#[test]
fn all_parts_fixture() {
    let Some(bytes) = fixture("patientCoverageSearchAllParts") else {
        return;
    };
    let card = parse_insurance_card(&bytes).unwrap();
    assert_eq!(card.name.as_deref(), Some("Bluey Caroline Erdapfel"));
    assert_eq!(card.given, ["Bluey", "Caroline"]);
    assert_eq!(card.family.as_deref(), Some("Erdapfel"));
    assert_eq!(card.birth_date.as_deref(), Some("1967-03-19"));
    assert_eq!(card.medicare_number.as_deref(), Some("8Z73WV0QC20"));
    let kinds: Vec<PartKind> = card.parts.iter().map(|p| p.kind).collect();
    assert_eq!(
        kinds,
        [
            PartKind::PartA,
            PartKind::PartB,
            PartKind::PartC,
            PartKind::PartD,
            PartKind::Dual
        ]
    );
    let labels: Vec<&str> = card.parts.iter().map(|p| p.label.as_str()).collect();
    assert_eq!(
        labels,
        [
            "Part A",
            "Part B",
            "Part C",
            "Part D",
            "Dual Medicare/Medicaid"
        ]
    );
    assert!(card
        .parts
        .iter()
        .all(|p| p.status == CoverageStatus::Active));
    let [a, b, c, d, dual] = &card.parts[..] else {
        panic!("five parts")
    };
    assert_eq!(
        (a.start.as_deref(), a.end.as_deref()),
        (Some("2021-01-01"), Some("2099-12-31"))
    );
    assert_eq!(b.start.as_deref(), Some("2020-01-01"));
    assert_eq!(
        (c.start.as_deref(), c.end.as_deref()),
        (Some("2020-09-03"), None)
    );
    assert_eq!(dual.start.as_deref(), Some("2018-07-01"));
    assert_eq!(a.coverage_type.as_deref(), Some("MEDICARE"));
    assert_eq!(b.coverage_type.as_deref(), Some("MEDICARE FFS"));
    // Contract and PBP only from the ids (in the fullUrls: the resources carry no `id`).
    assert_eq!(
        (c.contract.as_deref(), c.plan.as_deref()),
        (Some("H1234"), Some("003"))
    );
    assert_eq!(
        (d.contract.as_deref(), d.plan.as_deref()),
        (Some("H1234"), Some("003"))
    );
    assert_eq!((a.contract.as_deref(), dual.plan.as_deref()), (None, None));
    // Part D: the plan member id (not the MBI) and the pharmacy ids.
    assert_eq!(d.member_id.as_deref(), Some("194710044"));
    assert_eq!(
        d.rx,
        Some(RxIds {
            id: Some("194710044".into()),
            group: Some("354".into()),
            pcn: Some("609279".into()),
            bin: Some("289653".into()),
        })
    );
    assert!(a.member_id.is_none() && a.rx.is_none());
    for p in &card.parts {
        assert_cms_payer(p.payer.as_ref().unwrap());
        let text = p.card_text.as_deref().unwrap();
        assert!(text.starts_with("You may be asked to show this card"));
        assert!(text.contains("¡ADVERTENCIA!"));
    }
    assert_cms_payer(card.payer.as_ref().unwrap());
    assert_eq!(card.card_text, a.card_text);
}

#[test]
fn single_part_fixtures() {
    let cases = [
        (
            "patientCoverageSearchByIdPartA",
            "Abby Jones",
            "1922-04-01",
            "9OJ2CG2UC85",
            PartKind::PartA,
            "2024-01-01",
        ),
        (
            "patientCoverageSearchByIdPartB",
            "Abby Abby",
            "1959-03-14",
            "1L26RW8YW56",
            PartKind::PartB,
            "2024-01-01",
        ),
        (
            "patientCoverageSearchByIdDual",
            "Abby Jones",
            "1922-04-01",
            "1SJ2CG2UC85",
            PartKind::Dual,
            "2020-04-01",
        ),
    ];
    for (name, member, birth, mbi, kind, start) in cases {
        let Some(bytes) = fixture(name) else {
            return;
        };
        let card = parse_insurance_card(&bytes).unwrap();
        assert_eq!(card.name.as_deref(), Some(member), "{name}");
        assert_eq!(card.birth_date.as_deref(), Some(birth), "{name}");
        assert_eq!(card.medicare_number.as_deref(), Some(mbi), "{name}");
        assert_eq!(card.parts.len(), 1, "{name}");
        let part = &card.parts[0];
        assert_eq!(
            (part.kind, part.status, part.start.as_deref()),
            (kind, CoverageStatus::Active, Some(start)),
            "{name}"
        );
        assert_cms_payer(part.payer.as_ref().unwrap());
    }
}

/// The card serializes as camelCase plain data, as the other models do.
#[test]
fn serializes_camel_case() {
    let Some(bytes) = fixture("patientCoverageSearchAllParts") else {
        return;
    };
    let card = parse_insurance_card(&bytes).unwrap();
    let v = serde_json::to_value(&card).unwrap();
    assert_eq!(v["medicareNumber"], "8Z73WV0QC20");
    assert_eq!(v["birthDate"], "1967-03-19");
    assert_eq!(v["parts"][0]["kind"], "partA");
    assert_eq!(v["parts"][0]["status"], "active");
    assert_eq!(v["parts"][4]["kind"], "dual");
    assert_eq!(v["parts"][3]["rx"]["bin"], "289653");
    assert_eq!(v["parts"][3]["memberId"], "194710044");
    assert_eq!(v["payer"]["tty"], "1-877-486-2048");
    assert!(v["parts"][0].get("contract").is_none());
    let back: InsuranceCard = serde_json::from_value(v).unwrap();
    assert_eq!(back, card);
}

fn bundle(entries: &str) -> Vec<u8> {
    format!(r#"{{"resourceType":"Bundle","type":"collection","entry":[{entries}]}}"#).into_bytes()
}

const PATIENT: &str = r#"{"fullUrl":"urn:uuid:p","resource":{"resourceType":"Patient","name":[{"family":"Doe","given":["Ann"]}]}}"#;

fn org(id: &str, phone: &str) -> String {
    format!(
        r#"{{"fullUrl":"urn:uuid:{id}","resource":{{"resourceType":"Organization","name":"Org {id}","contact":[{{"telecom":[{{"system":"phone","value":"{phone}"}}]}}]}}}}"#
    )
}

fn coverage(plan: &str, payor: &str) -> String {
    format!(
        r#"{{"fullUrl":"urn:uuid:c-{plan}","resource":{{"resourceType":"Coverage","status":"cancelled","class":[{{"type":{{"coding":[{{"code":"plan"}}]}},"value":"{plan}"}}],"payor":[{{"reference":"{payor}"}}]}}}}"#
    )
}

/// The payer is the Organization whose id the reference names, not the first one, nor one
/// whose fullUrl merely contains the id; `resource.id` wins over the fullUrl.
#[test]
fn payer_is_resolved_by_resource_id() {
    let entries = [
        PATIENT.to_owned(),
        org("o1", "111"),
        org("o2", "222"),
        coverage("Part A", "Organization/o2"),
        coverage("Part B", "urn:uuid:o1"),
    ]
    .join(",");
    let card = parse_insurance_card(&bundle(&entries)).unwrap();
    let a = &card.parts[0];
    assert_eq!(a.payer.as_ref().unwrap().phone.as_deref(), Some("222"));
    assert_eq!(a.status, CoverageStatus::Cancelled);
    assert!(
        card.parts[1].payer.is_none(),
        "a fullUrl is not a reference"
    );
    let with_id = r#"{"fullUrl":"urn:uuid:zzz","resource":{"resourceType":"Organization","id":"real","name":"By id"}}"#;
    let entries = [with_id.to_owned(), coverage("Part D", "Organization/real")].join(",");
    let card = parse_insurance_card(&bundle(&entries)).unwrap();
    assert_eq!(
        card.parts[0].payer.as_ref().unwrap().name.as_deref(),
        Some("By id")
    );
    assert_eq!(card.name, None, "no Patient, no name");
}

/// Parts are listed A, B, C, D, Dual whatever the server's order; a Coverage whose part cannot
/// be told is left out; the type code and the id name the part when the class does not.
#[test]
fn parts_in_card_order() {
    let typed = r#"{"fullUrl":"urn:uuid:part-d-1-S5555-010","resource":{"resourceType":"Coverage","type":{"coding":[{"system":"https://nahdo.org/sopt","code":"122"}]}}}"#;
    let by_id = r#"{"fullUrl":"urn:uuid:x","resource":{"resourceType":"Coverage","id":"part-c-42-H9999-001"}}"#;
    let unknown = r#"{"resource":{"resourceType":"Coverage","class":[{"type":{"coding":[{"code":"plan"}]},"value":"Medigap"}]}}"#;
    let entries = [
        coverage("Dual Medicare/Medicaid", "Organization/none"),
        typed.to_owned(),
        unknown.to_owned(),
        by_id.to_owned(),
        coverage("Part B", "Organization/none"),
    ]
    .join(",");
    let card = parse_insurance_card(&bundle(&entries)).unwrap();
    let kinds: Vec<PartKind> = card.parts.iter().map(|p| p.kind).collect();
    assert_eq!(
        kinds,
        [
            PartKind::PartB,
            PartKind::PartC,
            PartKind::PartD,
            PartKind::Dual
        ]
    );
    assert_eq!(card.parts[1].contract.as_deref(), Some("H9999"));
    assert_eq!(card.parts[2].plan.as_deref(), Some("010"));
    assert_eq!(card.parts[2].label, "Part D");
    assert_eq!(card.parts[1].status, CoverageStatus::Unknown);
    assert!(card.payer.is_none());
}

#[test]
fn medicare_number_prefers_the_mbi_identifier() {
    let c = r#"{"resource":{"resourceType":"Coverage","subscriberId":"SUB","class":[{"type":{"coding":[{"code":"plan"}]},"value":"Part A"}],
      "identifier":[{"value":"PLAN-ID"},{"system":"http://hl7.org/fhir/sid/us-mbi","value":"MBI1"}]}}"#;
    let card = parse_insurance_card(&bundle(c)).unwrap();
    assert_eq!(card.medicare_number.as_deref(), Some("MBI1"));
    assert_eq!(card.parts[0].member_id.as_deref(), Some("PLAN-ID"));
    let c = r#"{"resource":{"resourceType":"Coverage","subscriberId":"SUB","class":[{"type":{"coding":[{"code":"plan"}]},"value":"Part D"}]}}"#;
    let card = parse_insurance_card(&bundle(c)).unwrap();
    assert_eq!(card.medicare_number.as_deref(), Some("SUB"));
}

#[test]
fn contract_and_plan_come_only_from_well_formed_ids() {
    assert_eq!(
        contract_and_plan("part-c-405764107-H1234-003"),
        Some(("H1234".into(), "003".into()))
    );
    assert_eq!(
        contract_and_plan("part-d-1-S5555-010"),
        Some(("S5555".into(), "010".into()))
    );
    for bad in [
        "part-a-1-H1-2",
        "part-c-405764107",
        "part-c-x-H1-2",
        "part-c--H1-2",
        "part-c-1-H1-",
        "",
    ] {
        assert_eq!(contract_and_plan(bad), None, "{bad}");
    }
}

#[test]
fn errors_use_the_fhir_codes() {
    let cases: &[(&[u8], &str)] = &[
        // The no-match answer (doc §12.2): only meta.
        (
            br#"{"meta":{"lastUpdated":"9999-12-31T00:00:00.000+00:00"},"resourceType":"Bundle"}"#,
            "no_insurance_card",
        ),
        (
            br#"{"resourceType":"Bundle","type":"collection","entry":[]}"#,
            "no_insurance_card",
        ),
        (
            br#"{"resourceType":"Bundle","type":"searchset","entry":[]}"#,
            "wrong_resource_type",
        ),
        (
            br#"{"resourceType":"Bundle","entry":[{"resource":{"resourceType":"Patient"}}]}"#,
            "wrong_resource_type",
        ),
        (
            br#"{"resourceType":"OperationOutcome","issue":[]}"#,
            "wrong_resource_type",
        ),
        (b"[]", "wrong_resource_type"),
        (b"<html>", "not_json"),
        (b"", "empty_body"),
        (
            br#"{"resourceType":"Bundle","type":"collection","entry":["#,
            "truncated_json",
        ),
        (
            br#"{"resourceType":"Bundle","type":"collection","entry":7}"#,
            "unexpected_shape",
        ),
        (
            br#"{"resourceType":"Bundle","type":"collection","entry":[{"resource":"x"}]}"#,
            "unexpected_shape",
        ),
    ];
    for (body, code) in cases {
        let err = parse_insurance_card(body).unwrap_err();
        assert_eq!(
            err.code(),
            *code,
            "{}: {err}",
            String::from_utf8_lossy(body)
        );
    }
    let err = parse_insurance_card(br#"{"resourceType":"Bundle","type":"searchset","entry":[{}]}"#)
        .unwrap_err();
    assert!(err.to_string().contains("collection"), "{err}");
    assert!(err.to_string().contains("searchset"), "{err}");
    assert!(FhirError::NoInsuranceCard
        .to_string()
        .contains("no Medicare beneficiary matched"));
}

/// Messy data never fails the card: wrong JSON types become absent values.
#[test]
fn lenient_fields() {
    let c = r#"{"resource":{"resourceType":"Patient","name":"IGNORED_FIELD","birthDate":7}},
      {"resource":{"resourceType":"Organization","name":["x"],"contact":"none","telecom":[{"system":"url","value":"https://o.example"}]}},
      {"fullUrl":"urn:uuid:p1","resource":{"resourceType":"Coverage","period":"IGNORED_FIELD","class":[{"type":{"coding":[{"code":"plan"}]},"value":"Part A"}],
       "extension":[{"url":"http://hl7.org/fhir/us/insurance-card/StructureDefinition/C4DIC-AdditionalCardInformation-extension","valueAnnotation":"x"}]}}"#;
    let card = parse_insurance_card(&bundle(c)).unwrap();
    assert_eq!(card.name, None);
    assert_eq!(card.birth_date.as_deref(), Some("7"));
    assert_eq!(card.parts[0].start, None);
    assert_eq!(card.parts[0].card_text, None);
}

#[test]
fn name_text_when_no_parts() {
    let p = r#"{"resource":{"resourceType":"Patient","name":[{"text":"Ann Doe"}]}}"#;
    assert_eq!(
        parse_insurance_card(&bundle(p)).unwrap().name.as_deref(),
        Some("Ann Doe")
    );
}

proptest::proptest! {
    /// Any bytes, and any Bundle-shaped text with junk in the entries, give a card or an
    /// error, never a panic.
    #[test]
    fn never_panics(body in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..300),
                    junk in "[\\[\\]{}\",:a-zA-Z0-9/ -]{0,80}") {
        let _ = parse_insurance_card(&body);
        let text = format!(r#"{{"resourceType":"Bundle","type":"collection","entry":[{{"fullUrl":"urn:uuid:part-c-{junk}","resource":{{"resourceType":"Coverage","id":"{junk}","payor":[{{"reference":"Organization/{junk}"}}]}}}}]}}"#);
        let _ = parse_insurance_card(text.as_bytes());
    }
}
