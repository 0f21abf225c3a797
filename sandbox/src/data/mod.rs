//! Deterministic synthetic beneficiaries and claims.
//!
//! Everything here is a pure function of the user number (`0..=29999`) and
//! the `--seed`. Claim counts per user:
//!
//! * user 0 (`BBUser00000`) has **0** claims;
//! * user 1 (`BBUser00001`) is the heavy user with **2,400** claims;
//! * every other user has between 5 and 120 claims (seed-dependent).

pub mod amounts;
pub mod claims;
pub mod codes;
pub mod dates;
pub mod insurance_card;
pub mod kinds;
pub mod names;
pub mod patient;
pub mod render;
pub mod shared;

/// Number of synthetic users (`BBUser00000` … `BBUser29999`).
pub const USER_COUNT: u32 = 30_000;
/// The user number of the heavy user.
pub const HEAVY_USER: u32 = 1;
/// Claim count of the heavy user.
pub const HEAVY_CLAIMS: usize = 2_400;

/// A tiny deterministic PRNG (splitmix64).
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator seeded from several words.
    pub fn new(parts: &[u64]) -> Self {
        let mut s = 0x9E37_79B9_7F4A_7C15u64;
        for p in parts {
            s = mix(s ^ p.wrapping_mul(0xA24B_AED4_963E_E407));
        }
        Rng(s)
    }
    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        mix(self.0)
    }
    /// A value in `0..n` (`n > 0`).
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            0
        } else {
            self.next_u64() % n
        }
    }
    /// A value in `lo..=hi`.
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.below(hi - lo + 1)
    }
    /// One element of a non-empty slice.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
    /// True with probability `pct`/100.
    pub fn chance(&mut self, pct: u64) -> bool {
        self.below(100) < pct
    }
}

fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The API version a resource is rendered for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Version {
    /// `/v1`: FHIR STU3 shapes.
    V1,
    /// `/v2`: FHIR R4 (CARIN BB) shapes.
    V2,
    /// `/v3`: BFD server-ng shapes.
    V3,
}

impl Version {
    /// Parses `v1`, `v2` or `v3`.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "v1" => Some(Version::V1),
            "v2" => Some(Version::V2),
            "v3" => Some(Version::V3),
            _ => None,
        }
    }
    /// `v1`, `v2` or `v3`.
    pub fn as_str(self) -> &'static str {
        match self {
            Version::V1 => "v1",
            Version::V2 => "v2",
            Version::V3 => "v3",
        }
    }
}

/// The patient (crosswalk) id of user `n` for a version: v1 and v2 share
/// `-2000000000NNNN`, v3 uses `-3000000000NNNN`.
pub fn patient_id(n: u32, v: Version) -> String {
    match v {
        Version::V3 => format!("-{}", 30_000_000_000_000u64 + u64::from(n)),
        _ => format!("-{}", 20_000_000_000_000u64 + u64::from(n)),
    }
}

/// The user number behind a patient id of the given version, if any.
pub fn user_from_patient_id(id: &str, v: Version) -> Option<u32> {
    let num: u64 = id.strip_prefix('-')?.parse().ok()?;
    let base = if v == Version::V3 {
        30_000_000_000_000u64
    } else {
        20_000_000_000_000
    };
    let n = num.checked_sub(base)?;
    (n < u64::from(USER_COUNT)).then_some(n as u32)
}

/// Parses `BBUser00042` into 42.
pub fn user_from_username(name: &str) -> Option<u32> {
    let digits = name.strip_prefix("BBUser")?;
    if digits.len() != 5 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: u32 = digits.parse().ok()?;
    (n < USER_COUNT).then_some(n)
}

/// The password of user `n`: `PW{n:05}!`.
pub fn password_for(n: u32) -> String {
    format!("PW{n:05}!")
}

/// How many claims user `n` has under `seed`.
pub fn claim_count(n: u32, seed: u64) -> usize {
    match n {
        0 => 0,
        HEAVY_USER => HEAVY_CLAIMS,
        _ => Rng::new(&[seed, u64::from(n), 0xC1A1]).range(5, 120) as usize,
    }
}
