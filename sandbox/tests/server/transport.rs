//! CORS (§4), gzip (§5), content types (§10), faults, rate limit, CLI line.

use crate::common::*;
use bluebutton_sandbox::config::Config;
use std::io::Read;

fn token(s: &Server, n: u32) -> String {
    login(s, "v2", &Choice::user(n))["access_token"]
        .as_str()
        .unwrap()
        .to_string()
}

// §4: ACAO * + Vary: Origin on every path with Origin, errors included.
#[test]
fn cors_on_every_path() {
    let s = start();
    for (m, path) in [
        ("GET", "/v2/fhir/Patient/"),
        ("GET", "/nowhere"),
        ("POST", "/v2/o/token/"),
        ("GET", "/v2/fhir/metadata"),
    ] {
        let r = request(
            m,
            &format!("{}{path}", s.base),
            &[("origin", "http://localhost:8080")],
            if m == "POST" { Some(b"") } else { None },
        );
        assert_eq!(r.header("access-control-allow-origin"), Some("*"), "{path}");
        assert!(
            r.header_all("vary").iter().any(|v| v.contains("Origin")),
            "{path}"
        );
        assert!(r.header("access-control-allow-credentials").is_none());
    }
    let r = get(&format!("{}/v2/fhir/metadata", s.base), &[]);
    assert!(
        r.header("access-control-allow-origin").is_none(),
        "no Origin, no CORS"
    );
}

// §4 preflight: 200 empty with the default headers.
#[test]
fn cors_preflight() {
    let s = start();
    let r = request(
        "OPTIONS",
        &format!("{}/v2/o/token/", s.base),
        &[
            ("origin", "http://localhost:8080"),
            ("access-control-request-method", "POST"),
        ],
        None,
    );
    assert_eq!(r.status, 200);
    assert!(r.body.is_empty());
    assert_eq!(
        r.header("access-control-allow-headers"),
        Some("accept, authorization, content-type, user-agent, x-csrftoken, x-requested-with")
    );
    assert_eq!(
        r.header("access-control-allow-methods"),
        Some("DELETE, GET, OPTIONS, PATCH, POST, PUT")
    );
    assert_eq!(r.header("access-control-max-age"), Some("86400"));
    assert_eq!(r.header("access-control-allow-origin"), Some("*"));
}

// §5 gzip: only with Accept-Encoding: gzip and body >= threshold; Vary: Accept-Encoding.
#[test]
fn gzip_rules() {
    let s = start();
    let tok = token(&s, 1);
    let url = format!("{}/v2/fhir/ExplanationOfBenefit/?_count=5", s.base);
    let auth = format!("Bearer {tok}");
    let r = get(
        &url,
        &[
            ("authorization", &auth),
            ("accept-encoding", "gzip, deflate"),
        ],
    );
    assert_eq!(r.header("content-encoding"), Some("gzip"));
    assert!(r
        .header_all("vary")
        .iter()
        .any(|v| v.contains("Accept-Encoding")));
    assert_eq!(r.header("content-type"), Some("application/fhir+json"));
    let mut out = String::new();
    flate2::read::GzDecoder::new(&r.body[..])
        .read_to_string(&mut out)
        .unwrap();
    assert!(out.starts_with('{'));
    let plain = get(&url, &[("authorization", &auth)]);
    assert!(plain.header("content-encoding").is_none());
    // A small body (< 200 bytes) is never compressed.
    let small = get(
        &format!("{}/v2/fhir/Patient/", s.base),
        &[("accept-encoding", "gzip")],
    );
    assert!(small.body.len() < 200);
    assert!(small.header("content-encoding").is_none());
    // --gzip-min-bytes raises the threshold.
    let s2 = start_with(Config {
        gzip_min_bytes: 10_000_000,
        ..Default::default()
    });
    let tok2 = token(&s2, 1);
    let r = get(
        &format!("{}/v2/fhir/ExplanationOfBenefit/", s2.base),
        &[
            ("authorization", &format!("Bearer {tok2}")),
            ("accept-encoding", "gzip"),
        ],
    );
    assert!(r.header("content-encoding").is_none());
}

fn arm(s: &Server, fault: &str, count: u32) {
    let body = format!("{{\"fault\":\"{fault}\",\"count\":{count}}}");
    let r = request(
        "POST",
        &format!("{}/sandbox/faults", s.base),
        &[("content-type", "application/json")],
        Some(body.as_bytes()),
    );
    assert_eq!(r.status, 200, "{}", r.text());
}

