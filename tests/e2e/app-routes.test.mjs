// The reference app's addresses (dist/ against the local sandbox, headless Chromium): every
// view has its own URL, Back and Forward move between views, a claim's URL names that claim
// (after a reload the data is gone: "connect first", then that claim opens), unknown paths
// show a not-found view. Path routing: the test server answers unknown paths with the app,
// as a static host does with dist/404.html.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, newPage, done, shot, connect, waitForClaims, site, fillConnectForm, consent } from './app-helpers.mjs';

setup();

const pathOf = (page) => new URL(page.url()).pathname;

async function waitForPath(page, want) {
  await page.waitForFunction((p) => location.pathname === p, want);
  assert.equal(pathOf(page), want);
}

async function current(page) {
  return page.getAttribute('nav.tabs a[aria-current="page"]', 'id');
}

test('each view has its own URL; Back and Forward move between views', async () => {
  const page = await newPage();
  await connect(page, { user: '00005' });
  await waitForClaims(page);
  assert.equal(pathOf(page), '/');
  assert.equal(await current(page), 'tab-overview');
  const historyAtStart = await page.evaluate(() => history.length);

  await page.click('#tab-claims');
  await waitForPath(page, '/claims');
  await page.waitForSelector('#claims-table tbody tr');
  assert.equal(await current(page), 'tab-claims');
  assert.equal(await page.locator('#claim-detail').count(), 0, 'no claim open at /claims');

  const link = page.locator('#claims-table tbody tr a').first();
  const href = await link.getAttribute('href');
  assert.match(href, /^\/claims\/[^/]+$/, `a row links to its claim: ${href}`);
  const id = decodeURIComponent(href.split('/').pop());
  await link.click();
  await waitForPath(page, href);
  await page.waitForSelector('#claim-detail');
  assert.match(await page.textContent('#claim-detail'), new RegExp(`Claim id\\s*${id}`));
  assert.equal(await current(page), 'tab-claims', 'a claim belongs to the Claims section');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'claim-detail-title', 'focus moves to the claim');

  await page.click('#tab-charts');
  await waitForPath(page, '/charts');
  await page.waitForSelector('svg#chart-spending', { state: 'attached' });
  await page.click('#tab-export');
  await waitForPath(page, '/export');
  await page.waitForSelector('#export-bundle');
  assert.equal(await page.evaluate(() => history.length), historyAtStart + 4, 'one history entry per view');

  // Back, view by view, without leaving the app or losing the data.
  await page.goBack();
  await waitForPath(page, '/charts');
  await page.waitForSelector('svg#chart-spending', { state: 'attached' });
  await page.goBack();
  await waitForPath(page, href);
  await page.waitForSelector('#claim-detail');
  assert.match(await page.textContent('#claim-detail'), new RegExp(`Claim id\\s*${id}`));
  await page.goBack();
  await waitForPath(page, '/claims');
  await page.waitForSelector('#claims-table tbody tr');
  assert.equal(await page.locator('#claim-detail').count(), 0);
  await page.goBack();
  await waitForPath(page, '/');
  await page.waitForSelector('#claim-count');
  assert.equal(await current(page), 'tab-overview');

  // Forward again; Close on a claim goes to the table.
  await page.goForward();
  await waitForPath(page, '/claims');
  await page.goForward();
  await waitForPath(page, href);
  await page.waitForSelector('#claim-detail');
  await page.click('#close-detail');
  await waitForPath(page, '/claims');
  assert.equal(await page.locator('#claim-detail').count(), 0);
  await page.waitForSelector('#download-done');
  // Signing out from a view returns to the root, without a "connect first" note.
  await page.click('#sign-out');
  await waitForPath(page, '/');
  await page.waitForSelector('#connect');
  assert.equal(await page.locator('#connect-first').count(), 0);
  await done(page);
});

