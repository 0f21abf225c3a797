// scripts/check-yanked.mjs (part of `make audit`) against a local stand-in for the crates.io
// sparse index: a yanked version fails the check, an unreachable index is "not checked".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { registryPackages, indexPath } from '../../scripts/check-yanked.mjs';

const script = path.resolve(fileURLToPath(import.meta.url), '../../../scripts/check-yanked.mjs');
const REG = 'registry+https://github.com/rust-lang/crates.io-index';
const lock = `version = 4

[[package]]
name = "bluebutton-wasm"
version = "0.1.0"

[[package]]
name = "itoa"
version = "1.0.11"
source = "${REG}"

[[package]]
name = "Rand"
version = "0.7.1"
source = "${REG}"
checksum = "abc"

[[package]]
name = "local-git"
version = "0.1.0"
source = "git+https://example.com/x#0123"
`;

test('registryPackages keeps only crates.io packages', () => {
  assert.deepEqual(registryPackages(lock), [
    { name: 'itoa', version: '1.0.11' },
    { name: 'Rand', version: '0.7.1' },
  ]);
});

test("indexPath follows cargo's sparse-index layout", () => {
  assert.equal(indexPath('a'), '1/a');
  assert.equal(indexPath('cc'), '2/cc');
  assert.equal(indexPath('syn'), '3/s/syn');
  assert.equal(indexPath('Rand'), 'ra/nd/rand');
  assert.equal(indexPath('serde_json'), 'se/rd/serde_json');
});

/** Runs the script on a lock file (async: the fake index answers from this process). */
function run(indexUrl, lockText) {
  const dir = mkdtempSync(path.join(tmpdir(), 'yanked-'));
  const file = path.join(dir, 'Cargo.lock');
  writeFileSync(file, lockText);
  const child = spawn(process.execPath, [script, file], { env: { ...process.env, CRATES_INDEX_URL: indexUrl } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => { stdout += d; });
  child.stderr.on('data', (d) => { stderr += d; });
  return new Promise((resolve) => child.on('close', (status) => resolve({ status, stdout, stderr })));
}

test('a yanked version fails the check; the same lock without it passes', async () => {
  const entries = {
    'it/oa/itoa': [{ name: 'itoa', vers: '1.0.11', yanked: false }],
    'ra/nd/rand': [{ name: 'rand', vers: '0.7.0', yanked: false }, { name: 'rand', vers: '0.7.1', yanked: true }],
  };
  const server = createServer((req, res) => {
    const body = entries[req.url.slice(1)];
    if (!body) { res.writeHead(404).end(); return; }
    res.writeHead(200, { 'content-type': 'text/plain' }).end(body.map((e) => JSON.stringify(e)).join('\n'));
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${server.address().port}`;
  try {
    const bad = await run(url, lock);
    assert.equal(bad.status, 1, bad.stdout + bad.stderr);
    assert.match(bad.stdout, /YANKED Rand 0\.7\.1/);
    const good = await run(url, lock.replace('"0.7.1"', '"0.7.0"'));
    assert.equal(good.status, 0, good.stdout + good.stderr);
    assert.match(good.stdout, /2 crate versions .* 0 yanked/);
  } finally {
    server.close();
  }
});

test('an unreachable index is reported as not checked (exit 2), never as passed', async () => {
  const r = await run('http://127.0.0.1:9', lock);
  assert.equal(r.status, 2, r.stdout + r.stderr);
  assert.match(r.stdout, /NOT CHECKED/);
});
