//! [`Text`]: a shared, immutable string for the values claims repeat (code systems, codes,
//! displays, currencies, dates), and the [`Interner`] that makes equal values share one
//! allocation while a history is parsed.
//!
//! A history of 2,400 claims carries the same few hundred `system` URLs, codes and displays tens
//! of thousands of times; as `String`s each is its own allocation. A [`Text`] is an `Arc<str>`
//! (`Send + Sync`, so Leptos signals can hold it), and while an [`Interner`] is active on the
//! thread ([`Interner::scope`]) every [`Text`] deserialized with equal contents is the same
//! allocation. [`super::parse_bundle`] runs under a fresh interner that is dropped when it
//! returns, so nothing is kept between parses; a paged download keeps one interner for all its
//! pages ([`super::parse_bundle_in`]) so the pages share too.
//!
//! A [`Text`] serializes exactly as a string does; its TypeScript type is `string`.
//!
//! ```
//! use bluebutton_core::fhir::text::{Interner, Text};
//! let mut interner = Interner::new();
//! let (a, b): (Text, Text) = interner.scope(|| {
//!     (serde_json::from_str("\"USD\"").unwrap(), serde_json::from_str("\"USD\"").unwrap())
//! });
//! assert!(Text::ptr_eq(&a, &b));
//! assert_eq!(a, "USD");
//! assert_eq!(serde_json::to_string(&a).unwrap(), "\"USD\"");
//! ```

use std::borrow::Borrow;
use std::cell::RefCell;
use std::collections::HashSet;
use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An immutable, cheaply cloned string; equal values parsed under one [`Interner`] share their
/// allocation. Derefs to `str`, compares with `str`/`&str`/`String`, displays and serializes as
/// the string.
///
/// ```
/// use bluebutton_core::fhir::text::Text;
/// let t = Text::from("R51");
/// assert_eq!(t.as_str(), "R51");
/// assert_eq!(t, "R51");
/// assert!(t.starts_with('R'));
/// assert_eq!(t.to_string(), "R51");
/// assert_eq!(Text::default(), "");
/// ```
#[derive(Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Text(Arc<str>);

/// In TypeScript a [`Text`] is a plain `string`, like the `String` it replaces (derived
/// declarations only exist in unit tests; see [`super::typescript`]).
#[cfg(test)]
impl ts_rs::TS for Text {
    type WithoutGenerics = Self;
    type OptionInnerType = Self;
    fn name(_: &ts_rs::Config) -> String {
        String::from("string")
    }
    fn inline(cfg: &ts_rs::Config) -> String {
        <Self as ts_rs::TS>::name(cfg)
    }
}

impl Text {
    /// The string.
    ///
    /// ```
    /// use bluebutton_core::fhir::text::Text;
    /// assert_eq!(Text::from("x").as_str(), "x");
    /// ```
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether `a` and `b` share one allocation (interned together).
    ///
    /// ```
    /// use bluebutton_core::fhir::text::Text;
    /// let a = Text::from("x");
    /// assert!(Text::ptr_eq(&a, &a.clone()));
    /// assert!(!Text::ptr_eq(&a, &Text::from("x")));
    /// ```
    pub fn ptr_eq(a: &Text, b: &Text) -> bool {
        Arc::ptr_eq(&a.0, &b.0)
    }

    /// A [`Text`] for `s`: the interned one when an [`Interner`] is active on this thread
    /// (added to it when new), else a fresh allocation.
    ///
    /// ```
    /// use bluebutton_core::fhir::text::{Interner, Text};
    /// let mut i = Interner::new();
    /// let (a, b) = i.scope(|| (Text::intern("x"), Text::intern("x")));
    /// assert!(Text::ptr_eq(&a, &b));
    /// assert!(!Text::ptr_eq(&Text::intern("x"), &Text::intern("x")));
    /// ```
    pub fn intern(s: &str) -> Text {
        ACTIVE.with(|active| match active.borrow_mut().as_mut() {
            Some(set) => match set.get(s) {
                Some(found) => found.clone(),
                None => {
                    let t = Text(Arc::from(s));
                    set.insert(t.clone());
                    t
                }
            },
            None => Text(Arc::from(s)),
        })
    }
}

