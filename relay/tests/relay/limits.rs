//! Time limits: slow request headers and a slow body from the browser are cut off (about
//! 10 s each), and an upstream that never answers gives 504 after 15 s (all checked at once).

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use crate::common::*;
use bluebutton_relay::config::AuthStyle;

/// Sends `head` and waits for the relay to answer or close; returns what came back and
/// how long it took.
fn stall(base: &str, head: &'static str) -> std::thread::JoinHandle<(String, Duration)> {
    let addr = base.trim_start_matches("http://").to_string();
    std::thread::spawn(move || {
        let mut tcp = TcpStream::connect(addr).unwrap();
        tcp.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
        let started = Instant::now();
        tcp.write_all(head.as_bytes()).unwrap();
        let mut got = Vec::new();
        let _ = tcp.read_to_end(&mut got);
        (
            String::from_utf8_lossy(&got).into_owned(),
            started.elapsed(),
        )
    })
}

#[test]
fn slow_clients_and_a_silent_upstream_are_cut_off() {
    let s = start();
    let r = relay(&s, AuthStyle::Body);
    let headers = stall(&r, "POST /v2/o/token/ HTTP/1.1\r\nHost: relay\r\n");
    let body = stall(
        &r,
        "POST /v2/o/token/ HTTP/1.1\r\nHost: relay\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\ngrant_type",
    );
    // An upstream that accepts connections and never answers.
    let silent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let upstream = format!("http://{}", silent.local_addr().unwrap());
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for c in silent.incoming() {
            held.push(c);
        }
    });
    let slow = relay_with(&s, config(&upstream));
    let waited = std::thread::spawn(move || {
        let started = Instant::now();
        let r = post_form(&format!("{slow}/v2/o/token/"), &[("grant_type", "x")], &[]);
        (r.status, r.json()["error"].clone(), started.elapsed())
    });

    let (got, took) = headers.join().unwrap();
    assert!(
        took >= Duration::from_secs(9) && took < Duration::from_secs(25),
        "{took:?}"
    );
    assert!(!got.contains("200 OK"), "{got}");
    let (got, took) = body.join().unwrap();
    assert!(
        took >= Duration::from_secs(9) && took < Duration::from_secs(25),
        "{took:?}"
    );
    assert!(got.starts_with("HTTP/1.1 408"), "{got}");
    assert!(got.contains("request_timeout"), "{got}");
    let (status, error, took) = waited.join().unwrap();
    assert_eq!(status, 504);
    assert_eq!(error, "upstream_timeout");
    assert!(
        took >= Duration::from_secs(14) && took < Duration::from_secs(25),
        "{took:?}"
    );
}
