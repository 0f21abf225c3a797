//! SMART scopes as Blue Button grants them (`../shared/docs/bluebutton-api.md` §11, §12.5):
//! `openid`, `profile`, `launch/patient` and `patient/{Patient,Coverage,ExplanationOfBenefit}`
//! with `.read` (SMART v1), `.rs`, `.r` or `.s` (SMART v2). There is no wildcard: the server
//! silently drops `patient/*.read` from the grant, so it is refused here, before the
//! beneficiary sees a consent page that cannot give the app what it asked for.
//!
//! Reads accept `.read`, `.r` and `.rs`; searches accept `.read`, `.s` and `.rs`. A refresh may
//! ask for a narrower scope: each scope must be one of the granted ones, or the same resource
//! with fewer permission letters (`.rs` to `.r` or `.s`).
//!
//! ```
//! use bluebutton_core::oauth::scope::{allows_read, allows_search};
//! let granted = ["openid".to_string(), "patient/Patient.r".into(), "patient/Coverage.rs".into()];
//! assert!(allows_read(&granted, "Patient"));
//! assert!(!allows_search(&granted, "Patient"));
//! assert!(allows_search(&granted, "Coverage"));
//! ```

use crate::oauth::error::OAuthError;

/// The resources Blue Button serves to a beneficiary's app.
pub const RESOURCES: [&str; 3] = ["Patient", "Coverage", "ExplanationOfBenefit"];

/// What one `patient/<Resource>.<access>` scope permits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Access {
    /// Read by id (`.read`, `.r`, `.rs`).
    pub read: bool,
    /// Search (`.read`, `.s`, `.rs`).
    pub search: bool,
    /// The SMART v1 `.read` form (read and search).
    pub v1: bool,
}

/// One scope token, parsed.
///
/// ```
/// use bluebutton_core::oauth::scope::{parse, Scope};
/// assert!(matches!(parse("patient/Coverage.s"), Scope::Resource { resource: "Coverage", .. }));
/// assert_eq!(parse("patient/*.read"), Scope::Wildcard);
/// assert_eq!(parse("openid"), Scope::Other("openid"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope<'a> {
    /// `patient/<Resource>.<access>` (any resource name; see [`RESOURCES`]).
    Resource {
        /// The FHIR resource type.
        resource: &'a str,
        /// What it permits.
        access: Access,
    },
    /// `patient/*.…` or `user/*.…`: a wildcard Blue Button never grants.
    Wildcard,
    /// Anything else (`openid`, `profile`, `launch/patient`, …).
    Other(&'a str),
}

/// Parses one scope token.
pub fn parse(scope: &str) -> Scope<'_> {
    let Some((context, rest)) = scope.split_once('/') else {
        return Scope::Other(scope);
    };
    if !matches!(context, "patient" | "user" | "system") {
        return Scope::Other(scope);
    }
    let Some((resource, suffix)) = rest.rsplit_once('.') else {
        return Scope::Other(scope);
    };
    if resource == "*" {
        return Scope::Wildcard;
    }
    let access = match suffix {
        "read" => Access {
            read: true,
            search: true,
            v1: true,
        },
        "r" | "s" | "rs" => Access {
            read: suffix.contains('r'),
            search: suffix.contains('s'),
            v1: false,
        },
        _ => return Scope::Other(scope),
    };
    if context != "patient" {
        return Scope::Other(scope);
    }
    Scope::Resource { resource, access }
}

fn any_access(scopes: &[String], resource: &str, want: impl Fn(Access) -> bool) -> bool {
    scopes.iter().any(|s| match parse(s) {
        Scope::Resource {
            resource: r,
            access,
        } => r == resource && want(access),
        _ => false,
    })
}

/// Does some granted scope allow reading `resource` by id (`.read`, `.r`, `.rs`)?
pub fn allows_read(scopes: &[String], resource: &str) -> bool {
    any_access(scopes, resource, |a| a.read)
}

/// Does some granted scope allow searching `resource` (`.read`, `.s`, `.rs`)?
pub fn allows_search(scopes: &[String], resource: &str) -> bool {
    any_access(scopes, resource, |a| a.search)
}

