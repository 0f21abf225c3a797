// A minimal OAuth token endpoint on 127.0.0.1 for the headless-browser tests of the
// browser shell (the full emulator is bluebutton-sandbox). CORS allow-all, like Blue Button.
// Prints "listening on http://127.0.0.1:PORT" once ready. Stats at GET /test/stats.
import http from 'node:http';
import { createHash } from 'node:crypto';

const port = Number(process.argv[2] || 0);
const stats = { authorization_code: 0, refresh_token: 0, revoke: 0 };
let generation = 0;
let liveRefresh = 'refresh-0';
const challenges = new Map(); // code -> challenge

function send(res, status, body) {
  res.writeHead(status, {
    'content-type': 'application/json',
    'access-control-allow-origin': '*',
  });
  res.end(JSON.stringify(body));
}

function tokenBody() {
  generation += 1;
  liveRefresh = `refresh-${generation}`;
  return {
    access_token: `access-${generation}`, token_type: 'Bearer', expires_in: 3600,
    scope: 'openid profile patient/Patient.rs patient/Coverage.rs patient/ExplanationOfBenefit.rs',
    refresh_token: liveRefresh, patient: '-20140000008325',
    access_grant_expiration: '2027-12-01T10:00:00Z',
  };
}

const server = http.createServer((req, res) => {
  if (req.method === 'OPTIONS') {
    res.writeHead(200, {
      'access-control-allow-origin': '*',
      'access-control-allow-headers': 'accept, authorization, content-type',
      'access-control-allow-methods': 'GET, POST, OPTIONS',
    });
    return res.end();
  }
  let raw = '';
  req.on('data', (c) => { raw += c; });
  req.on('end', () => {
    const url = new URL(req.url, 'http://127.0.0.1');
    const form = new URLSearchParams(raw);
    if (req.method === 'GET' && url.pathname === '/test/stats') return send(res, 200, stats);
    if (req.method === 'POST' && url.pathname === '/test/code') {
      // Registers a code with its S256 challenge, as an authorize step would.
      challenges.set(form.get('code'), form.get('challenge'));
      return send(res, 200, { ok: true });
    }
    if (req.method === 'POST' && /^\/v[123]\/o\/token\/?$/.test(url.pathname)) {
      const grant = form.get('grant_type');
      if (grant === 'authorization_code') {
        stats.authorization_code += 1;
        // A token endpoint in trouble: the client must not retry (the code is single-use).
        if (form.get('code') === 'unavailable-503') return send(res, 503, { detail: 'Service temporarily unavailable.' });
        const expected = challenges.get(form.get('code'));
        challenges.delete(form.get('code'));
        const verifier = form.get('code_verifier') || '';
        const actual = createHash('sha256').update(verifier).digest('base64url');
        if (!expected || expected !== actual) {
          return send(res, 400, { error: 'invalid_grant', error_description: 'code_challenge does not match' });
        }
        return send(res, 200, tokenBody());
      }
      if (grant === 'refresh_token') {
        stats.refresh_token += 1;
        if (form.get('refresh_token') !== liveRefresh) {
          return send(res, 400, { status_code: 400, error: 'invalid_grant', error_description: 'Refresh token not found.' });
        }
        // Slow enough that concurrent callers overlap.
        return setTimeout(() => send(res, 200, tokenBody()), 150);
      }
      return send(res, 400, { error: 'unsupported_grant_type' });
    }
    if (req.method === 'POST' && /^\/v[123]\/o\/revoke_token\/?$/.test(url.pathname)) {
      stats.revoke += 1;
      return send(res, 200, {});
    }
    if (url.pathname === '/redirect') {
      res.writeHead(302, { location: 'http://evil.example/steal', 'access-control-allow-origin': '*' });
      return res.end();
    }
    send(res, 404, { detail: 'Not found.' });
  });
});
server.listen(port, '127.0.0.1', () => {
  console.log(`listening on http://127.0.0.1:${server.address().port}`);
});