// Fault API: status faults apply to the next N FHIR responses, then stop.
#[test]
fn faults_status_and_count() {
    let s = start();
    let tok = token(&s, 2);
    let url = format!("{}/v2/fhir/Coverage/", s.base);
    arm(&s, "unavailable_503", 2);
    assert_eq!(get_auth(&url, &tok).status, 503);
    assert_eq!(get_auth(&url, &tok).status, 503);
    assert_eq!(get_auth(&url, &tok).status, 200);
    arm(&s, "bad_gateway_502", 1);
    assert_eq!(get_auth(&url, &tok).status, 502);
    arm(&s, "throttled_429", 1);
    let r = get_auth(&url, &tok);
    assert_eq!((r.status, r.header("retry-after")), (429, Some("1")));
    arm(&s, "redirect_off_origin", 1);
    let r = get_auth(&url, &tok);
    assert_eq!(r.status, 302);
    assert!(r
        .header("location")
        .unwrap()
        .starts_with("http://evil.example/"));
    arm(&s, "invalid_json", 1);
    let r = get_auth(&url, &tok);
    assert_eq!(r.status, 200);
    assert!(serde_json::from_slice::<serde_json::Value>(&r.body).is_err());
    arm(&s, "unavailable_503", 5);
    assert_eq!(
        request("DELETE", &format!("{}/sandbox/faults", s.base), &[], None).status,
        200
    );
    assert_eq!(get_auth(&url, &tok).status, 200);
    let r = request(
        "POST",
        &format!("{}/sandbox/faults", s.base),
        &[("origin", "http://x")],
        Some(b"{\"fault\":\"nope\"}"),
    );
    assert_eq!(r.status, 400);
    assert_eq!(r.header("access-control-allow-origin"), Some("*"));
}

// Link faults: foreign host and self loops.
#[test]
fn faults_links() {
    let s = start();
    let tok = token(&s, 1);
    let url = format!("{}/v2/fhir/ExplanationOfBenefit/", s.base);
    let next = |b: &serde_json::Value| {
        b["link"]
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["relation"] == "next")
            .unwrap()["url"]
            .as_str()
            .unwrap()
            .to_string()
    };
    arm(&s, "foreign_next_link", 1);
    assert!(next(&get_auth(&url, &tok).json()).starts_with("http://evil.example/"));
    arm(&s, "self_next_link", 1);
    let b = get_auth(&url, &tok).json();
    let selfu = b["link"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["relation"] == "self")
        .unwrap()["url"]
        .clone();
    assert_eq!(next(&b), selfu.as_str().unwrap());
}

// Body faults: truncated body and the gzip bomb (raw application/gzip).
#[test]
fn faults_body() {
    let s = start();
    let tok = token(&s, 1);
    let url = format!("{}/v2/fhir/ExplanationOfBenefit/?_count=50", s.base);
    arm(&s, "truncated_body", 1);
    let r = get_auth(&url, &tok);
    assert!(
        serde_json::from_slice::<serde_json::Value>(&r.body).is_err(),
        "truncated body must not parse"
    );
    arm(&s, "gzip_bomb", 1);
    let r = get_auth(&url, &tok);
    assert_eq!(r.header("content-type"), Some("application/gzip"));
    assert!(r.header("content-encoding").is_none());
    assert!(r.body.len() < 3_000_000);
    let mut d = flate2::read::GzDecoder::new(&r.body[..]);
    let mut buf = vec![0u8; 1 << 20];
    let mut total = 0u64;
    while total < 200 << 20 {
        let n = d.read(&mut buf).unwrap();
        if n == 0 {
            break;
        }
        total += n as u64;
    }
    assert!(total >= 200 << 20, "inflates past 200 MiB");
    assert_eq!(get_auth(&url, &tok).status, 200);
}

