// The sign-in part's session in Node 20 (pkg/auth-node.js): the JS shell (npm/session.js) sends
// what the sign-in .wasm plans and keeps the one refresh under way. Against a local token
// endpoint: concurrent callers share one refresh and the rotated refresh token is used next;
// a refusal ends the session with its reason, a network failure keeps the tokens; redirects and
// oversized bodies are refused; a wider scope list sends nothing; sign-out revokes both tokens
// and a refresh that lands after it does not sign the session back in.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(fileURLToPath(import.meta.url), '../../..');
const { BlueButtonSession } = await import(pathToFileURL(path.join(root, 'pkg/auth-node.js')).href);

/** What the token endpoint does next: a function of the request's form, returning [status, body, headers?]. */
let answer;
/** Every POST it received: `{ path, form }`. */
let seen;
/** Set to hold the next token answer until released. */
let hold = null;
let server;
let env;

before(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', async () => {
      const form = Object.fromEntries(new URLSearchParams(body));
      seen.push({ path: req.url, form });
      if (hold) await hold.promise;
      const [status, text, headers = {}] = answer(form, req.url);
      if (status === 'drop') {
        req.socket.destroy();
        return;
      }
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(text);
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  env = `http://127.0.0.1:${server.address().port}`;
});

after(() => server?.close());

beforeEach(() => {
  seen = [];
  hold = null;
  let n = 1;
  answer = (form) => {
    if (form.grant_type !== 'refresh_token') return [200, ''];
    n += 1;
    return [200, JSON.stringify({ access_token: `a${n}`, refresh_token: `r${n}`, token_type: 'Bearer', expires_in: 36000, scope: 'patient/Patient.read' })];
  };
});

/** A session whose token is due for a refresh (it expires within the 10 s margin). */
function session(extra = {}) {
  const json = JSON.stringify({ access_token: 'a1', refresh_token: 'r1', token_type: 'Bearer', expires_in: 5, scope: 'patient/Patient.read patient/ExplanationOfBenefit.read', ...extra });
  return BlueButtonSession.fromTokenResponse(json, { env, version: 2, clientId: 'client-1' });
}

async function codeOf(promiseOrFn) {
  try {
    await (typeof promiseOrFn === 'function' ? promiseOrFn() : promiseOrFn);
  } catch (e) {
    assert.equal(e.name, 'BlueButtonError', String(e));
    return e.code;
  }
  return 'no error';
}

const refreshes = () => seen.filter((s) => s.form.grant_type === 'refresh_token');

test('five callers of an expiring token share one refresh; the rotated refresh token is used next', async () => {
  const s = session();
  const tokens = await Promise.all([1, 2, 3, 4, 5].map(() => s.accessToken()));
  assert.deepEqual(tokens, ['a2', 'a2', 'a2', 'a2', 'a2']);
  assert.equal(refreshes().length, 1);
  assert.equal(refreshes()[0].path, '/v2/o/token/');
  assert.equal(refreshes()[0].form.refresh_token, 'r1');
  assert.equal(await s.accessToken(), 'a2', 'a fresh token is not refreshed again');
  const info = await s.refresh();
  assert.equal(info.hasRefreshToken, true);
  assert.equal(refreshes()[1].form.refresh_token, 'r2');
  assert.equal(await s.accessToken(), 'a3');
});

test('a refusal ends the session with its reason, and nothing more is sent', async () => {
  const s = session();
  answer = () => [400, JSON.stringify({ error: 'invalid_grant', error_description: 'Invalid refresh token.' })];
  const first = await codeOf(s.accessToken());
  assert.equal(first, 'invalid_grant');
  assert.equal(await codeOf(s.accessToken()), first, 'every later call repeats the reason');
  assert.equal(await codeOf(() => s.tokenInfo()), 'signed_out');
  assert.equal(refreshes().length, 1);
});

test('a network failure keeps the tokens, so a later call can refresh', async () => {
  const s = session();
  const ok = answer;
  answer = () => ['drop'];
  assert.equal(await codeOf(s.accessToken()), 'network_error');
  assert.equal(s.tokenInfo().hasRefreshToken, true);
  answer = ok;
  assert.equal(await s.accessToken(), 'a2');
  assert.equal(refreshes()[1].form.refresh_token, 'r1');
});

test('a redirect is not followed and an oversized body is not read', async () => {
  answer = () => [302, '', { location: 'https://elsewhere.example/token' }];
  assert.equal(await codeOf(session().refresh()), 'unexpected_redirect');
  answer = () => [200, 'x'.repeat(70 * 1024)];
  assert.equal(await codeOf(session().refresh()), 'response_too_large');
});

test('a wider scope list sends nothing and keeps the session; a narrower one is asked for', async () => {
  const s = session();
  assert.equal(await codeOf(s.refresh({ scopes: ['patient/Coverage.read'] })), 'invalid_option');
  assert.equal(await codeOf(s.refresh({ scope: 'x' })), 'invalid_options');
  assert.equal(seen.length, 0);
  assert.equal(s.tokenInfo().hasRefreshToken, true);
  await s.refresh({ scopes: ['patient/Patient.read'] });
  assert.equal(refreshes()[0].form.scope, 'patient/Patient.read');
});

test('sign-out revokes the refresh token, then the access token, and forgets them', async () => {
  const s = session();
  await s.signOut();
  assert.deepEqual(seen.map((x) => [x.path, x.form.token]), [['/v2/o/revoke_token/', 'r1'], ['/v2/o/revoke_token/', 'a1']]);
  assert.equal(await codeOf(() => s.tokenInfo()), 'signed_out');
  assert.equal(await codeOf(s.accessToken()), 'signed_out');
});

test('a failed revocation is reported after both were tried', async () => {
  answer = () => ['drop'];
  const s = session();
  assert.equal(await codeOf(s.signOut()), 'network_error');
  assert.equal(seen.length, 2);
  assert.equal(await codeOf(() => s.tokenInfo()), 'signed_out');
});

test('a refresh that lands after sign-out does not sign the session back in', async () => {
  const s = session();
  let release;
  hold = { promise: new Promise((r) => { release = r; }) };
  const refreshing = s.accessToken();
  while (seen.length === 0) await new Promise((r) => setTimeout(r, 5));
  const out = s.signOut();
  release();
  assert.equal(await codeOf(refreshing), 'signed_out');
  await out;
  assert.equal(await codeOf(() => s.tokenInfo()), 'signed_out');
});

test('sessions are made by the package only', () => {
  assert.throws(() => new BlueButtonSession(), (e) => e.code === 'invalid_argument');
});
