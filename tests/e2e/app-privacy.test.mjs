// The reference app's privacy and injection properties against the local sandbox:
// R12 (a hostile error_description is shown as text, never as HTML) and R18 (the app's
// address, which carries the code for a moment, never leaves as a Referer; the app talks
// only to itself and the configured API).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, newPage, done, connect, startSignIn, waitForClaims, site, sandbox } from './app-helpers.mjs';

setup();

test('a hostile error_description is shown as text, not run or rendered as HTML (R12)', async () => {
  const page = await newPage();
  const state = await startSignIn(page);
  const payload = '<img id=injected src=x onerror=window.__xss=1><b>bold</b>';
  const query = new URLSearchParams({ error: 'server_error', error_description: payload, state });
  await page.goto(`${site.url}/?${query}`);
  await page.waitForSelector('#callback-error');
  assert.equal(await page.getAttribute('#callback-error', 'data-code'), 'authorization_error');
  const text = await page.textContent('#callback-error');
  assert.ok(text.includes(payload), `the description appears literally: ${text}`);
  assert.equal(await page.locator('#injected').count(), 0, 'no element was created from the description');
  assert.equal(await page.locator('#callback-error b').count(), 0, 'no markup was created from the description');
  assert.equal(await page.evaluate(() => window.__xss), undefined, 'no handler ran');
  assert.ok(!page.url().includes('error='), `URL scrubbed: ${page.url()}`);
  await done(page);
});

test('no request carries the app address as Referer; the app talks only to itself and the API (R18)', async () => {
  const page = await newPage();
  const requests = [];
  page.on('request', (r) => requests.push({ url: r.url(), headers: r.headers(), nav: r.isNavigationRequest() }));
  await connect(page, { user: '00005' });
  await waitForClaims(page);
  await page.click('#tab-claims');
  await page.waitForSelector('#claims-table tbody tr');

  const appOrigin = new URL(site.url).origin;
  const apiOrigin = new URL(sandbox.url).origin;
  const seenApi = requests.filter((r) => r.url.startsWith(`${apiOrigin}/v2/fhir/`));
  assert.ok(seenApi.length >= 3, `the app fetched FHIR resources (${seenApi.length} requests)`);
  for (const r of requests) {
    const origin = new URL(r.url).origin;
    assert.ok([appOrigin, apiOrigin].includes(origin), `request only to the app or the API: ${r.url}`);
    const referer = r.headers.referer;
    assert.ok(!referer || !referer.startsWith(appOrigin), `the app's address leaked as Referer to ${r.url}: ${referer}`);
    if (!r.nav) assert.ok(!referer, `an app fetch sends no Referer: ${r.url} (${referer})`);
  }
  await done(page);
});

test('back and forward never return to the address with the code (R16)', async () => {
  const page = await newPage();
  const seen = [];
  page.on('framenavigated', (f) => { if (f === page.mainFrame()) seen.push(f.url()); });
  await connect(page, { user: '00005' });
  await waitForClaims(page);
  const scrubbed = page.url();
  assert.ok(!/[?#&](code|state)=/.test(scrubbed), scrubbed);
  const length = await page.evaluate(() => history.length);
  await page.goBack();
  await page.goForward();
  await page.waitForSelector('#connect, #download-done, #overview', { timeout: 30000 }).catch(() => {});
  const after = page.url();
  assert.ok(!/[?#&](code|state)=/.test(after), `forward lands on the scrubbed address: ${after}`);
  assert.equal(await page.evaluate(() => history.length), length, 'no history entry was added');
  for (const u of seen.filter((x) => x.startsWith(site.url))) {
    // The only app address that ever carried the code is the redirect itself, before the scrub.
    if (/[?#&]code=/.test(u)) assert.equal(seen.filter((x) => x === u).length, 1, `the code URL was visited once: ${u}`);
  }
  await page.context().close();
});
