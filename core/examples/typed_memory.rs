//! Bytes a parsed history holds natively, against its typed JSON text.
//!
//! A counting global allocator reports the bytes and allocations still live after
//! `parse_bundle` of a bundle file, and the size of the typed claims serialized back to JSON
//! (what `JSON.stringify(history.claims())` measures in the browser). Run with
//! `cargo run --release -p bluebutton-core --example typed_memory -- <bundle.json>`; without an
//! argument it reads the bench's synthetic 10 MB input (`target/bench/site/data/synth10.json`,
//! written by `make bench`) and says so when that is absent.

use std::alloc::System;

use bluebutton_core::fhir::parse_bundle;
use stats_alloc::{Region, StatsAlloc, INSTRUMENTED_SYSTEM};

#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

fn main() {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "target/bench/site/data/synth10.json".to_owned());
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            println!("{path} not readable ({e}): pass a bundle file, or run `make bench` once to write the synthetic inputs.");
            return;
        }
    };
    let region = Region::new(GLOBAL);
    let bundle = match parse_bundle(&bytes) {
        Ok(b) => b,
        Err(e) => {
            println!("{path} is not a bundle: {e}");
            return;
        }
    };
    let s = region.change();
    let held = s.bytes_allocated as isize - s.bytes_deallocated as isize;
    let allocs = s.allocations as isize - s.deallocations as isize;
    let claims = bundle.eobs().count().max(1);
    let typed_json = serde_json::to_string(&bundle.eobs().collect::<Vec<_>>())
        .map(|s| s.len())
        .unwrap_or(0);
    println!("input: {path} ({} bytes)", bytes.len());
    println!("claims: {claims}");
    println!(
        "live after parse_bundle: {held} bytes in {allocs} allocations ({} per claim)",
        allocs / claims as isize
    );
    println!("typed claims JSON: {typed_json} bytes");
    println!(
        "held / typed JSON: {:.2}x",
        held as f64 / typed_json.max(1) as f64
    );
}
