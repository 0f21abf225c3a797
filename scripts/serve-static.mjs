// Serves a folder on 127.0.0.1 (used by `make demo` for dist/). Usage: serve-static.mjs DIR PORT
import { serveDir } from '../tests/support/static-server.mjs';

const [dir = 'dist', port = '8080'] = process.argv.slice(2);
const server = await serveDir(dir, { port: Number(port), fallback: 'index.html', headers: {
  'referrer-policy': 'no-referrer',
  // The meta CSP in index.html cannot carry frame-ancestors; this header adds it (both apply).
  'content-security-policy': "frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
} });
console.log(`app listening on ${server.url}/`);
