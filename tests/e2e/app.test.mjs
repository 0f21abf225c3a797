// The reference app (dist/, built by scripts/build-site.sh) against the local sandbox, in
// headless Chromium: connect (code + PKCE and implicit), overview, explorer paging, charts,
// export, deny, demographics withheld, expired token, sign-out, and no CSP violations.
// Screenshots of each screen (1280×800 and 360 px wide) go to tests/e2e/screenshots/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../support/browser.mjs';
import { serveDir } from '../support/static-server.mjs';
import { startSandbox } from '../support/sandbox.mjs';

const root = path.resolve(fileURLToPath(import.meta.url), '../../..');
const dist = path.join(root, 'dist');
const shots = path.join(root, 'tests/e2e/screenshots');
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 360, height: 740 };
let browser;
let site;
let sandbox;

before(async () => {
  assert.ok(existsSync(path.join(dist, 'index.html')), 'dist/ is built (scripts/build-site.sh)');
  mkdirSync(shots, { recursive: true });
  site = await serveDir(dist, { fallback: 'index.html' });
  sandbox = await startSandbox(['--quiet', '--redirect-uri', `${site.url}/`]);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  sandbox?.stop();
  await site?.close();
});

/** A page that records CSP violations and page errors. */
async function newPage(viewport = DESKTOP) {
  const context = await browser.newContext({ viewport, acceptDownloads: true });
  await context.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  const page = await context.newPage();
  page.errors = [];
  page.csp = [];
  page.on('pageerror', (e) => page.errors.push(e.message));
  // Collect violations before each navigation away from the app and at the end.
  page.collectCsp = async () => {
    if (page.url().startsWith(site.url)) {
      page.csp.push(...(await page.evaluate(() => window.__csp || [])));
    }
  };
  return page;
}

async function done(page) {
  await page.collectCsp();
  assert.deepEqual(page.csp, [], 'no securitypolicyviolation events');
  assert.deepEqual(page.errors, [], 'no page errors');
  await page.context().close();
}

async function shot(page, name) {
  await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
}

/** The sandbox's claim total for a user (a token minted without the consent page). */
async function sandboxTotal(user, version = 2) {
  const tok = await (await fetch(`${sandbox.url}/sandbox/token`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user, version: `v${version}` }),
  })).json();
  const res = await fetch(`${sandbox.url}/v${version}/fhir/ExplanationOfBenefit/?_count=1`, {
    headers: { authorization: `Bearer ${tok.access_token}` },
  });
  return (await res.json()).total;
}

async function fault(name, count) {
  const res = await fetch(`${sandbox.url}/sandbox/faults`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ fault: name, count }),
  });
  assert.ok(res.ok, `fault ${name} armed`);
}

/** Fills the connect form and goes through the sandbox's login + consent page. */
async function connect(page, { user = '00007', implicit = false, allow = true, demographics = true, version = 2, shotName } = {}) {
  await page.goto(`${site.url}/`);
  await page.waitForSelector('#connect');
  await page.selectOption('#env', 'custom');
  await page.fill('#custom-url', sandbox.url);
  await page.fill('#client-id', 'bbwasm-local-public');
  await page.selectOption('#version', String(version));
  await page.check(implicit ? '#flow-implicit' : '#flow-code');
  assert.equal(await page.inputValue('#redirect-uri'), `${site.url}/`);
  if (shotName) await shot(page, shotName);
  await page.collectCsp();
  await page.click('#connect');
  await page.waitForSelector('#username');
  await page.fill('#username', `BBUser${user}`);
  await page.fill('#password', `PW${user}!`);
  if (!demographics) await page.uncheck('#share-demographics');
  await page.click(allow ? '#allow' : '#deny');
  await page.waitForURL((u) => u.href.startsWith(site.url));
}

async function waitForClaims(page) {
  await page.waitForSelector('#download-done', { timeout: 120000 });
}