// Encoding faults: a header that lies about gzip, and gzip without the header.
#[test]
fn faults_encoding() {
    let s = start();
    let tok = token(&s, 1);
    let url = format!("{}/v2/fhir/ExplanationOfBenefit/?_count=5", s.base);
    let clean = get_auth(&url, &tok).json();
    arm(&s, "wrong_encoding", 1);
    let r = get_auth(&url, &tok);
    assert_eq!(r.header("content-encoding"), Some("gzip"));
    assert_eq!(
        &r.body[..2],
        b"{\"",
        "the body is plain JSON despite the header"
    );
    arm(&s, "undeclared_gzip", 1);
    let r = get_auth(&url, &tok);
    assert!(r.header("content-encoding").is_none());
    assert_eq!(
        &r.body[..2],
        &[0x1f, 0x8b],
        "the body is gzip without the header"
    );
    let mut text = String::new();
    flate2::read::GzDecoder::new(&r.body[..])
        .read_to_string(&mut text)
        .unwrap();
    arm(&s, "truncated_gzip", 1);
    let cut = get_auth(&url, &tok);
    assert_eq!(&cut.body[..2], &[0x1f, 0x8b]);
    // Half of a gzip of the same page (the Bundle id and timestamp differ per request).
    let ratio = cut.body.len() as f64 / r.body.len() as f64;
    assert!(
        (0.45..0.55).contains(&ratio),
        "half of the gzip bytes: {ratio}"
    );
    let mut partial = String::new();
    assert!(
        flate2::read::GzDecoder::new(&cut.body[..])
            .read_to_string(&mut partial)
            .is_err(),
        "the cut gzip does not inflate"
    );
    let inflated: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert!(
        inflated["entry"] == clean["entry"],
        "the gzip body holds the same page"
    );
}

// expire_token: 401, and the token stays dead; refresh recovers.
#[test]
fn fault_expire_token() {
    let s = start();
    let t = login(&s, "v2", &Choice::user(3));
    let tok = t["access_token"].as_str().unwrap();
    arm(&s, "expire_token", 1);
    let url = format!("{}/v2/fhir/Coverage/", s.base);
    assert_eq!(get_auth(&url, tok).status, 401);
    assert_eq!(get_auth(&url, tok).status, 401);
    let r = post_form(
        &format!("{}/v2/o/token/", s.base),
        &[
            ("grant_type", "refresh_token"),
            ("refresh_token", t["refresh_token"].as_str().unwrap()),
            ("client_id", PUBLIC),
        ],
        &[],
    );
    assert_eq!(
        get_auth(&url, r.json()["access_token"].as_str().unwrap()).status,
        200
    );
}

// --fail-rate 1 fails every FHIR response with 502/503; --rate-limit gives 429.
#[test]
fn fail_rate_and_rate_limit() {
    let s = start_with(Config {
        fail_rate: 1.0,
        ..Default::default()
    });
    let tok = token(&s, 2);
    for _ in 0..4 {
        let st = get_auth(&format!("{}/v2/fhir/Coverage/", s.base), &tok).status;
        assert!(st == 502 || st == 503);
    }
    let s = start_with(Config {
        rate_limit: Some(2),
        ..Default::default()
    });
    let tok = token(&s, 2);
    let sts: Vec<u16> = (0..4)
        .map(|_| get_auth(&format!("{}/v2/fhir/Coverage/", s.base), &tok).status)
        .collect();
    assert!(sts.contains(&429), "{sts:?}");
}

// --latency-ms adds delay to every response.
#[test]
fn latency() {
    let s = start_with(Config {
        latency_ms: 150,
        ..Default::default()
    });
    let t = std::time::Instant::now();
    get(&format!("{}/v2/fhir/metadata", s.base), &[]);
    assert!(t.elapsed() >= std::time::Duration::from_millis(150));
}

// CLI: `--port 0` prints the bound address as the first stdout line.
#[test]
fn cli_listening_line() {
    use std::io::BufRead;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_bluebutton-sandbox"))
        .args(["--port", "0", "--quiet"])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    std::io::BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let _ = child.kill();
    let _ = child.wait();
    let rest = line
        .trim()
        .strip_prefix("bluebutton-sandbox listening on http://127.0.0.1:")
        .unwrap();
    assert!(rest.parse::<u16>().unwrap() > 0);
    let help = std::process::Command::new(env!("CARGO_BIN_EXE_bluebutton-sandbox"))
        .arg("--help")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&help.stdout);
    for opt in [
        "--port",
        "--host",
        "--latency-ms",
        "--fail-rate",
        "--rate-limit",
        "--gzip-min-bytes",
        "--seed",
        "--token-ttl",
        "--clients",
        "--redirect-uri",
    ] {
        assert!(text.contains(opt), "{opt}");
    }
}
