// Serves a folder on 127.0.0.1 (used by `make demo` for dist/). Usage: serve-static.mjs DIR PORT
import { serveDir } from '../tests/support/static-server.mjs';

const [dir = 'dist', port = '8080'] = process.argv.slice(2);
const server = await serveDir(dir, { port: Number(port), fallback: 'index.html', headers: { 'referrer-policy': 'no-referrer' } });
console.log(`app listening on ${server.url}/`);
