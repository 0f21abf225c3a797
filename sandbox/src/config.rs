//! Command-line options and registered OAuth clients.

use serde::Deserialize;

/// Default public client id.
pub const DEFAULT_PUBLIC_ID: &str = "bbwasm-local-public";
/// Default confidential client id.
pub const DEFAULT_CONFIDENTIAL_ID: &str = "bbwasm-local-confidential";
/// Secret of the default confidential client.
pub const DEFAULT_SECRET: &str = "local-dev-secret";
/// Default public client with one-hour, no-refresh access (`ONE_TIME`, doc §12.6).
pub const DEFAULT_ONE_TIME_ID: &str = "bbwasm-local-one-time";

/// How long an app's access lasts (`data_access_type`, doc §12.6).
#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq, Eq)]
pub enum DataAccess {
    /// 13 months, refreshable until then (BB2's default).
    #[default]
    #[serde(rename = "THIRTEEN_MONTH")]
    ThirteenMonth,
    /// One hour: a refresh answers 403 `invalid_client`.
    #[serde(rename = "ONE_TIME")]
    OneTime,
    /// No expiry: `access_grant_expiration` is `""`.
    #[serde(rename = "RESEARCH_STUDY")]
    Research,
}

impl DataAccess {
    /// Parses `one_time`, `thirteen_month` or `research` (any case, `-` or `_`).
    pub fn parse(text: &str) -> Option<Self> {
        match text.to_ascii_lowercase().replace('-', "_").as_str() {
            "one_time" => Some(Self::OneTime),
            "thirteen_month" | "13_month" => Some(Self::ThirteenMonth),
            "research" | "research_study" => Some(Self::Research),
            _ => None,
        }
    }
}
/// Redirect URIs registered on both default clients.
pub const DEFAULT_REDIRECTS: [&str; 3] = [
    "http://127.0.0.1:8080/",
    "http://localhost:8080/",
    "http://127.0.0.1:8080/callback",
];

/// One registered OAuth client (application).
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
pub struct Client {
    /// The `client_id`.
    pub client_id: String,
    /// `true` for confidential clients (secret required at the token step).
    #[serde(default)]
    pub confidential: bool,
    /// The client secret (confidential clients).
    #[serde(default)]
    pub client_secret: Option<String>,
    /// Registered redirect URIs (exact match).
    #[serde(default)]
    pub redirect_uris: Vec<String>,
    /// How long access lasts (`"ONE_TIME"`, `"THIRTEEN_MONTH"` default, `"RESEARCH_STUDY"`).
    #[serde(default, rename = "data_access_type")]
    pub data_access: DataAccess,
}

/// Server options (see [`HELP`]).
#[derive(Debug, Clone)]
pub struct Config {
    /// Bind address host.
    pub host: String,
    /// Bind port (0 = any).
    pub port: u16,
    /// Extra latency added to every response, milliseconds.
    pub latency_ms: u64,
    /// Share (0..=1) of FHIR responses turned into 502/503.
    pub fail_rate: f64,
    /// FHIR requests per second before 429 (`None` = unlimited).
    pub rate_limit: Option<u32>,
    /// Minimum body size for gzip.
    pub gzip_min_bytes: usize,
    /// Data seed.
    pub seed: u64,
    /// Access-token lifetime in seconds.
    pub token_ttl: u64,
    /// Registered clients.
    pub clients: Vec<Client>,
    /// Log requests to stderr.
    pub log: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            host: "127.0.0.1".into(),
            port: 8000,
            latency_ms: 0,
            fail_rate: 0.0,
            rate_limit: None,
            gzip_min_bytes: 200,
            seed: 0,
            token_ttl: 3600,
            clients: default_clients(&[]),
            log: true,
        }
    }
}

/// The two default clients, with `extra` redirect URIs added to both.
pub fn default_clients(extra: &[String]) -> Vec<Client> {
    let mut uris: Vec<String> = DEFAULT_REDIRECTS.iter().map(|s| s.to_string()).collect();
    uris.extend(extra.iter().cloned());
    vec![
        Client {
            client_id: DEFAULT_PUBLIC_ID.into(),
            confidential: false,
            client_secret: None,
            redirect_uris: uris.clone(),
            data_access: DataAccess::ThirteenMonth,
        },
        Client {
            client_id: DEFAULT_CONFIDENTIAL_ID.into(),
            confidential: true,
            client_secret: Some(DEFAULT_SECRET.into()),
            redirect_uris: uris.clone(),
            data_access: DataAccess::ThirteenMonth,
        },
        Client {
            client_id: DEFAULT_ONE_TIME_ID.into(),
            confidential: false,
            client_secret: None,
            redirect_uris: uris,
            data_access: DataAccess::OneTime,
        },
    ]
}

/// `--help` text.
pub const HELP: &str = "\
bluebutton-sandbox: a local emulator of the CMS Blue Button 2.0 API
(OAuth + FHIR v1/v2/v3) with deterministic synthetic data.

USAGE: bluebutton-sandbox [OPTIONS]

