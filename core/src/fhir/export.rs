//! Exports of a downloaded history: one FHIR `Bundle` (JSON), NDJSON (one resource per
//! line), and a CSV of claim lines. The JSON exports keep every field the server sent (they
//! are built from the page bodies, not from the typed models, which keep only what we use).

use serde_json::value::RawValue;

use crate::fhir::diagnostics::{explain, prepare};
use crate::fhir::{ExplanationOfBenefit, FhirError};

#[derive(serde::Deserialize)]
struct PageEntries<'a> {
    #[serde(default, borrow)]
    entry: Vec<EntryRaw<'a>>,
}

#[derive(serde::Deserialize)]
struct EntryRaw<'a> {
    #[serde(borrow)]
    resource: Option<&'a RawValue>,
}

#[derive(serde::Deserialize)]
struct IdOnly {
    #[serde(rename = "resourceType", default)]
    resource_type: Option<String>,
    #[serde(default)]
    id: Option<serde_json::Value>,
}

/// Every resource of every page, in order, de-duplicated by `resourceType/id`.
///
/// ```
/// use bluebutton_core::fhir::export::resources;
/// let p1 = br#"{"resourceType":"Bundle","entry":[{"resource":{"resourceType":"ExplanationOfBenefit","id":"a","x":1}}]}"#;
/// let p2 = br#"{"resourceType":"Bundle","entry":[{"resource":{"resourceType":"ExplanationOfBenefit","id":"a"}},{"resource":{"resourceType":"ExplanationOfBenefit","id":"b"}}]}"#;
/// let all = resources(&[p1.to_vec(), p2.to_vec()]).unwrap();
/// assert_eq!(all.len(), 2);
/// assert!(all[0].contains("\"x\":1"));
/// ```
pub fn resources(pages: &[Vec<u8>]) -> Result<Vec<String>, FhirError> {
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for page in pages {
        let bytes = prepare(page)?;
        let parsed: PageEntries<'_> = serde_json::from_slice(bytes)
            .map_err(|e| explain::<serde::de::IgnoredAny>(bytes, &e))?;
        for entry in parsed.entry {
            let Some(raw) = entry.resource else { continue };
            let key = serde_json::from_str::<IdOnly>(raw.get())
                .ok()
                .and_then(|r| Some(format!("{}/{}", r.resource_type?, r.id?)));
            if key.is_none_or(|k| seen.insert(k)) {
                out.push(raw.get().to_owned());
            }
        }
    }
    Ok(out)
}

/// One `searchset` Bundle holding every resource, with `total` set to their count.
///
/// ```
/// use bluebutton_core::fhir::export::bundle_json;
/// let p = br#"{"entry":[{"resource":{"resourceType":"Patient","id":"1"}}]}"#;
/// let out = bundle_json(&[p.to_vec()]).unwrap();
/// assert!(out.starts_with(r#"{"resourceType":"Bundle","type":"searchset","total":1,"entry":["#));
/// ```
pub fn bundle_json(pages: &[Vec<u8>]) -> Result<String, FhirError> {
    let all = resources(pages)?;
    let mut out = format!(
        r#"{{"resourceType":"Bundle","type":"searchset","total":{},"entry":["#,
        all.len()
    );
    for (i, r) in all.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(r#"{"resource":"#);
        out.push_str(r);
        out.push('}');
    }
    out.push_str("]}");
    Ok(out)
}

/// NDJSON: one resource per line (each is already one line: `RawValue` keeps the server's
/// bytes, so pretty-printed input is compacted first).
///
/// ```
/// use bluebutton_core::fhir::export::ndjson;
/// let p = b"{\"entry\":[{\"resource\":{\n \"id\": \"1\"}},{\"resource\":{\"id\":\"2\"}}]}";
/// assert_eq!(ndjson(&[p.to_vec()]).unwrap(), "{\"id\":\"1\"}\n{\"id\":\"2\"}\n");
/// ```
pub fn ndjson(pages: &[Vec<u8>]) -> Result<String, FhirError> {
    let mut out = String::new();
    for r in resources(pages)? {
        let compact = serde_json::from_str::<serde_json::Value>(&r)
            .map(|v| v.to_string())
            .unwrap_or(r);
        out.push_str(&compact);
        out.push('\n');
    }
    Ok(out)
}

