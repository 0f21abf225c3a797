//! [`JsTokenSource`]: the data .wasm's [`TokenSource`] over a JS object with the session's
//! methods (`accessToken()`, `refresh()`, `tokenInfo()`), e.g. the sign-in .wasm's
//! `BlueButtonSession` or the callbacks the npm package's main entry passes.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::browser::token_source::{TokenFuture, TokenSource};
use crate::browser::BrowserError;
use crate::core::oauth::secret::AccessToken;
use crate::core::ErrorCode;

#[wasm_bindgen(typescript_custom_section)]
const TS_TOKEN_SOURCE: &str = r#"
/** Where a `BlueButtonClient` gets its tokens: a `BlueButtonSession` fits. */
export interface TokenSource {
  /** A valid access token (refreshed when needed). */
  accessToken(): Promise<string>;
  /** Refreshes now (joining a refresh under way). */
  refresh(): Promise<unknown>;
  /** `hasRefreshToken` (a 401 is then refreshed once) and the patient id. */
  tokenInfo?(): { hasRefreshToken: boolean; patient?: string };
}
"#;

/// A JS object with `accessToken`, `refresh` and optionally `tokenInfo`.
pub(crate) struct JsTokenSource {
    source: JsValue,
}

impl JsTokenSource {
    /// Checks that `source` has the two required methods.
    pub(crate) fn new(source: JsValue) -> Result<Self, JsValue> {
        let this = Self { source };
        for name in ["accessToken", "refresh"] {
            if this.method(name).is_none() {
                return Err(BrowserError::InvalidArgument(format!(
                    "BlueButtonClient: the token source needs an `{name}()` method (pass a BlueButtonSession)"
                ))
                .into());
            }
        }
        Ok(this)
    }

    fn method(&self, name: &str) -> Option<js_sys::Function> {
        if !self.source.is_object() {
            return None;
        }
        js_sys::Reflect::get(&self.source, &name.into())
            .ok()?
            .dyn_into()
            .ok()
    }

    /// Calls `name()` and awaits what it returns (a value or a promise).
    async fn call(&self, name: &str) -> Result<JsValue, BrowserError> {
        let f = self
            .method(name)
            .ok_or_else(|| source_error(&JsValue::from_str(name)))?;
        let value = f.call0(&self.source).map_err(|e| source_error(&e))?;
        JsFuture::from(js_sys::Promise::resolve(&value))
            .await
            .map_err(|e| source_error(&e))
    }

    async fn token(&self) -> Result<AccessToken, BrowserError> {
        let value = self.call("accessToken").await?;
        value.as_string().map(AccessToken::new).ok_or_else(|| {
            BrowserError::InvalidArgument("the token source's accessToken() gave no string".into())
        })
    }

    fn info(&self, key: &str) -> JsValue {
        self.method("tokenInfo")
            .and_then(|f| f.call0(&self.source).ok())
            .and_then(|info| js_sys::Reflect::get(&info, &key.into()).ok())
            .unwrap_or_default()
    }
}

/// A JS error from the source, its `code` kept when it is one of this package's.
fn source_error(e: &JsValue) -> BrowserError {
    let field = |k: &str| {
        js_sys::Reflect::get(e, &k.into())
            .ok()
            .and_then(|v| v.as_string())
    };
    let code = field("code");
    BrowserError::TokenSource {
        code: code
            .as_deref()
            .and_then(ErrorCode::from_code)
            .unwrap_or(ErrorCode::TokenSourceError),
        message: field("message")
            .or_else(|| e.as_string())
            .unwrap_or_else(|| "the token source failed".into()),
    }
}

impl TokenSource for JsTokenSource {
    fn access_token(&self) -> TokenFuture<'_> {
        Box::pin(self.token())
    }

    fn after_unauthorized<'a>(&'a self, failed: &'a AccessToken) -> TokenFuture<'a> {
        Box::pin(async move {
            let current = self.token().await?;
            if current != *failed {
                return Ok(current);
            }
            self.call("refresh").await?;
            self.token().await
        })
    }

    fn can_refresh(&self) -> bool {
        self.info("hasRefreshToken").is_truthy()
    }

    fn patient(&self) -> Option<String> {
        self.info("patient").as_string()
    }
}