OPTIONS:
  --host HOST           bind address (default 127.0.0.1)
  --port N              port (default 8000; 0 = any free port). The first
                        stdout line is `bluebutton-sandbox listening on
                        http://HOST:PORT`.
  --latency-ms N        delay added to every response (default 0)
  --fail-rate P         share 0..1 of FHIR resource responses (Patient,
                        Coverage, EOB) answered 502 or 503 (default 0)
  --rate-limit N/s      FHIR resource requests per second; past it 429 with
                        Retry-After: 1 (default: unlimited). OAuth endpoints
                        are not limited.
  --gzip-min-bytes N    gzip threshold (default 200 = Django GZipMiddleware,
                        doc s5; use 1000 for the legacy nginx/docs figure)
  --seed S              data seed (default 0)
  --token-ttl SECS      access-token lifetime and `expires_in` (default 3600)
  --redirect-uri URI    add a redirect URI to both default clients (repeatable)
  --client SPEC         register a client: ID;TYPE;SECRET;URI[;URI...] with TYPE
                        public|confidential, optionally :one_time, :research
                        or :thirteen_month (default), e.g. app;public:one_time;;URI
                        (empty SECRET for public clients; repeatable)
  --clients FILE        register clients from a JSON array of
                        {\"client_id\",\"confidential\":bool,\"client_secret\",\"redirect_uris\":[...],
                         \"data_access_type\":\"ONE_TIME\"|\"THIRTEEN_MONTH\"|\"RESEARCH_STUDY\"}
  --quiet               no per-request log lines
  -h, --help            this text

DEFAULT CLIENTS (always registered and printed at start):
  public        bbwasm-local-public
  confidential  bbwasm-local-confidential  secret local-dev-secret
  one-time      bbwasm-local-one-time  (public; 1-hour access, refresh refused)
  redirect URIs http://127.0.0.1:8080/  http://localhost:8080/
                http://127.0.0.1:8080/callback  (+ --redirect-uri)

SYNTHETIC USERS: BBUser00000 .. BBUser29999, password PW00000! .. PW29999!
  (user n = BBUser{n:05} / PW{n:05}!). Patient id v1/v2 -2000000000NNNN
  (= -(20000000000000+n)), v3 -(30000000000000+n).
  Claims: user 0 has 0 claims; user 1 is the heavy user with 2400 claims
  (all 8 types); every other user has 5..120 claims (depends on --seed).
  Service dates 2021-01-01 .. 2024-12-31.

CHOICES WHERE THE DOC IS UNCERTAIN:
  * expires_in = --token-ttl (code says 3600); access_grant_expiration is
    now + 13 months, format YYYY-MM-DDTHH:MM:SSZ (code, not docs).
  * refresh tokens rotate (DOT ROTATE_REFRESH_TOKEN): the old refresh token
    and the access token issued with it are revoked; reusing the old refresh
    token gives 400 invalid_grant \"Refresh token not found.\"
  * the Medicare.gov login hop is folded into one page: authorize renders
    login + consent directly (no /mymedicare redirects); a wrong password
    re-renders it (200) with an error, it never redirects.
  * Deny needs no valid login (the user cancels) and redirects
    redirect_uri?error=access_denied&state=...
  * public clients may send no secret (a sent one is ignored); confidential
    clients need theirs (Basic or body), else 401 {\"error\":\"invalid_client\"}.
  * the implicit flow (response_type=token) is served (legacy/test use),
    still with BB2's PKCE/state checks at authorize.
  * the authorization-code lifetime is 60 s (DOT default).
  * PKCE mismatch body: {\"error\":\"invalid_grant\",\"error_description\":\"code_challenge does not match\"}.
  * startIndex >= total and _count=0 give BFD's messages wrapped in
    {\"detail\": \"An error occurred contacting the upstream server:...\"}.
  * v3 pages with _offset (startIndex accepted), links next/previous/self
    only, total omitted while more pages remain and on the last page the
    count of its own entries (server-ng); SAMHSA-declined claims are
    filtered out, Part-D-only tokens see PDE claims only; a non-numeric
    EOB id is 400 \"ID is not a valid number\".
  * v1/v2 EOB give 403 when SAMHSA sharing was declined or Part-D-only.
  * pages are not gzipped when compression would not shrink them (Django).
  * JSON object keys come out sorted (same members as BB2, not its order).
  * access lasts by the client's data access type (doc s12.6): one_time
    grants expire with their token (access_grant_expiration = now +
    --token-ttl) and a refresh gets 403 invalid_client \"Your application is
    not allowed to refresh tokens.\"; research grants never expire (\"\").
  * a new consent deletes that app's earlier tokens for that beneficiary
    (doc s12.5): their FHIR calls get 401, their refresh 400 \"Refresh token
    not found.\"
  * a refresh may narrow the scope: each scope granted, or the same resource
    with fewer SMART letters (.rs to .r or .s); else 400 invalid_scope.
  * X-RateLimit-* headers, introspect, AuditEvent, client_credentials and
    the 13-month grant expiry are not emulated.

LOG: one stderr line per request: METHOD PATH[?QUERY] STATUS MSms, with the
  values of code, state, token, access_token, refresh_token, client_secret,
  code_verifier, code_challenge, password and id_token replaced by ***.

SANDBOX-ONLY ROUTES (not part of the real API):
  GET    /sandbox/stats   token-endpoint calls by grant type (JSON):
                          {\"token_calls\": {\"refresh_token\": N, ...}}
  DELETE /sandbox/stats   reset the counters
  POST   /sandbox/faults  {\"fault\": NAME, \"count\": N} for the next N FHIR
                          resource responses; NAME one of unavailable_503,
                          bad_gateway_502, throttled_429, foreign_next_link,
                          self_next_link, redirect_off_origin, truncated_body,
                          invalid_json, gzip_bomb, expire_token, oversized_body,
                          wrong_encoding (Content-Encoding: gzip on a plain
                          body), undeclared_gzip (gzip body, no header),
                          truncated_gzip (half of that gzip body),
                          oversized_declared (Content-Length 64 MiB, then
                          a stall)
  DELETE /sandbox/faults  clear
  POST   /sandbox/token   mint tokens for a user without the consent page (tests):
                          {\"user\": 1, \"version\": \"v2\", \"demographics\": true,
                          \"samhsa\": true, \"part_d_only\": false}; optional
                          \"client_id\" (default bbwasm-local-public) and
                          \"consent\": true (replace that app's earlier tokens
                          for the user, as a new consent does)
  GET    /vN/fhir/ExplanationOfBenefit/$export.json.gz  whole history as one
                          Bundle, raw gzip body (Content-Type application/gzip)
";

fn parse_client_spec(spec: &str) -> Result<Client, String> {
    let parts: Vec<&str> = spec.split(';').collect();
    if parts.len() < 3 {
        return Err(format!("bad --client spec: {spec}"));
    }
    let (kind, access) = parts[1]
        .split_once(':')
        .unwrap_or((parts[1], "thirteen_month"));
    let confidential = match kind {
        "public" => false,
        "confidential" => true,
        other => return Err(format!("bad client type: {other}")),
    };
    let data_access = DataAccess::parse(access).ok_or_else(|| {
        format!("bad data access type: {access} (one_time, thirteen_month or research)")
    })?;
    Ok(Client {
        client_id: parts[0].to_string(),
        confidential,
        client_secret: (!parts[2].is_empty()).then(|| parts[2].to_string()),
        redirect_uris: parts[3..]
            .iter()
            .filter(|s| !s.is_empty())
            .map(|s| s.to_string())
            .collect(),
        data_access,
    })
}

/// What the command line asked for.
#[derive(Debug)]
pub enum Cli {
    /// Run with this configuration.
    Run(Config),
    /// Print [`HELP`] and exit.
    Help,
}

/// Parses command-line arguments (without the program name).
pub fn parse_args(args: &[String]) -> Result<Cli, String> {
    let mut c = Config::default();
    let mut extra_uris = Vec::new();
    let mut more = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let (name, inline) = match a.split_once('=') {
            Some((n, v)) if n.starts_with("--") => (n, Some(v.to_string())),
            _ => (a.as_str(), None),
        };
        if matches!(name, "-h" | "--help") {
            return Ok(Cli::Help);
        }
        if name == "--quiet" {
            c.log = false;
            continue;
        }
        let val = match inline {
            Some(v) => v,
            None => it
                .next()
                .cloned()
                .ok_or_else(|| format!("{name} needs a value"))?,
        };
        let bad = |e: &dyn std::fmt::Display| format!("{name}: {e}");
        match name {
            "--host" => c.host = val,
            "--port" => c.port = val.parse().map_err(|e| bad(&e))?,
            "--latency-ms" => c.latency_ms = val.parse().map_err(|e| bad(&e))?,
            "--fail-rate" => {
                c.fail_rate = val.parse().map_err(|e| bad(&e))?;
                if !(0.0..=1.0).contains(&c.fail_rate) {
                    return Err(bad(&"must be within 0..1"));
                }
            }
            "--rate-limit" => {
                let n = val.trim_end_matches("/s");
                c.rate_limit = Some(n.parse().map_err(|e| bad(&e))?);
            }
            "--gzip-min-bytes" => c.gzip_min_bytes = val.parse().map_err(|e| bad(&e))?,
            "--seed" => c.seed = val.parse().map_err(|e| bad(&e))?,
            "--token-ttl" => c.token_ttl = val.parse().map_err(|e| bad(&e))?,
            "--redirect-uri" => extra_uris.push(val),
            "--client" => more.push(parse_client_spec(&val)?),
            "--clients" => {
                let text = std::fs::read_to_string(&val).map_err(|e| bad(&e))?;
                let list: Vec<Client> = serde_json::from_str(&text).map_err(|e| bad(&e))?;
                more.extend(list);
            }
            other => return Err(format!("unknown option {other} (see --help)")),
        }
    }
    c.clients = default_clients(&extra_uris);
    c.clients.extend(more);
    Ok(Cli::Run(c))
}
