//! The claim model and its deterministic generator.

use super::amounts::claim_lines;
use super::codes::{DME, HCPCS, HOME_HEALTH, HOSPICE, HOSPITAL, ICD10, NDC, NURSING, SAMHSA_ICD10};
use super::dates::days_from_civil;
use super::kinds::{ClaimType, Source};
use super::{claim_count, Rng};

/// One claim line.
#[derive(Debug, Clone)]
pub struct Line {
    /// HCPCS code, or NDC for PDE.
    pub code: &'static str,
    /// Code description.
    pub display: &'static str,
    /// Units (or days supply for PDE).
    pub quantity: u32,
    /// Submitted charge, cents.
    pub submitted: u64,
    /// Allowed amount, cents.
    pub allowed: u64,
    /// Medicare payment, cents.
    pub paid: u64,
    /// Service day (days since epoch).
    pub day: i64,
}

/// One synthetic claim.
#[derive(Debug, Clone)]
pub struct Claim {
    /// The claim type.
    pub kind: ClaimType,
    /// NCH claim type code.
    pub nch_code: &'static str,
    /// Numeric claim id (unique across users).
    pub claim_id: u64,
    /// Claim group id.
    pub group_id: u64,
    /// First service day (days since epoch).
    pub start: i64,
    /// Last service day.
    pub end: i64,
    /// `meta.lastUpdated`, Unix seconds.
    pub last_updated: i64,
    /// ICD-10 diagnoses, principal first.
    pub diagnoses: Vec<(&'static str, &'static str)>,
    /// True when a 42 CFR Part 2 (SAMHSA) diagnosis is present.
    pub samhsa: bool,
    /// Lines.
    pub lines: Vec<Line>,
    /// Billing/rendering provider NPI.
    pub npi: u64,
    /// Referring/prescribing provider NPI.
    pub other_npi: u64,
    /// v3 source system (`meta.source`): NCH or DDPS here, a shared system for the
    /// recent claims of [`super::shared`].
    pub source: Source,
    /// v3 Final-Action tag: `FinalAction` (true) or `NotFinalAction`.
    pub final_action: bool,
    /// R4 `outcome`: `complete`, or `partial` while a shared system is still on it.
    pub outcome: &'static str,
}

impl Claim {
    /// The v1/v2 resource id, e.g. `carrier-10010003`.
    pub fn eob_id(&self) -> String {
        format!("{}-{}", self.kind.lower(), self.claim_id)
    }
    /// Sum of submitted charges, cents.
    pub fn submitted(&self) -> u64 {
        self.lines.iter().map(|l| l.submitted).sum()
    }
    /// Sum of allowed amounts, cents.
    pub fn allowed(&self) -> u64 {
        self.lines.iter().map(|l| l.allowed).sum()
    }
    /// Sum of payments, cents.
    pub fn paid(&self) -> u64 {
        self.lines.iter().map(|l| l.paid).sum()
    }
}

fn npi(rng: &mut Rng) -> u64 {
    rng.range(1_000_000_000, 1_999_999_999)
}

/// The claim type mix, per 2,000 claims: mostly doctor and supplier claims and drug fills;
/// hospital, nursing-facility, home-health and hospice claims a few per 2,000 (see
/// [`super::amounts`] for what each costs).
fn pick_type(rng: &mut Rng) -> ClaimType {
    match rng.below(2000) {
        0..1162 => ClaimType::Carrier,
        1162..1822 => ClaimType::Pde,
        1822..1912 => ClaimType::Outpatient,
        1912..1986 => ClaimType::Dme,
        1986..1993 => ClaimType::Hha,
        1993..1996 => ClaimType::Snf,
        1996..1998 => ClaimType::Inpatient,
        _ => ClaimType::Hospice,
    }
}

