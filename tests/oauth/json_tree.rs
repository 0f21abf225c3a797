//! The serde-free reading path (`FromJson` / `ToJson` over a `Json` tree, which the browser's
//! sign-in uses with `JSON.parse`) means what the serde path means: the same token sets, the
//! same errors, the same stored records. `TreeJson` here plays the browser (serde_json only
//! parses into the tree).

use bluebutton_wasm::core::http::HttpResponse;
use bluebutton_wasm::core::json::{FromJson, Json, JsonFormat, SerdeJson, ToJson};
use bluebutton_wasm::core::oauth::pending::PendingAuthorization;
use bluebutton_wasm::core::oauth::token::{
    process_revoke_response_with, process_token_response_with, TokenSet,
};
use serde::de::DeserializeOwned;
use serde::Serialize;

struct TreeJson;

fn tree(v: serde_json::Value) -> Json {
    match v {
        serde_json::Value::Null => Json::Null,
        serde_json::Value::Bool(b) => Json::Bool(b),
        serde_json::Value::Number(n) => Json::Number(n.as_f64().unwrap()),
        serde_json::Value::String(s) => Json::Text(s),
        serde_json::Value::Array(a) => Json::Array(a.into_iter().map(tree).collect()),
        serde_json::Value::Object(o) => {
            Json::Object(o.into_iter().map(|(k, v)| (k, tree(v))).collect())
        }
    }
}

fn value(j: Json) -> serde_json::Value {
    match j {
        Json::Null => serde_json::Value::Null,
        Json::Bool(b) => b.into(),
        // As JSON.stringify writes it: a whole number without a fraction.
        #[allow(clippy::cast_possible_truncation)]
        Json::Number(n) if n.fract() == 0.0 && n.abs() < 9.0e15 => (n as i64).into(),
        Json::Number(n) => {
            serde_json::Number::from_f64(n).map_or(serde_json::Value::Null, Into::into)
        }
        Json::Text(s) => s.into(),
        Json::Array(a) => a.into_iter().map(value).collect(),
        Json::Object(o) => o.into_iter().map(|(k, v)| (k, value(v))).collect(),
    }
}

impl JsonFormat for TreeJson {
    fn read<T: DeserializeOwned + FromJson>(&self, bytes: &[u8]) -> Result<T, String> {
        let v: serde_json::Value = serde_json::from_slice(bytes).map_err(|e| e.to_string())?;
        T::from_json(&tree(v))
    }

    fn write<T: Serialize + ToJson>(&self, v: &T) -> Result<String, String> {
        Ok(value(v.to_json()).to_string())
    }
}

const BODIES: &[&str] = &[
    r#"{"access_token":"a","token_type":"Bearer","expires_in":3600,"scope":"profile patient/Patient.rs","refresh_token":"r","patient":"-20140000008325","access_grant_expiration":"2027-12-01T10:00:00Z"}"#,
    r#"{"access_token":"a","token_type":"bearer"}"#,
    r#"{"access_token":"a","token_type":"Bearer","expires_in":"3600","patient":12345}"#,
    r#"{"access_token":"a","token_type":"Bearer","expires_in":36.5,"patient":12345.0,"unknown":[1]}"#,
    r#"{"access_token":"a","token_type":"Bearer","expires_in":null,"scope":null,"refresh_token":""}"#,
    r#"{"access_token":"a","token_type":"Bearer","expires_in":-1}"#,
    r#"{"access_token":"a","token_type":"Bearer","expires_in":-1.5}"#,
    r#"{"access_token":"a","token_type":"Bearer","expires_in":true}"#,
    r#"{"access_token":"a","token_type":"Bearer","expires_in":{}}"#,
    r#"{"access_token":"a","token_type":"Bearer","expires_in":1e12}"#,
    r#"{"access_token":"a","token_type":"MAC"}"#,
    r#"{"access_token":7,"token_type":"Bearer"}"#,
    r#"{"token_type":"Bearer"}"#,
    r#"{"access_token":"a","token_type":"Bearer","scope":["a"]}"#,
    r#"[]"#,
    r#""text""#,
];

