//! v3 only: recent claims from the Medicare shared systems and prior authorizations (API doc
//! §12.3-§12.4), generated deterministically per user, apart from the NCH/DDPS history of
//! [`super::claims`] (which v1, v2 and the default v3 search serve unchanged).
//!
//! * Shared-system claims: FISS (institutional), MCS (carrier), VMS (DME) or CWF, with service
//!   dates in the last weeks of the data (December 2024). Every other one (the 1st, 3rd, …) is
//!   `outcome: partial` with a `NotFinalAction` tag; the others are paid (`complete`,
//!   `FinalAction`). Every user with claims has 1 to 4 (the heavy user 6), the first from CWF.
//! * Prior authorizations: source CWF, `use: preauthorization`, UUID ids. Users whose number
//!   is not a multiple of 3 have one or two (the heavy user two); user 0 none.

use serde_json::{json, Value};

use super::amounts::claim_lines;
use super::claims::{Claim, Line};
use super::codes::{DME, HCPCS, HOSPITAL, ICD10};
use super::dates::{days_from_civil, fmt_date, fmt_instant};
use super::kinds::{ClaimType, Source};
use super::{claim_count, patient_id, Rng, HEAVY_USER};

const V3CS: &str = "https://bluebutton.cms.gov/fhir/CodeSystem";
const V3SD: &str = "https://bluebutton.cms.gov/fhir/StructureDefinition";

/// The claim id of shared-system claim `j` of user `n` (numeric like every v3 claim id, and
/// above the NCH/DDPS ids of the same user, which stay below `(n + 1) * 10_000 + 2_400`).
fn shared_id(n: u32, j: usize) -> u64 {
    (u64::from(n) + 1) * 10_000 + 9_000 + j as u64
}

/// The recent shared-system claims of user `n` (none for a user without claims).
pub fn shared_claims(n: u32, seed: u64) -> Vec<Claim> {
    if claim_count(n, seed) == 0 {
        return Vec::new();
    }
    let mut rng = Rng::new(&[seed, u64::from(n), 0x5A5E]);
    let count = if n == HEAVY_USER {
        6
    } else {
        rng.range(1, 4) as usize
    };
    let first = days_from_civil(2024, 12, 1);
    (0..count)
        .map(|j| {
            let kind = *rng.pick(&[
                ClaimType::Carrier,
                ClaimType::Outpatient,
                ClaimType::Dme,
                ClaimType::Inpatient,
            ]);
            let source = match (j, kind) {
                (0, _) => Source::Cwf,
                (_, ClaimType::Carrier) => Source::Mcs,
                (_, ClaimType::Dme) => Source::Vms,
                _ => Source::Fiss,
            };
            let start = first + rng.below(25) as i64;
            let end = start + if kind == ClaimType::Inpatient { 3 } else { 0 };
            let table = match kind {
                ClaimType::Carrier => HCPCS,
                ClaimType::Dme => DME,
                _ => HOSPITAL,
            };
            let nlines = rng.range(1, 2) as usize;
            let lines = claim_lines(kind, nlines, &mut rng)
                .into_iter()
                .map(|(submitted, allowed, paid)| {
                    let (code, display) = *rng.pick(table);
                    Line {
                        code,
                        display,
                        quantity: 1,
                        submitted,
                        allowed,
                        paid,
                        day: start,
                    }
                })
                .collect();
            let partial = j % 2 == 0;
            Claim {
                kind,
                nch_code: match kind {
                    ClaimType::Carrier => "71",
                    ClaimType::Dme => "81",
                    ClaimType::Inpatient => "60",
                    _ => "40",
                },
                claim_id: shared_id(n, j),
                group_id: rng.range(100_000_000, 999_999_999),
                start,
                end,
                last_updated: (end + 2) * 86_400 + rng.below(86_400) as i64,
                diagnoses: vec![*rng.pick(ICD10)],
                samhsa: false,
                lines,
                npi: rng.range(1_000_000_000, 1_999_999_999),
                other_npi: rng.range(1_000_000_000, 1_999_999_999),
                source,
                final_action: !partial,
                outcome: if partial { "partial" } else { "complete" },
            }
        })
        .collect()
}

