//! `expires_in`, as a redirect's fragment (a string) or a token response (a number or a
//! string) states it: a non-negative number of seconds, at most ten years.

use crate::decimal::parse_plain_decimal;
use crate::oauth::error::OAuthError;

/// Larger `expires_in` values (over ten years) are refused as nonsense.
pub const MAX_EXPIRES_IN_S: f64 = 10.0 * 365.25 * 86_400.0;

/// Reads `expires_in`: an integer or decimal string, finite and ≥ 0.
///
/// ```
/// use bluebutton_core::oauth::expires::parse_expires_in;
/// assert_eq!(parse_expires_in("35849.875807").unwrap(), 35849.875807);
/// assert!(parse_expires_in("-1").is_err());
/// assert!(parse_expires_in("1e309").is_err());
/// ```
pub fn parse_expires_in(value: &str) -> Result<f64, OAuthError> {
    let bad = |reason: &str| OAuthError::InvalidParameter {
        name: "expires_in",
        reason: format!("{:?}: {reason}", value.chars().take(40).collect::<String>()),
    };
    let number = parse_plain_decimal(value)
        .ok_or_else(|| bad("expected a non-negative number of seconds"))?;
    if !number.is_finite() || number > MAX_EXPIRES_IN_S {
        return Err(bad("not a finite number of seconds under ten years"));
    }
    Ok(number)
}
