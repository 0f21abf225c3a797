// The reference app's accessibility (dist/ against the local sandbox, headless Chromium):
// every view passes axe-core with no serious or critical violation at desktop and 360 px
// wide, in the light and the dark colour scheme; sign-in, moving between views and a
// claim's detail work with the keyboard alone; both charts have a text equivalent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import {
  setup, newPage, done, connect, waitForClaims, fillConnectForm, consent, browser, site, sandbox, DESKTOP, PHONE,
} from './app-helpers.mjs';

setup();

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');
const SIZES = [['desktop', DESKTOP], ['360px', PHONE]];
const SCHEMES = ['light', 'dark'];

/** Runs axe-core on the page as it is, in every size and colour scheme; returns one line per
 * serious or critical violation (all violations are printed). */
async function audit(page, view) {
  const found = [];
  for (const [sizeName, size] of SIZES) {
    await page.setViewportSize(size);
    for (const colorScheme of SCHEMES) {
      await page.emulateMedia({ colorScheme });
      const violations = await page.evaluate(async () => {
        // eslint-disable-next-line no-undef
        const r = await axe.run(document, { resultTypes: ['violations'] });
        return r.violations.map((v) => ({
          id: v.id, impact: v.impact, help: v.help,
          targets: v.nodes.map((n) => `${n.target.join(' ')}${n.failureSummary ? ` (${n.failureSummary.split('\n').slice(1).join(' ').trim()})` : ''}`),
        }));
      });
      for (const v of violations) {
        const line = `${view} ${sizeName} ${colorScheme}: [${v.impact}] ${v.id} (${v.help}): ${v.targets.slice(0, 5).join(' | ')}`;
        console.log(line);
        if (v.impact === 'serious' || v.impact === 'critical') found.push(line);
      }
    }
  }
  await page.setViewportSize(DESKTOP);
  await page.emulateMedia({ colorScheme: 'light' });
  return found;
}

/** A page with axe-core injected after every navigation. The app's CSP allows scripts from
 * its own origin only (no inline script, no other source): axe is added as a script tag, so
 * this context bypasses the CSP. The CSP itself is tested by app.test.mjs and csp.test.mjs. */
async function axePage() {
  const context = await browser.newContext({ viewport: DESKTOP, bypassCSP: true });
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(e.message));
  page.inject = async () => {
    if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
      await page.addScriptTag({ path: AXE });
    }
  };
  return page;
}

async function signIn(page, { user, version }) {
  await page.goto(`${site.url}/`);
  await fillConnectForm(page, { version });
  await page.click('#connect');
  await consent(page, user);
  await page.waitForURL((u) => u.href.startsWith(site.url));
  await waitForClaims(page);
}

test('axe-core: no serious or critical violation in any view, size or colour scheme', async () => {
  const page = await axePage();
  const found = [];
  await page.goto(`${site.url}/`);
  await page.waitForSelector('#connect');
  await page.inject();
  found.push(...(await audit(page, 'connect')));

  await signIn(page, { user: '00001', version: 3 });
  await page.inject();
  await page.waitForSelector('#claim-count');
  found.push(...(await audit(page, 'overview')));

  await page.click('#tab-claims');
  await page.waitForSelector('#claims-table tbody tr');
  found.push(...(await audit(page, 'claims')));

  await page.locator('#claims-table tbody tr a').first().click();
  await page.waitForSelector('#claim-detail');
  found.push(...(await audit(page, 'claim')));

  await page.click('#tab-charts');
  await page.waitForSelector('svg#chart-types', { state: 'attached' });
  // The tables behind both charts are checked too.
  for (const d of await page.locator('details.numbers summary').all()) await d.click();
  found.push(...(await audit(page, 'charts')));

  await page.click('#tab-export');
  await page.waitForSelector('#export-bundle');
  found.push(...(await audit(page, 'export')));

  await page.click('#tab-card');
  await page.waitForSelector('#insurance-card');
  found.push(...(await audit(page, 'card')));

  // Claims not final yet and prior authorizations: the toggle, status chips and badges.
  await page.click('#tab-overview');
  await page.waitForSelector('#claim-count');
  await page.check('#include-not-final');
  await page.waitForSelector('#not-final-count', { timeout: 120000 });
  await waitForClaims(page);
  found.push(...(await audit(page, 'overview+not-final')));
  await page.click('#tab-claims');
  await page.click('#status-chips [data-status="priorAuthorization"]');
  await page.waitForSelector('#claims-table .badge.prior-auth');
  found.push(...(await audit(page, 'claims+prior-auth')));
  await page.locator('#claims-table tbody tr a').first().click();
  await page.waitForSelector('#claim-detail-kind');
  found.push(...(await audit(page, 'prior-auth')));

  await page.goto(`${site.url}/no-such-view`);
  await page.waitForSelector('#not-found');
  await page.inject();
  found.push(...(await audit(page, 'not-found')));

  assert.deepEqual(found, [], 'no serious or critical axe-core violation');
  assert.deepEqual(page.errors, [], 'no page errors');
  await page.context().close();
});

