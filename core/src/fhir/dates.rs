//! FHIR date helpers used by the models and the summary. Re-exported from
//! [`super::lenient`].

/// The `YYYY-MM-DD` prefix of a FHIR date or dateTime when it is a real calendar date.
///
/// ```
/// use bluebutton_core::fhir::lenient::date_prefix;
/// assert_eq!(date_prefix("2021-03-04T10:00:00-05:00"), Some("2021-03-04"));
/// assert_eq!(date_prefix("IGNORED_FIELD"), None);
/// assert_eq!(date_prefix("2021-02-30"), None);
/// ```
pub fn date_prefix(s: &str) -> Option<&str> {
    let d = s.get(..10)?;
    let b = d.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if !(digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10)) {
        return None;
    }
    if s.len() > 10 && s.as_bytes()[10] != b'T' {
        return None;
    }
    let year: u32 = d[..4].parse().ok()?;
    let month: u32 = d[5..7].parse().ok()?;
    let day: u32 = d[8..10].parse().ok()?;
    let leap = (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
    let max = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    (1..=max).contains(&day).then_some(d)
}

/// The smallest and largest of some `YYYY-MM-DD` dates.
///
/// ```
/// use bluebutton_core::fhir::lenient::date_range;
/// assert_eq!(date_range(["2021-03-01", "2020-01-02"].into_iter()), Some(("2020-01-02", "2021-03-01")));
/// assert_eq!(date_range(std::iter::empty()), None);
/// ```
pub fn date_range<'a>(dates: impl Iterator<Item = &'a str>) -> Option<(&'a str, &'a str)> {
    dates.fold(None, |acc, d| {
        Some(match acc {
            None => (d, d),
            Some((lo, hi)) => (if d < lo { d } else { lo }, if d > hi { d } else { hi }),
        })
    })
}

#[cfg(test)]
mod tests;
