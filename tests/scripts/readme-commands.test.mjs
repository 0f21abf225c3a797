// The README's sandbox command lines run as written (a package with two binaries needs
// `default-run` for `cargo run -p bluebutton-sandbox` to pick one).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(fileURLToPath(import.meta.url), '../../..');

test('cargo run -p bluebutton-sandbox -- --help, as the READMEs write it, runs the sandbox', () => {
  for (const readme of ['README.md', 'sandbox/README.md']) {
    assert.match(readFileSync(path.join(root, readme), 'utf8'), /cargo run -p bluebutton-sandbox -- --/, readme);
  }
  const out = execFileSync('cargo', ['run', '-q', '-p', 'bluebutton-sandbox', '--', '--help'],
    { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  assert.match(out, /--port/);
});
