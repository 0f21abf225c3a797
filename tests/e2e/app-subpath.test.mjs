// The reference app built for a sub-path (`make site PUBLIC_URL=/sub/path/`), served the way a
// static host serves it: the folder under /sub/path/ only, and 404.html (with status 404) for
// any path it has no file for. Every asset URL names the sub-path; the views' addresses, the
// redirect URI, a reload on a view, a sign-in and Back all stay under it. Builds its own copy
// (scripts/build-site.sh with DIST_DIR; the cargo build is shared with dist/, so this costs
// the wasm-bindgen + wasm-opt step), leaving dist/ alone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../support/browser.mjs';
import { serveDir } from '../support/static-server.mjs';
import { startSandbox } from '../support/sandbox.mjs';

const root = path.resolve(fileURLToPath(import.meta.url), '../../..');
const SUB = '/sub/path';
let out;
let site;
let sandbox;
let browser;

before(async () => {
  out = mkdtempSync(path.join(os.tmpdir(), 'bb-subpath-'));
  execFileSync('bash', ['scripts/build-site.sh', `${SUB}/`], {
    cwd: root, env: { ...process.env, DIST_DIR: out }, stdio: ['ignore', 'ignore', 'inherit'], timeout: 15 * 60 * 1000,
  });
  site = await serveDir(out, { prefix: SUB, fallback: '404.html', fallbackStatus: 404 });
  sandbox = await startSandbox(['--quiet', '--redirect-uri', `${site.url}${SUB}/`]);
  browser = await launchChromium();
}, { timeout: 16 * 60 * 1000 });

after(async () => {
  await browser?.close();
  sandbox?.stop();
  await site?.close();
  if (out) rmSync(out, { recursive: true, force: true });
});

test('every asset URL of the sub-path build names the sub-path; 404.html is the app', () => {
  const html = readFileSync(path.join(out, 'index.html'), 'utf8');
  assert.equal(readFileSync(path.join(out, '404.html'), 'utf8'), html, '404.html is a copy of index.html');
  const refs = [...html.matchAll(/\b(?:href|src|data-js|data-wasm)="([^"]*)"/g)].map((m) => m[1]);
  assert.ok(refs.length >= 5, `asset references found: ${refs.join(' ')}`);
  for (const ref of refs) {
    assert.ok(ref.startsWith(`${SUB}/`), `${ref} is under ${SUB}/ (a relative URL breaks on /sub/path/claims/x)`);
    assert.ok(existsSync(path.join(out, ref.slice(SUB.length + 1))), `${ref} is in the build`);
  }
});

test('under a sub-path: views, not-found, a reload on a view, sign-in and Back', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const pathOf = () => new URL(page.url()).pathname;
  const waitForPath = async (want) => {
    await page.waitForFunction((p) => location.pathname === p, want);
    assert.equal(pathOf(), want);
  };

  // A view's address before signing in (the host answers 404 with the app).
  await page.goto(`${site.url}${SUB}/claims/some-claim`);
  await page.waitForSelector('#connect-first');
  assert.match(await page.textContent('#connect-first'), /Claim some-claim is not loaded yet/);
  assert.equal(await page.inputValue('#redirect-uri'), `${site.url}${SUB}/`, 'the redirect URI is the sub-path root');
  await page.goto(`${site.url}${SUB}/no/such/page`);
  await page.waitForSelector('#not-found');
  await page.click('#not-found a');
  await page.waitForSelector('#connect');
  assert.equal(pathOf(), `${SUB}/`, 'the overview link stays under the sub-path');

  // Sign in at the sub-path root.
  await page.goto(`${site.url}${SUB}/`);
  await page.waitForSelector('#connect');
  await page.selectOption('#env', 'custom');
  await page.fill('#custom-url', sandbox.url);
  await page.fill('#client-id', 'bbwasm-local-public');
  await page.click('#connect');
  await page.waitForSelector('#username');
  await page.fill('#username', 'BBUser00005');
  await page.fill('#password', 'PW00005!');
  await page.click('#allow');
  await page.waitForURL((u) => u.href.startsWith(`${site.url}${SUB}/`));
  await page.waitForSelector('#download-done', { timeout: 120000 });
  assert.equal(pathOf(), `${SUB}/`);
  // The parse worker loaded from the sub-path (no main-thread fallback).
  assert.equal(await page.evaluate(() => window.bbMainThreadParsedPages ?? 0), 0, 'parsed in the worker');
  assert.ok(page.workers().some((w) => w.url() === `${site.url}${SUB}/worker-bin_loader.js`),
    `the worker is under the sub-path: ${page.workers().map((w) => w.url())}`);

  await page.click('#tab-claims');
  await waitForPath(`${SUB}/claims`);
  const link = page.locator('#claims-table tbody tr a').first();
  const href = await link.getAttribute('href');
  assert.ok(href.startsWith(`${SUB}/claims/`), `a claim's link is under the sub-path: ${href}`);
  await link.click();
  await waitForPath(href);
  await page.waitForSelector('#claim-detail');
  await page.click('#tab-charts');
  await waitForPath(`${SUB}/charts`);
  await page.goBack();
  await waitForPath(href);
  await page.waitForSelector('#claim-detail');
  await page.click('#tab-overview');
  await waitForPath(`${SUB}/`);
  await page.waitForSelector('#claim-count');
  // Signing out from a view returns to the sub-path root.
  await page.click('#tab-export');
  await waitForPath(`${SUB}/export`);
  await page.click('#sign-out');
  await waitForPath(`${SUB}/`);
  await page.waitForSelector('#connect');
  assert.equal(await page.locator('#connect-first').count(), 0);
  assert.deepEqual(errors, [], 'no page errors');
  await context.close();
});
