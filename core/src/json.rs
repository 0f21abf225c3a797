//! [`JsonFormat`]: how the OAuth layer reads and writes its small JSON documents (token and
//! error responses, the pending sign-in record). Natively and in the data part that is
//! [`SerdeJson`]; the browser shell's sign-in path passes its own (`JSON.parse` /
//! `JSON.stringify` through serde), so a sign-in-only .wasm carries no JSON parser. The types
//! read and written are the same types either way, so the rules stay here: each is both a
//! serde type (for [`SerdeJson`]) and a [`FromJson`] / [`ToJson`] type read from and written to
//! a plain [`Json`] tree (for a format with its own parser, and no serde, such as the
//! browser's), with the same meaning.

use serde::de::DeserializeOwned;
use serde::Serialize;

/// Reads bytes into, and writes text from, the OAuth layer's JSON types.
pub trait JsonFormat {
    /// Parses `bytes` as `T`. The error is a diagnostic that never quotes the input (it may
    /// hold a token).
    fn read<T: DeserializeOwned + FromJson>(&self, bytes: &[u8]) -> Result<T, String>;
    /// Serialises `value` as JSON text.
    fn write<T: Serialize + ToJson>(&self, value: &T) -> Result<String, String>;
}

/// A parsed JSON document, as a format without serde hands it over (numbers as `f64`, as in
/// JavaScript; object members in order).
#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    /// `null` (also JavaScript's `undefined`).
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number.
    Number(f64),
    /// A string.
    Text(String),
    /// An array.
    Array(Vec<Json>),
    /// An object's members.
    Object(Vec<(String, Json)>),
}

/// A type read from a [`Json`] tree with the meaning its serde `Deserialize` gives it: a
/// missing or `null` optional field is `None`, unknown members are ignored, a field of the
/// wrong type is an error.
pub trait FromJson: Sized {
    /// Reads `value`; the error names a field, never a value.
    fn from_json(value: &Json) -> Result<Self, String>;
}

/// A type written as a [`Json`] tree with the same shape as its serde `Serialize`.
pub trait ToJson {
    /// The tree.
    fn to_json(&self) -> Json;
}

/// Reads the members of a JSON object by name, for [`FromJson`] impls.
///
/// ```
/// use bluebutton_core::json::{Fields, Json};
/// let v = Json::Object(vec![("a".into(), Json::Text("x".into())), ("n".into(), Json::Null)]);
/// let f = Fields::of(&v).unwrap();
/// assert_eq!(f.string("a").unwrap(), "x");
/// assert_eq!(f.opt_string("n").unwrap(), None);
/// assert!(f.number("a").is_err());
/// assert!(Fields::of(&Json::Array(vec![])).is_err());
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Fields<'a>(&'a [(String, Json)]);

impl<'a> Fields<'a> {
    /// The members of `value`, which must be an object.
    pub fn of(value: &'a Json) -> Result<Self, String> {
        match value {
            Json::Object(members) => Ok(Self(members)),
            _ => Err("not an object".to_owned()),
        }
    }

