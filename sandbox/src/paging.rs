//! FHIR search parameters (doc §6), filters and paged Bundles (BFD's
//! `OffsetLinkBuilder` for v1/v2, server-ng `_offset` paging for v3).

use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{json, Value};

use crate::data::claims::Claim;
use crate::data::dates::{fmt_instant, now_secs, parse_fhir_range};
use crate::data::kinds::ClaimType;
use crate::data::Version;
use crate::http::{detail, encode_pairs};

/// The system prefix accepted on `type=` values.
pub const EOB_TYPE_SYSTEM: &str = "https://bluebutton.cms.gov/resources/codesystem/eob-type|";

/// A comparison prefix of `_lastUpdated` / `service-date`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// `lt`.
    Lt,
    /// `le`.
    Le,
    /// `gt`.
    Gt,
    /// `ge`.
    Ge,
}

/// One date condition: operator and the `[lo, hi)` range of its value.
pub type DateCond = (Op, i64, i64);

/// Validated search parameters.
#[derive(Debug, Clone)]
pub struct Search {
    /// Page size.
    pub count: usize,
    /// Offset of the first entry.
    pub start: usize,
    /// Claim types (`None` = all).
    pub types: Option<Vec<ClaimType>>,
    /// `_lastUpdated` conditions.
    pub last_updated: Vec<DateCond>,
    /// `service-date` conditions.
    pub service_date: Vec<DateCond>,
    /// Accepted parameters, in request order, for links.
    pub kept: Vec<(String, String)>,
}

fn upstream(msg: &str) -> Response {
    detail(
        StatusCode::BAD_REQUEST,
        &format!("An error occurred contacting the upstream server:{msg}"),
    )
}

fn parse_int(v: &str) -> Result<i64, Response> {
    v.trim()
        .parse::<i64>()
        .map_err(|_| detail(StatusCode::BAD_REQUEST, "expected int"))
}

fn parse_dates(values: &[&str], name: &str) -> Result<Vec<DateCond>, Response> {
    let mut out = Vec::new();
    for v in values {
        let op = match v.get(..2) {
            Some("lt") => Op::Lt,
            Some("le") => Op::Le,
            Some("gt") => Op::Gt,
            Some("ge") => Op::Ge,
            _ => return Err(bad_op(name)),
        };
        if v.len() <= 2 {
            return Err(bad_op(name));
        }
        let (lo, hi) = parse_fhir_range(&v[2..])
            .ok_or_else(|| upstream(&format!("Invalid date/time format: \"{}\"", &v[2..])))?;
        out.push((op, lo, hi));
    }
    Ok(out)
}

fn bad_op(name: &str) -> Response {
    detail(
        StatusCode::BAD_REQUEST,
        &format!("the {name} operator is not valid"),
    )
}

fn parse_types(v: &str) -> Result<Option<Vec<ClaimType>>, Response> {
    let bad = || {
        detail(
            StatusCode::BAD_REQUEST,
            "the type parameter value is not valid",
        )
    };
    let mut types = Vec::new();
    for part in v.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let lower = part.to_ascii_lowercase();
        if lower == EOB_TYPE_SYSTEM {
            return Ok(None);
        }
        let code = lower.strip_prefix(EOB_TYPE_SYSTEM).unwrap_or(&lower);
        types.push(ClaimType::parse(code).ok_or_else(bad)?);
    }
    if types.is_empty() {
        return Err(bad());
    }
    Ok(Some(types))
}

/// Parameters kept (not silently dropped) per resource, besides the common ones.
fn allowed(resource: &str, v: Version) -> &'static [&'static str] {
    match (resource, v) {
        ("Patient", _) => &["_id", "identifier"],
        ("Coverage", _) => &["beneficiary"],
        _ => &[
            "type",
            "service-date",
            "patient",
            "_tag",
            "_source",
            "_security:not",
            "_offset",
        ],
    }
}

