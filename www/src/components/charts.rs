//! Inline SVG charts, built as markup strings (every text escaped): spending per month stacked
//! by claim type, and claims per type. Each has a `<title>` and `<desc>` (`role="img"`), and
//! every bar segment has its own `<title>` read as a tooltip and by screen readers.

use bluebutton_wasm::core::fhir::{ClaimSummary, ClaimType};

use crate::model::{count, escape, money, type_short};

/// Types in chart order (Unknown last).
pub fn chart_types() -> impl Iterator<Item = ClaimType> {
    ClaimType::ALL.into_iter().chain([ClaimType::Unknown])
}

/// Rounds `max` up to a "nice" axis maximum (1, 2 or 5 times a power of ten).
fn nice_max(max: f64) -> f64 {
    if max <= 0.0 {
        return 1.0;
    }
    let power = 10f64.powf(max.log10().floor());
    for step in [1.0, 2.0, 5.0, 10.0] {
        if step * power >= max {
            return step * power;
        }
    }
    10.0 * power
}

fn short_money(v: f64) -> String {
    if v >= 1_000_000.0 {
        format!("${:.1}M", v / 1_000_000.0)
    } else if v >= 1_000.0 {
        let k = v / 1_000.0;
        if (k - k.round()).abs() < 0.05 {
            format!("${k:.0}k")
        } else {
            format!("${k:.1}k")
        }
    } else {
        format!("${v:.0}")
    }
}

/// Spending (Medicare paid) per month, one stacked bar per month.
pub fn spending_by_month(s: &ClaimSummary) -> String {
    let (w, h, left, bottom, top) = (760.0, 300.0, 56.0, 28.0, 12.0);
    let months = &s.by_month;
    let totals: Vec<f64> = months
        .iter()
        .map(|m| {
            m.by_type
                .values()
                .filter_map(|t| t.amounts.paid)
                .filter(|v| *v > 0.0)
                .sum()
        })
        .collect();
    let max = nice_max(totals.iter().copied().fold(0.0, f64::max));
    let plot_w = w - left - 8.0;
    let plot_h = h - bottom - top;
    let slot = plot_w / months.len().max(1) as f64;
    let bar = (slot * 0.8).max(1.0);
    let mut out = format!(
        r#"<svg id="chart-spending" role="img" aria-labelledby="spend-title spend-desc" viewBox="0 0 {w} {h}" preserveAspectRatio="xMidYMid meet"><title id="spend-title">Medicare spending per month, by claim type</title><desc id="spend-desc">{} months from {} to {}; total paid {}.</desc>"#,
        months.len(),
        escape(months.first().map_or("", |m| m.month.as_str())),
        escape(months.last().map_or("", |m| m.month.as_str())),
        escape(&money(s.amounts.paid)),
    );
    for i in 0..=4 {
        let v = max * f64::from(i) / 4.0;
        let y = top + plot_h - plot_h * f64::from(i) / 4.0;
        out.push_str(&format!(
            r#"<line class="grid" x1="{left}" x2="{}" y1="{y:.1}" y2="{y:.1}"/><text class="axis" x="{}" y="{:.1}" text-anchor="end">{}</text>"#,
            w - 8.0,
            left - 6.0,
            y + 4.0,
            escape(&short_money(v))
        ));
    }
    for (i, m) in months.iter().enumerate() {
        let x = left + slot * i as f64 + (slot - bar) / 2.0;
        let mut y = top + plot_h;
        out.push_str(&format!(
            r#"<g class="month"><title>{}: {}</title>"#,
            escape(&m.month),
            escape(&money(Some(totals[i])))
        ));
        for t in chart_types() {
            let Some(v) = m.by_type.get(&t).and_then(|ts| ts.amounts.paid) else {
                continue;
            };
            if v <= 0.0 {
                continue;
            }
            let bh = plot_h * v / max;
            y -= bh;
            out.push_str(&format!(
                r#"<rect class="t-{}" x="{x:.1}" y="{y:.1}" width="{bar:.1}" height="{bh:.1}"><title>{} {}: {}</title></rect>"#,
                t.as_str(),
                escape(&m.month),
                escape(type_short(t)),
                escape(&money(Some(v)))
            ));
        }
        out.push_str("</g>");
        if m.month.ends_with("-01") || months.len() <= 12 {
            out.push_str(&format!(
                r#"<text class="axis" x="{:.1}" y="{}" text-anchor="middle">{}</text>"#,
                x + bar / 2.0,
                h - 8.0,
                escape(if months.len() <= 12 {
                    &m.month
                } else {
                    &m.month[..4.min(m.month.len())]
                })
            ));
        }
    }
    out.push_str("</svg>");
    out
}

/// The claims-by-type chart's numbers, in its order: the types with claims, and how many.
/// The chart and its table (the text equivalent) both show these rows.
pub fn type_rows(s: &ClaimSummary) -> Vec<(ClaimType, u64)> {
    chart_types()
        .filter_map(|t| s.by_type.get(&t).map(|ts| (t, ts.claims)))
        .filter(|(_, n)| *n > 0)
        .collect()
}

/// Number of claims per type, horizontal bars.
pub fn claims_by_type(s: &ClaimSummary) -> String {
    let rows = type_rows(s);
    let (w, row_h, left) = (480.0, 30.0, 110.0);
    let h = row_h * rows.len().max(1) as f64 + 10.0;
    let max = rows.iter().map(|(_, n)| *n).max().unwrap_or(1).max(1) as f64;
    let mut out = format!(
        r#"<svg id="chart-types" role="img" aria-labelledby="types-title types-desc" viewBox="0 0 {w} {h}"><title id="types-title">Number of claims by type</title><desc id="types-desc">{}</desc>"#,
        escape(
            &rows
                .iter()
                .map(|(t, n)| format!("{}: {}", type_short(*t), count(*n)))
                .collect::<Vec<_>>()
                .join(", ")
        )
    );
    for (i, (t, n)) in rows.iter().enumerate() {
        let y = 5.0 + row_h * i as f64;
        let bw = ((w - left - 70.0) * *n as f64 / max).max(1.0);
        out.push_str(&format!(
            r#"<text class="label" x="{}" y="{:.1}" text-anchor="end">{}</text><rect class="t-{}" x="{left}" y="{:.1}" width="{bw:.1}" height="{:.1}"><title>{}: {} claims</title></rect><text class="value" x="{:.1}" y="{:.1}">{}</text>"#,
            left - 8.0,
            y + row_h * 0.62,
            escape(type_short(*t)),
            t.as_str(),
            y + 3.0,
            row_h - 8.0,
            escape(type_short(*t)),
            count(*n),
            left + bw + 6.0,
            y + row_h * 0.62,
            count(*n)
        ));
    }
    out.push_str("</svg>");
    out
}
