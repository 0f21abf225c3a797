// The demo's Content-Security-Policy is enforced (checklist R35, R36): an injected inline
// script is blocked and reported; without 'wasm-unsafe-eval' the app cannot boot (so the
// policy in dist/index.html is really the one in force); dist/ loads nothing from elsewhere.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { cpSync, mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../support/browser.mjs';
import { serveDir } from '../support/static-server.mjs';

const root = path.resolve(fileURLToPath(import.meta.url), '../../..');
const dist = path.join(root, 'dist');
let browser;

before(async () => { browser = await launchChromium(); });
after(async () => { await browser?.close(); });

async function open(dir) {
  const server = await serveDir(dir, { fallback: 'index.html' });
  const page = await browser.newPage();
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(e.violatedDirective));
  });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${server.url}/`);
  return { page, server, errors };
}

test('an injected inline script is blocked by the CSP', async () => {
  const { page, server } = await open(dist);
  try {
    await page.waitForSelector('main#app h1', { timeout: 30000 });
    await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__pwned = true';
      document.head.appendChild(s);
    });
    await page.waitForFunction(() => window.__csp.length > 0, null, { timeout: 5000 });
    const { pwned, csp } = await page.evaluate(() => ({ pwned: window.__pwned, csp: window.__csp }));
    assert.equal(pwned, undefined, 'the inline script did not run');
    assert.ok(csp.some((d) => d.startsWith('script-src')), `violations: ${csp}`);
  } finally {
    await page.close();
    await server.close();
  }
});

test("negative control: without 'wasm-unsafe-eval' the app cannot start", async () => {
  const copy = mkdtempSync(path.join(tmpdir(), 'bbwasm-csp-'));
  try {
    cpSync(dist, copy, { recursive: true });
    const index = path.join(copy, 'index.html');
    const html = readFileSync(index, 'utf8');
    assert.match(html, /'wasm-unsafe-eval'/);
    writeFileSync(index, html.replace(" 'wasm-unsafe-eval'", ''));
    const { page, server } = await open(copy);
    try {
      await page.waitForFunction(() => window.__csp.length > 0, null, { timeout: 15000 });
      assert.equal(await page.$('main#app h1'), null, 'the app did not render');
    } finally {
      await page.close();
      await server.close();
    }
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
});

test('the CSP has exactly the directives we mean (R35)', () => {
  const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
  const [, policy] = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)"/) || [];
  assert.ok(policy, 'a CSP meta tag');
  const directives = Object.fromEntries(policy.split(';').map((d) => d.trim()).filter(Boolean)
    .map((d) => { const [name, ...values] = d.split(/\s+/); return [name, values.join(' ')]; }));
  assert.deepEqual(directives, {
    'default-src': "'none'",
    'script-src': "'self' 'wasm-unsafe-eval'",
    // The parse worker (worker-bin_loader.js, same origin).
    'worker-src': "'self'",
    'connect-src': "'self' https://sandbox.bluebutton.cms.gov https://api.bluebutton.cms.gov http://127.0.0.1:* http://localhost:*",
    'style-src': "'self'",
    'img-src': "'self' data:",
    'object-src': "'none'",
    'base-uri': "'none'",
    'form-action': "'none'",
  });
});

test('dist/ has SRI on its scripts and wasm and no external URLs', () => {
  const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
  const preloads = html.match(/<link rel="(modulepreload|preload)"[^>]*>/g) || [];
  assert.ok(preloads.length >= 2, 'js and wasm preloads');
  const scripts = html.match(/<script\b[^>]*\bsrc="[^"]*"[^>]*>/g) || [];
  assert.ok(scripts.length >= 1, 'the loader script');
  // Every script and preload carries a sha384 integrity that matches the file it names.
  for (const tag of [...preloads, ...scripts]) {
    const [, url] = tag.match(/\b(?:href|src)="([^"]*)"/);
    const [, integrity] = tag.match(/\bintegrity="([^"]*)"/) || [];
    assert.ok(integrity, `integrity on ${tag}`);
    const file = readFileSync(path.join(dist, url.replace(/^\//, '')));
    assert.equal(integrity, `sha384-${createHash('sha384').update(file).digest('base64')}`, `integrity of ${url}`);
  }
  assert.doesNotMatch(html, /'unsafe-inline'|'unsafe-eval'/);
  assert.doesNotMatch(html, /nonce=/);
  const allowed = ['https://sandbox.bluebutton.cms.gov', 'https://api.bluebutton.cms.gov'];
  const urls = html.match(/https?:\/\/[^\s"'<>]+/g) || [];
  for (const u of urls) {
    assert.ok(allowed.some((a) => u.startsWith(a)) || /^http:\/\/(127\.0\.0\.1|localhost):\*/.test(u), `external URL ${u}`);
  }
});

test('a published site (SITE=published) names no localhost in connect-src, and still boots', async () => {
  const copy = mkdtempSync(path.join(tmpdir(), 'bbwasm-published-'));
  try {
    cpSync(dist, copy, { recursive: true });
    const { execFileSync } = await import('node:child_process');
    const out = execFileSync(process.execPath, [path.join(root, 'scripts/publish-csp.mjs'), copy,
      'https://relay.app.example'], { encoding: 'utf8' });
    assert.match(out, /connect-src/);
    const html = readFileSync(path.join(copy, 'index.html'), 'utf8');
    const [, policy] = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)"/) || [];
    const connect = policy.split(';').map((d) => d.trim()).find((d) => d.startsWith('connect-src '));
    assert.equal(connect, "connect-src 'self' https://sandbox.bluebutton.cms.gov https://api.bluebutton.cms.gov https://relay.app.example");
    assert.doesNotMatch(html, /127\.0\.0\.1|localhost/);
    // Everything else is unchanged.
    const demo = readFileSync(path.join(dist, 'index.html'), 'utf8');
    const strip = (h) => h.replace(/connect-src [^;"]*/, 'connect-src X');
    assert.equal(strip(html), strip(demo));
    // An http or path-carrying relay is refused.
    for (const bad of ['http://relay.app.example', 'https://relay.app.example/path']) {
      assert.throws(() => execFileSync(process.execPath, [path.join(root, 'scripts/publish-csp.mjs'), copy, bad],
        { stdio: 'pipe' }), undefined, bad);
    }
    const { page, server, errors } = await open(copy);
    try {
      await page.waitForSelector('main#app h1', { timeout: 30000 });
      assert.deepEqual(errors, []);
      // The app offers what the policy allows: no local sandbox, the CMS sandbox by default,
      // and a custom localhost URL is refused with a sentence, before any request.
      await page.waitForSelector('#env');
      assert.equal(await page.$('#env option[value="local"]'), null, 'no local sandbox option');
      assert.equal(await page.$eval('#env', (e) => e.value), 'sandbox');
      await page.selectOption('#env', 'custom');
      await page.fill('#custom-url', 'http://127.0.0.1:8000');
      await page.fill('#client-id', 'some-client');
      await page.click('#connect-form button[type=submit]');
      await page.waitForFunction(() => document.body.innerText.includes('security policy does not let it connect'),
        null, { timeout: 5000 });
      assert.equal(new URL(page.url()).host, new URL(server.url).host, 'still on the app');
    } finally {
      await page.close();
      await server.close();
    }
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
});
