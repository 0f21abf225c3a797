//! Unit tests of the parent module.

#![allow(clippy::unwrap_used)]
use super::*;

#[test]
#[allow(clippy::type_complexity)]
fn table() {
    let cases: &[(&[(&str, &str)], &[(&str, &str)], ClaimType)] = &[
        (&[(EOB_TYPE_SYSTEM, "CARRIER")], &[], ClaimType::Carrier),
        (
            &[(EOB_TYPE_SYSTEM, "HOSPICE"), (NCH_CLM_TYPE_SYSTEM, "10")],
            &[],
            ClaimType::Hospice,
        ),
        (&[(NCH_CLM_TYPE_SYSTEM, "82")], &[], ClaimType::Dme),
        (
            &[
                (CLM_TYPE_CD_SYSTEM, "1013"),
                (EOB_TYPE_SYSTEM_V3, "OUTPATIENT"),
            ],
            &[],
            ClaimType::Outpatient,
        ),
        (
            &[(CLM_TYPE_CD_SYSTEM, "2013")],
            &[(C4BB_INSTITUTIONAL_SUBTYPE_SYSTEM, "outpatient")],
            ClaimType::Outpatient,
        ),
        (&[(CLM_TYPE_CD_SYSTEM, "2700")], &[], ClaimType::Unknown),
        (
            &[(
                "http://terminology.hl7.org/CodeSystem/claim-type",
                "pharmacy",
            )],
            &[],
            ClaimType::Unknown,
        ),
        (
            &[("https://bluebutton.cms.gov/fhir/CodeSystem/CLM-TYPE", "H")],
            &[],
            ClaimType::Unknown,
        ),
        (
            &[(EOB_TYPE_SYSTEM, "BOGUS"), (CLM_TYPE_CD_SYSTEM, "50")],
            &[],
            ClaimType::Hospice,
        ),
        (&[], &[], ClaimType::Unknown),
    ];
    for (t, s, want) in cases {
        assert_eq!(
            ClaimType::resolve(t.iter().copied(), s.iter().copied()),
            *want,
            "{t:?}"
        );
    }
}

#[test]
fn parse_round_trip() {
    for c in ClaimType::ALL {
        assert_eq!(c.as_str().parse::<ClaimType>().unwrap(), c);
        assert_eq!(c.as_str().to_uppercase().parse::<ClaimType>().unwrap(), c);
    }
    assert!("unknown".parse::<ClaimType>().is_err());
}
