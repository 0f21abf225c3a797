//! Unit tests of the parent module.

use super::*;

const HL7: &str = "http://terminology.hl7.org/CodeSystem/adjudication";
const VAR: &str = "https://bluebutton.cms.gov/resources/variables/";

#[test]
#[allow(clippy::type_complexity)]
fn table() {
    let v = |s: &str| format!("{VAR}{s}");
    let cases: Vec<(Vec<(&str, String)>, Option<AmountKind>)> = vec![
        (
            vec![
                (HL7, "submitted".into()),
                (CMS_ADJUDICATION_SYSTEM, v("line_sbmtd_chrg_amt")),
            ],
            Some(AmountKind::Submitted),
        ),
        (
            vec![
                (HL7, "eligible".into()),
                (CMS_ADJUDICATION_SYSTEM, v("line_prmry_alowd_chrg_amt")),
            ],
            None,
        ),
        (
            vec![
                (CMS_ADJUDICATION_SYSTEM, v("rev_cntr_pmt_amt_amt")),
                (HL7, "submitted".into()),
            ],
            Some(AmountKind::Paid),
        ),
        (
            vec![(CMS_ADJUDICATION_SYSTEM_V3, "CLM_LINE_CVRD_PD_AMT".into())],
            Some(AmountKind::Paid),
        ),
        (
            vec![(CMS_ADJUDICATION_SYSTEM_V3, "CLM_LINE_ALOWD_CHRG_AMT".into())],
            Some(AmountKind::Allowed),
        ),
        (vec![(HL7, "benefit".into())], Some(AmountKind::Paid)),
        (
            vec![(
                "http://hl7.org/fhir/us/carin-bb/CodeSystem/C4BBAdjudication",
                "paidtoprovider".into(),
            )],
            None,
        ),
        (vec![], None),
    ];
    for (codings, want) in cases {
        let got = classify(codings.iter().map(|(s, c)| (*s, c.as_str())));
        assert_eq!(got, want, "{codings:?}");
    }
}
