//! Synthetic people and claims that look real (issue 14): names agree with the gender,
//! ages fit Medicare, addresses agree with themselves, and amounts per claim type stay in
//! realistic ranges, the heavy user's total included.

use bluebutton_sandbox::data::claims::generate;
use bluebutton_sandbox::data::kinds::ClaimType;
use bluebutton_sandbox::data::names::{GIVEN_FEMALE, GIVEN_MALE, PLACES};
use bluebutton_sandbox::data::patient::person;
use bluebutton_sandbox::data::shared::shared_claims;
use bluebutton_sandbox::data::HEAVY_USER;

const SEED: u64 = 7;

#[test]
fn names_agree_with_gender_and_addresses_with_themselves() {
    let (mut women, mut disabled) = (0, 0);
    for n in 0..2_000u32 {
        let p = person(n, SEED);
        let list = if p.gender == "female" {
            women += 1;
            GIVEN_FEMALE
        } else {
            assert_eq!(p.gender, "male");
            GIVEN_MALE
        };
        assert!(
            list.contains(&p.given),
            "user {n}: {} is {}",
            p.given,
            p.gender
        );
        let place = PLACES
            .iter()
            .find(|(c, s, _)| *c == p.city && *s == p.state);
        let (_, _, zip3) = place.unwrap_or_else(|| panic!("user {n}: {} {}", p.city, p.state));
        assert!(
            p.zip.starts_with(zip3) && p.zip.len() == 5,
            "user {n}: {}",
            p.zip
        );
        assert!(p.line.chars().next().is_some_and(|c| c.is_ascii_digit()));
        // Age on 2021-01-01 (day 18,628), when the claims begin.
        let age = (18_628 - p.birth) / 365;
        if p.disabled {
            disabled += 1;
            assert!((29..=65).contains(&age), "user {n}: disabled at {age}");
        } else {
            assert!((64..=96).contains(&age), "user {n}: {age}");
            assert!(p.medicare_start > p.birth + 64 * 365);
        }
        assert!(
            p.medicare_start <= 18_628,
            "user {n}: entitled before the first claim"
        );
    }
    assert!((1_000..1_200).contains(&women), "{women} women of 2,000");
    assert!(
        (100..230).contains(&disabled),
        "{disabled} disabled of 2,000"
    );
}

fn paid_range(kind: ClaimType) -> (u64, u64) {
    match kind {
        ClaimType::Carrier => (1_000, 25_000),
        ClaimType::Pde => (200, 25_000),
        ClaimType::Outpatient => (8_000, 250_000),
        ClaimType::Dme => (2_000, 120_000),
        ClaimType::Hha => (150_000, 350_000),
        ClaimType::Hospice => (300_000, 1_200_000),
        ClaimType::Snf => (250_000, 1_500_000),
        ClaimType::Inpatient => (500_000, 3_500_000),
    }
}

#[test]
fn amounts_per_claim_type_are_realistic() {
    for n in [1u32, 2, 5, 42, 777] {
        for c in generate(n, SEED).iter().chain(&shared_claims(n, SEED)) {
            let (lo, hi) = paid_range(c.kind);
            let paid = c.paid();
            assert!(
                (lo..=hi).contains(&paid),
                "{}: paid {paid} cents",
                c.eob_id()
            );
            assert!(
                c.allowed() >= paid && c.submitted() >= c.allowed(),
                "{}",
                c.eob_id()
            );
        }
    }
}

#[test]
fn the_heavy_users_total_is_a_plausible_multi_year_total() {
    // Seed 0 is the sandbox's default (what demos and the e2e tests show).
    for seed in [0u64, 1, 2, 7] {
        let claims = generate(HEAVY_USER, seed);
        assert_eq!(claims.len(), 2_400);
        let dollars = claims.iter().map(|c| c.paid()).sum::<u64>() / 100;
        println!("heavy user, seed {seed}: ${dollars} paid by Medicare over 2,400 claims");
        assert!(
            (150_000..=350_000).contains(&dollars),
            "seed {seed}: heavy user paid ${dollars}"
        );
        let stays = claims
            .iter()
            .filter(|c| c.kind == ClaimType::Inpatient)
            .count();
        assert!(
            (1..=10).contains(&stays),
            "{stays} hospital stays in 4 years"
        );
    }
}