/// v3 with `Prefer: handling=strict`: unknown parameters are a 400
/// `{"error": "Invalid parameters: ['hello']"}` (`count` and `_format` are tolerated).
pub fn strict_check(query: &[(String, String)], resource: &str) -> Result<(), Response> {
    let extra = allowed(resource, Version::V3);
    let common = ["_count", "count", "_format", "startIndex", "_lastUpdated"];
    let unknown: Vec<String> = query
        .iter()
        .map(|(k, _)| k.as_str())
        .filter(|k| !common.contains(k) && !extra.contains(k))
        .map(|k| format!("'{k}'"))
        .collect();
    if unknown.is_empty() {
        return Ok(());
    }
    let msg = format!("Invalid parameters: [{}]", unknown.join(", "));
    Err(crate::http::json_resp(
        StatusCode::BAD_REQUEST,
        &serde_json::json!({ "error": msg }),
    ))
}

/// Validates the query of a search on `resource`.
pub fn parse(query: &[(String, String)], resource: &str, v: Version) -> Result<Search, Response> {
    let extra = allowed(resource, v);
    let mut kept: Vec<(String, String)> = Vec::new();
    let has_count = query.iter().any(|(k, _)| k == "_count");
    for (k, val) in query {
        let key = if k == "count" && !has_count {
            "_count"
        } else {
            k.as_str()
        };
        let common = matches!(key, "_count" | "startIndex" | "_lastUpdated");
        if common || extra.contains(&key) {
            kept.push((key.to_string(), val.clone()));
        }
    }
    let get = |name: &str| {
        kept.iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .collect::<Vec<_>>()
    };
    let count = match get("_count").first() {
        Some(c) => {
            let n = parse_int(c)?;
            if n < 0 {
                return Err(detail(StatusCode::BAD_REQUEST, "value must be at least 0"));
            }
            if n > 50 {
                return Err(detail(StatusCode::BAD_REQUEST, "value must be at most 50"));
            }
            if n == 0 {
                return Err(upstream("Invalid pageSize '0'"));
            }
            n as usize
        }
        None => 10,
    };
    let mut start = match get("startIndex").first() {
        Some(s) => parse_int(s)?,
        None => 0,
    };
    if v == Version::V3 {
        if let Some(o) = get("_offset").first() {
            start = parse_int(o)?;
        }
    }
    if start < 0 {
        return Err(upstream(&format!(
            "Value for startIndex ({start}) must not be negative"
        )));
    }
    let mut types: Option<Vec<ClaimType>> = None;
    let mut any_type = false;
    for t in get("type") {
        match parse_types(t)? {
            None => any_type = true,
            Some(ts) => types.get_or_insert_with(Vec::new).extend(ts),
        }
    }
    if any_type {
        types = None;
    }
    Ok(Search {
        count,
        start: start as usize,
        types,
        last_updated: parse_dates(&get("_lastUpdated"), "_lastUpdated")?,
        service_date: parse_dates(&get("service-date"), "service-date")?,
        kept: kept.clone(),
    })
}

fn date_ok(conds: &[DateCond], lo_val: i64, hi_val: i64) -> bool {
    conds.iter().all(|&(op, lo, hi)| match op {
        Op::Gt => lo_val >= hi,
        Op::Ge => lo_val >= lo,
        Op::Lt => hi_val <= lo,
        Op::Le => hi_val <= hi,
    })
}

/// Whether an instant (Unix seconds) passes `_lastUpdated` conditions.
pub fn instant_ok(conds: &[DateCond], t: i64) -> bool {
    date_ok(conds, t, t + 1)
}

/// Whether a claim passes the type, `_lastUpdated` and `service-date` filters.
pub fn claim_ok(s: &Search, c: &Claim) -> bool {
    s.types.as_ref().is_none_or(|t| t.contains(&c.kind))
        && instant_ok(&s.last_updated, c.last_updated)
        && date_ok(&s.service_date, c.end * 86_400, c.end * 86_400 + 86_400)
}

fn url(base: &str, path: &str, pairs: &[(String, String)]) -> String {
    format!(
        "{base}{path}?{}",
        encode_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
    )
}

