//! Endpoint URLs derived from a FHIR base such as `https://sandbox.bluebutton.cms.gov/v2/fhir/`.

use super::{ApiVersion, EobSearch, SearchError};
use crate::http::http_url::HttpUrl;
use crate::http::url_parts::{UrlParser, WhatwgUrl};

/// Endpoint URL builder for one API base.
///
/// ```
/// use bluebutton_core::api::search::{Endpoints, ApiVersion};
/// let ep = Endpoints::new("https://sandbox.bluebutton.cms.gov/v1/fhir").unwrap();
/// assert_eq!(ep.version(), ApiVersion::V1);
/// assert_eq!(ep.userinfo().as_str(), "https://sandbox.bluebutton.cms.gov/v1/connect/userinfo");
/// assert_eq!(ep.openid_configuration().as_str(), "https://sandbox.bluebutton.cms.gov/.well-known/openid-configuration");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoints {
    fhir_base: HttpUrl,
    root: HttpUrl,
    version: ApiVersion,
}

impl Endpoints {
    /// Parses `http(s)://host[:port][/prefix]/v{1,2,3}/fhir[/]` (no user info, query or fragment).
    ///
    /// ```
    /// use bluebutton_core::api::search::Endpoints;
    /// assert!(Endpoints::new("https://api.bluebutton.cms.gov/v3/fhir/").is_ok());
    /// assert!(Endpoints::new("https://api.bluebutton.cms.gov/v4/fhir/").is_err());
    /// assert!(Endpoints::new("https://api.bluebutton.cms.gov/").is_err());
    /// ```
    pub fn new(fhir_base: &str) -> Result<Self, SearchError> {
        Self::new_with(&WhatwgUrl, fhir_base)
    }

    /// [`Endpoints::new`] with the given WHATWG parser (the browser shell passes the
    /// browser's `URL`).
    ///
    /// ```
    /// use bluebutton_core::api::search::Endpoints;
    /// use bluebutton_core::http::url_parts::WhatwgUrl;
    /// let ep = Endpoints::new_with(&WhatwgUrl, "http://127.0.0.1:8000/v3/fhir").unwrap();
    /// assert_eq!(ep.fhir_base().as_str(), "http://127.0.0.1:8000/v3/fhir/");
    /// ```
    pub fn new_with(urls: &impl UrlParser, fhir_base: &str) -> Result<Self, SearchError> {
        let bad = || SearchError::InvalidBase(fhir_base.to_owned());
        let url =
            crate::http::origin::parse_base_with(urls, fhir_base.trim()).map_err(|_| bad())?;
        if url.query().is_some() || url.fragment().is_some() {
            return Err(bad());
        }
        let path = url.path().trim_end_matches('/').to_owned();
        let (prefix, version) = [
            ("/v1/fhir", ApiVersion::V1),
            ("/v2/fhir", ApiVersion::V2),
            ("/v3/fhir", ApiVersion::V3),
        ]
        .into_iter()
        .find_map(|(suffix, v)| path.strip_suffix(suffix).map(|p| (p.to_owned(), v)))
        .ok_or_else(bad)?;
        Ok(Self {
            fhir_base: url.with_path_query(&format!("{path}/"), None),
            root: url.with_path_query(&format!("{prefix}/"), None),
            version,
        })
    }

    /// The API version of the base.
    ///
    /// ```
    /// use bluebutton_core::api::search::{Endpoints, ApiVersion};
    /// assert_eq!(Endpoints::new("http://localhost:8000/v2/fhir/").unwrap().version(), ApiVersion::V2);
    /// ```
    pub fn version(&self) -> ApiVersion {
        self.version
    }

    /// The normalized FHIR base (with a trailing slash).
    ///
    /// ```
    /// use bluebutton_core::api::search::Endpoints;
    /// let ep = Endpoints::new("https://sandbox.bluebutton.cms.gov/v2/fhir").unwrap();
    /// assert_eq!(ep.fhir_base().as_str(), "https://sandbox.bluebutton.cms.gov/v2/fhir/");
    /// ```
    pub fn fhir_base(&self) -> &HttpUrl {
        &self.fhir_base
    }