/// One prior authorization.
#[derive(Debug, Clone)]
pub struct PriorAuth {
    /// UUID id.
    pub id: String,
    /// `Part A` (institutional, home health) or `Part B` (professional).
    pub part_a: bool,
    /// Day the request was last updated (days since epoch).
    pub updated: i64,
    /// HCPCS code, its name (not rendered: the real data carries none) and decision (`A`
    /// affirmed, `N` non-affirmed, `P` pending).
    pub items: Vec<(&'static str, &'static str, &'static str)>,
    /// Unique tracking number.
    pub utn: String,
}

impl PriorAuth {
    /// `partial` when any item is still pending (`P`), else `complete` (doc §12.3).
    pub fn outcome(&self) -> &'static str {
        if self.items.iter().any(|i| i.2 == "P") {
            "partial"
        } else {
            "complete"
        }
    }
}

fn uuid(rng: &mut Rng) -> String {
    let (a, b) = (rng.next_u64(), rng.next_u64());
    format!(
        "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
        a >> 32,
        (a >> 16) & 0xffff,
        a & 0xfff,
        0x8000 | ((b >> 48) & 0x3fff),
        b & 0xffff_ffff_ffff
    )
}

/// The prior authorizations of user `n`.
pub fn prior_auths(n: u32, seed: u64) -> Vec<PriorAuth> {
    if n.is_multiple_of(3) || claim_count(n, seed) == 0 {
        return Vec::new();
    }
    let mut rng = Rng::new(&[seed, u64::from(n), 0x9A07]);
    let count = if n == HEAVY_USER { 2 } else { rng.range(1, 2) };
    let first = days_from_civil(2024, 11, 1);
    (0..count)
        .map(|k| {
            let part_a = k % 2 == 1;
            let items = (0..rng.range(1, 2))
                .map(|i| {
                    let (code, display) = *rng.pick(HCPCS);
                    let decision = match (k, i) {
                        (0, 0) => "P",
                        _ => *rng.pick(&["A", "N"]),
                    };
                    (code, display, decision)
                })
                .collect();
            PriorAuth {
                id: uuid(&mut rng),
                part_a,
                updated: first + rng.below(50) as i64,
                items,
                utn: format!("{:014}", rng.below(100_000_000_000_000)),
            }
        })
        .collect()
}

/// Renders a prior authorization as BFD server-ng does (doc §12.3; fixture
/// `EobPriorAuthorizationIT`): pdex-priorauthorization profile, `use: preauthorization`,
/// source CWF, only a System-Type `SharedSystem` tag, no payment.
pub fn render_prior_auth(pa: &PriorAuth, n: u32) -> Value {
    let pid = patient_id(n, super::Version::V3);
    let (ctype, clm_type, clm_display) = if pa.part_a {
        ("institutional", "H", "Home Health")
    } else {
        ("professional", "B", "Part B")
    };
    let day = fmt_date(pa.updated);
    let items: Vec<Value> = pa
        .items
        .iter()
        .enumerate()
        .map(|(i, (code, _name, decision))| {
            let decision_display = match *decision {
                "A" => "Affirmed",
                "N" => "Non-affirmed",
                _ => "Pending",
            };
            json!({
                "sequence": i + 1,
                "extension": [
                    {"url": format!("{V3SD}/PA-DECISION"), "valueCoding":
                        {"system": format!("{V3CS}/PA-DECISION"), "code": decision, "display": decision_display}},
                    {"url": format!("{V3SD}/PA-DT-UPDATED"), "valueDate": day},
                ],
                "productOrService": {"coding": [{"system": "https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets", "code": code}]},
            })
        })
        .collect();
    json!({
        "resourceType": "ExplanationOfBenefit",
        "id": pa.id,
        "meta": {
            "lastUpdated": fmt_instant(pa.updated * 86_400 + 3_600),
            "profile": ["http://hl7.org/fhir/us/davinci-pdex/StructureDefinition/pdex-priorauthorization"],
            "source": "CWF",
            "tag": [{"system": format!("{V3CS}/System-Type"), "code": "SharedSystem"}],
        },
        "identifier": [{"system": "https://bluebutton.cms.gov/identifiers/Unique-Tracking-Number", "value": pa.utn}],
        "status": "active",
        "type": {"coding": [
            {"system": "http://terminology.hl7.org/CodeSystem/claim-type", "code": ctype, "display": ctype},
            {"system": format!("{V3CS}/CLM-TYPE"), "code": clm_type, "display": clm_display},
        ]},
        "use": "preauthorization",
        "patient": {"reference": format!("Patient/{pid}")},
        "created": format!("{day}T00:00:00+00:00"),
        "insurer": {"display": "Centers for Medicare and Medicaid Services"},
        "outcome": pa.outcome(),
        "preAuthRefPeriod": [{"start": day, "end": fmt_date(pa.updated + 365)}],
        "insurance": [{"focal": true, "coverage": {"display": if pa.part_a { "Part A" } else { "Part B" }}}],
        "item": items,
    })
}