/// Builds the searchset Bundle of one page.
///
/// `base` is `http://host`, `path` the search path without a trailing slash
/// (e.g. `/v2/fhir/ExplanationOfBenefit`), `forced` the patient parameter BB2
/// adds and `total` the full count; entries are spliced in by [`with_entries`].
pub fn bundle(
    v: Version,
    base: &str,
    path: &str,
    s: &Search,
    forced: (&str, &str),
    total: usize,
) -> Value {
    let others: Vec<(String, String)> = s
        .kept
        .iter()
        .filter(|(k, _)| {
            !matches!(k.as_str(), "_count" | "startIndex" | "_offset") && k != forced.0
        })
        .cloned()
        .collect();
    let mut links = Vec::new();
    let count = s.count;
    let mut b = json!({
        "resourceType": "Bundle",
        "id": crate::state::random_token(),
        "meta": {"lastUpdated": fmt_instant(now_secs())},
        "type": "searchset",
    });
    if v == Version::V3 {
        let page = |off: usize| {
            let mut p = vec![
                ("_count".to_string(), count.to_string()),
                ("_offset".to_string(), off.to_string()),
            ];
            p.push((forced.0.to_string(), forced.1.to_string()));
            p.extend(others.iter().cloned());
            url(base, path, &p)
        };
        // Server-ng (doc §12.5): no `total` while a next page exists; on the last page it is
        // the number of entries on that page, not the overall count.
        if s.start + count < total {
            links.push(json!({"relation": "next", "url": page(s.start + count)}));
        } else {
            b["total"] = json!(total.saturating_sub(s.start).min(count));
        }
        if s.start > 0 {
            links.push(json!({"relation": "previous", "url": page(s.start.saturating_sub(count))}));
        }
        links.push(json!({"relation": "self", "url": page(s.start)}));
    } else {
        let page = |start: usize| {
            let mut p = vec![
                ("_format".to_string(), "application/fhir+json".to_string()),
                ("startIndex".to_string(), start.to_string()),
                ("_count".to_string(), count.to_string()),
                (forced.0.to_string(), forced.1.to_string()),
            ];
            p.extend(others.iter().cloned());
            url(base, path, &p)
        };
        b["total"] = json!(total);
        links.push(json!({"relation": "first", "url": page(0)}));
        if s.start + count < total {
            links.push(json!({"relation": "next", "url": page(s.start + count)}));
        }
        if s.start != 0 {
            links.push(json!({"relation": "previous", "url": page(s.start.saturating_sub(count))}));
        }
        let last = total.saturating_sub(1) / count * count;
        links.push(json!({"relation": "last", "url": page(last)}));
        let mut selfp = vec![
            ("_count".to_string(), count.to_string()),
            ("_format".to_string(), "application/fhir+json".to_string()),
            (forced.0.to_string(), forced.1.to_string()),
            ("startIndex".to_string(), s.start.to_string()),
        ];
        selfp.extend(others.iter().cloned());
        selfp.sort();
        links.push(json!({"relation": "self", "url": url(base, &format!("{path}/"), &selfp)}));
    }
    b["link"] = Value::Array(links);
    b
}

/// Serializes `b` with `entries` (already-serialized resources) as `entry`.
pub fn with_entries(b: &Value, entries: &[String]) -> String {
    let mut t = b.to_string();
    if entries.is_empty() || !t.ends_with('}') {
        return t;
    }
    t.pop();
    t.reserve(entries.iter().map(|e| e.len() + 16).sum());
    t.push_str(",\"entry\":[");
    for (i, e) in entries.iter().enumerate() {
        if i > 0 {
            t.push(',');
        }
        t.push_str("{\"resource\":");
        t.push_str(e);
        t.push('}');
    }
    t.push_str("]}");
    t
}

/// The BFD 400 for `startIndex >= total` (v1/v2, total > 0).
pub fn check_start(v: Version, s: &Search, total: usize) -> Result<(), Response> {
    if v != Version::V3 && total > 0 && s.start >= total {
        return Err(upstream(&format!(
            "Value for startIndex ({}) must be less than than result size ({total})",
            s.start
        )));
    }
    Ok(())
}