    fn fhir(&self, path: &str) -> HttpUrl {
        self.fhir_base
            .with_path_query(&format!("{}{path}", self.fhir_base.path()), None)
    }

    fn fhir_id(&self, resource: &str, id: &str) -> Result<HttpUrl, SearchError> {
        let ok = (1..=64).contains(&id.len())
            && id
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.');
        if !ok || id == "." || id == ".." {
            return Err(SearchError::InvalidId(id.to_owned()));
        }
        Ok(self.fhir(&format!("{resource}/{id}")))
    }

    fn at_root(&self, path: &str) -> HttpUrl {
        self.root
            .with_path_query(&format!("{}{path}", self.root.path()), None)
    }

    /// `GET Patient/{id}`.
    ///
    /// ```
    /// use bluebutton_core::api::search::Endpoints;
    /// let ep = Endpoints::new("https://sandbox.bluebutton.cms.gov/v2/fhir/").unwrap();
    /// assert_eq!(ep.patient_read("-20140000008325").unwrap().path(), "/v2/fhir/Patient/-20140000008325");
    /// assert!(ep.patient_read("../userinfo").is_err());
    /// ```
    pub fn patient_read(&self, id: &str) -> Result<HttpUrl, SearchError> {
        self.fhir_id("Patient", id)
    }

    /// `GET Patient/` (the server adds `_id` = the token's patient).
    ///
    /// ```
    /// use bluebutton_core::api::search::Endpoints;
    /// let ep = Endpoints::new("https://sandbox.bluebutton.cms.gov/v2/fhir/").unwrap();
    /// assert_eq!(ep.patient_search().path(), "/v2/fhir/Patient/");
    /// ```
    pub fn patient_search(&self) -> HttpUrl {
        self.fhir("Patient/")
    }

    /// `GET Coverage/` (the server adds `beneficiary`).
    ///
    /// ```
    /// use bluebutton_core::api::search::Endpoints;
    /// let ep = Endpoints::new("https://sandbox.bluebutton.cms.gov/v2/fhir/").unwrap();
    /// assert_eq!(ep.coverage_search().path(), "/v2/fhir/Coverage/");
    /// ```
    pub fn coverage_search(&self) -> HttpUrl {
        self.fhir("Coverage/")
    }

    /// `GET Coverage/{id}`.
    ///
    /// ```
    /// use bluebutton_core::api::search::Endpoints;
    /// let ep = Endpoints::new("https://sandbox.bluebutton.cms.gov/v2/fhir/").unwrap();
    /// assert_eq!(ep.coverage_read("part-a--1").unwrap().path(), "/v2/fhir/Coverage/part-a--1");
    /// ```
    pub fn coverage_read(&self, id: &str) -> Result<HttpUrl, SearchError> {
        self.fhir_id("Coverage", id)
    }

    /// `GET ExplanationOfBenefit/?{query}`; refuses v3-only options (`_source`, `_tag`) on a
    /// v1/v2 base rather than let the server drop them silently.
    ///
    /// ```
    /// use bluebutton_core::api::search::{Endpoints, EobSearch};
    /// let ep = Endpoints::new("https://sandbox.bluebutton.cms.gov/v2/fhir/").unwrap();
    /// assert_eq!(ep.eob_search(&EobSearch::new()).unwrap().as_str(), "https://sandbox.bluebutton.cms.gov/v2/fhir/ExplanationOfBenefit/");
    /// assert!(ep.eob_search(&EobSearch::new().include_not_final()).is_err());
    /// ```
    pub fn eob_search(&self, search: &EobSearch) -> Result<HttpUrl, SearchError> {
        search.check_version(self.version)?;
        let path = format!("{}ExplanationOfBenefit/", self.fhir_base.path());
        let q = search.to_query_string();
        Ok(self
            .fhir_base
            .with_path_query(&path, Some(q.as_str()).filter(|q| !q.is_empty())))
    }