/// The CSV header of [`claim_lines_csv`].
///
/// ```
/// assert!(bluebutton_core::fhir::export::CSV_HEADER.ends_with(",paid,kind,source,final_action,outcome"));
/// ```
pub const CSV_HEADER: &str = "claim_id,claim_type,status,line,service_date,service_code,quantity,submitted,allowed,paid,kind,source,final_action,outcome";

/// A CSV of claim lines (one row per EOB `item`; a claim without items gets one row).
///
/// The last four columns keep v3 claims apart: `kind` is `final`, `notFinal` or
/// `priorAuthorization` (see [`crate::fhir::ClaimKind`]; only `final` rows belong in paid
/// totals), `source` the source system (`NCH`, `FISS`, ...), `final_action` `true`/`false`
/// from the Final-Action tag, `outcome` the adjudication outcome. v1/v2 rows have `final`
/// and empty cells.
///
/// ```
/// use bluebutton_core::fhir::export::{claim_lines_csv, CSV_HEADER};
/// use bluebutton_core::fhir::parse_eob;
/// assert_eq!(claim_lines_csv(&[]), format!("{CSV_HEADER}\r\n"));
/// let pa = parse_eob(br#"{"resourceType":"ExplanationOfBenefit","id":"x","use":"preauthorization","outcome":"partial","meta":{"source":"CWF"}}"#).unwrap();
/// assert!(claim_lines_csv(&[pa]).ends_with(",priorAuthorization,CWF,,partial\r\n"));
/// ```
pub fn claim_lines_csv(eobs: &[ExplanationOfBenefit]) -> String {
    let mut out = format!("{CSV_HEADER}\r\n");
    let money = |v: Option<f64>| v.map(|x| format!("{x:.2}")).unwrap_or_default();
    for eob in eobs {
        let status_cells = [
            eob.kind.as_str().to_owned(),
            eob.source.clone().unwrap_or_default(),
            eob.final_action.map(|f| f.to_string()).unwrap_or_default(),
            eob.outcome.clone().unwrap_or_default(),
        ];
        let id = eob.id.as_deref().unwrap_or_default();
        let kind = eob.claim_type.as_str();
        let status = eob.status.as_deref().unwrap_or_default();
        let claim_date = eob
            .billable_period
            .as_ref()
            .and_then(|p| p.start.as_deref());
        if eob.item.is_empty() {
            let row = [
                id,
                kind,
                status,
                "",
                claim_date.unwrap_or_default(),
                "",
                "",
                "",
                "",
                "",
            ];
            let mut row: Vec<String> = row.map(str::to_owned).into();
            row.extend(status_cells.iter().cloned());
            push_row(&mut out, &row);
            continue;
        }
        for item in &eob.item {
            let amounts = item.amounts();
            let row = [
                id.to_owned(),
                kind.to_owned(),
                status.to_owned(),
                item.sequence.map(|s| s.to_string()).unwrap_or_default(),
                item.service_date()
                    .or(claim_date)
                    .unwrap_or_default()
                    .to_owned(),
                item.service_code()
                    .and_then(|c| c.first_code())
                    .unwrap_or_default()
                    .to_owned(),
                item.quantity
                    .as_ref()
                    .and_then(|q| q.value)
                    .map(|v| v.to_string())
                    .unwrap_or_default(),
                money(amounts.submitted),
                money(amounts.allowed),
                money(amounts.paid),
            ];
            let mut row: Vec<String> = row.into();
            row.extend(status_cells.iter().cloned());
            push_row(&mut out, &row);
        }
    }
    out
}

/// RFC 4180 quoting; cells starting with `=`, `+`, `-` or `@` are prefixed with `'` so a
/// spreadsheet does not run them as formulas.
fn push_row(out: &mut String, cells: &[String]) {
    for (i, cell) in cells.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let mut text = cell.clone();
        if text.starts_with(['=', '+', '@'])
            || (text.starts_with('-') && text.parse::<f64>().is_err())
        {
            text.insert(0, '\'');
        }
        if text.contains([',', '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&text.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(&text);
        }
    }
    out.push_str("\r\n");
}
