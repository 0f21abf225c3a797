//! The `(env, version)` pair of a FHIR client, read from JS arguments: shared by the sign-in
//! part (which checks them when `session.client(env, version)` is called) and the data part
//! (which builds the client).

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
        .map_err(BrowserError::OAuth)?;
    let version = ApiVersion::from_number(version.unwrap_or(2)).map_err(BrowserError::OAuth)?;
    Ok((env, version))
}

/// Checks `session.client(env, version)`'s arguments in the sign-in .wasm, so bad ones throw
/// at once even though the data .wasm loads later. Internal: the npm entries do not export it.
#[cfg(feature = "js-auth")]
#[wasm_bindgen(js_name = __checkClientTarget)]
pub fn check_client_target(
    #[wasm_bindgen(unchecked_param_type = "string")] env: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "number | null")] version: JsValue,
) -> Result<(), JsValue> {
    client_target(&env, &version, "client").map(|_| ())
}