    /// The member `key`; `None` when missing or `null` (the last one when repeated, as
    /// `JSON.parse` does).
    pub fn get(&self, key: &str) -> Option<&'a Json> {
        self.0
            .iter()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v)
            .filter(|v| **v != Json::Null)
    }

    fn wrong(key: &str, wanted: &str) -> String {
        format!("`{key}` is not {wanted}")
    }

    fn missing(key: &str) -> String {
        format!("`{key}` is missing")
    }

    /// An optional string.
    pub fn opt_string(&self, key: &str) -> Result<Option<String>, String> {
        self.get(key)
            .map(|v| match v {
                Json::Text(s) => Ok(s.clone()),
                _ => Err(Self::wrong(key, "a string")),
            })
            .transpose()
    }

    /// A string that must be there.
    pub fn string(&self, key: &str) -> Result<String, String> {
        self.opt_string(key)?.ok_or_else(|| Self::missing(key))
    }

    /// An optional number.
    pub fn opt_number(&self, key: &str) -> Result<Option<f64>, String> {
        self.get(key)
            .map(|v| match v {
                Json::Number(n) => Ok(*n),
                _ => Err(Self::wrong(key, "a number")),
            })
            .transpose()
    }

    /// A number that must be there.
    pub fn number(&self, key: &str) -> Result<f64, String> {
        self.opt_number(key)?.ok_or_else(|| Self::missing(key))
    }

    /// A whole number from 0 to `u32::MAX` that must be there.
    pub fn u32(&self, key: &str) -> Result<u32, String> {
        let n = self.number(key)?;
        if n.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&n) {
            // Whole and in range, checked above.
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            Ok(n as u32)
        } else {
            Err(Self::wrong(key, "a whole number"))
        }
    }

    /// A whole number from 0 to 2^53 (what a JSON number holds exactly).
    pub fn opt_u64(&self, key: &str) -> Result<Option<u64>, String> {
        self.opt_number(key)?
            .map(|n| whole(n).ok_or_else(|| Self::wrong(key, "a whole number")))
            .transpose()
    }

    /// A whole number from 0 to 2^53 that must be there.
    pub fn u64(&self, key: &str) -> Result<u64, String> {
        self.opt_u64(key)?.ok_or_else(|| Self::missing(key))
    }

    /// A `true` or `false` that must be there.
    pub fn bool(&self, key: &str) -> Result<bool, String> {
        match self.get(key) {
            Some(Json::Bool(b)) => Ok(*b),
            Some(_) => Err(Self::wrong(key, "true or false")),
            None => Err(Self::missing(key)),
        }
    }

    /// A member read as a `T` (which says what a missing one means: `Option<T>` is `None`).
    pub fn read<T: FromJson>(&self, key: &str) -> Result<T, String> {
        T::from_json(self.get(key).unwrap_or(&Json::Null)).map_err(|e| format!("`{key}`: {e}"))
    }

    /// An array of `T` that may be missing (`#[serde(default)]`: empty then).
    pub fn list_or_empty<T: FromJson>(&self, key: &str) -> Result<Vec<T>, String> {
        match self.get(key) {
            None => Ok(Vec::new()),
            Some(_) => self.read(key),
        }
    }

    /// An object's members that must be there (a map).
    pub fn members(&self, key: &str) -> Result<&'a [(String, Json)], String> {
        match self.get(key) {
            Some(Json::Object(members)) => Ok(members),
            Some(_) => Err(Self::wrong(key, "an object")),
            None => Err(Self::missing(key)),
        }
    }

    /// An array of strings that must be there.
    pub fn strings(&self, key: &str) -> Result<Vec<String>, String> {
        match self.get(key) {
            Some(Json::Array(items)) => items
                .iter()
                .map(|item| match item {
                    Json::Text(s) => Ok(s.clone()),
                    _ => Err(Self::wrong(key, "an array of strings")),
                })
                .collect(),
            Some(_) => Err(Self::wrong(key, "an array of strings")),
            None => Err(Self::missing(key)),
        }
    }
}

/// `n` as a `u64` when it is whole and from 0 to 2^53.
fn whole(n: f64) -> Option<u64> {
    // Whole and in range, checked first.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    (n.fract() == 0.0 && (0.0..=9_007_199_254_740_992.0).contains(&n)).then_some(n as u64)
}

/// `null` (or a missing member) is `None`, as serde reads an `Option`.
impl<T: FromJson> FromJson for Option<T> {
    fn from_json(value: &Json) -> Result<Self, String> {
        match value {
            Json::Null => Ok(None),
            v => T::from_json(v).map(Some),
        }
    }
}

/// An array, each item a `T`.
impl<T: FromJson> FromJson for Vec<T> {
    fn from_json(value: &Json) -> Result<Self, String> {
        match value {
            Json::Array(items) => items
                .iter()
                .enumerate()
                .map(|(i, item)| T::from_json(item).map_err(|e| format!("item {i}: {e}")))
                .collect(),
            _ => Err("not an array".to_owned()),
        }
    }
}

impl FromJson for String {
    fn from_json(value: &Json) -> Result<Self, String> {
        match value {
            Json::Text(s) => Ok(s.clone()),
            _ => Err("not a string".to_owned()),
        }
    }
}

impl FromJson for f64 {
    fn from_json(value: &Json) -> Result<Self, String> {
        match value {
            Json::Number(n) => Ok(*n),
            _ => Err("not a number".to_owned()),
        }
    }
}

impl FromJson for u64 {
    fn from_json(value: &Json) -> Result<Self, String> {
        whole(f64::from_json(value)?).ok_or_else(|| "not a whole number".to_owned())
    }
}

impl FromJson for u32 {
    fn from_json(value: &Json) -> Result<Self, String> {
        u32::try_from(u64::from_json(value)?).map_err(|_| "not a whole number".to_owned())
    }
}

