//! Shared server state: tokens, codes, counters, claim cache.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use base64::Engine;

use crate::config::{Client, Config};
use crate::data::claims::{generate, Claim};
use crate::data::kinds::ClaimType;
use crate::data::render::eob;
use crate::data::{Rng, Version};
use crate::faults::Faults;
use crate::lock::lock;

/// What the beneficiary granted on the consent page.
#[derive(Debug, Clone)]
pub struct Grant {
    /// User number.
    pub user: u32,
    /// API version the grant was made on.
    pub version: Version,
    /// The client it was granted to.
    pub client_id: String,
    /// Granted scopes.
    pub scope: Vec<String>,
    /// Demographics shared.
    pub demographics: bool,
    /// SAMHSA (42 CFR Part 2) data shared.
    pub samhsa: bool,
    /// Part D data only.
    pub part_d_only: bool,
    /// `access_grant_expiration` (Unix seconds): 13 months after consent.
    pub expires_at: i64,
}

impl Grant {
    /// Whether this grant may see claim `c` on API version `v` (v3: SAMHSA declined,
    /// Part-D-only; v1 and v2 show every claim).
    pub fn sees(&self, v: Version, c: &Claim) -> bool {
        v != Version::V3
            || ((self.samhsa || !c.samhsa) && (!self.part_d_only || c.kind == ClaimType::Pde))
    }
    /// The space-separated scope string.
    pub fn scope_string(&self) -> String {
        self.scope.join(" ")
    }
    /// Whether some scope covers `patient/<resource>.*`.
    pub fn allows_resource(&self, resource: &str) -> bool {
        let prefix = format!("patient/{resource}.");
        self.scope.iter().any(|s| s.starts_with(&prefix))
    }
}

/// A pending authorization code.
#[derive(Debug, Clone)]
pub struct CodeEntry {
    /// The grant behind it.
    pub grant: Arc<Grant>,
    /// The redirect URI used at authorize.
    pub redirect_uri: String,
    /// The S256 challenge.
    pub challenge: String,
    /// When it was issued.
    pub issued: Instant,
}

/// A live access token.
#[derive(Debug, Clone)]
pub struct AccessEntry {
    /// The grant behind it.
    pub grant: Arc<Grant>,
    /// Expiry.
    pub expires: Instant,
}

/// A live refresh token.
#[derive(Debug, Clone)]
pub struct RefreshEntry {
    /// The grant behind it.
    pub grant: Arc<Grant>,
    /// The access token issued with it.
    pub access: String,
}

/// Token and code stores.
#[derive(Debug, Default)]
pub struct Stores {
    /// Authorization codes.
    pub codes: HashMap<String, CodeEntry>,
    /// Access tokens.
    pub access: HashMap<String, AccessEntry>,
    /// Refresh tokens.
    pub refresh: HashMap<String, RefreshEntry>,
}

/// Lazily rendered EOB JSON texts of one user and version.
type RenderedSlots = Arc<Vec<OnceLock<String>>>;

/// The whole server state.
#[derive(Debug)]
pub struct AppState {
    /// Options.
    pub config: Config,
    /// Tokens and codes.
    pub stores: Mutex<Stores>,
    /// Token-endpoint calls by grant type.
    pub stats: Mutex<BTreeMap<String, u64>>,
    /// Fault toggles, fail rate and rate limit.
    pub faults: Faults,
    claims: Mutex<HashMap<u32, Arc<Vec<Claim>>>>,
    rendered: Mutex<HashMap<(u32, Version), RenderedSlots>>,
}

/// A fresh random token (32 bytes, base64url).
pub fn random_token() -> String {
    let mut buf = [0u8; 32];
    if getrandom::fill(&mut buf).is_err() {
        // Fall back to a time-seeded PRNG; tokens stay unique per process.
        let t = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos() as u64)
            .unwrap_or(0);
        let mut r = Rng::new(&[t, std::process::id() as u64]);
        for chunk in buf.chunks_mut(8) {
            chunk.copy_from_slice(&r.next_u64().to_le_bytes()[..chunk.len()]);
        }
    }
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(buf)
}

