//! Server-side fault injection (`/sandbox/faults`, `--fail-rate`,
//! `--rate-limit`) for client conformance tests.

use std::sync::{Mutex, OnceLock};
use std::time::Instant;

use crate::data::Rng;
use crate::lock::lock;

/// A fault applied to upcoming FHIR resource responses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// 503.
    Unavailable503,
    /// 502.
    BadGateway502,
    /// 429 with `Retry-After: 1`.
    Throttled429,
    /// `next` link on host `evil.example`.
    ForeignNextLink,
    /// `next` link equal to `self`.
    SelfNextLink,
    /// 302 to `http://evil.example/...`.
    RedirectOffOrigin,
    /// Body cut short (connection closed before Content-Length bytes).
    TruncatedBody,
    /// 200 with a body that is not JSON.
    InvalidJson,
    /// Raw gzip body inflating to ~300 MB of zeros.
    GzipBomb,
    /// The presented access token is expired (401).
    ExpireToken,
    /// 200 streaming 64 MiB of JSON whitespace with no Content-Length (body caps).
    OversizedBody,
    /// 200 with `Content-Encoding: gzip` on a body that is not gzip (a misconfigured proxy).
    WrongEncoding,
    /// 200 whose body is gzip but carries no `Content-Encoding` (a double-compressing proxy).
    UndeclaredGzip,
    /// Like `UndeclaredGzip`, but only the first half of the gzip bytes, properly framed.
    TruncatedGzip,
    /// 200 declaring `Content-Length: 64 MiB`, sending one byte, then stalling for 20 s: only a
    /// client that checks the declared length before reading answers at once.
    OversizedDeclared,
}

impl Fault {
    /// Parses a fault name.
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "unavailable_503" => Fault::Unavailable503,
            "bad_gateway_502" => Fault::BadGateway502,
            "throttled_429" => Fault::Throttled429,
            "foreign_next_link" => Fault::ForeignNextLink,
            "self_next_link" => Fault::SelfNextLink,
            "redirect_off_origin" => Fault::RedirectOffOrigin,
            "truncated_body" => Fault::TruncatedBody,
            "invalid_json" => Fault::InvalidJson,
            "gzip_bomb" => Fault::GzipBomb,
            "expire_token" => Fault::ExpireToken,
            "oversized_body" => Fault::OversizedBody,
            "wrong_encoding" => Fault::WrongEncoding,
            "undeclared_gzip" => Fault::UndeclaredGzip,
            "truncated_gzip" => Fault::TruncatedGzip,
            "oversized_declared" => Fault::OversizedDeclared,
            _ => return None,
        })
    }
}

#[derive(Debug)]
struct Window {
    start: Instant,
    count: u32,
}

/// Fault toggles plus the random failure rate and the rate limiter.
#[derive(Debug)]
pub struct Faults {
    armed: Mutex<Option<(Fault, u32)>>,
    fail_rate: f64,
    rng: Mutex<Rng>,
    rate_limit: Option<u32>,
    window: Mutex<Window>,
}

impl Faults {
    /// New toggles.
    pub fn new(fail_rate: f64, rate_limit: Option<u32>, seed: u64) -> Self {
        Faults {
            armed: Mutex::new(None),
            fail_rate,
            rng: Mutex::new(Rng::new(&[seed, 0xFA17])),
            rate_limit,
            window: Mutex::new(Window {
                start: Instant::now(),
                count: 0,
            }),
        }
    }
    /// Arms `fault` for the next `count` FHIR responses.
    pub fn arm(&self, fault: Fault, count: u32) {
        *lock(&self.armed) = (count > 0).then_some((fault, count));
    }
    /// Clears any armed fault.
    pub fn clear(&self) {
        *lock(&self.armed) = None;
    }
    /// Takes one use of the armed fault, if any.
    pub fn take(&self) -> Option<Fault> {
        let mut a = lock(&self.armed);
        let (f, n) = (*a)?;
        *a = (n > 1).then_some((f, n - 1));
        Some(f)
    }
    /// A random 502/503 per `--fail-rate`.
    pub fn random_failure(&self) -> Option<Fault> {
        if self.fail_rate <= 0.0 {
            return None;
        }
        let mut r = lock(&self.rng);
        let x = (r.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
        if x < self.fail_rate {
            Some(if r.chance(50) {
                Fault::BadGateway502
            } else {
                Fault::Unavailable503
            })
        } else {
            None
        }
    }
    /// True when this request exceeds `--rate-limit` (fixed 1 s windows).
    pub fn over_rate_limit(&self) -> bool {
        let Some(limit) = self.rate_limit else {
            return false;
        };
        let mut w = lock(&self.window);
        if w.start.elapsed().as_secs_f64() >= 1.0 {
            w.start = Instant::now();
            w.count = 0;
        }
        w.count += 1;
        w.count > limit
    }
}

struct BitWriter {
    out: Vec<u8>,
    acc: u64,
    n: u32,
}

impl BitWriter {
    fn put(&mut self, value: u64, bits: u32) {
        self.acc |= value << self.n;
        self.n += bits;
        while self.n >= 8 {
            self.out.push(self.acc as u8);
            self.acc >>= 8;
            self.n -= 8;
        }
    }
    /// Writes a Huffman code (most significant bit first).
    fn code(&mut self, code: u64, bits: u32) {
        let mut rev = 0;
        for i in 0..bits {
            rev |= ((code >> i) & 1) << (bits - 1 - i);
        }
        self.put(rev, bits);
    }
}

/// Bytes the gzip bomb inflates to (about 300 MB of zeros).
pub const BOMB_MATCHES: u64 = 1_219_274;

/// A gzip member inflating to `1 + 258 * BOMB_MATCHES` zero bytes (~300 MB),
/// built once with fixed-Huffman deflate (about 2 MB).
pub fn gzip_bomb() -> &'static [u8] {
    static BOMB: OnceLock<Vec<u8>> = OnceLock::new();
    BOMB.get_or_init(|| {
        let total = 1 + 258 * BOMB_MATCHES;
        let mut w = BitWriter {
            out: vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255],
            acc: 0,
            n: 0,
        };
        w.put(1, 1); // BFINAL
        w.put(1, 2); // BTYPE = fixed Huffman
        w.code(0x30, 8); // literal 0
        for _ in 0..BOMB_MATCHES {
            w.code(0b1100_0101, 8); // length 258 (symbol 285)
            w.code(0, 5); // distance 1
        }
        w.code(0, 7); // end of block
        if w.n > 0 {
            w.out.push(w.acc as u8);
        }
        let mut crc = flate2::Crc::new();
        let zeros = vec![0u8; 1 << 20];
        let mut left = total;
        while left > 0 {
            let k = left.min(zeros.len() as u64) as usize;
            crc.update(&zeros[..k]);
            left -= k as u64;
        }
        w.out.extend_from_slice(&crc.sum().to_le_bytes());
        w.out.extend_from_slice(&(total as u32).to_le_bytes());
        w.out
    })
}
