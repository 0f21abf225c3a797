// The built demo (dist/) loads its wasm and renders, in headless Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../support/browser.mjs';
import { serveDir } from '../support/static-server.mjs';

const root = path.resolve(fileURLToPath(import.meta.url), '../../..');
const dist = path.join(root, 'dist');
let browser;
let server;

before(async () => {
  assert.ok(existsSync(path.join(dist, 'index.html')), 'dist/ is built (scripts/build-site.sh)');
  server = await serveDir(dist, { fallback: 'index.html' });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('the demo page loads its wasm and renders the app', async () => {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const wasm = page.waitForResponse((r) => r.url().endsWith('.wasm'));
  await page.goto(`${server.url}/`);
  assert.equal((await wasm).status(), 200);
  await page.waitForSelector('main#app h1', { timeout: 30000 });
  assert.match(await page.textContent('main#app h1'), /Blue Button/);
  assert.deepEqual(errors, []);
  await page.close();
});
