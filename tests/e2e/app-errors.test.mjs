// The reference app's error screens against the local sandbox: Deny, demographics withheld,
// 5xx past the retries, callbacks nobody started or with a forged state, SAMHSA refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  setup, newPage, done, shot, sandboxTotal, fault, connect, startSignIn, waitForClaims, download,
  site, sandbox, DESKTOP, PHONE,
} from './app-helpers.mjs';

setup();

test('deny shows a friendly message with "try again"', async () => {
  const page = await newPage();
  await connect(page, { allow: false, keyboard: true });
  await page.waitForSelector('#callback-error');
  assert.match(await page.textContent('#callback-error h2'), /chose not to share/);
  assert.ok(!page.url().includes('error='), page.url());
  await shot(page, 'denied-desktop');
  await page.setViewportSize(PHONE);
  await shot(page, 'denied-phone');
  await page.focus('#callback-error button');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#connect');
  await done(page);
});

test('demographics not shared: overview without the patient card (360 px)', async () => {
  const page = await newPage(PHONE);
  await connect(page, { user: '00012', demographics: false, shotName: 'connect-phone' });
  await waitForClaims(page);
  await page.waitForSelector('#demographics-note');
  assert.equal(await page.locator('#patient-card').count(), 0);
  // R22: the token's patient id stands in for the withheld Patient resource.
  assert.match(await page.textContent('#demographics-note'), /Medicare patient id: -?\d+/);
  await page.waitForSelector('#coverage-card');
  await shot(page, 'overview-phone');
  await page.click('#tab-claims');
  await page.waitForSelector('#claims-table tbody tr');
  await shot(page, 'claims-phone');
  const tableWidth = await page.evaluate(() => document.querySelector('#claims-table').scrollWidth);
  assert.ok(tableWidth <= 340, `the claims table fits at 360 px (${tableWidth})`);
  await page.click('#tab-charts');
  await page.waitForSelector('svg#chart-spending');
  await shot(page, 'charts-phone');
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 360, `no horizontal page scroll at 360 px (scrollWidth ${width})`);
  await done(page);
});

test('a 5xx that outlasts the retries shows the server message and a retry button', async () => {
  const page = await newPage();
  await connect(page, { user: '00003' });
  await waitForClaims(page);
  await fault('unavailable_503', 50);
  await page.click('#reload');
  await page.waitForSelector('#download-error', { timeout: 60000 });
  assert.match(await page.textContent('#download-error'), /503|unavailable/i);
  await fetch(`${sandbox.url}/sandbox/faults`, { method: 'DELETE' });
  await page.click('#download-error button');
  await waitForClaims(page);
  await done(page);
});

test('a callback nobody started, or with a wrong state, explains itself (never a blank page)', async () => {
  const page = await newPage();
  await page.goto(`${site.url}/?code=abc&state=nobody-started-this-one`);
  await page.waitForSelector('#callback-error');
  assert.equal(await page.getAttribute('#callback-error', 'data-code'), 'no_pending_authorization');
  assert.ok(!page.url().includes('code='), page.url());
  await page.click('#callback-error button');
  await page.waitForSelector('#connect');
  // Start a real sign-in, then come back with a forged state.
  await startSignIn(page);
  await page.goto(`${site.url}/?code=abc&state=forged-state-value-0123456789`);
  await page.waitForSelector('#callback-error');
  assert.equal(await page.getAttribute('#callback-error', 'data-code'), 'state_mismatch');
  assert.match(await page.textContent('#callback-error'), /does not match/);
  await done(page);
});

test('SAMHSA data not shared on v2: claims refused with the reason, overview still works', async () => {
  const page = await newPage();
  await startSignIn(page);
  await page.fill('#username', 'BBUser00009');
  await page.fill('#password', 'PW00009!');
  await page.uncheck('#share-samhsa');
  await page.click('#allow');
  await page.waitForSelector('#download-error[data-code="eob_forbidden"]', { timeout: 60000 });
  assert.match(await page.textContent('#download-error'), /v3/);
  assert.equal(await page.locator('#download-error button').count(), 0, 'no pointless retry');
  await page.waitForSelector('#patient-card');
  await page.waitForSelector('#coverage-card');
  await shot(page, 'eob-forbidden-desktop');
  await done(page);
});
