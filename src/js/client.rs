//! `new BlueButtonClient(tokenSource, env, version?)`: the data .wasm's way to a FHIR client,
//! since it cannot share Rust objects with the sign-in .wasm's session. The npm package's main
//! entry calls it (lazily) from `session.client(env, version)`.

use wasm_bindgen::prelude::*;

use super::claims::BlueButtonClient;
use super::token_source::JsTokenSource;
use crate::browser::fhir::FhirClient;

#[wasm_bindgen]
impl BlueButtonClient {
    /// A FHIR client on `env`/`version` (default 2) whose tokens come from `tokenSource`: a
    /// `BlueButtonSession`, or any object with `accessToken()`, `refresh()` and `tokenInfo()`.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "TokenSource")] token_source: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] env: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "number | null")] version: JsValue,
    ) -> Result<BlueButtonClient, JsValue> {
        let (env, version) = super::target::client_target(&env, &version, "BlueButtonClient")?;
        let source = JsTokenSource::new(token_source)?;
        Ok(BlueButtonClient {
            inner: FhirClient::new(source, &env, version),
        })
    }
}
