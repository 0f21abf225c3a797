use super::*;

fn s(v: &[&str]) -> Vec<String> {
    v.iter().map(|x| x.to_string()).collect()
}

#[test]
fn every_form_blue_button_accepts() {
    // §12.5: reads accept .read/.r/.rs, searches .read/.s/.rs, for each resource.
    for resource in RESOURCES {
        for (suffix, read, search) in [
            ("read", true, true),
            ("rs", true, true),
            ("r", true, false),
            ("s", false, true),
        ] {
            let granted = s(&[&format!("patient/{resource}.{suffix}")]);
            assert_eq!(allows_read(&granted, resource), read, "{resource}.{suffix}");
            assert_eq!(
                allows_search(&granted, resource),
                search,
                "{resource}.{suffix}"
            );
            for other in RESOURCES.iter().filter(|r| **r != resource) {
                assert!(!allows_read(&granted, other) && !allows_search(&granted, other));
            }
        }
    }
}

#[test]
fn insurance_card_needs_patient_read_and_coverage_search() {
    // The server's own table (§12.2): all 9 pairs pass, any single scope does not.
    let reads = [
        "patient/Patient.read",
        "patient/Patient.r",
        "patient/Patient.rs",
    ];
    let searches = [
        "patient/Coverage.read",
        "patient/Coverage.s",
        "patient/Coverage.rs",
    ];
    for r in reads {
        for q in searches {
            assert!(allows_insurance_card(&s(&[r, q])), "{r} {q}");
        }
        assert!(!allows_insurance_card(&s(&[r])));
    }
    for q in searches {
        assert!(!allows_insurance_card(&s(&[q])));
    }
    assert!(!allows_insurance_card(&s(&[
        "patient/Patient.s",
        "patient/Coverage.r"
    ])));
}

#[test]
fn not_resource_scopes() {
    for other in [
        "openid",
        "profile",
        "launch/patient",
        "patient/Patient",
        "patient/Patient.write",
        "user/Patient.rs",
    ] {
        assert_eq!(parse(other), Scope::Other(other), "{other}");
    }
    for wild in [
        "patient/*.read",
        "patient/*.rs",
        "patient/*.*",
        "user/*.read",
        "system/*.rs",
    ] {
        assert_eq!(parse(wild), Scope::Wildcard, "{wild}");
    }
}

#[test]
fn authorize_refuses_wildcards_and_foreign_resources() {
    assert!(check_requested(&s(&[
        "openid",
        "profile",
        "launch/patient",
        "patient/ExplanationOfBenefit.read"
    ]))
    .is_ok());
    assert!(check_requested(&s(&["patient/*.read"])).is_err());
    assert!(check_requested(&s(&["openid", "patient/*.*"])).is_err());
    let e = check_requested(&s(&["patient/AuditEvent.rs"])).unwrap_err();
    assert!(
        e.to_string()
            .contains("Patient, Coverage and ExplanationOfBenefit"),
        "{e}"
    );
}

#[test]
fn refresh_may_keep_or_narrow_only() {
    let granted = s(&[
        "openid",
        "profile",
        "patient/Patient.rs",
        "patient/Coverage.read",
    ]);
    for ok in [
        &["patient/Patient.rs"][..],
        &["patient/Patient.r"],
        &["patient/Patient.s", "profile"],
        &["patient/Coverage.read"],
        &[
            "openid",
            "profile",
            "patient/Patient.rs",
            "patient/Coverage.read",
        ],
    ] {
        assert!(check_narrower(&granted, &s(ok)).is_ok(), "{ok:?}");
    }
    for wider in [
        &["patient/ExplanationOfBenefit.rs"][..],
        &["patient/Coverage.rs"],
        &["patient/Coverage.s"],
        &["launch/patient"],
        &["patient/*.read"],
    ] {
        let e = check_narrower(&granted, &s(wider)).unwrap_err();
        assert_eq!(e.code(), crate::ErrorCode::InvalidOption, "{wider:?}");
    }
    // Letters only shrink.
    let narrow = s(&["patient/ExplanationOfBenefit.s"]);
    assert!(check_narrower(&narrow, &s(&["patient/ExplanationOfBenefit.rs"])).is_err());
    assert!(check_narrower(&narrow, &s(&["patient/ExplanationOfBenefit.r"])).is_err());
}
