//! Tolerant field deserializers for FHIR JSON.
//!
//! Real data is messy: BFD test files carry the literal `IGNORED_FIELD` where a date, number
//! or id belongs, and servers differ in small ways between STU3 and R4. These functions never
//! fail on a *type* mismatch: a value of an unexpected JSON type becomes `None` (or an empty
//! list) and is skipped without building a value tree. Syntax errors still fail.
//!
//! Use them with `#[serde(default, deserialize_with = "...")]`.
//!
//! ```
//! use bluebutton_core::fhir::lenient;
//! #[derive(serde::Deserialize)]
//! struct Money {
//!     #[serde(default, deserialize_with = "lenient::number")]
//!     value: Option<f64>,
//! }
//! let m: Money = serde_json::from_str(r#"{"value":"IGNORED_FIELD"}"#).unwrap();
//! assert_eq!(m.value, None);
//! let m: Money = serde_json::from_str(r#"{"value":"12.50"}"#).unwrap();
//! assert_eq!(m.value, Some(12.5));
//! ```

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

pub use super::dates::{date_prefix, date_range};
use super::text::Text as Shared;

/// Implements the visitor methods for JSON types that the visitor does not want: they are
/// consumed and mapped to `$none`.
macro_rules! ignore_others {
    ($none:expr; $($skip:ident),*) => {
        $(ignore_others!(@one $skip, $none);)*
    };
    (@one bool, $none:expr) => { fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> { Ok($none) } };
    (@one i64, $none:expr) => { fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> { Ok($none) } };
    (@one u64, $none:expr) => { fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> { Ok($none) } };
    (@one f64, $none:expr) => { fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> { Ok($none) } };
    (@one str, $none:expr) => { fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> { Ok($none) } };
    (@one unit, $none:expr) => {
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> { Ok($none) }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> { Ok($none) }
    };
    (@one seq, $none:expr) => {
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            while seq.next_element::<IgnoredAny>()?.is_some() {}
            Ok($none)
        }
    };
    (@one map, $none:expr) => {
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
            Ok($none)
        }
    };
}

struct StringVisitor;

impl<'de> Visitor<'de> for StringVisitor {
    type Value = Option<String>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Some(v.to_owned()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(Some(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Some(v.to_string()))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Some(v.to_string()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Ok(Some(v.to_string()))
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        Ok(Some(v.to_string()))
    }
    ignore_others!(None; unit, seq, map);
}

/// A string; numbers and booleans are kept as their text; arrays, objects and null give `None`.
///
/// ```
/// # use bluebutton_core::fhir::lenient;
/// #[derive(serde::Deserialize)]
/// struct C { #[serde(default, deserialize_with = "lenient::string")] code: Option<String> }
/// let c: C = serde_json::from_str(r#"{"code": 71}"#).unwrap();
/// assert_eq!(c.code.as_deref(), Some("71"));
/// ```
pub fn string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    d.deserialize_any(StringVisitor)
}

struct TextVisitor;

impl<'de> Visitor<'de> for TextVisitor {
    type Value = Option<Shared>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Some(Shared::intern(v)))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Some(Shared::intern(&v.to_string())))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Some(Shared::intern(&v.to_string())))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Ok(Some(Shared::intern(&v.to_string())))
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        Ok(Some(Shared::intern(if v { "true" } else { "false" })))
    }
    ignore_others!(None; unit, seq, map);
}

/// Like [`string`] but gives a [`super::text::Text`], shared with the equal values parsed under the active
/// [`super::text::Interner`].
///
/// ```
/// # use bluebutton_core::fhir::{lenient, text::Text};
/// #[derive(serde::Deserialize)]
/// struct C { #[serde(default, deserialize_with = "lenient::text")] code: Option<Text> }
/// let c: C = serde_json::from_str(r#"{"code": 71}"#).unwrap();
/// assert_eq!(c.code.as_deref(), Some("71"));
/// let c: C = serde_json::from_str(r#"{"code": [1]}"#).unwrap();
/// assert_eq!(c.code, None);
/// ```
pub fn text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Shared>, D::Error> {
    d.deserialize_any(TextVisitor)
}