impl AppState {
    /// New state from options.
    pub fn new(config: Config) -> Self {
        let faults = Faults::new(config.fail_rate, config.rate_limit, config.seed);
        AppState {
            config,
            stores: Mutex::new(Stores::default()),
            stats: Mutex::new(BTreeMap::new()),
            faults,
            claims: Mutex::new(HashMap::new()),
            rendered: Mutex::new(HashMap::new()),
        }
    }

    /// The registered client with this id.
    pub fn client(&self, id: &str) -> Option<&Client> {
        self.config.clients.iter().find(|c| c.client_id == id)
    }

    /// Counts one token-endpoint call.
    pub fn count_token_call(&self, grant_type: &str) {
        let key = if grant_type.is_empty() {
            "(none)"
        } else {
            grant_type
        };
        *lock(&self.stats).entry(key.to_string()).or_insert(0) += 1;
    }

    /// The claims of user `n`, generated once and cached.
    pub fn claims(&self, n: u32) -> Arc<Vec<Claim>> {
        if let Some(c) = lock(&self.claims).get(&n) {
            return c.clone();
        }
        let c = Arc::new(generate(n, self.config.seed));
        let mut cache = lock(&self.claims);
        if cache.len() > 256 {
            cache.clear();
        }
        cache.insert(n, c.clone());
        c
    }

    /// Claim `idx` of user `n` rendered as JSON text for version `v`,
    /// rendered once and cached.
    pub fn eob_text(&self, n: u32, v: Version, claims: &[Claim], idx: usize) -> String {
        let slots = {
            let mut cache = lock(&self.rendered);
            if cache.len() > 64 {
                cache.clear();
            }
            cache
                .entry((n, v))
                .or_insert_with(|| Arc::new((0..claims.len()).map(|_| OnceLock::new()).collect()))
                .clone()
        };
        match slots.get(idx) {
            Some(slot) => slot
                .get_or_init(|| eob(&claims[idx], n, v).to_string())
                .clone(),
            None => eob(&claims[idx], n, v).to_string(),
        }
    }

    /// Issues an access + refresh token pair for a grant.
    pub fn issue_tokens(&self, grant: Arc<Grant>) -> (String, String) {
        let access = random_token();
        let refresh = random_token();
        let ttl = Duration::from_secs(self.config.token_ttl);
        let mut s = lock(&self.stores);
        s.access.insert(
            access.clone(),
            AccessEntry {
                grant: grant.clone(),
                expires: Instant::now() + ttl,
            },
        );
        s.refresh.insert(
            refresh.clone(),
            RefreshEntry {
                grant,
                access: access.clone(),
            },
        );
        (access, refresh)
    }

    /// The grant of a live access token.
    pub fn check_access(&self, token: &str) -> Option<Arc<Grant>> {
        let mut s = lock(&self.stores);
        match s.access.get(token) {
            Some(e) if e.expires > Instant::now() => Some(e.grant.clone()),
            Some(_) => {
                s.access.remove(token);
                None
            }
            None => None,
        }
    }

    /// Deletes every access and refresh token of `client_id` for `user`, on any version: BB2
    /// does this after each successful authorization (doc §12.5, `apps/dot_ext/utils.py`).
    pub fn revoke_earlier_tokens(&self, client_id: &str, user: u32) {
        let mut s = lock(&self.stores);
        let mine = |g: &Grant| g.client_id == client_id && g.user == user;
        s.access.retain(|_, e| !mine(&e.grant));
        s.refresh.retain(|_, e| !mine(&e.grant));
    }

    /// Forgets an access token (the `expire_token` fault).
    pub fn expire_access(&self, token: &str) {
        lock(&self.stores).access.remove(token);
    }
}