test('a claim URL after a reload: connect first, then that claim opens', async () => {
  const page = await newPage();
  await connect(page, { user: '00005' });
  await waitForClaims(page);
  await page.click('#tab-claims');
  const href = await page.locator('#claims-table tbody tr a').nth(2).getAttribute('href');
  const id = decodeURIComponent(href.split('/').pop());

  // The history lives in this tab's memory only: a reload at the claim's address loses it.
  await page.collectCsp();
  await page.goto(`${site.url}${href}`);
  await page.waitForSelector('#connect-first');
  assert.match(await page.textContent('#connect-first'), new RegExp(`Claim ${id} is not loaded yet: connect to Medicare first`));
  assert.ok(await page.isVisible('#connect'), 'the connect form is right there');
  assert.equal(await page.inputValue('#redirect-uri'), `${site.url}/`, 'the redirect URI is the app root, not the claim');
  await shot(page, 'claim-url-connect-first');

  // Connect from there: Medicare returns to the root, and the app opens the claim.
  await fillConnectForm(page);
  await page.collectCsp();
  await page.click('#connect');
  await consent(page, '00005');
  await page.waitForURL((u) => u.href.startsWith(site.url));
  await waitForPath(page, href);
  assert.ok(!/[?#&](code|state)=/.test(page.url()), `URL scrubbed: ${page.url()}`);
  await page.waitForSelector('#claim-detail', { timeout: 120000 });
  assert.match(await page.textContent('#claim-detail'), new RegExp(`Claim id\\s*${id}`));
  assert.equal(await page.locator('#connect-first').count(), 0);
  await done(page);
});

test('a claim URL the history does not have says so', async () => {
  const page = await newPage();
  await connect(page, { user: '00005' });
  await waitForClaims(page);
  // An id the history does not have: the view says so instead of showing nothing.
  await page.click('#tab-claims');
  await page.evaluate(() => {
    history.pushState({}, '', '/claims/no-such-claim');
    dispatchEvent(new PopStateEvent('popstate'));
  });
  await page.waitForSelector('#claim-missing');
  assert.match(await page.textContent('#claim-missing'), /no claim with the id no-such-claim/);
  await done(page);
});

test('unknown paths show a not-found view with a way back', async () => {
  const page = await newPage();
  for (const bad of ['/no/such/page', '/claims/a/b', '/overview']) {
    await page.goto(`${site.url}${bad}`);
    await page.waitForSelector('#not-found');
    assert.match(await page.textContent('#not-found'), /Page not found/);
    assert.equal(pathOf(page), bad, 'the address is kept');
  }
  await shot(page, 'not-found-desktop');
  await page.click('#not-found a');
  await waitForPath(page, '/');
  await page.waitForSelector('#connect');
  assert.equal(await page.locator('#connect-first').count(), 0, 'the root needs no note');
  // Known views of the signed-in app say "connect first" instead.
  for (const view of ['/claims', '/charts', '/export', '/card']) {
    await page.goto(`${site.url}${view}`);
    await page.waitForSelector('#connect-first');
    assert.match(await page.textContent('#connect-first'), /connect to Medicare first/);
  }
  await done(page);
});

test('v3: the insurance card has its own URL; on v2 that URL explains it is v3 only', async () => {
  const page = await newPage();
  await connect(page, { user: '00005', version: 3 });
  await page.waitForSelector('#tab-card');
  await page.click('#tab-card');
  await waitForPath(page, '/card');
  await page.waitForSelector('#insurance-card');
  assert.equal(await current(page), 'tab-card');
  await page.goBack();
  await waitForPath(page, '/');
  await page.context().close();

  const v2 = await newPage();
  await connect(v2, { user: '00005', version: 2 });
  await v2.waitForSelector('#tab-overview');
  await v2.evaluate(() => {
    history.pushState({}, '', '/card');
    dispatchEvent(new PopStateEvent('popstate'));
  });
  await v2.waitForSelector('#card-v3-only');
  await done(v2);
});
