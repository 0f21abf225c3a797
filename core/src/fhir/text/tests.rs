//! The interner: equal strings share within a parse and across the pages of one interner,
//! nothing is kept after a parse, and the typed output is the same as without interning.

use super::{Interner, Text};
use crate::fhir::{parse_bundle, parse_bundle_in, Bundle};

const PAGE: &[u8] = br#"{"resourceType":"Bundle","total":2,"entry":[
  {"resource":{"resourceType":"ExplanationOfBenefit","id":"carrier--1",
    "type":{"coding":[{"system":"https://bluebutton.cms.gov/resources/codesystem/eob-type","code":"CARRIER"}]},
    "item":[{"sequence":1,"net":{"value":10,"currency":"USD"}}],
    "payment":{"amount":{"value":10,"currency":"USD"}}}},
  {"resource":{"resourceType":"ExplanationOfBenefit","id":"carrier--2",
    "type":{"coding":[{"system":"https://bluebutton.cms.gov/resources/codesystem/eob-type","code":"CARRIER"}]},
    "item":[{"sequence":1,"net":{"value":"7.5","currency":"USD"}}]}}]}"#;

fn systems(b: &Bundle) -> Vec<Text> {
    b.eobs()
        .filter_map(|e| e.type_.as_ref()?.coding.first()?.system.clone())
        .collect()
}

fn currencies(b: &Bundle) -> Vec<Text> {
    b.eobs()
        .flat_map(|e| e.item.iter())
        .filter_map(|i| i.net.as_ref()?.currency.clone())
        .collect()
}

#[test]
fn equal_strings_share_one_allocation_within_a_parse() {
    let b = parse_bundle(PAGE).unwrap();
    let s = systems(&b);
    assert_eq!(s.len(), 2);
    assert!(Text::ptr_eq(&s[0], &s[1]));
    let c = currencies(&b);
    assert_eq!(c.len(), 2);
    assert!(Text::ptr_eq(&c[0], &c[1]));
}

#[test]
fn nothing_is_kept_after_a_parse() {
    let a = parse_bundle(PAGE).unwrap();
    let b = parse_bundle(PAGE).unwrap();
    // Separate parses share nothing: the interner of the first was dropped with its table.
    assert!(!Text::ptr_eq(&systems(&a)[0], &systems(&b)[0]));
    // and no interner is left active on the thread.
    assert!(!Text::ptr_eq(&Text::intern("USD"), &Text::intern("USD")));
    // The claims hold the only references: dropping them frees the strings.
    let s = systems(&a)[0].clone();
    drop(a);
    assert_eq!(std::sync::Arc::strong_count(&s.0), 1);
}

#[test]
fn pages_parsed_under_one_interner_share() {
    let mut interner = Interner::new();
    let a = parse_bundle_in(&mut interner, PAGE).unwrap();
    let b = parse_bundle_in(&mut interner, PAGE).unwrap();
    assert!(Text::ptr_eq(&systems(&a)[0], &systems(&b)[0]));
    assert!(Text::ptr_eq(&currencies(&a)[0], &currencies(&b)[1]));
    assert!(
        interner.len() >= 3,
        "system, code and currency: {}",
        interner.len()
    );
    // Outside its scope the interner is not active.
    assert!(!Text::ptr_eq(&Text::intern("USD"), &currencies(&a)[0]));
}

#[test]
fn a_failed_parse_leaves_the_interner_usable_and_inactive() {
    let mut interner = Interner::new();
    assert!(parse_bundle_in(&mut interner, b"{\"resourceType\":\"Bundle\",\"entry\":[{").is_err());
    let a = parse_bundle_in(&mut interner, PAGE).unwrap();
    let b = parse_bundle_in(&mut interner, PAGE).unwrap();
    assert!(Text::ptr_eq(&systems(&a)[0], &systems(&b)[0]));
    assert!(!Text::ptr_eq(&Text::intern("x"), &Text::intern("x")));
}

#[test]
fn nested_scopes_restore_the_outer_interner() {
    let mut outer = Interner::new();
    let mut inner = Interner::new();
    let (a, b, c) = outer.scope(|| {
        let a = Text::intern("x");
        let b = inner.scope(|| Text::intern("x"));
        (a, b, Text::intern("x"))
    });
    assert!(!Text::ptr_eq(&a, &b));
    assert!(Text::ptr_eq(&a, &c));
    assert_eq!((outer.len(), inner.len()), (1, 1));
}

#[test]
fn the_typed_json_is_the_same_as_plain_strings_give() {
    // The same page parsed with and without sharing serializes to the same text, and a Text
    // serializes exactly as a String does.
    let shared = serde_json::to_string(&parse_bundle(PAGE).unwrap()).unwrap();
    let plain: Bundle = serde_json::from_slice(PAGE).unwrap();
    assert_eq!(shared, serde_json::to_string(&plain).unwrap());
    assert!(shared.contains(r#""currency":"USD""#), "{shared}");
    assert!(shared.contains(r#""currency":"USD""#));
    let t = Text::from("a \"quoted\" é");
    assert_eq!(
        serde_json::to_string(&t).unwrap(),
        serde_json::to_string("a \"quoted\" é").unwrap()
    );
    let back: Text = serde_json::from_str(&serde_json::to_string(&t).unwrap()).unwrap();
    assert_eq!(back, t);
}

#[test]
fn text_compares_and_converts_like_a_string() {
    let t = Text::from(String::from("CARRIER"));
    assert_eq!(t, "CARRIER");
    assert_eq!("CARRIER", t);
    assert_eq!(t, String::from("CARRIER"));
    assert_eq!(String::from(t.clone()), "CARRIER");
    assert_eq!(format!("{t} {t:?}"), "CARRIER \"CARRIER\"");
    assert_eq!(t.len(), 7);
    assert!(serde_json::from_str::<Text>("7").is_err());
}

#[test]
fn a_single_resource_shares_within_itself() {
    let eob = crate::fhir::parse_eob(
        br#"{"resourceType":"ExplanationOfBenefit","id":"x",
        "item":[{"net":{"value":1,"currency":"USD"}},{"net":{"value":2,"currency":"USD"}}]}"#,
    )
    .unwrap();
    let c: Vec<Text> = eob
        .item
        .iter()
        .filter_map(|i| i.net.as_ref()?.currency.clone())
        .collect();
    assert!(Text::ptr_eq(&c[0], &c[1]));
    assert!(!Text::ptr_eq(&Text::intern("USD"), &Text::intern("USD")));
}
