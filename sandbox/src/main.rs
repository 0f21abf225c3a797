//! `bluebutton-sandbox` command line: parses options, binds, prints the
//! listening line and the default clients, serves until Ctrl-C.

use bluebutton_sandbox::config::{self, Cli};

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let cfg = match config::parse_args(&args) {
        Ok(Cli::Run(c)) => c,
        Ok(Cli::Help) => {
            print!("{}", config::HELP);
            return;
        }
        Err(e) => {
            eprintln!("bluebutton-sandbox: {e}");
            std::process::exit(2);
        }
    };
    let clients = cfg.clients.clone();
    let (addr, handle) = match bluebutton_sandbox::serve(cfg).await {
        Ok(x) => x,
        Err(e) => {
            eprintln!("bluebutton-sandbox: cannot bind: {e}");
            std::process::exit(1);
        }
    };
    println!("bluebutton-sandbox listening on http://{addr}");
    for c in &clients {
        let kind = if c.confidential {
            "confidential"
        } else {
            "public"
        };
        let secret = c
            .client_secret
            .as_deref()
            .map(|s| format!(" secret={s}"))
            .unwrap_or_default();
        println!(
            "client {kind} client_id={}{secret} redirect_uris={}",
            c.client_id,
            c.redirect_uris.join(" ")
        );
    }
    println!("users BBUser00000..BBUser29999 password PW00000!..PW29999! (heavy user BBUser00001: 2400 claims)");
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        _ = handle.wait() => {}
    }
}
