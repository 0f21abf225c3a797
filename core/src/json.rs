//! [`JsonFormat`]: how the OAuth layer reads and writes its small JSON documents (token and
//! error responses, the pending sign-in record). Natively and in the data part that is
//! [`SerdeJson`]; the browser shell's sign-in path passes its own (`JSON.parse` /
//! `JSON.stringify` through serde), so a sign-in-only .wasm carries no JSON parser. The types
//! read and written are the same serde types either way, so the rules stay here.

use serde::de::DeserializeOwned;
use serde::Serialize;

/// Reads bytes into, and writes text from, serde types.
pub trait JsonFormat {
    /// Parses `bytes` as `T`. The error is a diagnostic that never quotes the input (it may
    /// hold a token).
    fn read<T: DeserializeOwned>(&self, bytes: &[u8]) -> Result<T, String>;
    /// Serialises `value` as JSON text.
    fn write<T: Serialize>(&self, value: &T) -> Result<String, String>;
}

/// [`JsonFormat`] with `serde_json`.
///
/// ```
/// use bluebutton_core::json::{JsonFormat, SerdeJson};
/// let n: Vec<u8> = SerdeJson.read(b"[1,2]").unwrap();
/// assert_eq!(SerdeJson.write(&n).unwrap(), "[1,2]");
/// assert_eq!(SerdeJson.read::<u8>(b"\"secret\"").unwrap_err(), "Data at line 1, column 8");
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct SerdeJson;

impl JsonFormat for SerdeJson {
    fn read<T: DeserializeOwned>(&self, bytes: &[u8]) -> Result<T, String> {
        // serde's message would quote the offending value: keep to its class and position.
        serde_json::from_slice(bytes).map_err(|e| {
            format!(
                "{:?} at line {}, column {}",
                e.classify(),
                e.line(),
                e.column()
            )
        })
    }

    fn write<T: Serialize>(&self, value: &T) -> Result<String, String> {
        serde_json::to_string(value).map_err(|e| format!("{:?}", e.classify()))
    }
}
