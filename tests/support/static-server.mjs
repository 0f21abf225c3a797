// A tiny static file server on 127.0.0.1 for tests (correct MIME types, incl. application/wasm).
import http from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.wasm': 'application/wasm', '.css': 'text/css', '.json': 'application/json',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon',
};

/** Serves `root`; unknown paths fall back to `fallback` (e.g. index.html) when given, with
 * `fallbackStatus` (200, or 404 as GitHub Pages serves its 404.html). With `prefix` (e.g.
 * `/sub/path`) the folder is served under that path only, as on a host's sub-path. */
export function serveDir(dir, { port = 0, fallback = null, fallbackStatus = 200, prefix = '', headers = {} } = {}) {
  const root = path.resolve(dir);
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    if (prefix && url.pathname !== prefix && !url.pathname.startsWith(`${prefix}/`)) { res.writeHead(404); return res.end('not found'); }
    let file = path.join(root, decodeURIComponent(url.pathname.slice(prefix.length)));
    if (file !== root && !file.startsWith(root + path.sep)) { res.writeHead(403); return res.end(); }
    try {
      if ((await stat(file)).isDirectory()) file = path.join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream', ...headers });
      res.end(body);
    } catch {
      if (fallback) {
        const body = await readFile(path.join(root, fallback));
        res.writeHead(fallbackStatus, { 'content-type': 'text/html; charset=utf-8', ...headers });
        return res.end(body);
      }
      res.writeHead(404); res.end('not found');
    }
  });
  return new Promise((resolve) => {
    server.listen(port, '127.0.0.1', () => resolve({
      url: `http://127.0.0.1:${server.address().port}`,
      close: () => new Promise((r) => server.close(r)),
    }));
  });
}
