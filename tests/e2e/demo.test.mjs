// `make demo` as a user runs it (scripts/demo.sh on free ports): both servers come up on
// 127.0.0.1, the printed app URL serves a page that loads its wasm, and the printed sandbox
// URL answers; stopping the script stops both.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../support/browser.mjs';

const root = path.resolve(fileURLToPath(import.meta.url), '../../..');

function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

test('make demo serves the app and the sandbox, and the app loads its wasm', { timeout: 15 * 60 * 1000 }, async () => {
  const [sandboxPort, appPort] = [await freePort(), await freePort()];
  const demo = spawn('bash', ['scripts/demo.sh', String(sandboxPort), String(appPort)], {
    cwd: root, detached: true, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  demo.stdout.on('data', (d) => { out += d; });
  demo.stderr.on('data', () => {});
  try {
    await new Promise((resolve, reject) => {
      const timer = setInterval(() => {
        if (out.includes('Press Ctrl-C')) { clearInterval(timer); resolve(); }
      }, 200);
      demo.on('exit', (code) => { clearInterval(timer); reject(new Error(`demo exited ${code}: ${out}`)); });
    });
    assert.match(out, new RegExp(`Reference app: +http://127\\.0\\.0\\.1:${appPort}/`));
    assert.match(out, new RegExp(`Local sandbox: +http://127\\.0\\.0\\.1:${sandboxPort}/`));
    // The static server adds what a meta tag cannot (R18, R35).
    const home = await fetch(`http://127.0.0.1:${appPort}/`);
    assert.equal(home.headers.get('referrer-policy'), 'no-referrer');
    assert.equal(home.headers.get('content-security-policy'), "frame-ancestors 'none'");
    const wellKnown = await fetch(`http://127.0.0.1:${sandboxPort}/.well-known/openid-configuration-v2`);
    assert.equal(wellKnown.status, 200);
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      const wasm = page.waitForResponse((r) => r.url().endsWith('.wasm'));
      await page.goto(`http://127.0.0.1:${appPort}/`);
      assert.equal((await wasm).status(), 200);
      await page.waitForSelector('main#app h1', { timeout: 30000 });
    } finally {
      await browser.close();
    }
  } finally {
    process.kill(-demo.pid, 'SIGINT');
  }
  await new Promise((r) => setTimeout(r, 500));
  await assert.rejects(fetch(`http://127.0.0.1:${sandboxPort}/.well-known/openid-configuration-v2`));
});
