// The data part's FHIR client over a JS token source (`new BlueButtonClient(source, env)` from
// bluebutton-wasm/claims, which the main entry's session.client() uses): the token goes to the
// API, a 401 makes one refresh and one retry with the new token, and a source's coded error
// reaches the caller with its code. Node 20 on pkg/ (built by scripts/build-pkg.sh).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(fileURLToPath(import.meta.url), '../../..');
const { BlueButtonClient } = await import(pathToFileURL(path.join(root, 'pkg/claims-node.js')).href);

const BUNDLE = JSON.stringify({ resourceType: 'Bundle', type: 'searchset', total: 0, entry: [] });
let server;
let env;
const seen = [];

before(async () => {
  server = http.createServer((req, res) => {
    seen.push(req.headers.authorization);
    const ok = req.headers.authorization === 'Bearer new';
    res.writeHead(ok ? 200 : 401, { 'content-type': 'application/fhir+json' });
    res.end(ok ? BUNDLE : JSON.stringify({ detail: 'Authentication credentials were not provided.' }));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  env = `http://127.0.0.1:${server.address().port}`;
});

after(() => server?.close());

/** A session-like source whose token is `old` until refreshed. */
function source({ hasRefreshToken = true } = {}) {
  const s = { token: 'old', refreshes: 0 };
  s.accessToken = async () => s.token;
  s.refresh = async () => { s.refreshes += 1; s.token = 'new'; return {}; };
  s.tokenInfo = () => ({ hasRefreshToken });
  return s;
}

test('a 401 refreshes once through the source and retries with the new token', async () => {
  seen.length = 0;
  const s = source();
  const bundle = await new BlueButtonClient(s, env, 2).eobPage({ count: 10 });
  assert.equal(bundle.resourceType, 'Bundle');
  assert.equal(s.refreshes, 1);
  assert.deepEqual(seen, ['Bearer old', 'Bearer new']);
});

test('without a refresh token a 401 is the caller\'s error, and no refresh is tried', async () => {
  const s = source({ hasRefreshToken: false });
  await assert.rejects(new BlueButtonClient(s, env).eobPage(), (e) => typeof e.code === 'string' && e.code.length > 0);
  assert.equal(s.refreshes, 0);
});

test('a source\'s coded error reaches the caller with its code and words', async () => {
  const failing = {
    accessToken: async () => { throw Object.assign(new Error('access has ended'), { code: 'session_expired' }); },
    refresh: async () => ({}),
  };
  await assert.rejects(new BlueButtonClient(failing, env).eobPage(),
    (e) => e.code === 'session_expired' && /access has ended/.test(e.message));
});

test('a source without accessToken/refresh is refused with invalid_argument', () => {
  for (const bad of [undefined, null, 7, {}, { accessToken: () => 't' }]) {
    assert.throws(() => new BlueButtonClient(bad, env), (e) => e.code === 'invalid_argument', String(bad));
  }
});
