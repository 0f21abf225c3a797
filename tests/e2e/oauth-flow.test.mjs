// The whole OAuth flow in a real browser, through the npm package, against the local sandbox:
// beginAuthorization → the sandbox's login + consent page → back → completeAuthorization.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { writeFileSync, mkdtempSync, cpSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../support/browser.mjs';
import { serveDir } from '../support/static-server.mjs';
import { startSandbox } from '../support/sandbox.mjs';

const root = path.resolve(fileURLToPath(import.meta.url), '../../..');
const site = mkdtempSync(path.join(tmpdir(), 'bbwasm-flow-'));
let browser;
let pages;
let sandbox;

// The app page: on load, either completes a sign-in (when the URL carries a response) or
// exposes window.start(flow) to begin one.
const APP = `<!doctype html><meta name="referrer" content="no-referrer"><body><pre id="out"></pre>
<script type="module">
import * as bb from './pkg/index.js';
const cfg = JSON.parse(sessionStorage.getItem('cfg') || 'null');
window.start = (config) => {
  sessionStorage.setItem('cfg', JSON.stringify(config));
  const { url } = bb.beginAuthorization({ env: config.env, version: 2, clientId: 'bbwasm-local-public',
    redirectUri: location.origin + '/app.html', responseType: config.flow });
  location.assign(url);
};
if (location.search || location.hash) {
  const before = location.href;
  try {
    const session = await bb.completeAuthorization();
    const info = session.tokenInfo();
    const token = await session.accessToken();
    const fhir = await fetch(cfg.env + '/v2/fhir/ExplanationOfBenefit/?_count=1', { headers: { authorization: 'Bearer ' + token } });
    window.result = { ok: true, info, hadCode: before.includes('code=') || before.includes('access_token='),
      hrefAfter: location.href, fhirStatus: fhir.status, total: (await fhir.json()).total,
      storage: JSON.stringify({ ...sessionStorage }) + JSON.stringify({ ...localStorage }) + document.cookie, token };
  } catch (e) {
    window.result = { ok: false, code: e.code, message: e.message, hrefAfter: location.href };
  }
} else { window.ready = true; }
</script>`;

before(async () => {
  cpSync(path.join(root, 'pkg'), path.join(site, 'pkg'), { recursive: true });
  writeFileSync(path.join(site, 'app.html'), APP);
  pages = await serveDir(site);
  sandbox = await startSandbox(['--redirect-uri', `${pages.url}/app.html`]);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  sandbox?.stop();
  await pages?.close();
  rmSync(site, { recursive: true, force: true });
});

async function signIn(flow, { user = '00007', allow = true, demographics = true } = {}) {
  const page = await browser.newPage();
  // The refresh token is never exposed to the page's JS; read it off the wire to look for it.
  const tokenBodies = [];
  await page.route(/\/o\/token\/$/, async (route) => {
    const response = await route.fetch();
    if (route.request().method() === 'POST') {
      const text = await response.text();
      try { tokenBodies.push(JSON.parse(text)); } catch { tokenBodies.push({}); }
    }
    await route.fulfill({ response });
  });
  await page.goto(`${pages.url}/app.html`);
  await page.waitForFunction(() => window.ready);
  await page.evaluate((c) => window.start(c), { env: sandbox.url, flow });
  await page.waitForSelector('#username');
  await page.fill('#username', `BBUser${user}`);
  await page.fill('#password', `PW${user}!`);
  if (!demographics) await page.uncheck('#share-demographics');
  await page.click(allow ? '#allow' : '#deny');
  await page.waitForFunction(() => window.result, null, { timeout: 30000 });
  const result = await page.evaluate(() => window.result);
  result.refreshTokens = tokenBodies.map((b) => b.refresh_token).filter(Boolean);
  await page.close();
  return result;
}

test('code flow with PKCE: tokens, scrubbed URL, FHIR call, nothing stored', async () => {
  const r = await signIn('code');
  assert.equal(r.ok, true, r.message);
  assert.ok(r.hadCode);
  assert.ok(!/[?#&](code|state|access_token)=/.test(r.hrefAfter), r.hrefAfter);
  assert.match(r.info.patient, /^-?\d+$/);
  assert.equal(r.info.demographicsShared, true);
  assert.equal(r.info.hasRefreshToken, true);
  assert.equal(r.fhirStatus, 200);
  assert.equal(typeof r.total, 'number');
  assert.ok(!r.storage.includes(r.token), 'no token in sessionStorage, localStorage or cookies');
  assert.equal(r.refreshTokens.length, 1, 'one token response seen on the wire');
  for (const rt of r.refreshTokens) {
    assert.ok(!r.storage.includes(rt), 'no refresh token in sessionStorage, localStorage or cookies');
    assert.ok(!r.hrefAfter.includes(rt), 'no refresh token in the URL');
  }
});

test('implicit flow (legacy) works when asked for by name', async () => {
  const r = await signIn('token');
  assert.equal(r.ok, true, r.message);
  assert.ok(!r.hrefAfter.includes('access_token'), r.hrefAfter);
  assert.equal(r.fhirStatus, 200);
});

test('deny gives a typed authorization_error and a scrubbed URL', async () => {
  const r = await signIn('code', { allow: false });
  assert.equal(r.ok, false);
  assert.equal(r.code, 'authorization_error');
  assert.match(r.message, /Deny or Cancel/);
  assert.ok(!r.hrefAfter.includes('error='), r.hrefAfter);
});

test('demographics withheld shows in the token facts', async () => {
  const r = await signIn('code', { demographics: false });
  assert.equal(r.ok, true, r.message);
  assert.equal(r.info.demographicsShared, false);
});
