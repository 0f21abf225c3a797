//! [`ErrorCode`]: every stable error code of bluebutton-wasm in one enum.
//!
//! Each layer's error type (`ConfigError`, `OAuthError`, `PkceError`, `OriginError`,
//! `GzipError`, `SearchError`, `PagingError`, `ApiError`, `FhirError` and the browser shell's
//! `BrowserError`) returns one of these from `code()`, and the JavaScript `Error.code` is
//! always [`ErrorCode::as_str`]. A code names exactly one meaning. Its twins are the
//! TypeScript union `ErrorCode` in `npm/index.d.ts` and the table in the README's
//! "Error codes" section; `tests/api/error_codes.rs` fails when they differ from this list.
//!
//! ```
//! use bluebutton_core::ErrorCode;
//! assert_eq!(ErrorCode::StateMismatch.as_str(), "state_mismatch");
//! assert_eq!(ErrorCode::StateMismatch.to_string(), "state_mismatch");
//! assert_eq!(serde_json::to_string(&ErrorCode::SignedOut).unwrap(), "\"signed_out\"");
//! assert!(ErrorCode::ALL.contains(&ErrorCode::Cancelled));
//! ```

/// Declares [`ErrorCode`] from one list: variant, code, meaning, what to do. The enum's
/// documentation table, the variants' docs, [`ErrorCode::as_str`], [`ErrorCode::meaning`],
/// [`ErrorCode::what_to_do`] and [`ErrorCode::ALL`] all come from it.
macro_rules! error_codes {
    ($($variant:ident = $code:literal: $meaning:literal => $action:literal;)*) => {
        /// A stable, machine-readable error code (the JavaScript `Error.code`).
        ///
        /// Serialized (serde) as its snake_case string. New codes may be added, so matches
        /// need a catch-all arm.
        ///
        /// | Code | Meaning | What to do |
        /// |------|---------|------------|
        $(#[doc = concat!("| `", $code, "` | ", $meaning, " | ", $action, " |")])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord,
            serde::Serialize, serde::Deserialize,
        )]
        #[non_exhaustive]
        pub enum ErrorCode {
            $(
                #[doc = concat!("`", $code, "`: ", $meaning, " ", $action)]
                #[serde(rename = $code)]
                $variant,
            )*
        }

        impl ErrorCode {
            /// Every code, in table order.
            pub const ALL: &'static [ErrorCode] = &[$(Self::$variant),*];

            /// The code as the stable snake_case string.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $code,)*
                }
            }

            /// What the code means (the README table's second column).
            pub const fn meaning(self) -> &'static str {
                match self {
                    $(Self::$variant => $meaning,)*
                }
            }

            /// What the user or developer should do (the README table's third column).
            pub const fn what_to_do(self) -> &'static str {
                match self {
                    $(Self::$variant => $action,)*
                }
            }
        }
    };
}

