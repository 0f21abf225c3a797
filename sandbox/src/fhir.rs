//! FHIR Patient, Coverage and ExplanationOfBenefit search/read, the raw-gzip
//! export and userinfo, restricted to the token's patient (doc §6-§8, §11).

use std::io::Write;

use axum::body::Body;
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::response::Response;
use serde_json::{json, Value};

use crate::data::patient::{coverages, patient, userinfo};
use crate::data::{patient_id, Version};
use crate::faults::{gzip_bomb, Fault};
use crate::http::{
    body, detail, forbidden, json_resp, method_not_allowed, not_found, redirect, unauthorized, Req,
    FHIR_JSON,
};
use crate::paging::{self, Search};
use crate::state::{AppState, Grant};

/// Marker extension: the response body must reach the client untouched
/// (no gzip), e.g. raw gzip bodies and truncated streams.
#[derive(Debug, Clone, Copy)]
pub struct Untouched;

fn untouched(mut r: Response) -> Response {
    r.extensions_mut().insert(Untouched);
    r
}

pub(crate) fn authed(
    st: &AppState,
    req: &Req,
) -> Result<(String, std::sync::Arc<Grant>), Response> {
    if req.q("access_token").is_some() {
        return Err(detail(
            StatusCode::BAD_REQUEST,
            "Using the access token in the query parameters is not supported. Use the Authorization header instead",
        ));
    }
    let token = req.bearer().ok_or_else(unauthorized)?;
    let grant = st.check_access(token).ok_or_else(unauthorized)?;
    Ok((token.to_string(), grant))
}

fn gzip_bytes(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    let _ = e.write_all(data);
    e.finish().unwrap_or_default()
}

pub(crate) fn fault_response(f: Fault, req: &Req) -> Option<Response> {
    Some(match f {
        Fault::Unavailable503 => detail(
            StatusCode::SERVICE_UNAVAILABLE,
            "Service temporarily unavailable.",
        ),
        Fault::BadGateway502 => detail(
            StatusCode::BAD_GATEWAY,
            "A failure occurred contacting the upstream server",
        ),
        Fault::Throttled429 => {
            let mut r = detail(
                StatusCode::TOO_MANY_REQUESTS,
                "Request was throttled. Expected available in 1 second.",
            );
            r.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
            r
        }
        Fault::RedirectOffOrigin => redirect(&format!("http://evil.example{}", req.path)),
        Fault::GzipBomb => untouched(body(StatusCode::OK, "application/gzip", gzip_bomb())),
        Fault::ExpireToken => unauthorized(),
        Fault::OversizedBody => {
            let chunk = vec![b' '; 1 << 20];
            let chunks = (0..64).map(move |_| Ok::<Vec<u8>, std::io::Error>(chunk.clone()));
            untouched(body(
                StatusCode::OK,
                FHIR_JSON,
                Body::from_stream(futures_util::stream::iter(chunks)),
            ))
        }
        Fault::OversizedDeclared => cut_short(
            FHIR_JSON,
            b"{".to_vec(),
            64 << 20,
            std::time::Duration::from_secs(20),
        ),
        _ => return None,
    })
}

/// A 200 declaring `declared` bytes that sends `first`, waits `wait`, then aborts the
/// connection (a body cut short, or one that stalls).
fn cut_short(
    content_type: &'static str,
    first: Vec<u8>,
    declared: usize,
    wait: std::time::Duration,
) -> Response {
    use futures_util::StreamExt;
    let first = futures_util::stream::iter([Ok::<Vec<u8>, std::io::Error>(first)]);
    let cut = futures_util::stream::once(async move {
        tokio::time::sleep(wait).await;
        Err(std::io::Error::other("body cut short by fault injection"))
    });
    let mut r = body(
        StatusCode::OK,
        content_type,
        Body::from_stream(first.chain(cut)),
    );
    r.headers_mut()
        .insert(header::CONTENT_LENGTH, HeaderValue::from(declared));
    untouched(r)
}

/// Applies body-level faults to a successful response body.
pub(crate) fn finish(text: String, fault: Option<Fault>, content_type: &'static str) -> Response {
    match fault {
        Some(Fault::InvalidJson) => {
            let cut = &text[..text.len() / 2];
            body(
                StatusCode::OK,
                content_type,
                format!("{cut}<html>upstream error</html>"),
            )
        }
        Some(Fault::TruncatedBody) => {
            let full = text.len();
            let half = text.as_bytes()[..full / 2].to_vec();
            // Give hyper time to flush the half before the connection is aborted.
            cut_short(
                content_type,
                half,
                full,
                std::time::Duration::from_millis(50),
            )
        }
        Some(Fault::WrongEncoding) => {
            let mut r = body(StatusCode::OK, content_type, text);
            r.headers_mut()
                .insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
            untouched(r)
        }
        Some(Fault::UndeclaredGzip) => untouched(body(
            StatusCode::OK,
            content_type,
            gzip_bytes(text.as_bytes()),
        )),
        Some(Fault::TruncatedGzip) => {
            let mut gz = gzip_bytes(text.as_bytes());
            gz.truncate(gz.len() / 2);
            untouched(body(StatusCode::OK, content_type, gz))
        }
        _ => body(StatusCode::OK, content_type, text),
    }
}

