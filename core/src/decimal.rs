//! Plain decimal numbers (`3599.5`) read without the general float parser, which would add
//! ~6 KB to the sign-in .wasm: `expires_in` in a redirect and the seconds of a timestamp.

/// A plain decimal: ASCII digits with at most one `.` (no sign, exponent, `inf` or `NaN`).
///
/// ```
/// use bluebutton_core::decimal::parse_plain_decimal;
/// assert_eq!(parse_plain_decimal("3599.5"), Some(3599.5));
/// assert_eq!(parse_plain_decimal("-1"), None);
/// assert_eq!(parse_plain_decimal("1e3"), None);
/// ```
pub fn parse_plain_decimal(text: &str) -> Option<f64> {
    let plain = !text.is_empty()
        && text.chars().all(|c| c.is_ascii_digit() || c == '.')
        && text.chars().filter(|c| *c == '.').count() <= 1
        && text.chars().any(|c| c.is_ascii_digit());
    plain.then(|| plain_decimal(text))
}

/// The value of a plain decimal (checked by [`parse_plain_decimal`]): the same as `str::parse::<f64>` while the significant digits fit in 2^53 (any real
/// `expires_in`; further digits are dropped). A digit loop and one division keep the general
/// float parser (~6 KB of wasm) out of the sign-in .wasm.
///
/// ```
/// # use bluebutton_core::decimal::parse_plain_decimal;
/// for text in ["0", ".5", "3599.5", "35849.875807", "0.1", "123456789.123456"] {
///     assert_eq!(parse_plain_decimal(text).unwrap(), text.parse::<f64>().unwrap(), "{text}");
/// }
/// ```
fn plain_decimal(text: &str) -> f64 {
    const LIMIT: u64 = (1 << 53) / 10;
    let (mut mantissa, mut fraction_digits, mut dropped_whole_digits) = (0u64, 0i32, 0i32);
    let mut after_point = false;
    for b in text.bytes() {
        if b == b'.' {
            after_point = true;
        } else if mantissa < LIMIT {
            mantissa = mantissa * 10 + u64::from(b - b'0');
            fraction_digits += i32::from(after_point);
        } else if !after_point {
            dropped_whole_digits += 1;
        }
    }
    // Exact below 2^53; 10^k is exact up to k = 22, so the one division rounds correctly.
    #[allow(clippy::cast_precision_loss)]
    let whole = mantissa as f64 * 10f64.powi(dropped_whole_digits);
    whole / 10f64.powi(fraction_digits)
}
