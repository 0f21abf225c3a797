//! `bluebutton-relay --upstream URL --client-id ID --client-secret-env VAR
//! --allow-origin ORIGIN [--port N] [--host H] [--auth body|basic] [--quiet]`
//!
//! Forwards only `POST /vN/o/token/`, `/vN/o/revoke_token/` and
//! `/vN/o/revoke/` to the upstream, adding the client credentials; every
//! other path is 404. Plain-http upstreams only (no TLS compiled in).

use bluebutton_sandbox::relay::{serve_relay, AuthStyle, RelayConfig};

const HELP: &str = "\
bluebutton-relay: a token relay that adds client credentials

USAGE: bluebutton-relay --upstream URL --client-id ID --client-secret-env VAR
                        --allow-origin ORIGIN [--allow-origin ORIGIN...]
                        [--port N] [--host H] [--auth body|basic] [--quiet]

  --upstream URL          upstream base, e.g. http://127.0.0.1:8000 (http only)
  --client-id ID          client id sent upstream
  --client-secret-env VAR name of the environment variable holding the secret
  --allow-origin ORIGIN   browser origin allowed by CORS (repeatable)
  --port N                port (default 8787; 0 = any). First stdout line:
                          `bluebutton-relay listening on http://HOST:PORT`
  --host H                bind address (default 127.0.0.1)
  --auth body|basic       where the secret goes (default body)
  --quiet                 no per-request log lines

Only POST /vN/o/token[/], /vN/o/revoke_token[/] and /vN/o/revoke[/] pass
(N = 1, 2, 3); bodies are limited to 16 KiB; upstream timeout 15 s.
Tokens and codes are never logged.
";

fn parse(args: &[String]) -> Result<Option<RelayConfig>, String> {
    let mut cfg = RelayConfig {
        upstream: String::new(),
        client_id: String::new(),
        client_secret: String::new(),
        allow_origins: Vec::new(),
        host: "127.0.0.1".into(),
        port: 8787,
        auth: AuthStyle::Body,
        log: true,
    };
    let mut secret_env = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "-h" | "--help" => return Ok(None),
            "--quiet" => {
                cfg.log = false;
                continue;
            }
            _ => {}
        }
        let v = it
            .next()
            .cloned()
            .ok_or_else(|| format!("{a} needs a value"))?;
        match a.as_str() {
            "--upstream" => cfg.upstream = v,
            "--client-id" => cfg.client_id = v,
            "--client-secret-env" => secret_env = Some(v),
            "--allow-origin" => cfg.allow_origins.push(v),
            "--host" => cfg.host = v,
            "--port" => cfg.port = v.parse().map_err(|e| format!("--port: {e}"))?,
            "--auth" => {
                cfg.auth = match v.as_str() {
                    "body" => AuthStyle::Body,
                    "basic" => AuthStyle::Basic,
                    _ => return Err("--auth must be body or basic".into()),
                }
            }
            other => return Err(format!("unknown option {other}")),
        }
    }
    if cfg.upstream.is_empty() || cfg.client_id.is_empty() {
        return Err("--upstream and --client-id are required".into());
    }
    let var = secret_env.ok_or("--client-secret-env is required")?;
    cfg.client_secret =
        std::env::var(&var).map_err(|_| format!("environment variable {var} is not set"))?;
    Ok(Some(cfg))
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let cfg = match parse(&args) {
        Ok(Some(c)) => c,
        Ok(None) => {
            print!("{HELP}");
            return;
        }
        Err(e) => {
            eprintln!("bluebutton-relay: {e}");
            std::process::exit(2);
        }
    };
    let (addr, handle) = match serve_relay(cfg).await {
        Ok(x) => x,
        Err(e) => {
            eprintln!("bluebutton-relay: cannot bind: {e}");
            std::process::exit(1);
        }
    };
    println!("bluebutton-relay listening on http://{addr}");
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        _ = handle.wait() => {}
    }
}