impl Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for Text {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&*self.0, f)
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Self {
        Text(Arc::from(s))
    }
}

impl From<String> for Text {
    fn from(s: String) -> Self {
        Text(Arc::from(s))
    }
}

impl From<&String> for Text {
    fn from(s: &String) -> Self {
        Text(Arc::from(s.as_str()))
    }
}

impl From<Text> for String {
    fn from(t: Text) -> Self {
        t.0.to_string()
    }
}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        &*self.0 == other
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        &*self.0 == *other
    }
}

impl PartialEq<String> for Text {
    fn eq(&self, other: &String) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<Text> for str {
    fn eq(&self, other: &Text) -> bool {
        self == &*other.0
    }
}

impl PartialEq<Text> for &str {
    fn eq(&self, other: &Text) -> bool {
        *self == &*other.0
    }
}

impl Serialize for Text {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

/// Reads a JSON string into an interned [`Text`] (a tolerant field uses [`super::lenient::text`]).
struct TextVisitor;

impl Visitor<'_> for TextVisitor {
    type Value = Text;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
        Ok(Text::intern(v))
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(TextVisitor)
    }
}

thread_local! {
    /// The interner of the running [`Interner::scope`], if any.
    static ACTIVE: RefCell<Option<HashSet<Text>>> = const { RefCell::new(None) };
}

/// A set of [`Text`]s that makes equal strings parsed under it share one allocation.
///
/// Activate it for a parse with [`Interner::scope`]; keep it across the pages of one download so
/// they share; drop it when the download is done (the claims keep their strings, the set's own
/// table is freed).
///
/// ```
/// use bluebutton_core::fhir::text::Interner;
/// let mut i = Interner::new();
/// i.scope(|| bluebutton_core::fhir::text::Text::intern("USD"));
/// assert_eq!(i.len(), 1);
/// assert!(!i.is_empty());
/// ```
#[derive(Debug, Default)]
pub struct Interner {
    set: HashSet<Text>,
}

impl Interner {
    /// An empty interner.
    ///
    /// ```
    /// assert!(bluebutton_core::fhir::text::Interner::new().is_empty());
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    /// Runs `f` with this interner active on the current thread: every [`Text`] made in `f`
    /// (by deserializing or [`Text::intern`]) shares with the equal ones made before under
    /// this interner. The previously active interner, if any, is restored afterwards (also
    /// when `f` panics).
    ///
    /// ```
    /// use bluebutton_core::fhir::text::{Interner, Text};
    /// let mut i = Interner::new();
    /// let a = i.scope(|| Text::intern("x"));
    /// let b = i.scope(|| Text::intern("x"));
    /// assert!(Text::ptr_eq(&a, &b));
    /// ```
    pub fn scope<R>(&mut self, f: impl FnOnce() -> R) -> R {
        /// Puts the set back into the interner and restores the outer one.
        struct Restore<'a> {
            home: &'a mut HashSet<Text>,
            outer: Option<HashSet<Text>>,
        }
        impl Drop for Restore<'_> {
            fn drop(&mut self) {
                let outer = self.outer.take();
                let mine = ACTIVE.with(|a| std::mem::replace(&mut *a.borrow_mut(), outer));
                *self.home = mine.unwrap_or_default();
            }
        }
        let mine = std::mem::take(&mut self.set);
        let outer = ACTIVE.with(|a| a.borrow_mut().replace(mine));
        let _restore = Restore {
            home: &mut self.set,
            outer,
        };
        f()
    }

    /// How many distinct strings it holds.
    ///
    /// ```
    /// assert_eq!(bluebutton_core::fhir::text::Interner::new().len(), 0);
    /// ```
    pub fn len(&self) -> usize {
        self.set.len()
    }

    /// Whether it holds no string.
    ///
    /// ```
    /// assert!(bluebutton_core::fhir::text::Interner::new().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.set.is_empty()
    }
}

#[cfg(test)]
mod tests;