struct CowVisitor;

impl<'de> Visitor<'de> for CowVisitor {
    type Value = Option<Cow<'de, str>>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string")
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Some(Cow::Borrowed(v)))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Some(Cow::Owned(v.to_owned())))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Some(Cow::Owned(v.to_string())))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Some(Cow::Owned(v.to_string())))
    }
    ignore_others!(None; f64, bool, unit, seq, map);
}

/// Like [`string`] but borrows from the input when the string has no escapes (no copy).
///
/// ```
/// # use bluebutton_core::fhir::lenient;
/// # use std::borrow::Cow;
/// #[derive(serde::Deserialize)]
/// struct C<'a> { #[serde(borrow, default, deserialize_with = "lenient::cow")] code: Option<Cow<'a, str>> }
/// let c: C = serde_json::from_str(r#"{"code":"CARRIER"}"#).unwrap();
/// assert!(matches!(c.code, Some(Cow::Borrowed("CARRIER"))));
/// ```
pub fn cow<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Cow<'de, str>>, D::Error> {
    d.deserialize_any(CowVisitor)
}

struct NumberVisitor;

impl<'de> Visitor<'de> for NumberVisitor {
    type Value = Option<f64>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a number")
    }
    #[allow(clippy::cast_precision_loss)]
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Some(v as f64))
    }
    #[allow(clippy::cast_precision_loss)]
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Some(v as f64))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Ok(Some(v))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(v.trim().parse::<f64>().ok().filter(|x| x.is_finite()))
    }
    ignore_others!(None; bool, unit, seq, map);
}

/// A number; a numeric string is parsed; anything else gives `None`.
///
/// ```
/// # use bluebutton_core::fhir::lenient;
/// #[derive(serde::Deserialize)]
/// struct Q { #[serde(default, deserialize_with = "lenient::number")] value: Option<f64> }
/// let q: Q = serde_json::from_str(r#"{"value": [1]}"#).unwrap();
/// assert_eq!(q.value, None);
/// ```
pub fn number<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    d.deserialize_any(NumberVisitor)
}

struct UintVisitor;

impl<'de> Visitor<'de> for UintVisitor {
    type Value = Option<u64>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a non-negative integer")
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Some(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(u64::try_from(v).ok())
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(v.trim().parse::<u64>().ok())
    }
    ignore_others!(None; f64, bool, unit, seq, map);
}

/// A non-negative integer; an integer string is parsed; anything else gives `None`.
///
/// ```
/// # use bluebutton_core::fhir::lenient;
/// #[derive(serde::Deserialize)]
/// struct B { #[serde(default, deserialize_with = "lenient::uint")] total: Option<u64> }
/// let b: B = serde_json::from_str(r#"{"total": "IGNORED_FIELD"}"#).unwrap();
/// assert_eq!(b.total, None);
/// ```
pub fn uint<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    d.deserialize_any(UintVisitor)
}

struct ObjectVisitor<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for ObjectVisitor<T> {
    type Value = Option<T>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object")
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        T::deserialize(de::value::MapAccessDeserializer::new(map)).map(Some)
    }
    ignore_others!(None; bool, i64, u64, f64, str, unit, seq);
}

/// An object parsed as `T`; any other JSON type gives `None`.
///
/// ```
/// # use bluebutton_core::fhir::lenient;
/// #[derive(serde::Deserialize)]
/// struct P { start: Option<String> }
/// #[derive(serde::Deserialize)]
/// struct E { #[serde(default, deserialize_with = "lenient::object")] period: Option<P> }
/// let e: E = serde_json::from_str(r#"{"period": "IGNORED_FIELD"}"#).unwrap();
/// assert!(e.period.is_none());
/// ```
pub fn object<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<T>, D::Error> {
    d.deserialize_any(ObjectVisitor(PhantomData))
}

/// One element of a lenient list: objects parse as `T`, anything else is skipped.
struct MaybeObject<T>(Option<T>);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for MaybeObject<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        object(d).map(MaybeObject)
    }
}