error_codes! {
    // Configuration.
    UnknownEnvironment = "unknown_environment":
        "The environment is not `sandbox`, `production`, `local` or an http(s) base URL without query or fragment."
        => "Fix the configuration: use one of those names or a base URL such as `http://127.0.0.1:8000`.";
    UnsupportedVersion = "unsupported_version":
        "The Blue Button API version is not 1, 2 or 3."
        => "Use 2 (FHIR R4, the default), 3, or 1 (STU3).";
    InvalidRelayUrl = "invalid_relay_url":
        "The token relay URL (`relayUrl`) is not an http(s) base URL without query or fragment."
        => "Fix the relay URL in the configuration.";
    TokenSourceError = "token_source_error":
        "A token source given to `BlueButtonClient` failed with an error that carries none of this package's codes."
        => "Check the token source (a `BlueButtonSession` fits); the message is the source's own.";
    EnvironmentMismatch = "environment_mismatch":
        "A client was asked for another environment's API than the one the session was issued for, where its token must not go."
        => "Call `session.client()` with no environment, or sign in against that environment.";
    // Calls from JavaScript.
    InvalidArgument = "invalid_argument":
        "A JavaScript argument has the wrong type (e.g. `undefined` where a string is needed)."
        => "Fix the call; the message names the function and the argument.";
    InvalidOptions = "invalid_options":
        "An options object is missing, has an unknown key (say `type` for `types`) or a value of the wrong type."
        => "Fix the options object; the message names the key.";
    // Building the sign-in.
    MissingOption = "missing_option":
        "A required option (client id, redirect URI, state, …) is missing or empty."
        => "Supply the option named in the message.";
    InvalidOption = "invalid_option":
        "An option has a value the server would refuse (a short state, an http redirect URI in production, no scopes on v3, …)."
        => "Change the value as the message says.";
    InvalidPkceVerifier = "invalid_pkce_verifier":
        "A PKCE code verifier breaks RFC 7636 (43 to 128 characters of A-Z a-z 0-9 - . _ ~, from at least 32 random bytes)."
        => "Make verifiers with `createPkcePair()`.";
    // The redirect back to the app.
    InvalidUrl = "invalid_url":
        "The callback URL to parse is not an absolute URL."
        => "Pass the whole redirect URL (e.g. `location.href`).";
    NoOauthResponse = "no_oauth_response":
        "The callback URL carries no OAuth response (no code, access_token or error)."
        => "Call it only on the redirect page; otherwise start the sign-in again.";
    MalformedEscape = "malformed_escape":
        "A callback parameter has a `%` not followed by two hex digits."
        => "Ignore this response and start the sign-in again.";
    InvalidUtf8 = "invalid_utf8":
        "A callback parameter is not UTF-8 once decoded."
        => "Ignore this response and start the sign-in again.";
    DuplicateParameter = "duplicate_parameter":
        "The callback repeats an OAuth parameter (RFC 6749 §3.1 forbids it)."
        => "Ignore this response and start the sign-in again.";
    MissingParameter = "missing_parameter":
        "The callback lacks a parameter its response type requires."
        => "Start the sign-in again.";
    InvalidParameter = "invalid_parameter":
        "A callback parameter has a value outside its grammar."
        => "Start the sign-in again.";
    MissingState = "missing_state":
        "The callback has no state though one was expected, so this app did not start it."
        => "Start the sign-in again from the app.";
    StateMismatch = "state_mismatch":
        "The callback's state differs from the one this app sent (another tab, an old link, or CSRF)."
        => "Start the sign-in again from this page.";
    NoPendingAuthorization = "no_pending_authorization":
        "No sign-in is in progress in this tab (already completed, never started here, or storage cleared)."
        => "Start the sign-in again.";
    PendingExpired = "pending_expired":
        "The sign-in took longer than its 10-minute lifetime."
        => "Start the sign-in again.";
    IssuerMismatch = "issuer_mismatch":
        "The callback's `iss` is missing or names another server (RFC 9207)."
        => "Ignore this response and start the sign-in again.";
    AuthorizationError = "authorization_error":
        "The authorization server sent the user back with an error (`access_denied` when they chose Deny, `not_found` when no Medicare record matched, …)."
        => "Show the reason; the user may connect again.";
    // The token endpoint and the session.
    ClientAuthentication = "client_authentication":
        "The token endpoint refused the client's credentials (a missing or wrong client secret)."
        => "Check the client id; send the secret through a token relay, or register a public client.";
    InvalidGrant = "invalid_grant":
        "The token endpoint rejected the code, verifier or refresh token (used twice, expired, or not this client's)."
        => "Sign in again.";
    SessionExpired = "session_expired":
        "The beneficiary's access has ended: the API answered 401 (token expired or refused), or the token endpoint said the grant ran out (13 months, or a one-time app's hour)."
        => "Sign in again (reconnect).";
    AccessRevoked = "access_revoked":
        "This sign-in's tokens were revoked or replaced: the beneficiary or CMS revoked the app's access, or a newer sign-in to the same app replaced them (Blue Button keeps one set of tokens per app and beneficiary)."
        => "The beneficiary must sign in and consent again.";
    TokenEndpointError = "token_endpoint_error":
        "The token endpoint answered another error; the message has the server's words."
        => "Read the message; retry, or sign in again.";
    InvalidTokenResponse = "invalid_token_response":
        "The token response is not the JSON an OAuth server sends."
        => "Check the token endpoint or relay URL, then retry.";
    NoRefreshToken = "no_refresh_token":
        "The access token expired and the session holds no refresh token (implicit flow, or none was issued)."
        => "Sign in again.";
    SignedOut = "signed_out":
        "The session holds no tokens: `signOut()` was called, or a refused refresh ended it."
        => "Sign in again and use the new session.";
    // The browser.
    NetworkError = "network_error":
        "`fetch` failed before any response (offline, DNS, a CORS refusal)."
        => "Check the connection and that the server allows this origin; retry.";
    UnexpectedRedirect = "unexpected_redirect":
        "A server answered a request of the browser client with a redirect, which is never followed (tokens stay on the configured host)."
        => "Check the configured base URL or relay URL.";
    ResponseTooLarge = "response_too_large":
        "A response body is larger than its size cap and was refused."
        => "Ask for less (a smaller `count`); report it if it persists.";
    StorageUnavailable = "storage_unavailable":
        "`sessionStorage` is missing or refused the operation (private mode, quota, Node)."
        => "Use a browser tab with storage enabled.";
    PagesNotKept = "pages_not_kept":
        "A lossless export (`toBundleJson`, `toNdjson`) of a history downloaded with `keepPages: false`: its page bodies were not kept."
        => "Download again without `keepPages: false` to export JSON or NDJSON; `toCsv()` works either way.";
    DeviceStoreUnavailable = "device_store_unavailable":
        "IndexedDB or WebCrypto refused to keep data on this device (private mode, quota, an old browser)."
        => "The data stays in this tab only; free some space or use a regular window to keep it.";
    DeviceStoreCorrupt = "device_store_corrupt":
        "Data kept on this device was of another format or did not decrypt with this device's key; it was removed."
        => "Download the data again.";
    RandomUnavailable = "random_unavailable":
        "`crypto.getRandomValues` is missing or failed."
        => "Run in a browser or Node 20 with Web Crypto.";
    Unavailable = "unavailable":
        "A browser API this call needs is missing (e.g. `window.history` in Node)."
        => "Call it from a browser page.";
    Cancelled = "cancelled":
        "The caller aborted the request (AbortSignal)."
        => "Nothing; start it again when wanted.";
    // Which URLs may be requested.
    InvalidBaseUrl = "invalid_base_url":
        "The configured API base URL is not a valid http(s) URL."
        => "Fix the configuration.";
    InvalidRequestUrl = "invalid_request_url":
        "A URL about to be requested (an endpoint, or a Bundle `next` link) does not parse; nothing was sent."
        => "Check the base URL; report a server link that does not parse.";
    UrlUserInfo = "url_user_info":
        "A URL carries user info (`user@host`); nothing was sent."
        => "Remove the user info; report a server link that carries it.";
    HttpsDowngrade = "https_downgrade":
        "A URL downgrades https to http on the API host; nothing was sent."
        => "Report the link to the server operator.";
    CrossOrigin = "cross_origin":
        "A URL is not on the configured API origin; the request was not sent, so the token stays private."
        => "Check the base URL; rebase recorded links explicitly.";
    // API answers.
    DemographicsWithheld = "demographics_withheld":
        "HTTP 403 on Patient or userinfo: the beneficiary did not share name, address and birth date."
        => "Go on with the claims; to share, sign in again and allow it.";
    EobForbidden = "eob_forbidden":
        "HTTP 403 on v1/v2 ExplanationOfBenefit: the beneficiary declined to share SAMHSA data, or only Part D data is available."
        => "Try the v3 API or Coverage.";
    InsuranceCardForbidden = "insurance_card_forbidden":
        "HTTP 403 on the v3 digital insurance card: the token (or the app) lacks a Patient read scope or a Coverage search scope, and the card needs both."
        => "Sign in again asking for `patient/Patient.rs` (or `.read`, `.r`) and `patient/Coverage.rs` (or `.read`, `.s`), with demographics shared; check that the app is registered for both.";
    Forbidden = "forbidden":
        "Any other HTTP 403."
        => "Check the app's permissions (scopes).";
    NotFound = "not_found":
        "HTTP 404: the resource does not exist or belongs to another beneficiary."
        => "Check the id.";
    BadRequest = "bad_request":
        "HTTP 400: the server rejected the request."
        => "Check the search options.";
    Throttled = "throttled":
        "HTTP 429: too many requests."
        => "Wait as long as the message says, then retry.";
    UpstreamUnavailable = "upstream_unavailable":
        "HTTP 5xx: the Blue Button service or its data source is unavailable."
        => "Retry later.";
    OperationOutcome = "operation_outcome":
        "HTTP 400 or 5xx with a FHIR OperationOutcome (v3); the message has its diagnostics."
        => "Read the diagnostics; fix the request or retry later.";
    RedirectStatus = "redirect_status":
        "The core's response classifier got an HTTP 3xx status (a Rust caller's own transport passed a redirect through; the browser client reports `unexpected_redirect` before this)."
        => "Do not follow it with the token; check the API base URL.";
    ResponseNotJson = "response_not_json":
        "A success (2xx) API response that must be JSON (userinfo, metadata, the well-known documents, or a body given to `check_resource`) is not JSON."
        => "A proxy or maintenance page answered; retry later.";
    UnexpectedResource = "unexpected_resource":
        "A success response is JSON of another FHIR resource type than the one requested."
        => "Check the request URL.";
    UnexpectedStatus = "unexpected_status":
        "An HTTP status no other code covers."
        => "Read the message; retry later.";
    // Search options and paging.
    InvalidClaimType = "invalid_claim_type":
        "A claim type is not carrier, dme, hha, hospice, inpatient, outpatient, pde or snf."
        => "Fix the `types` option.";
    InvalidDateFilter = "invalid_date_filter":
        "A `_lastUpdated` or `service-date` filter lacks an lt, le, gt or ge prefix or a valid date."
        => "Write it like `ge2021-03-01`.";
    InvalidClaimSource = "invalid_claim_source":
        "A claim source is not NCH, DDPS, FISS, MCS, VMS or CWF."
        => "Fix the `sources` option.";
    InvalidTag = "invalid_tag":
        "A tag is not NationalClaimsHistory, SharedSystem, DDPS (System-Type), FinalAction or NotFinalAction (Final-Action)."
        => "Fix the `tags` option.";
    CountOutOfRange = "count_out_of_range":
        "`_count` is not between 1 and 50."
        => "Use a count from 1 to 50.";
    InvalidFhirBase = "invalid_fhir_base":
        "The FHIR base URL is not `http(s)://host[/prefix]/v1, v2 or v3/fhir/`."
        => "Fix the base URL.";
    InvalidResourceId = "invalid_resource_id":
        "A resource id is outside FHIR's 1 to 64 characters of A-Z a-z 0-9 - ."
        => "Check the id.";
    RequiresV3 = "requires_v3":
        "The call or search option exists only on the v3 API (the digital insurance card; the `sources`, `tags` and `includeNotFinal` options, which v1 and v2 would ignore)."
        => "Use a client on API version 3 (sign in with version 3), or leave the option out.";
    PagingLinkOffOrigin = "paging_link_off_origin":
        "A Bundle `next` link (or a page URL) is not on the API origin; it was not followed."
        => "Report it to the server operator.";
    PagingLoop = "paging_loop":
        "The server returned a `next` link already followed; paging stopped."
        => "Retry later; report it if it persists.";
    TooManyPages = "too_many_pages":
        "More pages than the bound; paging stopped."
        => "Narrow the search (types, service dates).";
    BadPageSize = "bad_page_size":
        "The page size of the first page URL is not between 1 and 50."
        => "Use a count from 1 to 50.";
    CountMismatch = "count_mismatch":
        "The downloaded history has fewer distinct resources than `Bundle.total`; nothing partial is returned."
        => "Retry the download.";
    // Gzip bodies.
    GzipNotGzip = "gzip_not_gzip":
        "Bytes given to the gzip decoder do not start with the gzip magic (1f 8b)."
        => "Pass plain bytes to the parsers instead (they inflate gzip themselves).";
    GzipUnsupportedMethod = "gzip_unsupported_method":
        "The gzip header names a compression method other than deflate."
        => "The body is corrupt; retry the download.";
    GzipReservedFlags = "gzip_reserved_flags":
        "The gzip header sets reserved flag bits."
        => "The body is corrupt; retry the download.";
    GzipTruncatedHeader = "gzip_truncated_header":
        "The gzip header ends early."
        => "The download was cut short; retry it.";
    GzipHeaderCrcMismatch = "gzip_header_crc_mismatch":
        "The gzip header checksum does not match."
        => "The body is corrupt; retry the download.";
    GzipCorrupt = "gzip_corrupt":
        "The deflate data is invalid."
        => "The body is corrupt; retry the download.";
    GzipTruncated = "gzip_truncated":
        "The gzip data or its trailer ends early."
        => "The download was cut short; retry it.";
    GzipCrcMismatch = "gzip_crc_mismatch":
        "The CRC32 of the inflated data differs from the gzip trailer."
        => "The body is corrupt; retry the download.";
    GzipLengthMismatch = "gzip_length_mismatch":
        "The inflated length differs from the gzip trailer."
        => "The body is corrupt; retry the download.";
    GzipTrailingData = "gzip_trailing_data":
        "Bytes follow the gzip data (concatenated members are refused too)."
        => "The body is corrupt; retry the download.";
    DecompressedTooLarge = "decompressed_too_large":
        "A gzip body inflates past the size cap (a possible decompression bomb)."
        => "Refuse the body; ask for less if it is genuine.";
    // Reading FHIR JSON.
    EmptyBody = "empty_body":
        "The body to parse is empty (or only whitespace)."
        => "Retry the request.";
    NotJson = "not_json":
        "Bytes given to the FHIR parser (a downloaded page, or text passed to `summarizeClaims` or `parseBundle`) are not JSON; the message gives line and column."
        => "For a download, retry later (an error page answered); for your own input, check that it is the Bundle JSON.";
    TruncatedJson = "truncated_json":
        "The JSON ends early."
        => "The download was cut short; retry it.";
    JsonTooDeep = "json_too_deep":
        "The JSON is nested too deeply to be FHIR data."
        => "Refuse the body.";
    UnexpectedShape = "unexpected_shape":
        "Valid JSON of the wrong shape (e.g. an array where an object is required); the message names the JSON path."
        => "Check the input is the FHIR resource expected; retry a download.";
    WrongResourceType = "wrong_resource_type":
        "The parser got a FHIR resource of another type than the one required."
        => "Check the request URL or the input.";
    NoInsuranceCard = "no_insurance_card":
        "The insurance card answer holds no record: no Medicare beneficiary matched (an unknown or merged beneficiary)."
        => "Show that no card is available; the beneficiary can call 1-800-MEDICARE (1-800-633-4227).";
    // Bugs.
    Internal = "internal":
        "A value could not be handed to JavaScript; this is a bug in bluebutton-wasm."
        => "Report it with the message.";
}

impl ErrorCode {
    /// The code whose [`ErrorCode::as_str`] is `code` (an error passed on as text, from a Web
    /// Worker or a JS token source).
    ///
    /// ```
    /// use bluebutton_core::ErrorCode;
    /// assert_eq!(ErrorCode::from_code("count_mismatch"), Some(ErrorCode::CountMismatch));
    /// assert_eq!(ErrorCode::from_code("no_such_code"), None);
    /// ```
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|c| c.as_str() == code)
    }
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<str> for ErrorCode {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for ErrorCode {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

#[cfg(test)]
mod tests;