test('charts: the claims-by-type chart has a table with the same numbers', async () => {
  const page = await newPage();
  await connect(page, { user: '00005' });
  await waitForClaims(page);
  await page.click('#tab-charts');
  await page.waitForSelector('#types-table', { state: 'attached' });
  const desc = await page.textContent('#types-desc');
  const rows = await page.locator('#types-table tbody tr').evaluateAll((trs) =>
    trs.map((tr) => `${tr.querySelector('th').textContent.trim()}: ${tr.querySelector('td').textContent.trim()}`));
  assert.ok(rows.length > 0, 'one row per claim type');
  assert.equal(rows.join(', '), desc.trim(), 'the table and the chart say the same');
  await done(page);
});

/** Presses Tab (Shift+Tab when `back`) until the element with `id` has the focus. */
async function tabTo(page, id, { back = false, max = 60 } = {}) {
  for (let i = 0; i < max; i += 1) {
    if ((await page.evaluate(() => document.activeElement?.id)) === id) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  assert.fail(`#${id} is reachable with ${back ? 'Shift+' : ''}Tab (focus is on ${await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 120))})`);
}

const focused = (page) => page.evaluate(() => document.activeElement?.id || document.activeElement?.tagName);

test('keyboard only: sign in, move between views, open a claim and close it', async () => {
  const page = await newPage();
  await page.goto(`${site.url}/`);
  await page.waitForSelector('#connect');
  // The connect form: the environment with the arrow keys, the fields typed, Enter submits.
  await tabTo(page, 'env');
  for (let i = 0; i < 6 && (await page.inputValue('#env')) !== 'custom'; i += 1) {
    await page.keyboard.press('ArrowDown');
  }
  assert.equal(await page.inputValue('#env'), 'custom');
  await tabTo(page, 'custom-url');
  await page.keyboard.type(sandbox.url);
  await tabTo(page, 'client-id');
  await page.keyboard.type('bbwasm-local-public');
  await tabTo(page, 'connect');
  await page.collectCsp();
  await page.keyboard.press('Enter');

  // The sandbox's login and consent page.
  await page.waitForSelector('#username');
  await tabTo(page, 'username');
  await page.keyboard.type('BBUser00005');
  await tabTo(page, 'password');
  await page.keyboard.type('PW00005!');
  await tabTo(page, 'allow');
  await page.keyboard.press('Space');
  await page.waitForURL((u) => u.href.startsWith(site.url));
  await waitForClaims(page);

  // The section links are reachable and followed with Enter; the link keeps the focus.
  await tabTo(page, 'tab-claims');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => location.pathname === '/claims');
  await page.waitForSelector('#claims-table tbody tr');
  assert.equal(await focused(page), 'tab-claims');
  assert.equal(await page.getAttribute('#tab-claims', 'aria-current'), 'page');

  // The first claim: Tab down to its link, Enter opens it and moves the focus to its title.
  const first = page.locator('#claims-table tbody tr a').first();
  const href = await first.getAttribute('href');
  for (let i = 0; i < 80; i += 1) {
    if (await first.evaluate((a) => a === document.activeElement)) break;
    await page.keyboard.press('Tab');
  }
  assert.ok(await first.evaluate((a) => a === document.activeElement), 'the first claim link is reachable with Tab');
  await page.keyboard.press('Enter');
  await page.waitForFunction((p) => location.pathname === p, href);
  await page.waitForSelector('#claim-detail');
  await page.waitForFunction(() => document.activeElement?.id === 'claim-detail-title');

  // Close is the next stop after the title; closing returns the focus to the claim's row.
  await page.keyboard.press('Tab');
  assert.equal(await focused(page), 'close-detail');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => location.pathname === '/claims');
  await page.waitForFunction(
    (h) => document.activeElement?.getAttribute('href') === h, href, { timeout: 5000 },
  ).catch(() => {});
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('href')), href,
    'the focus is back on the link of the claim just closed');
  assert.equal(await page.locator('#claim-detail').count(), 0);

  // Another view with Shift+Tab back to the section links.
  await tabTo(page, 'tab-charts', { back: true, max: 120 });
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => location.pathname === '/charts');
  await page.waitForSelector('#types-table', { state: 'attached' });
  assert.equal(await focused(page), 'tab-charts');
  await done(page);
});
