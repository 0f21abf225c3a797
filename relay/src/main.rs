//! `bluebutton-relay`: see `bluebutton-relay --help` ([`bluebutton_relay::args::HELP`]).

use bluebutton_relay::args::{parse, Command, HELP};
use bluebutton_relay::serve_relay;

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let cfg = match parse(&args, |name| std::env::var(name).ok()) {
        Ok(Command::Run(c)) => *c,
        Ok(Command::Help) => {
            print!("{HELP}");
            return;
        }
        Err(e) => {
            eprintln!("bluebutton-relay: {e}");
            std::process::exit(2);
        }
    };
    let upstream = cfg.upstream.clone();
    let (addr, handle) = match serve_relay(cfg).await {
        Ok(x) => x,
        Err(e) => {
            eprintln!("bluebutton-relay: {e}");
            std::process::exit(2);
        }
    };
    println!("bluebutton-relay listening on http://{addr}");
    eprintln!("bluebutton-relay: forwarding to {upstream}");
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        _ = handle.wait() => {}
    }
}
