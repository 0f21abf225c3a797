// The baseline "summary written plainly in JS" (runs in the page after JSON.parse): claims,
// lines, per claim type by the eob-type coding, submitted/allowed/paid sums from the line
// adjudications (CMS codes first, then HL7 generic ones, as ours) with payment.amount as the paid fallback, the
// service-date range and per-month counts. Similar work to summarizeClaims, not identical
// (no NCH/v3 type fallbacks, no revenue-0001 total-line rule, no lenient number parsing).
const EOB_TYPE = 'https://bluebutton.cms.gov/resources/codesystem/eob-type';
const CMS_ADJ = 'https://bluebutton.cms.gov/resources/codesystem/adjudication';
const KIND = {
  line_sbmtd_chrg_amt: 'submitted', rev_cntr_tot_chrg_amt: 'submitted', tot_rx_cst_amt: 'submitted',
  clm_tot_chrg_amt: 'submitted', line_alowd_chrg_amt: 'allowed', line_nch_pmt_amt: 'paid',
  rev_cntr_pmt_amt_amt: 'paid', cvrd_d_plan_pd_amt: 'paid',
};

function empty() {
  return { claims: 0, lines: 0, submitted: 0, allowed: 0, paid: 0 };
}

function claimType(eob) {
  for (const c of eob.type?.coding ?? []) {
    if (c.system === EOB_TYPE && typeof c.code === 'string') return c.code.toLowerCase();
  }
  return 'unknown';
}

const GENERIC = { submitted: 'submitted', eligible: 'allowed', benefit: 'paid' };

// A CMS adjudication code wins; the HL7 generic code counts only when no CMS code is present.
function kindOf(category) {
  let generic = null;
  let sawCms = false;
  for (const c of category?.coding ?? []) {
    if (typeof c.code !== 'string') continue;
    if (c.system === CMS_ADJ) {
      sawCms = true;
      const k = KIND[c.code.slice(c.code.lastIndexOf('/') + 1)];
      if (k) return k;
    } else if (generic === null) {
      generic = GENERIC[c.code] ?? null;
    }
  }
  return sawCms ? null : generic;
}

/** Summarises a parsed FHIR Bundle object. */
export function jsSummary(bundle) {
  const s = { total: bundle.total ?? null, claims: 0, lines: 0, otherResources: 0,
    submitted: 0, allowed: 0, paid: 0, firstServiceDate: null, lastServiceDate: null,
    byType: {}, byMonth: {} };
  for (const entry of bundle.entry ?? []) {
    const eob = entry?.resource;
    if (!eob || eob.resourceType !== 'ExplanationOfBenefit') { s.otherResources++; continue; }
    const items = eob.item ?? [];
    const a = { submitted: 0, allowed: 0, paid: 0 };
    let first = null;
    let last = null;
    for (const item of items) {
      const d = (item.servicedDate ?? item.servicedPeriod?.start)?.slice(0, 10);
      if (d) {
        if (first === null || d < first) first = d;
        if (last === null || d > last) last = d;
      }
      for (const adj of item.adjudication ?? []) {
        const k = kindOf(adj.category);
        const v = adj.amount?.value;
        if (k && typeof v === 'number') a[k] += v;
      }
    }
    if (!a.paid && typeof eob.payment?.amount?.value === 'number') a.paid = eob.payment.amount.value;
    const type = claimType(eob);
    const month = first ? first.slice(0, 7) : 'undated';
    for (const t of [s, (s.byType[type] ??= empty()), (s.byMonth[month] ??= empty())]) {
      if (t !== s) t.claims++;
      t.lines += items.length;
      t.submitted += a.submitted;
      t.allowed += a.allowed;
      t.paid += a.paid;
    }
    s.claims++;
    if (first && (s.firstServiceDate === null || first < s.firstServiceDate)) s.firstServiceDate = first;
    if (last && (s.lastServiceDate === null || last > s.lastServiceDate)) s.lastServiceDate = last;
  }
  return s;
}