#[test]
fn every_service_and_diagnosis_code_the_sandbox_uses_has_a_plain_name_in_the_library() {
    use bluebutton_sandbox::data::codes::{DME, HCPCS, ICD10, INSTITUTIONAL};
    use bluebutton_wasm::core::fhir::code_names::{hcpcs_name, icd10_name};
    // The rendered HCPCS codings carry no name (as in the real data), nor v3's diagnoses:
    // the library's small table names them instead.
    for (code, _) in HCPCS.iter().chain(DME).chain(INSTITUTIONAL.concat().iter()) {
        assert!(hcpcs_name(code).is_some(), "HCPCS {code}");
    }
    for (code, _) in ICD10 {
        assert!(icd10_name(code).is_some(), "ICD-10 {code}");
    }
}

#[test]
fn rendered_claims_name_codes_where_the_real_data_does() {
    use bluebutton_sandbox::data::render::eob;
    use bluebutton_sandbox::data::Version;
    use bluebutton_wasm::core::fhir::parse_eob;
    let claims = generate(HEAVY_USER, SEED);
    let of = |k: ClaimType| claims.iter().find(|c| c.kind == k).unwrap();
    for v in [Version::V1, Version::V2, Version::V3] {
        let pde = eob(of(ClaimType::Pde), HEAVY_USER, v);
        let svc = if v == Version::V1 {
            "service"
        } else {
            "productOrService"
        };
        let ndc = &pde["item"][0][svc]["coding"][0];
        assert!(ndc["display"].as_str().is_some(), "{v:?}: NDC named");
        let carrier = eob(of(ClaimType::Carrier), HEAVY_USER, v);
        assert!(
            carrier["item"][0][svc]["coding"][0]
                .get("display")
                .is_none(),
            "{v:?}: HCPCS unnamed, as in the real data"
        );
        let dx = &carrier["diagnosis"][0]["diagnosisCodeableConcept"]["coding"][0];
        match v {
            Version::V3 => assert!(dx.get("display").is_none(), "v3 names no diagnosis"),
            _ => {
                let name = dx["display"].as_str().unwrap();
                assert_eq!(name, name.to_uppercase(), "{v:?}: BFD's upper case");
            }
        }
        // The library reads the names back: the facility of an inpatient stay, the drug.
        let stay = eob(of(ClaimType::Inpatient), HEAVY_USER, v).to_string();
        let parsed = parse_eob(stay.as_bytes()).unwrap();
        assert!(parsed.provider_name().is_some(), "{v:?}: facility named");
        let parsed = parse_eob(pde.to_string().as_bytes()).unwrap();
        assert!(!parsed.plain_names().is_empty(), "{v:?}: drug named");
    }
}

#[test]
fn insurance_card_dates_and_entitlement_reason_agree_with_the_person() {
    use bluebutton_sandbox::data::insurance_card::{card, parts};
    let mut seen_disabled = false;
    for n in 1..400u32 {
        let p = person(n, SEED);
        let parts = parts(n, SEED);
        assert_eq!(parts.ab_start, p.medicare_start);
        if let Some((_, _, start, end)) = &parts.c {
            assert!(*start >= parts.ab_start, "user {n}: Part C before A/B");
            assert!(
                end.is_none_or(|e| e > *start),
                "user {n}: Part C ends before it starts"
            );
        }
        if let Some((_, _, start, _)) = &parts.d {
            assert!(*start >= parts.ab_start, "user {n}: Part D before A/B");
        }
        if p.disabled && !seen_disabled {
            seen_disabled = true;
            let text = card(n, SEED).to_string();
            let reason = r#"{"code":"1","system":"https://bluebutton.cms.gov/fhir/CodeSystem/BENE-MDCR-ENTLMT-RSN-CD"}"#;
            assert!(text.contains(reason), "user {n}: disability, {text}");
        }
    }
    assert!(seen_disabled);
}
