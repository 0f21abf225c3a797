//! The command line of `bluebutton-relay`.

use std::path::PathBuf;

use crate::config::{check_origin, check_upstream, AuthStyle, ClientSecret, RelayConfig};

/// `bluebutton-relay --help`.
pub const HELP: &str = "\
bluebutton-relay: a token relay that adds the client secret for browser apps

USAGE: bluebutton-relay --upstream URL --client-id ID --client-secret-env VAR
                        --allow-origin ORIGIN [--allow-origin ORIGIN...]
                        [--port N] [--host H] [--auth body|basic]
                        [--extra-root-cert FILE...] [--proxy-fhir] [--quiet]

  --upstream URL          the Blue Button server, e.g. https://sandbox.bluebutton.cms.gov
                          (https; plain http only for 127.0.0.1, localhost, [::1])
  --client-id ID          client id sent upstream
  --client-secret-env VAR name of the environment variable holding the client secret
  --allow-origin ORIGIN   browser origin allowed by CORS, e.g. https://app.example
                          (exact match; repeatable)
  --port N                port (default 8787; 0 = any). First stdout line:
                          `bluebutton-relay listening on http://HOST:PORT`
  --host H                bind address (default 127.0.0.1)
  --auth body|basic       where the secret goes (default body)
  --extra-root-cert FILE  PEM certificate(s) trusted besides Mozilla's roots, for a
                          private CA or tests (repeatable)
  --proxy-fhir            also pass GET /vN/fhir/... through (read-only; the
                          Authorization header is passed on, never logged)
  --quiet                 no per-request log lines

Passes POST /vN/o/token[/], /vN/o/revoke_token[/] and /vN/o/revoke[/] (N = 1, 2, 3);
everything else is 404. Request bodies up to 16 KiB; request headers and body
within 10 s each; upstream time limits 15 s (token) and 30 s (FHIR); answers up
to 64 KiB (token) and 16 MiB (FHIR).
Upstream certificates are verified (rustls, Mozilla's roots). Tokens, codes and the
secret are never logged.
";

/// What the command line asks for.
#[derive(Debug)]
pub enum Command {
    /// Print [`HELP`] and exit.
    Help,
    /// Run the relay.
    Run(Box<RelayConfig>),
}

/// Parses the arguments (without the program name); `env` reads an environment variable.
///
/// ```
/// use bluebutton_relay::args::{parse, Command};
/// let args: Vec<String> = ["--upstream", "https://sandbox.bluebutton.cms.gov", "--client-id", "app",
///     "--client-secret-env", "S", "--allow-origin", "https://app.example"]
///     .iter().map(|s| s.to_string()).collect();
/// let Ok(Command::Run(cfg)) = parse(&args, |_| Some("secret".into())) else { unreachable!() };
/// assert_eq!(cfg.client_secret.expose(), "secret");
/// let err = parse(&args, |_| None).unwrap_err();
/// assert!(err.contains("environment variable S is not set"));
/// ```
pub fn parse(args: &[String], env: impl Fn(&str) -> Option<String>) -> Result<Command, String> {
    let mut cfg = RelayConfig::new(String::new(), String::new(), ClientSecret::new(""));
    let mut secret_env = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "-h" | "--help" => return Ok(Command::Help),
            "--quiet" => {
                cfg.log = false;
                continue;
            }
            "--proxy-fhir" => {
                cfg.proxy_fhir = true;
                continue;
            }
            "--upstream"
            | "--client-id"
            | "--client-secret-env"
            | "--allow-origin"
            | "--host"
            | "--port"
            | "--auth"
            | "--extra-root-cert" => {}
            other => return Err(format!("unknown option {other} (see --help)")),
        }
        let v = it
            .next()
            .cloned()
            .ok_or_else(|| format!("{a} needs a value (see --help)"))?;
        match a.as_str() {
            "--upstream" => cfg.upstream = v,
            "--client-id" => cfg.client_id = v,
            "--client-secret-env" => secret_env = Some(v),
            "--allow-origin" => cfg.allow_origins.push(check_origin(&v)?),
            "--host" => cfg.host = v,
            "--port" => cfg.port = v.parse().map_err(|e| format!("--port {v:?}: {e}"))?,
            "--auth" => {
                cfg.auth =
                    AuthStyle::parse(&v).ok_or("--auth must be body or basic (see --help)")?
            }
            _ => cfg.extra_root_certs.push(PathBuf::from(v)),
        }
    }
    if cfg.upstream.is_empty() || cfg.client_id.is_empty() {
        return Err("--upstream and --client-id are required (see --help)".into());
    }
    cfg.upstream = check_upstream(&cfg.upstream)?;
    if cfg.allow_origins.is_empty() {
        return Err(
            "at least one --allow-origin is required: the browser origin of your app, e.g. https://app.example"
                .into(),
        );
    }
    let var = secret_env.ok_or("--client-secret-env VAR is required: the name of the environment variable holding the client secret")?;
    let secret = env(&var).filter(|s| !s.is_empty()).ok_or_else(|| {
        format!("environment variable {var} is not set (or empty): set it to the client secret")
    })?;
    cfg.client_secret = ClientSecret::new(secret);
    Ok(Command::Run(Box::new(cfg)))
}
