// The README command lines run as written: the sandbox's `cargo run -p bluebutton-sandbox`
// and the relay's (`--help`, the CMS sandbox line, a missing secret variable, the local line).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(fileURLToPath(import.meta.url), '../../..');
const readme = (name) => readFileSync(path.join(root, name), 'utf8');

// The README line that starts with `start` (one line, as a user copies it).
function line(text, start) {
  const found = text.split('\n').find((l) => l.startsWith(start));
  assert.ok(found, `a README line starting with ${start}`);
  return found.trim();
}

// Splits a README command line into env assignments, `env -u` removals and argv (no quotes
// in these lines but the export's, which is not run).
function parse(cmd) {
  const words = cmd.split(/\s+/);
  const env = { ...process.env };
  while (/^[A-Z_]+=/.test(words[0])) {
    const [k, v] = words.shift().split('=');
    env[k] = v;
  }
  if (words[0] === 'env' && words[1] === '-u') {
    delete env[words[2]];
    words.splice(0, 3);
  }
  return { env, argv: words };
}

// Runs `argv` until its first stdout line (or exit); returns { line, code, stderr }.
function firstLine(argv, env, extra = []) {
  return new Promise((resolve) => {
    const child = spawn(argv[0], [...argv.slice(1), ...extra], { cwd: root, env });
    let out = '';
    let err = '';
    let done = false;
    const finish = (r) => {
      if (!done) {
        done = true;
        child.kill();
        resolve(r);
      }
    };
    child.stdout.on('data', (d) => {
      out += d;
      if (out.includes('\n')) finish({ line: out.split('\n')[0], code: null, stderr: err });
    });
    child.stderr.on('data', (d) => { err += d; });
    child.on('exit', (code) => finish({ line: out.split('\n')[0], code, stderr: err }));
  });
}

test('cargo run -p bluebutton-sandbox -- --help, as the READMEs write it, runs the sandbox', () => {
  for (const name of ['README.md', 'sandbox/README.md']) {
    assert.match(readme(name), /cargo run -p bluebutton-sandbox -- --/, name);
  }
  const out = execFileSync('cargo', ['run', '-q', '-p', 'bluebutton-sandbox', '--', '--help'],
    { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  assert.match(out, /--port/);
});

test('cargo run -p bluebutton-relay -- --help, as the README writes it, lists the options', () => {
  const { argv } = parse(line(readme('README.md'), 'cargo run -p bluebutton-relay -- --help'));
  const out = execFileSync(argv[0], ['run', '-q', ...argv.slice(2)],
    { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  for (const opt of ['--upstream', '--client-secret-env', '--allow-origin', '--extra-root-cert', '--proxy-fhir']) {
    assert.ok(out.includes(opt), opt);
  }
});

test('the README relay line without its secret variable stops with a message', async () => {
  const { env, argv } = parse(line(readme('README.md'), 'env -u BB_CLIENT_SECRET cargo run -p bluebutton-relay'));
  const r = await firstLine(argv, env);
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /environment variable BB_CLIENT_SECRET is not set/);
});

// The deployment lines start the relay (nothing is sent upstream until a request comes, so
// no network is needed). `--host 127.0.0.1 --port 0` is appended (a later option wins) so a busy 8787 cannot
// fail the test; the README's binary path is run through `cargo run` (same arguments).
test('the README relay command lines start the relay', async () => {
  const text = readme('README.md');
  const cms = line(text, 'target/release/bluebutton-relay --upstream https://sandbox.bluebutton.cms.gov');
  const { argv: cmsArgs } = parse(cms);
  const runs = [
    { argv: ['cargo', 'run', '-q', '-p', 'bluebutton-relay', '--', ...cmsArgs.slice(1)],
      env: { ...process.env, BB_CLIENT_SECRET: 'x' } },
  ];
  for (const name of ['README.md', 'sandbox/README.md']) {
    const local = parse(line(readme(name), 'BB_SECRET=local-dev-secret cargo run -p bluebutton-relay'));
    runs.push({ argv: [local.argv[0], 'run', '-q', ...local.argv.slice(2)], env: local.env });
  }
  for (const { argv, env } of runs) {
    const r = await firstLine(argv, env, ['--host', '127.0.0.1', '--port', '0']);
    assert.match(r.line, /^bluebutton-relay listening on http:\/\/[0-9.]+:\d+$/, r.stderr);
  }
});