pub(crate) fn content_type(req: &Req) -> &'static str {
    match req.header("accept") {
        Some(a) if a.contains("application/json") && !a.contains("fhir+json") => "application/json",
        _ => FHIR_JSON,
    }
}

/// BB2's 429 past the rate limit (`--rate-limit`), with `Retry-After: 1`.
pub(crate) fn throttled() -> Response {
    let mut r = detail(
        StatusCode::TOO_MANY_REQUESTS,
        "Request was throttled. Expected available in 1 second.",
    );
    r.headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
    r
}

/// Handles `/vN/fhir/<resource>[/<id>]`.
pub fn resource(st: &AppState, req: &Req, v: Version, res: &str, id: Option<&str>) -> Response {
    if req.method != Method::GET && req.method != Method::HEAD {
        return method_not_allowed("GET, HEAD, OPTIONS");
    }
    if st.faults.over_rate_limit() {
        return throttled();
    }
    let (token, grant) = match authed(st, req) {
        Ok(x) => x,
        Err(r) => return r,
    };
    let fault = st.faults.take().or_else(|| st.faults.random_failure());
    if fault == Some(Fault::ExpireToken) {
        st.expire_access(&token);
    }
    if let Some(r) = fault.and_then(|f| fault_response(f, req)) {
        return r;
    }
    if !grant.allows_resource(res) || (res == "Patient" && !grant.demographics) {
        return forbidden();
    }
    if res == "ExplanationOfBenefit" && v != Version::V3 && (!grant.samhsa || grant.part_d_only) {
        return forbidden(); // doc §11: v1/v2 EOB 403 for SAMHSA-declined / Part-D-only
    }
    let n = grant.user;
    let pid = patient_id(n, v);
    let ct = content_type(req);
    if let Some(id) = id {
        if res == "ExplanationOfBenefit" && (id == "$export.json.gz" || id == "%24export.json.gz") {
            return export(st, &grant, v);
        }
        // Server-ng reads claims by their numeric id only, so a prior authorization (a UUID)
        // cannot be read by id (doc §12.3, `FhirInputConverter.java:134-147`).
        if res == "ExplanationOfBenefit" && v == Version::V3 && id.parse::<u64>().is_err() {
            return crate::sources::operation_outcome("ID is not a valid number");
        }
        let found = match res {
            "Patient" => (id == pid).then(|| patient(n, st.config.seed, v).to_string()),
            "Coverage" => coverages(n, v)
                .into_iter()
                .find(|c| c["id"] == id)
                .map(|c| c.to_string()),
            _ => {
                let claims = st.claims(n);
                claims
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| grant.sees(v, c))
                    .find(|(_, c)| {
                        if v == Version::V3 {
                            c.claim_id.to_string() == id
                        } else {
                            c.eob_id() == id
                        }
                    })
                    .map(|(i, _)| st.eob_text(n, v, &claims, i))
                    .or_else(|| {
                        (v == Version::V3)
                            .then(|| crate::eob_v3::read_shared(st, &grant, id))
                            .flatten()
                    })
            }
        };
        return match found {
            Some(r) => finish(r, fault, ct),
            None => not_found(),
        };
    }
    let strict = req
        .header("prefer")
        .is_some_and(|p| p.replace(' ', "").contains("handling=strict"));
    if v == Version::V3 && strict {
        if let Err(r) = paging::strict_check(&req.query, res) {
            return r;
        }
    }
    let query = if v == Version::V3 && res == "ExplanationOfBenefit" {
        crate::sources::with_bb2_defaults(&req.query, grant.part_d_only)
    } else {
        req.query.clone()
    };
    let s = match paging::parse(&query, res, v) {
        Ok(s) => s,
        Err(r) => return r,
    };
    search(st, req, v, res, &grant, &s, fault, ct)
}

