//! Tiny UTC timestamp reading (no clock: the shell passes "now" in).

/// Reads `YYYY-MM-DDTHH:MM:SSZ` (also with a space instead of `T`, as in CMS's docs, and
/// optional fractional seconds) into Unix milliseconds.
///
/// ```
/// use bluebutton_core::time::parse_utc_timestamp_ms;
/// assert_eq!(parse_utc_timestamp_ms("1970-01-02T00:00:00Z"), Some(86_400_000.0));
/// assert_eq!(parse_utc_timestamp_ms("2025-09-05 19:17:53Z"), Some(1_757_099_873_000.0));
/// assert_eq!(parse_utc_timestamp_ms("yesterday"), None);
/// ```
pub fn parse_utc_timestamp_ms(text: &str) -> Option<f64> {
    let text = text.trim().strip_suffix('Z')?;
    let (date, time) = text.split_once(['T', ' '])?;
    let mut d = date.split('-');
    let year: i64 = d.next()?.parse().ok()?;
    let month: u32 = d.next()?.parse().ok()?;
    let day: u32 = d.next()?.parse().ok()?;
    let mut t = time.split(':');
    let hour: u32 = t.next()?.parse().ok()?;
    let minute: u32 = t.next()?.parse().ok()?;
    // Digits and one `.` only (no general float parser in the sign-in .wasm).
    let seconds = crate::decimal::parse_plain_decimal(t.next()?)?;
    if d.next().is_some()
        || t.next().is_some()
        || !(1..=12).contains(&month)
        || !(1..=31).contains(&day)
        || hour > 23
        || minute > 59
        || !(0.0..61.0).contains(&seconds)
    {
        return None;
    }
    let days = days_from_civil(year, month, day);
    Some(
        ((days * 86_400 + i64::from(hour) * 3600 + i64::from(minute) * 60) as f64 + seconds)
            * 1000.0,
    )
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
pub fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}
