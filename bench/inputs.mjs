// Builds the benchmark inputs under target/bench/site/data/ (never in git): the real CMS
// sample (read from ../shared at run time, skipped when absent) and synthetic histories of
// 10 MB and 50 MB made by concatenating the entries of sandbox users' $export bundles.
// Each input also gets a gzip copy (level 6, like a web server).
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync, copyFileSync } from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

export const DATASET1 = process.env.BB_DATASET1
  || '/work/shared/fixtures/bluebutton/v2/sample-client-datasets/Dataset 1/eobData.json';
export const SYNTHETIC_SIZES = [10_000_000, 50_000_000];

async function exportOf(sandboxUrl, user) {
  const tok = await fetch(`${sandboxUrl}/sandbox/token`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user, version: 'v2' }),
  }).then((r) => r.json());
  const res = await fetch(`${sandboxUrl}/v2/fhir/ExplanationOfBenefit/$export.json.gz`, {
    headers: { authorization: `Bearer ${tok.access_token}` },
  });
  if (!res.ok) throw new Error(`export of user ${user}: HTTP ${res.status}`);
  return JSON.parse(zlib.gunzipSync(Buffer.from(await res.arrayBuffer())).toString('utf8'));
}

/** Users 1, 2, 3, … until the entries reach the largest size; one Bundle per size. */
async function synthetic(sandboxUrl, sizes) {
  const entries = [];
  let bytes = 100; // the Bundle envelope
  const out = new Map();
  const want = [...sizes].sort((a, b) => a - b);
  for (let user = 1; want.length; user++) {
    const bundle = await exportOf(sandboxUrl, user);
    for (const e of bundle.entry ?? []) {
      entries.push(e);
      bytes += JSON.stringify(e).length + 1;
      while (want.length && bytes >= want[0]) {
        const size = want.shift();
        out.set(size, { users: user, text: JSON.stringify({
          resourceType: 'Bundle', type: 'searchset', total: entries.length, entry: entries,
        }) });
      }
      if (!want.length) break;
    }
    if (user > 5000) throw new Error('sandbox users ran out before the wanted size');
  }
  return out;
}

function writeInput(dir, name, text, label, note) {
  const file = path.join(dir, `${name}.json`);
  if (text !== null) writeFileSync(file, text);
  const raw = readFileSync(file);
  const gz = zlib.gzipSync(raw, { level: 6 });
  writeFileSync(`${file}.gz`, gz);
  // The same JSON behind one stray byte: summarizeClaims inflates it all, then throws not_json at
  // the first byte, so its time is our inflate alone (there is no bare inflate export).
  writeFileSync(`${file}.bad.gz`, zlib.gzipSync(Buffer.concat([Buffer.from('x'), raw]), { level: 6 }));
  const claims = JSON.parse(raw.toString('utf8')).entry?.length ?? 0;
  return { name, label, note, bytes: raw.length, gzBytes: gz.length, claims };
}

/** Returns [{ name, label, bytes, gzBytes, claims, note }] and notices for skipped inputs. */
export async function buildInputs(dataDir, sandboxUrl, stamp) {
  mkdirSync(dataDir, { recursive: true });
  const notices = [];
  const inputs = [];
  if (existsSync(DATASET1)) {
    copyFileSync(DATASET1, path.join(dataDir, 'dataset1.json'));
    inputs.push(writeInput(dataDir, 'dataset1', null, 'CMS sample Dataset 1',
      'one real page from the CMS sandbox (`_count=10`), pretty-printed'));
  } else {
    notices.push(`The CMS sample ${DATASET1} is absent: its rows are skipped.`);
  }
  const stampFile = path.join(dataDir, 'synthetic.stamp');
  const cached = existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp
    && SYNTHETIC_SIZES.every((s) => existsSync(path.join(dataDir, `synth${s / 1e6}.json`)));
  const built = cached ? null : await synthetic(sandboxUrl, SYNTHETIC_SIZES);
  const meta = cached ? JSON.parse(readFileSync(path.join(dataDir, 'synthetic.json'), 'utf8')) : {};
  for (const size of SYNTHETIC_SIZES) {
    const name = `synth${size / 1e6}`;
    const users = cached ? meta[name] : built.get(size).users;
    meta[name] = users;
    inputs.push(writeInput(dataDir, name, cached ? null : built.get(size).text,
      `Synthetic ${size / 1e6} MB`, users === 1 ? 'sandbox user 1\'s export, cut at the size, compact'
        : `entries of sandbox users 1–${users} concatenated, compact`));
  }
  writeFileSync(path.join(dataDir, 'synthetic.json'), JSON.stringify(meta));
  writeFileSync(stampFile, stamp);
  return { inputs, notices };
}

export function sandboxStamp(bin) {
  const s = statSync(bin);
  return `${s.size}:${s.mtimeMs}`;
}
