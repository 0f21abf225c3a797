// `make bench`: builds the inputs, starts two sandboxes and a static server, launches Debian's
// Chromium headless, runs every measure several times side by side (interleaved) and rewrites
// BENCHMARKS.md. Raw figures go to target/bench/results.json. Speed is measured, never asserted.
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../tests/support/browser.mjs';
import { serveDir } from '../tests/support/static-server.mjs';
import { startSandbox } from '../tests/support/sandbox.mjs';
import { buildInputs, sandboxStamp } from './inputs.mjs';
import { interleave, stats } from './stats.mjs';
import { measureSizes } from './sizes.mjs';
import { sizeProfile } from './size-profile.mjs';
import { writeReport } from './report.mjs';
import { appLongTasks } from './app-longtasks.mjs';

const root = path.resolve(fileURLToPath(import.meta.url), '../..');
const work = path.join(root, 'target/bench');
const site = path.join(work, 'site');
const LATENCY_MS = 100;
const quick = process.env.BENCH_QUICK === '1'; // fewer runs, for trying the harness
// Experiments: another build of the package (BENCH_PKG=dir) and another report (BENCH_OUT=file).
const pkgDir = path.resolve(root, process.env.BENCH_PKG || 'pkg');
const reportFile = path.resolve(root, process.env.BENCH_OUT || 'BENCHMARKS.md');
const variantDir = path.join(work, 'pkg-variant'); // bench/build-variant.sh (size-first, not shipped)
const log = (...a) => console.error('[bench]', ...a);

function runsFor(bytes) {
  if (quick) return 2;
  return bytes > 20e6 ? 7 : bytes > 5e6 ? 9 : 15;
}

async function prepareSite() {
  mkdirSync(site, { recursive: true });
  rmSync(path.join(site, 'pkg'), { recursive: true, force: true });
  cpSync(pkgDir, path.join(site, 'pkg'), { recursive: true });
  rmSync(path.join(site, 'pkg-variant'), { recursive: true, force: true });
  if (!process.env.BENCH_PKG && existsSync(variantDir)) cpSync(variantDir, path.join(site, 'pkg-variant'), { recursive: true });
  cpSync(path.join(root, 'bench/page'), site, { recursive: true });
  cpSync(path.join(root, 'bench/js-summary.mjs'), path.join(site, 'js-summary.mjs'));
  await build({ entryPoints: [path.join(root, 'bench/vendor-entry.mjs')], bundle: true, format: 'esm',
    platform: 'browser', target: 'es2022', outfile: path.join(site, 'vendor.js'), logLevel: 'error' });
}