/// Generates all claims of user `n` under `seed`, sorted by service start.
pub fn generate(n: u32, seed: u64) -> Vec<Claim> {
    let count = claim_count(n, seed);
    let first = days_from_civil(2021, 1, 1);
    let last = days_from_civil(2024, 12, 31);
    let mut rng = Rng::new(&[seed, u64::from(n), 0xE0B]);
    let doctors: Vec<u64> = (0..4).map(|_| npi(&mut rng)).collect();
    let chronic: Vec<(&str, &str)> = (0..3).map(|_| *rng.pick(ICD10)).collect();
    let drugs: Vec<(&str, &str)> = (0..3).map(|_| *rng.pick(NDC)).collect();
    let mut out = Vec::with_capacity(count);
    for i in 0..count {
        let kind = if n == super::HEAVY_USER && i < 8 {
            ClaimType::ALL[i] // the heavy user has every type
        } else {
            pick_type(&mut rng)
        };
        let start = rng.range(first as u64, last as u64) as i64;
        let len = match kind {
            ClaimType::Inpatient => rng.range(2, 10),
            ClaimType::Snf => rng.range(5, 30),
            ClaimType::Hha => rng.range(30, 60),
            ClaimType::Hospice => rng.range(30, 90),
            ClaimType::Outpatient => rng.range(0, 1),
            _ => 0,
        } as i64;
        let end = (start + len).min(last);
        let mut diagnoses = vec![if rng.chance(70) {
            *rng.pick(&chronic)
        } else {
            *rng.pick(ICD10)
        }];
        if kind != ClaimType::Pde {
            for _ in 0..rng.below(3) {
                diagnoses.push(*rng.pick(ICD10));
            }
        }
        let samhsa =
            kind != ClaimType::Pde && (rng.chance(3) || (n == super::HEAVY_USER && i == 9));
        if samhsa {
            diagnoses.push(*rng.pick(SAMHSA_ICD10));
        }
        let (table, nlines): (&[(&str, &str)], u64) = match kind {
            ClaimType::Carrier => (HCPCS, rng.range(1, 3)),
            ClaimType::Dme => (DME, rng.range(1, 2)),
            ClaimType::Pde => (NDC, 1),
            ClaimType::Inpatient => (HOSPITAL, rng.range(2, 5)),
            ClaimType::Outpatient => (HOSPITAL, rng.range(1, 4)),
            ClaimType::Snf => (NURSING, rng.range(1, 4)),
            ClaimType::Hha => (HOME_HEALTH, rng.range(1, 4)),
            ClaimType::Hospice => (HOSPICE, rng.range(1, 4)),
        };
        let amounts = claim_lines(kind, nlines as usize, &mut rng);
        let mut lines = Vec::with_capacity(amounts.len());
        for (submitted, allowed, paid) in amounts {
            let (code, display) = if kind == ClaimType::Pde && rng.chance(80) {
                *rng.pick(&drugs)
            } else {
                *rng.pick(table)
            };
            let quantity = match kind {
                ClaimType::Pde => *rng.pick(&[30u32, 60, 90]),
                _ => rng.range(1, 3) as u32,
            };
            let day = start + rng.below((end - start + 1) as u64) as i64;
            lines.push(Line {
                code,
                display,
                quantity,
                submitted,
                allowed,
                paid,
                day,
            });
        }
        let last_updated = (end + rng.range(3, 45) as i64) * 86_400 + rng.below(86_400) as i64;
        out.push(Claim {
            kind,
            nch_code: rng.pick::<&str>(kind.nch_codes()),
            claim_id: 0,
            group_id: rng.range(100_000_000, 999_999_999),
            start,
            end,
            last_updated,
            diagnoses,
            samhsa,
            lines,
            npi: if kind == ClaimType::Carrier {
                *rng.pick(&doctors)
            } else {
                npi(&mut rng)
            },
            other_npi: *rng.pick(&doctors),
            source: if kind == ClaimType::Pde {
                Source::Ddps
            } else {
                Source::Nch
            },
            final_action: true,
            outcome: "complete",
        });
    }
    out.sort_by_key(|c| c.start);
    for (i, c) in out.iter_mut().enumerate() {
        c.claim_id = (u64::from(n) + 1) * 10_000 + i as u64;
    }
    out
}
