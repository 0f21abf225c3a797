// The reference app (dist/, built by scripts/build-site.sh) against the local sandbox, in
// headless Chromium: code + PKCE and implicit connect, overview, explorer paging, detail,
// charts, export, sign-out, v1/v3, a confidential client, cancel; no CSP violations.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  setup, newPage, done, shot, sandboxTotal, fault, connect, waitForClaims, download, fillConnectForm, consent,
  site, sandbox, DESKTOP, PHONE,
} from './app-helpers.mjs';

setup();

test('code + PKCE: overview, explorer paging, detail, charts, export, sign-out (heavy user)', async () => {
  const total = await sandboxTotal(1);
  assert.equal(total, 2400);
  const page = await newPage();
  await connect(page, { user: '00001', shotName: 'connect-desktop' });
  await page.waitForSelector('#download-progress, #download-done');
  assert.ok(!/[?#&](code|state|access_token)=/.test(page.url()), `URL scrubbed: ${page.url()}`);
  await waitForClaims(page);
  await page.waitForSelector('#patient-card');
  await page.waitForSelector('#coverage-card li');
  assert.equal(await page.textContent('#claim-count'), total.toLocaleString('en-US'));
  assert.match(await page.textContent('#total-paid'), /^\$[\d,]+\.\d\d$/);
  assert.equal(await page.locator('#coverage-card li').count(), 4);
  await shot(page, 'overview-desktop');

  // Sync asks only for claims updated since the download (none here) and keeps the history.
  await page.click('#sync');
  await page.waitForSelector('#sync-report');
  assert.match(await page.textContent('#sync-report'), /nothing new since the last download/);
  assert.equal(await page.textContent('#claim-count'), total.toLocaleString('en-US'));

  // Explorer: page through everything.
  await page.click('#tab-claims');
  await page.waitForSelector('#claims-table tbody tr');
  assert.match(await page.textContent('#claims-showing'), /of 2,400 claims/);
  let seen = 0;
  for (;;) {
    seen += await page.locator('#claims-table tbody tr').count();
    if (await page.isDisabled('#next-page')) break;
    const before = await page.textContent('#page-of');
    await page.click('#next-page');
    await page.waitForFunction((b) => document.querySelector('#page-of').textContent !== b, before);
  }
  assert.equal(seen, total, 'every claim listed once across the pages');
  await page.click('#prev-page');
  // Filters: one type chip, then search.
  const chip = page.locator('.chip').first();
  await chip.click();
  assert.equal(await chip.getAttribute('aria-pressed'), 'true');
  const filtered = await page.textContent('#claims-showing');
  assert.ok(!/of 2,400 claims/.test(filtered), filtered);
  await page.fill('#search', 'J189');
  const searched = await page.textContent('#claims-showing');
  // Filters survive a trip to another tab.
  await page.click('#tab-overview');
  await page.click('#tab-claims');
  assert.equal(await page.locator('.chip').first().getAttribute('aria-pressed'), 'true');
  assert.equal(await page.inputValue('#search'), 'J189');
  assert.equal(await page.textContent('#claims-showing'), searched);
  await page.fill('#search', '');
  await page.locator('.chip').first().click();
  await page.locator('#claims-table tbody tr a').first().click();
  await page.waitForSelector('#claim-detail');
  assert.ok(await page.locator('#claim-detail table.lines tbody tr').count() > 0, 'detail lists lines');
  await shot(page, 'claims-desktop');

  await page.click('#tab-charts');
  await page.waitForSelector('svg#chart-spending title', { state: 'attached' });
  assert.match(await page.textContent('svg#chart-spending > title'), /spending per month/i);
  assert.ok(await page.locator('svg#chart-spending rect').count() > 10);
  assert.ok(await page.locator('svg#chart-types title').count() > 1);
  await page.click('.numbers summary');
  assert.equal(await page.locator('#months-table tbody tr').count(), 48, '2021-01 .. 2024-12');
  await shot(page, 'charts-desktop');

  await page.click('#tab-export');
  const bundle = JSON.parse(await download(page, '#export-bundle'));
  assert.equal(bundle.resourceType, 'Bundle');
  assert.equal(bundle.entry.length, total);
  const nd = (await download(page, '#export-ndjson')).trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(nd.length, total);
  assert.equal(nd[0].resourceType, 'ExplanationOfBenefit');
  const csv = (await download(page, '#export-csv')).trim().split('\r\n');
  assert.match(csv[0], /^claim_id,claim_type,/);
  assert.ok(csv.length > total, 'at least one line per claim');
  await shot(page, 'export-desktop');
  await page.setViewportSize(PHONE);
  await shot(page, 'export-phone');
  await page.click('#tab-overview');
  await page.emulateMedia({ colorScheme: 'dark' });
  await shot(page, 'overview-dark-phone');
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 360, `no horizontal page scroll at 360 px (scrollWidth ${width})`);
  await page.setViewportSize(DESKTOP);
  await shot(page, 'overview-dark-desktop');
  await page.emulateMedia({ colorScheme: 'light' });

  await page.click('#sign-out');
  await page.waitForSelector('#connect');
  await page.waitForFunction(() => /Signed out/.test(document.querySelector('#status').textContent));
  const stored = await page.evaluate(() => [sessionStorage.length, localStorage.length]);
  assert.deepEqual(stored, [0, 0], 'nothing left in sessionStorage or localStorage');
  await done(page);
});

test('implicit (legacy) flow works; an expired token leads to a reconnect prompt', async () => {
  const total = await sandboxTotal(7);
  const page = await newPage();
  await connect(page, { user: '00007', implicit: true });
  await waitForClaims(page);
  assert.ok(!page.url().includes('access_token'), page.url());
  assert.equal(await page.textContent('#claim-count'), total.toLocaleString('en-US'));
  await fault('expire_token', 5);
  await page.click('#reload');
  await page.waitForSelector('#download-error[data-code="session_expired"], #patient-error[data-code="session_expired"]');
  assert.match(await page.textContent('#content'), /access ended/i);
  await shot(page, 'reconnect-desktop');
  await page.setViewportSize(PHONE);
  await shot(page, 'reconnect-phone');
  await page.locator('.problem button', { hasText: 'Reconnect' }).first().click();
  await page.waitForSelector('#connect');
  await fetch(`${sandbox.url}/sandbox/faults`, { method: 'DELETE' });
  await done(page);
});

test('API v1 (STU3) connects and counts the same claims as the sandbox', async () => {
  const total = await sandboxTotal(21, 1);
  const page = await newPage();
  await connect(page, { user: '00021', version: 1 });
  await waitForClaims(page);
  assert.equal(await page.locator('#include-not-final').count(), 0, 'the toggle is for v3 only');
  assert.equal(await page.textContent('#claim-count'), total.toLocaleString('en-US'));
  await page.waitForSelector('#coverage-card li');
  await done(page);
});

test('API v3 connects (scopes sent) and downloads every page by next links', async () => {
  const page = await newPage();
  await connect(page, { user: '00001', version: 3 });
  await waitForClaims(page);
  const shown = Number((await page.textContent('#claim-count')).replace(/,/g, ''));
  assert.ok(shown > 2000, `v3 history downloaded (${shown} claims)`);
  // The default v3 search has final claims only; the toggle asks for every source too.
  assert.equal(await page.locator('#not-final-count, #prior-auth-count').count(), 0);
  const label = page.locator('label:has(#include-not-final)');
  assert.match(await label.textContent(), /Include recent claims not yet final/);
  assert.match(await page.textContent('#include-not-final-hint'), /may change.*not counted in the paid totals/);
  await page.check('#include-not-final');
  await page.waitForSelector('#not-final-count', { timeout: 120000 });
  await waitForClaims(page);
  // The heavy user: 6 recent claims (3 partial, 3 paid) and 2 prior authorizations.
  assert.equal(await page.textContent('#not-final-count'), '3');
  assert.equal(await page.textContent('#prior-auth-count'), '2');
  assert.equal(await page.textContent('#claim-count'), (shown + 3).toLocaleString('en-US'));
  await shot(page, 'not-final-overview-desktop');
  await page.click('#tab-claims');
  await page.click('#status-chips [data-status="priorAuthorization"]');
  assert.match(await page.textContent('#claims-showing'), /of 2 claims/);
  assert.equal(await page.locator('#claims-table .badge.prior-auth').count(), 2);
  assert.match(await page.textContent('#download-done'), /2,403 final claims, 3 not final yet and 2 prior authorizations/);
  await shot(page, 'not-final-claims-desktop');
  await page.click('#tab-charts');
  assert.match(await page.textContent('#charts-apart'), /3 not final yet .* 2 prior authorizations/);
  await done(page);
});

test('a confidential client: the secret is never stored and is asked for again on return', async () => {
  const page = await newPage();
  await page.goto(`${site.url}/`);
  await fillConnectForm(page, { clientId: 'bbwasm-local-confidential' });
  await page.fill('#client-secret', 'local-dev-secret');
  await page.collectCsp();
  await page.click('#connect');
  await consent(page, '00005');
  await page.waitForSelector('#secret-again');
  const stored = await page.evaluate(() => JSON.stringify({ ...sessionStorage }) + JSON.stringify({ ...localStorage }));
  assert.ok(!stored.includes('local-dev-secret'), 'the secret is not in storage');
  await shot(page, 'secret-prompt-desktop');
  await page.fill('#secret-again', 'local-dev-secret');
  await page.click('#secret-finish');
  await waitForClaims(page);
  assert.equal(await page.textContent('#claim-count'), (await sandboxTotal(5)).toLocaleString('en-US'));
  await done(page);
});

test('the download shows n of total and can be cancelled, then restarted', async () => {
  const total = await sandboxTotal(1);
  const page = await newPage();
  await connect(page, { user: '00001' });
  await waitForClaims(page);
  // Slow the next requests down (429 + Retry-After: 1) so the bar stays up long enough.
  await fault('throttled_429', 4);
  await page.click('#reload');
  await page.waitForSelector('#download-progress');
  assert.match(await page.textContent('.download label'), /Downloading claims/);
  await shot(page, 'progress-desktop');
  await page.click('#cancel-download');
  await page.waitForSelector('#download-cancelled');
  await fetch(`${sandbox.url}/sandbox/faults`, { method: 'DELETE' });
  await page.click('#download-cancelled button');
  await page.waitForFunction(() => {
    const p = document.querySelector('#download-progress');
    return p && Number(p.max) > 1000;
  }).catch(() => {});
  await waitForClaims(page);
  assert.equal(await page.textContent('#claim-count'), total.toLocaleString('en-US'));
  await done(page);
});