    /// `GET ExplanationOfBenefit/{id}`.
    ///
    /// ```
    /// use bluebutton_core::api::search::Endpoints;
    /// let ep = Endpoints::new("https://sandbox.bluebutton.cms.gov/v2/fhir/").unwrap();
    /// assert!(ep.eob_read("carrier-22639159481").is_ok());
    /// assert!(ep.eob_read("a/b").is_err());
    /// ```
    pub fn eob_read(&self, id: &str) -> Result<HttpUrl, SearchError> {
        self.fhir_id("ExplanationOfBenefit", id)
    }

    /// `GET Patient/$generate-insurance-card`: the v3 Digital Insurance Card (doc §12.2). The
    /// server takes the patient from the token, so there is no id; on v1/v2 the endpoint does
    /// not exist and this is [`SearchError::RequiresV3`] (code `requires_v3`), before any
    /// request.
    ///
    /// ```
    /// use bluebutton_core::api::search::Endpoints;
    /// let v3 = Endpoints::new("https://sandbox.bluebutton.cms.gov/v3/fhir/").unwrap();
    /// assert_eq!(v3.insurance_card().unwrap().as_str(),
    ///     "https://sandbox.bluebutton.cms.gov/v3/fhir/Patient/$generate-insurance-card");
    /// let v2 = Endpoints::new("https://sandbox.bluebutton.cms.gov/v2/fhir/").unwrap();
    /// assert_eq!(v2.insurance_card().unwrap_err().code(), "requires_v3");
    /// ```
    pub fn insurance_card(&self) -> Result<HttpUrl, SearchError> {
        match self.version {
            ApiVersion::V3 => Ok(self.fhir("Patient/$generate-insurance-card")),
            v => Err(SearchError::RequiresV3 {
                what: "The digital insurance card (Patient/$generate-insurance-card)",
                version: v.number(),
            }),
        }
    }

    /// `GET metadata` (no token needed).
    ///
    /// ```
    /// use bluebutton_core::api::search::Endpoints;
    /// let ep = Endpoints::new("https://sandbox.bluebutton.cms.gov/v2/fhir/").unwrap();
    /// assert_eq!(ep.metadata().path(), "/v2/fhir/metadata");
    /// ```
    pub fn metadata(&self) -> HttpUrl {
        self.fhir("metadata")
    }

    /// `GET /v{n}/connect/userinfo`.
    ///
    /// ```
    /// use bluebutton_core::api::search::Endpoints;
    /// let ep = Endpoints::new("https://sandbox.bluebutton.cms.gov/v3/fhir/").unwrap();
    /// assert_eq!(ep.userinfo().path(), "/v3/connect/userinfo");
    /// ```
    pub fn userinfo(&self) -> HttpUrl {
        self.at_root(&format!("v{}/connect/userinfo", self.version.number()))
    }

    /// OIDC discovery: `/.well-known/openid-configuration` (v1), `-v2`, `-v3`.
    ///
    /// ```
    /// use bluebutton_core::api::search::Endpoints;
    /// let ep = Endpoints::new("https://sandbox.bluebutton.cms.gov/v2/fhir/").unwrap();
    /// assert_eq!(ep.openid_configuration().path(), "/.well-known/openid-configuration-v2");
    /// ```
    pub fn openid_configuration(&self) -> HttpUrl {
        match self.version {
            ApiVersion::V1 => self.at_root(".well-known/openid-configuration"),
            v => self.at_root(&format!(".well-known/openid-configuration-v{}", v.number())),
        }
    }

    /// SMART configuration: `/v{n}/fhir/.well-known/smart-configuration`.
    ///
    /// ```
    /// use bluebutton_core::api::search::Endpoints;
    /// let ep = Endpoints::new("https://sandbox.bluebutton.cms.gov/v2/fhir/").unwrap();
    /// assert_eq!(ep.smart_configuration().path(), "/v2/fhir/.well-known/smart-configuration");
    /// ```
    pub fn smart_configuration(&self) -> HttpUrl {
        self.fhir(".well-known/smart-configuration")
    }
}