struct SeqVisitor<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for SeqVisitor<T> {
    type Value = Vec<T>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an array of objects")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(64));
        while let Some(MaybeObject(item)) = seq.next_element::<MaybeObject<T>>()? {
            out.extend(item);
        }
        Ok(out)
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        T::deserialize(de::value::MapAccessDeserializer::new(map)).map(|t| vec![t])
    }
    ignore_others!(Vec::new(); bool, i64, u64, f64, str, unit);
}

/// A list of objects: non-object elements are skipped, a single object becomes a one-element
/// list, and any other JSON type gives an empty list.
///
/// ```
/// # use bluebutton_core::fhir::lenient;
/// #[derive(serde::Deserialize)]
/// struct C { code: String }
/// #[derive(serde::Deserialize)]
/// struct CC { #[serde(default, deserialize_with = "lenient::seq")] coding: Vec<C> }
/// let cc: CC = serde_json::from_str(r#"{"coding": [{"code":"a"}, "junk", {"code":"b"}]}"#).unwrap();
/// assert_eq!(cc.coding.len(), 2);
/// ```
pub fn seq<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Vec<T>, D::Error> {
    d.deserialize_any(SeqVisitor(PhantomData))
}

/// Like [`seq`], for lists a model keeps: the slack a growing `Vec` leaves (a list of one
/// holds four slots) is given back, since a downloaded history holds tens of thousands of
/// them. Transient lists (read once and dropped) use [`seq`], which skips the reallocation.
///
/// ```
/// # use bluebutton_core::fhir::lenient;
/// #[derive(serde::Deserialize)]
/// struct C { #[serde(default)] code: Option<String> }
/// #[derive(serde::Deserialize)]
/// struct CC { #[serde(default, deserialize_with = "lenient::seq_fit")] coding: Vec<C> }
/// let cc: CC = serde_json::from_str(r#"{"coding":[{"code":"A"}]}"#).unwrap();
/// assert_eq!((cc.coding.len(), cc.coding.capacity()), (1, 1));
/// ```
pub fn seq_fit<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Vec<T>, D::Error> {
    let mut out = seq(d)?;
    out.shrink_to_fit();
    Ok(out)
}

struct StringSeqVisitor;

impl<'de> Visitor<'de> for StringSeqVisitor {
    type Value = Vec<String>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an array of strings")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut out = Vec::new();
        while let Some(Text(s)) = seq.next_element::<Text>()? {
            out.extend(s);
        }
        Ok(out)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(vec![v.to_owned()])
    }
    ignore_others!(Vec::new(); bool, i64, u64, f64, unit, map);
}

struct Text(Option<String>);

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        string(d).map(Text)
    }
}

/// A list of strings (e.g. `HumanName.given`); a lone string becomes a one-element list.
///
/// ```
/// # use bluebutton_core::fhir::lenient;
/// #[derive(serde::Deserialize)]
/// struct N { #[serde(default, deserialize_with = "lenient::strings")] given: Vec<String> }
/// let n: N = serde_json::from_str(r#"{"given": ["Jane", {"x":1}, "Q"]}"#).unwrap();
/// assert_eq!(n.given, ["Jane", "Q"]);
/// ```
pub fn strings<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    d.deserialize_any(StringSeqVisitor)
}

struct CountVisitor;

impl<'de> Visitor<'de> for CountVisitor {
    type Value = usize;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an array")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut n = 0;
        while seq.next_element::<IgnoredAny>()?.is_some() {
            n += 1;
        }
        Ok(n)
    }
    ignore_others!(0; bool, i64, u64, f64, str, unit, map);
}

/// The number of elements of an array, skipping their content; 0 for anything else.
///
/// ```
/// # use bluebutton_core::fhir::lenient;
/// #[derive(serde::Deserialize)]
/// struct E { #[serde(default, deserialize_with = "lenient::count")] contained: usize }
/// let e: E = serde_json::from_str(r#"{"contained": [{"resourceType":"Organization"}, {}]}"#).unwrap();
/// assert_eq!(e.contained, 2);
/// ```
pub fn count<'de, D: Deserializer<'de>>(d: D) -> Result<usize, D::Error> {
    d.deserialize_any(CountVisitor)
}

#[cfg(test)]
mod tests;
