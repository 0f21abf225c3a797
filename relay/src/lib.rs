//! `bluebutton-relay`: a token relay for browser apps of the CMS Blue Button 2.0 API.
//!
//! Blue Button registers every self-made app as confidential: its token endpoint wants the
//! client secret (`../shared/docs/bluebutton-api.md` §11), which a browser cannot keep. The
//! relay forwards only `POST /vN/o/token[/]`, `/vN/o/revoke_token[/]` and `/vN/o/revoke[/]`
//! to the upstream over verified TLS, adding the client credentials, and answers CORS only
//! for the allowed origins. With `--proxy-fhir` it also passes read-only FHIR calls.
//!
//! One job per module: [`args`] (command line), [`config`] (options and limits), [`tls`]
//! (roots and certificate errors), [`forward`] (token and revoke), [`fhir`] (the FHIR
//! pass-through), [`upstream`] (reading answers), [`cors`], [`error`] (the relay's own 502
//! answers), [`route`] (the handler), [`serve`] (the connection loop and its time limits).
//!
//! ```no_run
//! # async fn run() -> Result<(), String> {
//! use bluebutton_relay::config::{ClientSecret, RelayConfig};
//! let mut cfg = RelayConfig::new("https://sandbox.bluebutton.cms.gov", "my-client", ClientSecret::new("secret"));
//! cfg.allow_origins.push("https://app.example".into());
//! let (addr, handle) = bluebutton_relay::serve_relay(cfg).await?;
//! println!("listening on http://{addr}");
//! handle.wait().await;
//! # Ok(()) }
//! ```

pub mod args;
pub mod config;
pub mod cors;
pub mod error;
pub mod fhir;
pub mod forward;
pub mod response;
pub mod route;
pub mod serve;
pub mod tls;
pub mod upstream;

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;

use crate::config::{check_upstream, RelayConfig, FHIR_TIMEOUT, TOKEN_TIMEOUT};

/// A configured relay: its options and the two upstream agents (token and FHIR time limits).
#[derive(Debug)]
pub struct Relay {
    /// The options.
    pub config: RelayConfig,
    /// Agent for token and revoke calls.
    pub token_agent: ureq::Agent,
    /// Agent for FHIR calls.
    pub fhir_agent: ureq::Agent,
}

impl Relay {
    /// Checks the upstream, loads the roots (Mozilla's plus `--extra-root-cert`) and builds
    /// the agents. The error says what to fix.
    pub fn new(mut config: RelayConfig) -> Result<Self, String> {
        config.upstream = check_upstream(&config.upstream)?;
        let roots = tls::load_roots(&config.extra_root_certs)?;
        Ok(Self {
            token_agent: tls::agent(&roots, TOKEN_TIMEOUT),
            fhir_agent: tls::agent(&roots, FHIR_TIMEOUT),
            config,
        })
    }
}

/// A running relay; dropping it does not stop it, call [`Handle::shutdown`].
#[derive(Debug)]
pub struct Handle {
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    task: tokio::task::JoinHandle<()>,
}

impl Handle {
    /// Stops accepting connections and waits for the server task.
    pub async fn shutdown(mut self) {
        if let Some(s) = self.stop.take() {
            let _ = s.send(());
        }
        let _ = self.task.await;
    }
    /// Waits until the server stops (it normally never does).
    pub async fn wait(self) {
        let _ = self.task.await;
    }
}

/// Checks `cfg` ([`Relay::new`]), binds `cfg.host:cfg.port` and serves in a background task.
pub async fn serve_relay(cfg: RelayConfig) -> Result<(SocketAddr, Handle), String> {
    let relay = Relay::new(cfg)?;
    let bind = (relay.config.host.clone(), relay.config.port);
    let listener = tokio::net::TcpListener::bind((bind.0.as_str(), bind.1))
        .await
        .map_err(|e| format!("cannot bind {}:{}: {e}", bind.0, bind.1))?;
    let addr = listener
        .local_addr()
        .map_err(|e| format!("cannot read the bound address: {e}"))?;
    let app = Router::new()
        .fallback(route::handle)
        .with_state(Arc::new(relay));
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let task = tokio::spawn(serve::run(listener, app, rx));
    Ok((
        addr,
        Handle {
            stop: Some(tx),
            task,
        },
    ))
}
