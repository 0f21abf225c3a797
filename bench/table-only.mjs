// A quick look at one CPU table of BENCHMARKS.md alone (`inflate`, `parse` or `summary`), for
// trying a change without the whole `make bench`: reuses the inputs of a previous run
// (target/bench/site/data), copies the current pkg/ and bench/page into that site, and times
// the table's methods interleaved in Chromium as run.mjs does. Prints medians and ratios
// (baseline / ours: above 1, ours is faster); writes nothing.
// Usage: bash scripts/build-pkg.sh && [BENCH_PKG=dir] node bench/table-only.mjs inflate|parse|summary [runs]
import { existsSync } from 'node:fs';
import path from 'node:path';
import { launchBrowser, prepareSite, site } from './quick-site.mjs';
import { serveDir } from '../tests/support/static-server.mjs';
import { interleave, stats } from './stats.mjs';

if (!existsSync(path.join(site, 'data/synth50.json.gz'))) {
  console.error('no inputs in target/bench/site/data: run `make bench` once first');
  process.exit(1);
}
const table = process.argv[2] || 'inflate';
const runs = Number(process.argv[3] || 9);
// Each table's methods, and for each of ours the baseline it is compared with.
const TABLES = {
  inflate: { methods: ['oursAsync', 'ours', 'decompressionStream', 'pako'], baseline: 'peer',
    ours: ['oursAsync', 'ours'] },
  parse: { methods: ['oursBytes', 'jsBytes', 'oursString', 'jsString'], ours: { oursBytes: 'jsBytes', oursString: 'jsString' } },
  summary: { methods: ['oursBytes', 'oursStream', 'jsBytes', 'oursString', 'jsString'],
    ours: { oursBytes: 'jsBytes', oursStream: 'jsBytes', oursString: 'jsString' } },
};
const spec = TABLES[table];
if (!spec) throw new Error(`unknown table ${table}: inflate, parse or summary`);
// BENCH_PKG=dir times another build of the package (as run.mjs does), e.g. the one before a change.
await prepareSite();
const server = await serveDir(site);
const browser = await launchBrowser();
const fresh = async () => {
  const page = await browser.newPage();
  await page.goto(`${server.url}/index.html`);
  await page.waitForFunction(() => window.ready, null, { timeout: 60000 });
  return page;
};
try {
  const page = await fresh();
  const { methods } = spec;
  for (const name of ['dataset1', 'synth10', 'synth50']) {
    await page.evaluate((n) => window.bench.load(n), name);
    const raw = await interleave(methods, runs,
      (m) => page.evaluate(([t, mm, n]) => window.bench.time(t, mm, n), [table, m, name]));
    const med = Object.fromEntries(methods.map((m) => [m, stats(raw[m].map((r) => r.ms)).median]));
    const ratios = Array.isArray(spec.ours)
      ? spec.ours.map((m) => `faster peer / ${m} ${(Math.min(med.decompressionStream, med.pako) / med[m]).toFixed(2)}×`)
      : Object.entries(spec.ours).map(([m, b]) => `${b} / ${m} ${(med[b] / med[m]).toFixed(2)}×`);
    console.log(`${table} ${name} (n = ${runs}): ` + methods.map((m) => `${m} ${med[m].toFixed(1)} ms`).join(', ')
      + ` | ${ratios.join(', ')}`);
  }
  // Memory (parse and summary): one fresh page per probe, as run.mjs does.
  for (const name of table === 'inflate' ? [] : ['dataset1', 'synth10', 'synth50']) {
    const row = [];
    for (const m of Object.keys(spec.ours)) {
      const probe = await fresh();
      const r = await probe.evaluate(([t, mm, n]) => window.bench.memory(t, mm, n), [table, m, name]);
      await probe.close();
      row.push(`${m}: wasm memory growth ${(r.wasmGrowth / 1048576).toFixed(1)} MiB, JS heap growth ${(r.heapGrowth / 1048576).toFixed(1)} MiB`);
    }
    console.log(`${table} ${name} memory: ${row.join('; ')}`);
  }
} finally {
  await browser.close();
  await server.close();
}
