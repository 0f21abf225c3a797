//! The `(env, version)` pair of a FHIR client, read from JS arguments, for the data part's
//! `new BlueButtonClient(tokenSource, env, version?)` (the sign-in part resolves
//! `session.client()`'s against the session: `session::session_target`).

use wasm_bindgen::prelude::*;

use super::args::{optional_u32_arg, string_arg};
use crate::browser::BrowserError;
use crate::core::api::env::{ApiVersion, Environment};

/// Reads and checks `env` and `version` (default 2); `function` names the caller in errors.
pub(crate) fn client_target(
    env: &JsValue,
    version: &JsValue,
    function: &str,
) -> Result<(Environment, ApiVersion), JsValue> {
    let env = string_arg(env, function, "env")?;
    let version = optional_u32_arg(version, function, "version")?;
    let env = Environment::parse_with(&crate::browser::url::BrowserUrl, &env)
        .map_err(BrowserError::Config)?;
    let version = ApiVersion::from_number(version.unwrap_or(2)).map_err(BrowserError::Config)?;
    Ok((env, version))
}