#[allow(clippy::too_many_arguments)]
fn search(
    st: &AppState,
    req: &Req,
    v: Version,
    res: &str,
    grant: &Grant,
    s: &Search,
    fault: Option<Fault>,
    ct: &'static str,
) -> Response {
    let n = grant.user;
    let pid = patient_id(n, v);
    let (forced_key, forced_val) = match res {
        "Patient" => ("_id", pid.clone()),
        "Coverage" => ("beneficiary", format!("Patient/{pid}")),
        _ => ("patient", pid.clone()),
    };
    // A patient parameter naming someone else: 403 (EOB/Coverage) or 404 (Patient).
    for (k, val) in &s.kept {
        let other = match k.as_str() {
            "patient" => val != &pid && val != &format!("Patient/{pid}"),
            "beneficiary" => val != &pid && val != &format!("Patient/{pid}"),
            "_id" => val != &pid,
            _ => false,
        };
        if other {
            return if res == "Patient" {
                not_found()
            } else {
                forbidden()
            };
        }
    }
    let (total, entries): (usize, Vec<String>) = match res {
        "Patient" => {
            let p = patient(n, st.config.seed, v);
            (1, vec![p.to_string()])
        }
        "Coverage" => {
            let c: Vec<String> = coverages(n, v).iter().map(Value::to_string).collect();
            (c.len(), c)
        }
        _ if v == Version::V3 => match crate::eob_v3::page(st, grant, s) {
            Ok(found) => found,
            Err(r) => return r,
        },
        _ => {
            let claims = st.claims(n);
            let hits: Vec<usize> = claims
                .iter()
                .enumerate()
                .filter(|(_, c)| grant.sees(v, c) && paging::claim_ok(s, c))
                .map(|(i, _)| i)
                .collect();
            if let Err(r) = paging::check_start(v, s, hits.len()) {
                return r;
            }
            let page = hits
                .iter()
                .skip(s.start)
                .take(s.count)
                .map(|&i| st.eob_text(n, v, &claims, i))
                .collect();
            (hits.len(), page)
        }
    };
    let entries = if res == "ExplanationOfBenefit" {
        entries
    } else {
        if let Err(r) = paging::check_start(v, s, total) {
            return r;
        }
        entries.into_iter().skip(s.start).take(s.count).collect()
    };
    let path = format!("/{}/fhir/{res}", v.as_str());
    let base = req.base_url();
    let mut b = paging::bundle(v, &base, &path, s, (forced_key, &forced_val), total);
    if matches!(
        fault,
        Some(Fault::ForeignNextLink) | Some(Fault::SelfNextLink)
    ) {
        rewrite_next(&mut b, fault, &base);
    }
    finish(paging::with_entries(&b, &entries), fault, ct)
}

fn rewrite_next(b: &mut Value, fault: Option<Fault>, base: &str) {
    let links = b["link"].as_array().cloned().unwrap_or_default();
    let self_url = links
        .iter()
        .find(|l| l["relation"] == "self")
        .map(|l| l["url"].clone());
    let next_url = links
        .iter()
        .find(|l| l["relation"] == "next")
        .map(|l| l["url"].clone());
    let new = match fault {
        Some(Fault::SelfNextLink) => self_url.unwrap_or(Value::Null),
        _ => {
            let u = next_url
                .or(self_url)
                .and_then(|u| u.as_str().map(str::to_string))
                .unwrap_or_default();
            json!(u.replacen(base, "http://evil.example", 1))
        }
    };
    let mut out: Vec<Value> = links
        .into_iter()
        .filter(|l| l["relation"] != "next")
        .collect();
    out.insert(1.min(out.len()), json!({"relation": "next", "url": new}));
    b["link"] = Value::Array(out);
}

fn export(st: &AppState, grant: &Grant, v: Version) -> Response {
    let n = grant.user;
    let claims = st.claims(n);
    let entries: Vec<String> = claims
        .iter()
        .enumerate()
        .filter(|(_, c)| grant.sees(v, c))
        .map(|(i, _)| st.eob_text(n, v, &claims, i))
        .collect();
    let b = json!({
        "resourceType": "Bundle",
        "type": "collection",
        "total": entries.len(),
    });
    let gz = gzip_bytes(paging::with_entries(&b, &entries).as_bytes());
    untouched(body(StatusCode::OK, "application/gzip", gz))
}

/// `GET /vN/connect/userinfo` (doc §8): 403 without the `profile` scope,
/// 405 on POST.
pub fn userinfo_route(st: &AppState, req: &Req, v: Version) -> Response {
    if req.method != Method::GET && req.method != Method::HEAD {
        return method_not_allowed("GET, HEAD, OPTIONS");
    }
    let (_, grant) = match authed(st, req) {
        Ok(x) => x,
        Err(r) => return r,
    };
    if !grant.demographics || !grant.scope.iter().any(|s| s == "profile") {
        return forbidden();
    }
    json_resp(StatusCode::OK, &userinfo(grant.user, st.config.seed, v))
}