/// A pair, as serde writes a tuple: `[a, b]`.
impl<A: FromJson, B: FromJson> FromJson for (A, B) {
    fn from_json(value: &Json) -> Result<Self, String> {
        match value {
            Json::Array(items) if items.len() == 2 => {
                Ok((A::from_json(&items[0])?, B::from_json(&items[1])?))
            }
            _ => Err("not a pair".to_owned()),
        }
    }
}

impl Json {
    /// An object from `(name, value)` pairs.
    pub fn object<const N: usize>(members: [(&str, Json); N]) -> Self {
        Self::Object(
            members
                .into_iter()
                .map(|(k, v)| (k.to_owned(), v))
                .collect(),
        )
    }

    /// A string, or `null` for `None`.
    pub fn opt_text(value: Option<&str>) -> Self {
        value.map_or(Self::Null, |s| Self::Text(s.to_owned()))
    }

    /// An array of strings.
    pub fn texts(values: &[String]) -> Self {
        Self::Array(values.iter().map(|s| Self::Text(s.clone())).collect())
    }
}

/// Reads `bytes` as a `T` through one untyped parse: `serde_json::Value` (a single reader for
/// every type, unlike serde's typed readers, one per type), then [`FromJson`]. For a program that
/// reads many types and counts its bytes, such as the reference app's page reading its parse
/// worker's answers. The error is a diagnostic that never quotes the input.
///
/// ```
/// use bluebutton_core::json::{read_via_value, Fields, FromJson, Json};
/// #[derive(Debug)]
/// struct Point { x: f64 }
/// impl FromJson for Point {
///     fn from_json(v: &Json) -> Result<Self, String> {
///         Ok(Point { x: Fields::of(v)?.number("x")? })
///     }
/// }
/// assert_eq!(read_via_value::<Point>(br#"{"x": 1.5}"#).unwrap().x, 1.5);
/// assert_eq!(read_via_value::<Point>(br#"{"x": "a"}"#).unwrap_err(), "`x` is not a number");
/// assert!(read_via_value::<Point>(b"{").is_err());
/// ```
pub fn read_via_value<T: FromJson>(bytes: &[u8]) -> Result<T, String> {
    let value: serde_json::Value = serde_json::from_slice(bytes).map_err(|e| diagnostic(&e))?;
    T::from_json(&tree(value))
}

/// A serde_json error as its class and position only: its message would quote the offending
/// value, which may be a secret.
fn diagnostic(e: &serde_json::Error) -> String {
    format!(
        "{:?} at line {}, column {}",
        e.classify(),
        e.line(),
        e.column()
    )
}

/// A `serde_json::Value` as a [`Json`] tree (its strings moved, not copied).
fn tree(value: serde_json::Value) -> Json {
    match value {
        serde_json::Value::Null => Json::Null,
        serde_json::Value::Bool(b) => Json::Bool(b),
        serde_json::Value::Number(n) => n.as_f64().map_or(Json::Null, Json::Number),
        serde_json::Value::String(s) => Json::Text(s),
        serde_json::Value::Array(items) => Json::Array(items.into_iter().map(tree).collect()),
        serde_json::Value::Object(members) => {
            Json::Object(members.into_iter().map(|(k, v)| (k, tree(v))).collect())
        }
    }
}

/// [`JsonFormat`] with `serde_json`.
///
/// ```
/// use bluebutton_core::json::{JsonFormat, SerdeJson};
/// use bluebutton_core::oauth::pending::PendingAuthorization;
/// let text = r#"{"state":"s","verifier":"v","redirectUri":"r","env":"local","version":2,"clientId":"c","responseType":"code","createdAtMs":0.0}"#;
/// let p: PendingAuthorization = SerdeJson.read(text.as_bytes()).unwrap();
/// assert_eq!(SerdeJson.write(&p).unwrap(), text);
/// assert_eq!(SerdeJson.read::<PendingAuthorization>(br#"{"state":7}"#).unwrap_err(), "Data at line 1, column 10");
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct SerdeJson;

impl JsonFormat for SerdeJson {
    fn read<T: DeserializeOwned + FromJson>(&self, bytes: &[u8]) -> Result<T, String> {
        serde_json::from_slice(bytes).map_err(|e| diagnostic(&e))
    }

    fn write<T: Serialize + ToJson>(&self, value: &T) -> Result<String, String> {
        serde_json::to_string(value).map_err(|e| format!("{:?}", e.classify()))
    }
}
