//! Unit tests of the parent module.

use super::*;

#[test]
fn dates() {
    for (s, want) in [
        ("2020-02-29", Some("2020-02-29")),
        ("2021-02-29", None),
        ("2021-13-01", None),
        ("2021-03", None),
        ("2021-03-01x", None),
        ("", None),
        ("2021-03-01T00:00:00Z", Some("2021-03-01")),
    ] {
        assert_eq!(date_prefix(s), want, "{s}");
    }
}