function machine(browserVersion) {
  const cpuinfo = existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : '';
  const model = cpuinfo.match(/^model name\s*:\s*(.+)$/m)?.[1] ?? os.cpus()[0]?.model ?? 'unknown';
  return { nproc: os.availableParallelism?.() ?? os.cpus().length, cpu: model.trim(),
    browser: `Chromium ${browserVersion} (headless, Debian /usr/bin/chromium)`, node: process.version,
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'), load: os.loadavg().map((l) => l.toFixed(2)).join(' ') };
}

async function newPage(browserOrContext, url) {
  const page = await browserOrContext.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${url}/index.html`);
  await page.waitForFunction(() => window.ready, null, { timeout: 60000 }).catch((e) => {
    throw new Error(`harness did not load: ${errors.join('; ') || e.message}`);
  });
  return page;
}

/** Measures 1–3 on one input: every method of a table, interleaved, `runs` times. */
async function cpuMeasures(page, input, variant) {
  const runs = runsFor(input.bytes);
  const v = (...names) => (variant ? names : []);
  const time = (table, name) => (m) => page.evaluate(([t, mm, n]) => window.bench.time(t, mm, n), [table, m, name]);
  await page.evaluate((n) => window.bench.load(n), input.name);
  const out = {};
  for (const table of ['summary', 'parse', 'inflate']) {
    const methods = { summary: ['oursBytes', 'oursStream', 'jsBytes', 'oursString', 'jsString', ...v('variantBytes')],
      parse: ['oursBytes', 'jsBytes', 'oursString', 'jsString', ...v('variantBytes')],
      inflate: ['oursAsync', 'ours', 'decompressionStream', 'pako', ...v('variant')] }[table];
    const raw = await interleave(methods, runs, time(table, input.name));
    const checks = new Set(Object.values(raw).flat().map((r) => r.check));
    const ms = Object.fromEntries(Object.entries(raw).map(([m, rs]) => [m, rs.map((r) => r.ms)]));
    if (table === 'inflate') {
      const lengths = Object.values(raw).flat().map((r) => r.check);
      if (lengths.some((n) => n !== input.bytes)) log(`WARNING inflated sizes differ on ${input.name}: ${lengths}`);
    } else if (checks.size !== 1) {
      log(`WARNING ${table} methods disagree on ${input.name}: ${[...checks]}`);
    }
    out[table] = { runs, ms, checks: [...checks] };
    log(`${input.name} ${table}:`, Object.entries(ms).map(([m, v]) => `${m} ${stats(v).median.toFixed(1)} ms`).join(', '));
  }
  return out;
}

/** Peak-memory probes, one fresh page each. */
async function memoryProbes(browser, url, input) {
  const out = {};
  for (const table of ['summary', 'parse']) {
    const methods = ['oursBytes', 'jsBytes', 'oursString', 'jsString', ...(table === 'summary' ? ['oursStream'] : [])];
    for (const m of methods) {
      const page = await newPage(browser, url);
      out[`${table}.${m}`] = await page.evaluate(([t, mm, n]) => window.bench.memory(t, mm, n), [table, m, input.name]);
      await page.close();
    }
  }
  return out;
}

/**
 * Each run in a fresh browser context, as a first download in a new tab: Chromium's CORS
 * preflight cache is per context and per URL, and every page URL is new the first time, so
 * each page costs a preflight round trip. The "repeat" plans time a second download in the
 * same context (preflights cached), which is what a reload of the same history sees.
 */
async function downloads(browser, url, slow, fast) {
  const inContext = async (fn) => {
    const context = await browser.newContext();
    try {
      return await fn(await newPage(context, url));
    } finally {
      await context.close();
    }
  };
  const token = (page, sb) => page.evaluate(([s]) => window.bench.download.mintToken(s, 1), [sb]);
  const call = async (page, fn, sb, ...args) => {
    const t = await token(page, sb);
    return page.evaluate(([f, s, tk, a]) => window.bench.download[f](s, tk, ...a), [fn, sb, t, args]);
  };
  const cold = (fn, sb, ...args) => () => inContext((p) => call(p, fn, sb, ...args));
  const repeat = (fn, sb, ...args) => () => inContext(async (p) => {
    await call(p, fn, sb, ...args);
    return call(p, fn, sb, ...args);
  });
  const n = (full) => (quick ? 1 : full);
  const plans = {
    seq10: { runs: n(3), go: cold('sequential', slow, 10) },
    seq50: { runs: n(3), go: cold('sequential', slow, 50) },
    concurrentJs4: { runs: n(5), go: cold('concurrentJs', slow, 50, 4) },
    ours4: { runs: n(5), go: cold('ours', slow, 50, 4) },
    ours8: { runs: n(5), go: cold('ours', slow, 50, 8) },
    ours4Repeat: { runs: n(5), go: repeat('ours', slow, 50, 4) },
    ours8Repeat: { runs: n(5), go: repeat('ours', slow, 50, 8) },
    export0: { runs: n(5), go: cold('exportBody', fast) },
  };
  const out = Object.fromEntries(Object.keys(plans).map((k) => [k, []]));
  // Memory after the download, pages kept (the default) and not: one fresh page each.
  out.memory = {};
  for (const keep of [true, false]) {
    out.memory[keep ? 'kept' : 'notKept'] = await inContext((p) => call(p, 'oursMemory', slow, 50, 4, keep));
  }
  const rounds = Math.max(...Object.values(plans).map((p) => p.runs));
  for (let r = 0; r < rounds; r++) {
    for (const [k, p] of Object.entries(plans)) {
      if (out[k].length < p.runs) out[k].push(await p.go());
    }
    log(`download round ${r + 1}/${rounds}`);
  }
  return out;
}

async function main() {
  const bin = process.env.BB_SANDBOX_BIN || path.join(root, 'target/release/bluebutton-sandbox');
  process.env.BB_SANDBOX_BIN = bin;
  await prepareSite();
  const fast = await startSandbox(['--quiet']);
  const slow = await startSandbox(['--quiet', '--latency-ms', String(LATENCY_MS)]);
  const server = await serveDir(site);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true, args: [...CHROMIUM_ARGS, '--enable-precise-memory-info', '--js-flags=--expose-gc'] });
  try {
    log('building inputs');
    const { inputs, notices } = await buildInputs(path.join(site, 'data'), fast.url, sandboxStamp(bin));
    const results = { machine: machine(browser.version()), inputs, notices, latencyMs: LATENCY_MS, cpu: {}, memory: {} };
    const page = await newPage(browser, server.url);
    results.variant = await page.evaluate(() => window.bench.hasVariant);
    if (!results.variant) results.notices.push('The size-first experiment (opt-level "z" + wasm-opt -Oz, bench/build-variant.sh) is not built: its rows are skipped.');
    for (const input of inputs) {
      log(`measuring ${input.name} (${(input.bytes / 1e6).toFixed(2)} MB)`);
      results.cpu[input.name] = await cpuMeasures(page, input, results.variant);
    }
    await page.close();
    for (const input of inputs) results.memory[input.name] = await memoryProbes(browser, server.url, input);
    log('downloads (sandbox latency 100 ms)');
    results.download = await downloads(browser, server.url, slow.url, fast.url);
    log('app main-thread long tasks (heavy user download, worker and main-thread parse)');
    results.appLongTasks = await appLongTasks(browser, { runs: quick ? 1 : 3 });
    const dl = await newPage(browser, server.url);
    log('PKCE');
    const pk = await interleave(['ours', 'oauth4webapi'], quick ? 2 : 5,
      (m) => dl.evaluate(([mm]) => window.bench.pkce(mm, 300), [m]));
    results.pkce = Object.fromEntries(Object.entries(pk).map(([m, rs]) => [m, rs.map((r) => r.perSecond)]));
    await dl.close();
    log('sizes');
    results.sizes = await measureSizes(root, pkgDir, path.join(work, 'sizes'), results.variant ? variantDir : null);
    if (!process.env.BENCH_PKG) {
      results.sizeProfiles = [
        ['sign-in part (`bluebutton-wasm/auth`)', sizeProfile(root, path.join(work, 'size-profile-auth'), { profile: 'pkg-auth', opt: '-Oz' })],
        ['data part', sizeProfile(root, path.join(work, 'size-profile-data'), { profile: 'pkg', opt: '-O3' })],
      ];
    }
    results.pkg = path.relative(root, pkgDir);
    results.machine.loadEnd = os.loadavg().map((l) => l.toFixed(2)).join(' ');
    writeFileSync(path.join(work, `results-${path.basename(reportFile, '.md')}.json`), JSON.stringify(results, null, 1));
    writeReport(reportFile, results);
    log(`wrote ${path.relative(root, reportFile)}`);
  } finally {
    await browser.close();
    await server.close();
    fast.stop();
    slow.stop();
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
