//! The connection loop: hyper's HTTP/1.1 server with a timer, so a browser (or anyone) that
//! sends its request headers too slowly, or keeps an idle connection open, is cut off, and a
//! whole connection has an upper bound. (`axum::serve` sets no timer, so no header limit.)

use std::time::Duration;

use axum::Router;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;

/// Time allowed for a request's headers to arrive (also the idle time of a kept-alive
/// connection between requests).
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(10);
/// Longest life of one connection (any number of requests).
pub const CONNECTION_TIMEOUT: Duration = Duration::from_secs(300);

/// Accepts connections on `listener` and serves `app` until `stop` resolves.
pub async fn run(
    listener: tokio::net::TcpListener,
    app: Router,
    stop: tokio::sync::oneshot::Receiver<()>,
) {
    tokio::pin!(stop);
    loop {
        let accepted = tokio::select! {
            _ = &mut stop => return,
            a = listener.accept() => a,
        };
        let Ok((tcp, _)) = accepted else {
            // Out of file descriptors and the like: wait a little instead of spinning.
            tokio::time::sleep(Duration::from_millis(50)).await;
            continue;
        };
        let service = TowerToHyperService::new(app.clone());
        tokio::spawn(async move {
            let conn = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(HEADER_TIMEOUT)
                .serve_connection(TokioIo::new(tcp), service);
            let _ = tokio::time::timeout(CONNECTION_TIMEOUT, conn).await;
        });
    }
}
