//! Any bytes → `parse_bundle`, `summarize_claims` and `export::resources` (checklist R33):
//! never panics, and when both readers accept the page they agree on what it holds (the
//! summary's claim count is the number of ExplanationOfBenefit entries parsed).
#![no_main]

use bluebutton_core::fhir::export::resources;
use bluebutton_core::fhir::{parse_bundle, summarize_claims, SummaryBuilder};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let typed = parse_bundle(data);
    let lean = summarize_claims(data);
    let exported = resources(&[data.to_vec()]);

    if let Err(e) = &typed {
        assert!(!e.code().as_str().is_empty());
        assert!(!e.to_string().is_empty());
    }
    if let Err(e) = &lean {
        assert!(!e.code().as_str().is_empty());
    }

    if let (Ok(bundle), Ok(summary)) = (&typed, &lean) {
        // Final claims, v3 claims not final yet and prior authorizations are counted apart,
        // and together they are every ExplanationOfBenefit.
        let eobs = bundle.eobs().count() as u64;
        let all_claims =
            summary.claims + summary.not_final.claims + summary.prior_authorizations.claims;
        assert_eq!(all_claims, eobs, "lean summary vs typed EOB count");
        assert_eq!(summary.pages, 1);
        assert_eq!(
            all_claims + summary.other_resources,
            bundle.entry.len() as u64,
            "every entry is counted once"
        );
        let mut typed_summary = SummaryBuilder::new();
        typed_summary.add_bundle(bundle);
        let typed_summary = typed_summary.finish();
        assert_eq!(typed_summary.claims, summary.claims);
        assert_eq!(typed_summary.not_final, summary.not_final);
        assert_eq!(
            typed_summary.prior_authorizations,
            summary.prior_authorizations
        );
        assert_eq!(typed_summary.lines, summary.lines);
        assert_eq!(typed_summary.undated_claims, summary.undated_claims);
        assert_eq!(typed_summary.first_service_date, summary.first_service_date);
        assert_eq!(typed_summary.last_service_date, summary.last_service_date);
    }

    if let (Ok(bundle), Ok(all)) = (&typed, &exported) {
        // Export keeps resources (de-duplicated), never more than there are entries.
        assert!(all.len() <= bundle.entry.len());
    }
    if let Ok(all) = &exported {
        for r in all {
            // Each exported resource is itself valid JSON.
            assert!(serde_json::from_str::<serde::de::IgnoredAny>(r).is_ok());
        }
    }
});
