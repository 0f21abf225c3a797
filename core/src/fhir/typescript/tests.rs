use std::path::Path;

use ts_rs::{Config, TS};

use super::DECLARATIONS;
use crate::fhir::amounts::Amounts;
use crate::fhir::coverage::CoverageClass;
use crate::fhir::eob::{Adjudication, CareTeam, Diagnosis, Item, Payment, Procedure, Total};
use crate::fhir::insurance_card::{CardPart, CardPayer, CoverageStatus, PartKind, RxIds};
use crate::fhir::patient::{Address, HumanName};
use crate::fhir::summary::{MonthSummary, TypeSummary};
use crate::fhir::types::{CodeableConcept, Coding, Identifier, Money, Period, Quantity, Reference};
use crate::fhir::{
    Bundle, BundleEntry, BundleLink, ClaimKind, ClaimSummary, ClaimType, Coverage,
    ExplanationOfBenefit, InsuranceCard, OtherResource, Patient, Resource,
};

const REGENERATE: &str =
    "BLUEBUTTON_WRITE_TS=1 cargo test -p bluebutton-core --lib fhir::typescript";

/// Appends `export type T = ...;` with its doc comment. The Rust examples (fenced code) are
/// left out of the docs, ts-rs's trailing whitespace too, and an object type's fields are
/// indented with its `};` on a line of its own (wasm-bindgen indents the `.d.ts` by lines).
fn push<T: TS>(cfg: &Config, out: &mut String) {
    let decl = T::decl(cfg);
    let decl = match decl.strip_suffix(", };") {
        Some(body) => format!("{},\n}};", body.replace("\n", "\n  ")),
        None => decl,
    };
    let text = format!("\n{}export {decl}\n", T::docs().unwrap_or_default());
    let mut in_code = false;
    for line in text.lines() {
        if line.trim_start_matches([' ', '*']).starts_with("```") {
            in_code = !in_code;
        } else if !in_code {
            out.push_str(line.trim_end());
            out.push('\n');
        }
    }
}

/// The declarations as the Rust types define them today.
fn generated() -> String {
    generated_raw().replace("\n *\n */", "\n */")
}

fn generated_raw() -> String {
    // serde_wasm_bindgen's JSON-compatible serializer gives numbers, not BigInts.
    let cfg = Config::new().with_large_int("number");
    let mut out = format!(
        "// FHIR types of bluebutton-wasm, generated from the Rust models by ts-rs: do not edit.\n\
         // Regenerate with: {REGENERATE}\n"
    );
    push::<Bundle>(&cfg, &mut out);
    push::<BundleLink>(&cfg, &mut out);
    push::<BundleEntry>(&cfg, &mut out);
    push::<Resource>(&cfg, &mut out);
    push::<OtherResource>(&cfg, &mut out);
    push::<ExplanationOfBenefit>(&cfg, &mut out);
    push::<ClaimType>(&cfg, &mut out);
    push::<ClaimKind>(&cfg, &mut out);
    push::<Item>(&cfg, &mut out);
    push::<CareTeam>(&cfg, &mut out);
    push::<Diagnosis>(&cfg, &mut out);
    push::<Procedure>(&cfg, &mut out);
    push::<Adjudication>(&cfg, &mut out);
    push::<Total>(&cfg, &mut out);
    push::<Payment>(&cfg, &mut out);
    push::<Patient>(&cfg, &mut out);
    push::<HumanName>(&cfg, &mut out);
    push::<Address>(&cfg, &mut out);
    push::<Coverage>(&cfg, &mut out);
    push::<CoverageClass>(&cfg, &mut out);
    push::<InsuranceCard>(&cfg, &mut out);
    push::<CardPart>(&cfg, &mut out);
    push::<PartKind>(&cfg, &mut out);
    push::<CoverageStatus>(&cfg, &mut out);
    push::<RxIds>(&cfg, &mut out);
    push::<CardPayer>(&cfg, &mut out);
    push::<Coding>(&cfg, &mut out);
    push::<CodeableConcept>(&cfg, &mut out);
    push::<Reference>(&cfg, &mut out);
    push::<Identifier>(&cfg, &mut out);
    push::<Period>(&cfg, &mut out);
    push::<Money>(&cfg, &mut out);
    push::<Quantity>(&cfg, &mut out);
    push::<ClaimSummary>(&cfg, &mut out);
    push::<TypeSummary>(&cfg, &mut out);
    push::<MonthSummary>(&cfg, &mut out);
    push::<Amounts>(&cfg, &mut out);
    push::<serde_json::Value>(&cfg, &mut out);
    out
}

#[test]
fn committed_declarations_match_the_rust_models() {
    let want = generated();
    if std::env::var_os("BLUEBUTTON_WRITE_TS").is_some() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/fhir/typescript/fhir.d.ts");
        std::fs::write(&path, &want).unwrap();
        return;
    }
    if DECLARATIONS != want {
        let line = DECLARATIONS
            .lines()
            .zip(want.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| DECLARATIONS.lines().count().min(want.lines().count()));
        panic!(
            "core/src/fhir/typescript/fhir.d.ts is out of date with the Rust FHIR models \
             (first difference at line {}):\n  committed: {:?}\n  generated: {:?}\n\
             Regenerate it with: {REGENERATE}",
            line + 1,
            DECLARATIONS.lines().nth(line).unwrap_or("<end of file>"),
            want.lines().nth(line).unwrap_or("<end of file>"),
        );
    }
}
