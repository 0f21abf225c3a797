//! `/vN/fhir/metadata`, OpenID and SMART discovery documents (doc §9).

use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{json, Value};

use crate::data::Version;
use crate::http::{json_resp, Req};

/// The OpenID configuration for `v` (v1 points at the v2 endpoints, v3
/// rewrites them to `/v3/`).
pub fn openid(req: &Req, v: Version) -> Response {
    let issuer = req.base_url();
    let p = if v == Version::V3 { "v3" } else { "v2" };
    let mut grants = vec!["refresh_token", "authorization_code"];
    if v == Version::V3 {
        grants.push("client_credentials");
    }
    let doc = json!({
        "issuer": issuer,
        "authorization_endpoint": format!("{issuer}/{p}/o/authorize"),
        "revocation_endpoint": format!("{issuer}/{p}/o/revoke_token"),
        "token_endpoint": format!("{issuer}/{p}/o/token/"),
        "userinfo_endpoint": format!("{issuer}/{p}/connect/userinfo"),
        "ui_locales_supported": ["en-US"],
        "service_documentation": "https://bluebutton.cms.gov/developers",
        "op_tos_uri": "https://bluebutton.cms.gov/terms",
        "grant_types_supported": grants,
        "response_types_supported": ["code", "token"],
        "fhir_metadata_uri": format!("{issuer}/{p}/fhir/metadata"),
    });
    json_resp(StatusCode::OK, &doc)
}

/// `/vN/fhir/.well-known/smart-configuration`.
pub fn smart(req: &Req, v: Version) -> Response {
    let issuer = req.base_url();
    let p = if v == Version::V3 { "v3" } else { "v2" };
    let mut grants = vec!["authorization_code"];
    let mut caps = vec![
        "client-confidential-symmetric",
        "context-standalone-patient",
        "launch-standalone",
        "permission-offline",
        "permission-patient",
        "permission-v1",
        "permission-v2",
        "authorize-post",
    ];
    if v == Version::V3 {
        grants.push("client_credentials");
        caps.push("client-confidential-asymmetric");
    }
    let mut doc = json!({
        "authorization_endpoint": format!("{issuer}/{p}/o/authorize"),
        "revocation_endpoint": format!("{issuer}/{p}/o/revoke_token"),
        "token_endpoint": format!("{issuer}/{p}/o/token/"),
        "grant_types_supported": grants,
        "response_types_supported": ["code", "token"],
        "scopes_supported": ["openid", "profile", "launch/patient", "patient/Patient.read",
            "patient/ExplanationOfBenefit.read", "patient/Coverage.read", "patient/Patient.rs",
            "patient/ExplanationOfBenefit.rs", "patient/Coverage.rs"],
        "code_challenge_methods_supported": ["S256"],
        "capabilities": caps,
    });
    if v == Version::V3 {
        doc["token_endpoint_auth_methods_supported"] = json!(["private_key_jwt"]);
    }
    json_resp(StatusCode::OK, &doc)
}

/// `/vN/fhir/metadata`: a CapabilityStatement filtered the way BB2 does.
pub fn metadata(req: &Req, v: Version) -> Response {
    let base = req.base_url();
    let p = v.as_str();
    let interaction = json!([{"code": "read"}, {"code": "search-type"}]);
    let resources: Vec<Value> = ["Patient", "Coverage", "ExplanationOfBenefit", "Bundle"]
        .iter()
        .map(|t| json!({"type": t, "interaction": interaction, "searchParam": []}))
        .collect();
    let doc = json!({
        "resourceType": "CapabilityStatement",
        "status": "active",
        "date": "2024-01-02T00:00:00+00:00",
        "publisher": "Centers for Medicare & Medicaid Services (local sandbox)",
        "kind": "instance",
        "software": {"name": "bluebutton-sandbox", "version": env!("CARGO_PKG_VERSION")},
        "implementation": {"description": "Local Blue Button sandbox", "url": format!("{base}/{p}/fhir/")},
        "fhirVersion": if v == Version::V1 { "3.0.2" } else { "4.0.1" },
        "format": ["application/json", "application/fhir+json"],
        "rest": [{
            "mode": "server",
            "resource": resources,
            "security": {
                "cors": true,
                "service": [
                    {"text": "OAuth", "coding": [{"system": "http://hl7.org/fhir/restful-security-service", "code": "OAuth", "display": "OAuth"}]},
                    {"text": "SMART-on-FHIR", "coding": [{"system": "http://hl7.org/fhir/restful-security-service", "code": "SMART-on-FHIR", "display": "SMART-on-FHIR"}]}
                ],
                "extension": [{
                    "url": "http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris",
                    "extension": [
                        {"url": "token", "valueUri": format!("{base}/{p}/o/token/")},
                        {"url": "authorize", "valueUri": format!("{base}/{p}/o/authorize/")},
                        {"url": "revoke", "valueUri": format!("{base}/{p}/o/revoke_token/")}
                    ]
                }]
            }
        }]
    });
    json_resp(StatusCode::OK, &doc)
}