#[test]
fn token_responses_mean_the_same_through_the_tree() {
    for body in BODIES {
        let ok = HttpResponse::new(200, vec![], body.as_bytes().to_vec());
        let a = process_token_response_with(&SerdeJson, &ok, 1000.0);
        let b = process_token_response_with(&TreeJson, &ok, 1000.0);
        match (&a, &b) {
            (Ok(a), Ok(b)) => assert_eq!(a, b, "{body}"),
            (Err(a), Err(b)) => assert_eq!(a.code(), b.code(), "{body}"),
            _ => panic!("{body}: {a:?} vs {b:?}"),
        }
    }
}

#[test]
fn error_bodies_mean_the_same_through_the_tree() {
    for (status, body) in [
        (
            400,
            r#"{"error":"invalid_grant","error_description":"User access has timed out"}"#,
        ),
        (401, r#"{"error":"invalid_client"}"#),
        (
            403,
            r#"{"status_code":403,"description":"Application did not have access."}"#,
        ),
        (400, r#"{"detail":"bad"}"#),
        (400, r#"{"error":7,"message":"m"}"#),
        (502, "Bad gateway"),
        (500, ""),
    ] {
        let r = HttpResponse::new(status, vec![], body.as_bytes().to_vec());
        assert_eq!(
            process_token_response_with(&SerdeJson, &r, 0.0).unwrap_err(),
            process_token_response_with(&TreeJson, &r, 0.0).unwrap_err(),
            "{body}"
        );
        assert_eq!(
            process_revoke_response_with(&SerdeJson, &r).unwrap_err(),
            process_revoke_response_with(&TreeJson, &r).unwrap_err(),
            "{body}"
        );
    }
}

#[test]
fn stored_records_round_trip_through_either_path() {
    let pending = PendingAuthorization {
        state: "s".repeat(43).into(),
        verifier: "v".repeat(43),
        redirect_uri: "http://127.0.0.1:8080/".into(),
        env: "local".into(),
        version: 2,
        client_id: "c".into(),
        response_type: "code".into(),
        created_at_ms: 1_700_000_000_123.0,
    };
    let body = br#"{"access_token":"a","token_type":"Bearer","expires_in":3600,"scope":"profile","refresh_token":"r","access_grant_expiration":"2027-12-01T10:00:00Z"}"#;
    let tokens = process_token_response_with(
        &SerdeJson,
        &HttpResponse::new(200, vec![], body.to_vec()),
        5.0,
    )
    .unwrap();
    let no_refresh = TokenSet {
        refresh_token: None,
        access_grant_expiration: None,
        access_grant_expiration_ms: None,
        ..tokens.clone()
    };
    for t in [tokens, no_refresh] {
        let by_tree = TreeJson.write(&t).unwrap();
        assert_eq!(SerdeJson.read::<TokenSet>(by_tree.as_bytes()).unwrap(), t);
        assert_eq!(
            TreeJson
                .read::<TokenSet>(SerdeJson.write(&t).unwrap().as_bytes())
                .unwrap(),
            t
        );
    }
    let by_tree = TreeJson.write(&pending).unwrap();
    assert_eq!(
        SerdeJson
            .read::<PendingAuthorization>(by_tree.as_bytes())
            .unwrap(),
        pending
    );
    assert_eq!(
        TreeJson
            .read::<PendingAuthorization>(SerdeJson.write(&pending).unwrap().as_bytes())
            .unwrap(),
        pending
    );
    // A stored record of the wrong shape is refused by both.
    for bad in [
        r#"{"state":"s"}"#,
        r#"{"state":"s","verifier":"v","redirectUri":"r","env":"local","version":2.5,"clientId":"c","responseType":"code","createdAtMs":0}"#,
        "[]",
    ] {
        assert!(
            SerdeJson
                .read::<PendingAuthorization>(bad.as_bytes())
                .is_err(),
            "{bad}"
        );
        assert!(
            TreeJson
                .read::<PendingAuthorization>(bad.as_bytes())
                .is_err(),
            "{bad}"
        );
    }
}