async function download(page, button) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
  return readFileSync(await file.path(), 'utf8');
}

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
  await chip.click();
  await page.locator('#claims-table tbody tr button').first().click();
  await page.waitForSelector('#claim-detail');
  assert.ok(await page.locator('#claim-detail table.lines tbody tr').count() > 0, 'detail lists lines');
  await shot(page, 'claims-desktop');

  await page.click('#tab-charts');
  await page.waitForSelector('svg#chart-spending title', { state: 'attached' });
  assert.match(await page.textContent('svg#chart-spending > title'), /spending per month/i);
  assert.ok(await page.locator('svg#chart-spending rect').count() > 10);
  assert.ok(await page.locator('svg#chart-types title').count() > 1);
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

test('deny shows a friendly message with "try again"', async () => {
  const page = await newPage();
  await connect(page, { allow: false });
  await page.waitForSelector('#callback-error');
  assert.match(await page.textContent('#callback-error h2'), /chose not to share/);
  assert.ok(!page.url().includes('error='), page.url());
  await shot(page, 'denied-desktop');
  await page.setViewportSize(PHONE);
  await shot(page, 'denied-phone');
  await page.click('#callback-error button');
  await page.waitForSelector('#connect');
  await done(page);
});

test('demographics not shared: overview without the patient card (360 px)', async () => {
  const page = await newPage(PHONE);
  await connect(page, { user: '00012', demographics: false, shotName: 'connect-phone' });
  await waitForClaims(page);
  await page.waitForSelector('#demographics-note');
  assert.equal(await page.locator('#patient-card').count(), 0);
  await page.waitForSelector('#coverage-card');
  await shot(page, 'overview-phone');
  await page.click('#tab-claims');
  await page.waitForSelector('#claims-table tbody tr');
  await shot(page, 'claims-phone');
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
  await page.selectOption('#env', 'custom');
  await page.fill('#custom-url', sandbox.url);
  await page.fill('#client-id', 'bbwasm-local-public');
  await page.collectCsp();
  await page.click('#connect');
  await page.waitForSelector('#username');
  await page.goto(`${site.url}/?code=abc&state=forged-state-value-0123456789`);
  await page.waitForSelector('#callback-error');
  assert.equal(await page.getAttribute('#callback-error', 'data-code'), 'state_mismatch');
  assert.match(await page.textContent('#callback-error'), /does not match/);
  await done(page);
});

test('API v1 (STU3) connects and counts the same claims as the sandbox', async () => {
  const total = await sandboxTotal(21, 1);
  const page = await newPage();
  await connect(page, { user: '00021', version: 1 });
  await waitForClaims(page);
  assert.equal(await page.textContent('#claim-count'), total.toLocaleString('en-US'));
  await page.waitForSelector('#coverage-card li');
  await done(page);
});

test('a confidential client: the secret is never stored and is asked for again on return', async () => {
  const page = await newPage();
  await page.goto(`${site.url}/`);
  await page.waitForSelector('#connect');
  await page.selectOption('#env', 'custom');
  await page.fill('#custom-url', sandbox.url);
  await page.fill('#client-id', 'bbwasm-local-confidential');
  await page.fill('#client-secret', 'local-dev-secret');
  await page.collectCsp();
  await page.click('#connect');
  await page.waitForSelector('#username');
  await page.fill('#username', 'BBUser00005');
  await page.fill('#password', 'PW00005!');
  await page.click('#allow');
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

test('API v3 connects (scopes sent) and downloads every page by next links', async () => {
  const page = await newPage();
  await connect(page, { user: '00001', version: 3 });
  await waitForClaims(page);
  const shown = Number((await page.textContent('#claim-count')).replace(/,/g, ''));
  assert.ok(shown > 2000, `v3 history downloaded (${shown} claims)`);
  await done(page);
});

test('SAMHSA data not shared on v2: claims refused with the reason, overview still works', async () => {
  const page = await newPage();
  await page.goto(`${site.url}/`);
  await page.waitForSelector('#connect');
  await page.selectOption('#env', 'custom');
  await page.fill('#custom-url', sandbox.url);
  await page.fill('#client-id', 'bbwasm-local-public');
  await page.collectCsp();
  await page.click('#connect');
  await page.waitForSelector('#username');
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