/// Does the grant allow the v3 Digital Insurance Card (`Patient/$generate-insurance-card`)?
/// It needs a Patient read scope and a Coverage search scope (§12.2); otherwise the server
/// answers 403.
///
/// ```
/// use bluebutton_core::oauth::scope::allows_insurance_card;
/// let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
/// assert!(allows_insurance_card(&s(&["patient/Patient.r", "patient/Coverage.s"])));
/// assert!(!allows_insurance_card(&s(&["patient/Patient.s", "patient/Coverage.rs"])));
/// ```
pub fn allows_insurance_card(scopes: &[String]) -> bool {
    allows_read(scopes, "Patient") && allows_search(scopes, "Coverage")
}

/// Checks the scopes an app asks for at authorize: a wildcard, or a scope on a resource the
/// beneficiary's app cannot get (`AuditEvent` is refused at authorize, §12.5), is an
/// `invalid_option` error saying what to ask for instead.
///
/// ```
/// use bluebutton_core::oauth::scope::check_requested;
/// let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
/// assert!(check_requested(&s(&["openid", "patient/Patient.rs"])).is_ok());
/// let e = check_requested(&s(&["patient/*.read"])).unwrap_err();
/// assert_eq!(e.code().as_str(), "invalid_option");
/// assert!(e.to_string().contains("patient/ExplanationOfBenefit.rs"));
/// ```
pub fn check_requested(scopes: &[String]) -> Result<(), OAuthError> {
    for scope in scopes {
        match parse(scope) {
            Scope::Wildcard => {
                return Err(OAuthError::InvalidOption {
                    name: "scopes",
                    reason: format!(
                        "{scope:?}: Blue Button has no wildcard scope and would grant nothing for it; \
                         list each resource, e.g. patient/Patient.rs patient/Coverage.rs patient/ExplanationOfBenefit.rs"
                    ),
                })
            }
            Scope::Resource { resource, .. } if !RESOURCES.contains(&resource) => {
                return Err(OAuthError::InvalidOption {
                    name: "scopes",
                    reason: format!(
                        "{scope:?}: a beneficiary's app can only ask for Patient, Coverage and ExplanationOfBenefit scopes"
                    ),
                })
            }
            _ => {}
        }
    }
    Ok(())
}

/// Is `wanted` one of `granted`, or the same resource with a subset of its SMART v2 letters?
fn within(granted: &str, wanted: &str) -> bool {
    if granted == wanted {
        return true;
    }
    match (parse(granted), parse(wanted)) {
        (
            Scope::Resource {
                resource: g,
                access: ga,
            },
            Scope::Resource {
                resource: w,
                access: wa,
            },
        ) => {
            // `.read` (SMART v1) narrows to nothing but itself: whether the server maps it to
            // `.rs` is not in the API doc, so a refresh keeps to what it certainly accepts.
            g == w && !ga.v1 && !wa.v1 && (ga.read || !wa.read) && (ga.search || !wa.search)
        }
        _ => false,
    }
}

/// Checks a refresh's narrower scope against the granted one (§12.5: each requested scope
/// must equal a granted one or be a SMART sub-scope of it). A wider request is refused here
/// with `invalid_option` instead of costing the beneficiary's refresh token an `invalid_scope`.
///
/// ```
/// use bluebutton_core::oauth::scope::check_narrower;
/// let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
/// let granted = s(&["profile", "patient/ExplanationOfBenefit.rs"]);
/// assert!(check_narrower(&granted, &s(&["patient/ExplanationOfBenefit.s"])).is_ok());
/// assert!(check_narrower(&granted, &s(&["patient/Coverage.rs"])).is_err());
/// assert!(check_narrower(&granted, &[]).is_err());
/// ```
pub fn check_narrower(granted: &[String], wanted: &[String]) -> Result<(), OAuthError> {
    if wanted.is_empty() {
        return Err(OAuthError::InvalidOption {
            name: "scopes",
            reason: "a narrower refresh needs at least one scope; omit the option to keep the granted ones".into(),
        });
    }
    match wanted
        .iter()
        .find(|w| !granted.iter().any(|g| within(g, w)))
    {
        Some(extra) => Err(OAuthError::InvalidOption {
            name: "scopes",
            reason: format!(
                "{extra:?} is not within the granted scopes ({}); a refresh can only keep or narrow them. Ask the beneficiary to sign in again for more",
                granted.join(" ")
            ),
        }),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests;
