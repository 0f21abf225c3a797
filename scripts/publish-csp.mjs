// Narrows the Content-Security-Policy of a built site (dist/index.html) to what a published
// site talks to: itself and Blue Button's sandbox and production API hosts, plus the origins
// given (a token relay's), and never localhost: the demo build's `http://127.0.0.1:*` and
// `http://localhost:*` (for the local sandbox) are removed.
// Usage: node scripts/publish-csp.mjs DIST [https://relay.example ...]
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const [dir, ...extra] = process.argv.slice(2);
if (!dir) {
  console.error('usage: node scripts/publish-csp.mjs DIST [https://relay.example ...]');
  process.exit(2);
}
for (const origin of extra) {
  let url;
  try { url = new URL(origin); } catch { url = null; }
  if (!url || url.protocol !== 'https:' || url.origin !== origin.replace(/\/$/, '')) {
    console.error(`publish-csp: ${origin} is not an https origin (like https://relay.example)`);
    process.exit(2);
  }
}
const file = path.join(dir, 'index.html');
const html = readFileSync(file, 'utf8');
const meta = /(<meta http-equiv="Content-Security-Policy" content=")([^"]*)(")/;
const found = html.match(meta);
if (!found) {
  console.error(`publish-csp: no Content-Security-Policy meta in ${file}`);
  process.exit(1);
}
const connect = ["'self'", 'https://sandbox.bluebutton.cms.gov', 'https://api.bluebutton.cms.gov',
  ...extra.map((o) => o.replace(/\/$/, ''))];
const policy = found[2].split(';').map((d) => d.trim()).filter(Boolean)
  .map((d) => (d.startsWith('connect-src ') ? `connect-src ${connect.join(' ')}` : d))
  .join('; ');
writeFileSync(file, html.replace(meta, `$1${policy}$3`));
console.log(`publish-csp: connect-src ${connect.join(' ')}`);
