//! Realistic amounts per claim type. A claim's Medicare payment is drawn from a skewed
//! range (`lo + (hi - lo) * u^k` with `u` uniform in `[0, 1)`: most claims near `lo`, a few
//! near `hi`), then split over the lines; each line's allowed amount is its payment / 0.8
//! (Medicare pays 80% of the allowed amount; for Part D the plan's share, same rule here)
//! and the billed (submitted) charge is the allowed amount times a markup.
//!
//! | Type | Paid per claim | Skew `k` | Billed / allowed |
//! |------|----------------|----------|------------------|
//! | Carrier (professional) | $10 – $250 (mean ≈ $44) | 6 | 1.5 – 3× |
//! | Part D drug fill | $2 – $250 (mean ≈ $37) | 6 | 1 – 1.15× |
//! | Outpatient | $80 – $2,500 (mean ≈ $425) | 6 | 2 – 4.5× |
//! | DME | $20 – $1,200 (mean ≈ $190) | 6 | 1.3 – 2.5× |
//! | Home health (30–60-day episode) | $1,500 – $3,500 | 1 | 1 – 1.3× |
//! | Hospice (30–90 days) | $3,000 – $12,000 | 1 | 1 – 1.3× |
//! | Skilled nursing stay | $2,500 – $15,000 | 2 | 2 – 4.5× |
//! | Inpatient stay | $5,000 – $35,000 (mean ≈ $10,000) | 5 | 2 – 4.5× |
//!
//! With the type mix of [`super::claims`] (hospital, nursing-facility, home-health and
//! hospice claims a few per 2,000), the heavy user's 2,400 claims over four years come to
//! roughly $200,000–$300,000 paid (a very sick beneficiary; `people.rs` in the sandbox tests
//! prints it), and a typical user's to a few thousand dollars.

use super::kinds::ClaimType;
use super::Rng;

/// One line's (submitted, allowed, paid) amounts in cents.
pub type LineAmounts = (u64, u64, u64);

/// (paid low, paid high) in cents, skew exponent, and markup range in percent.
fn profile(kind: ClaimType) -> (u64, u64, u32, (u64, u64)) {
    match kind {
        ClaimType::Carrier => (1_000, 25_000, 6, (150, 300)),
        ClaimType::Pde => (200, 25_000, 6, (100, 115)),
        ClaimType::Outpatient => (8_000, 250_000, 6, (200, 450)),
        ClaimType::Dme => (2_000, 120_000, 6, (130, 250)),
        ClaimType::Hha => (150_000, 350_000, 1, (100, 130)),
        ClaimType::Hospice => (300_000, 1_200_000, 1, (100, 130)),
        ClaimType::Snf => (250_000, 1_500_000, 2, (200, 450)),
        ClaimType::Inpatient => (500_000, 3_500_000, 5, (200, 450)),
    }
}

/// A skewed draw in `lo..=hi`: `lo + (hi - lo) * u^k`.
fn skewed(rng: &mut Rng, lo: u64, hi: u64, k: u32) -> u64 {
    const ONE: u128 = 1 << 20;
    let u = u128::from(rng.below(ONE as u64));
    let mut f = ONE;
    for _ in 0..k {
        f = f * u / ONE;
    }
    lo + ((u128::from(hi - lo) * f) / ONE) as u64
}

/// The amounts of a claim of type `kind` with `lines` lines (at least one), in cents.
pub fn claim_lines(kind: ClaimType, lines: usize, rng: &mut Rng) -> Vec<LineAmounts> {
    let (lo, hi, k, (m_lo, m_hi)) = profile(kind);
    let paid = skewed(rng, lo, hi, k);
    let weights: Vec<u64> = (0..lines.max(1)).map(|_| rng.range(1, 4)).collect();
    let sum: u64 = weights.iter().sum();
    let mut left = paid;
    weights
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let p = if i + 1 == weights.len() {
                left
            } else {
                paid * w / sum
            };
            left -= p;
            let allowed = p * 100 / 80;
            let submitted = allowed * rng.range(m_lo, m_hi) / 100;
            (submitted, allowed, p)
        })
        .collect()
}
