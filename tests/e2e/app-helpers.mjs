// Shared set-up of the app tests (app.test.mjs, app-errors.test.mjs): dist/ served on a
// free port, the sandbox with that address as a redirect URI, headless Chromium; pages that
// record CSP violations; the connect + consent steps; screenshots to tests/e2e/screenshots/.
import { before, after } from 'node:test';
import path from 'node:path';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../support/browser.mjs';
import { serveDir } from '../support/static-server.mjs';
import { startSandbox } from '../support/sandbox.mjs';

const root = path.resolve(fileURLToPath(import.meta.url), '../../..');
const dist = path.join(root, 'dist');
const shots = path.join(root, 'tests/e2e/screenshots');
export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 360, height: 740 };
export let browser;
export let site;
export let sandbox;

/** Registers the before/after hooks of a test file. */
export function setup() {
  before(async () => {
    assert.ok(existsSync(path.join(dist, 'index.html')), 'dist/ is built (scripts/build-site.sh)');
    mkdirSync(path.join(shots, 'viewport'), { recursive: true });
    site = await serveDir(dist, { fallback: 'index.html' });
    sandbox = await startSandbox(['--quiet', '--redirect-uri', `${site.url}/`]);
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    sandbox?.stop();
    await site?.close();
  });
}

/** A page that records CSP violations and page errors. */
export async function newPage(viewport = DESKTOP) {
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

export async function done(page) {
  await page.collectCsp();
  assert.deepEqual(page.csp, [], 'no securitypolicyviolation events');
  assert.deepEqual(page.errors, [], 'no page errors');
  await page.context().close();
}

/** A full-page screenshot, and one of the visible viewport alone (`viewport/`, the README's). */
export async function shot(page, name) {
  await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
  await page.screenshot({ path: path.join(shots, 'viewport', `${name}.png`) });
}

/** The sandbox's claim total for a user (a token minted without the consent page). */
export async function sandboxTotal(user, version = 2) {
  const tok = await (await fetch(`${sandbox.url}/sandbox/token`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user, version: `v${version}` }),
  })).json();
  const res = await fetch(`${sandbox.url}/v${version}/fhir/ExplanationOfBenefit/?_count=1`, {
    headers: { authorization: `Bearer ${tok.access_token}` },
  });
  return (await res.json()).total;
}

export async function fault(name, count) {
  const res = await fetch(`${sandbox.url}/sandbox/faults`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ fault: name, count }),
  });
  assert.ok(res.ok, `fault ${name} armed`);
}

/** Fills the connect form on the page as it is for the local sandbox (a custom environment):
 * its URL, the client id and, when given, the API version. */
export async function fillConnectForm(page, { clientId = 'bbwasm-local-public', version } = {}) {
  await page.waitForSelector('#connect');
  await page.selectOption('#env', 'custom');
  await page.fill('#custom-url', sandbox.url);
  await page.fill('#client-id', clientId);
  if (version !== undefined) await page.selectOption('#version', String(version));
}

/** On the sandbox's login + consent page: signs in as `BBUser<user>` and allows (or denies). */
export async function consent(page, user, { allow = true, demographics = true } = {}) {
  await page.waitForSelector('#username');
  await page.fill('#username', `BBUser${user}`);
  await page.fill('#password', `PW${user}!`);
  if (!demographics) await page.uncheck('#share-demographics');
  await page.click(allow ? '#allow' : '#deny');
}

/** Opens the app, connects to the local sandbox and stops on its login page; returns the
 * `state` the app sent. */
export async function startSignIn(page) {
  await page.goto(`${site.url}/`);
  await fillConnectForm(page);
  await page.collectCsp();
  await page.click('#connect');
  await page.waitForSelector('#username');
  const state = new URL(page.url()).searchParams.get('state');
  assert.ok(state && state.length >= 16, `the authorize page carries the app's state (${page.url()})`);
  return state;
}

/** Fills the connect form and goes through the sandbox's login + consent page. */
export async function connect(page, { user = '00007', implicit = false, allow = true, demographics = true, version = 2, shotName, keyboard = false } = {}) {
  await page.goto(`${site.url}/`);
  await fillConnectForm(page, { version });
  await page.check(implicit ? '#flow-implicit' : '#flow-code');
  assert.equal(await page.inputValue('#redirect-uri'), `${site.url}/`);
  if (shotName) await shot(page, shotName);
  await page.collectCsp();
  if (keyboard) {
    // Keyboard only: Enter in a field submits the form.
    await page.focus('#client-id');
    await page.keyboard.press('Enter');
  } else {
    await page.click('#connect');
  }
  await consent(page, user, { allow, demographics });
  await page.waitForURL((u) => u.href.startsWith(site.url));
}

export async function waitForClaims(page) {
  await page.waitForSelector('#download-done', { timeout: 120000 });
}

export async function download(page, button) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
  return readFileSync(await file.path(), 'utf8');
}
