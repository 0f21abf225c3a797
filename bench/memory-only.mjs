// The "Memory after the download" probe of BENCHMARKS.md alone, for trying a change without
// the whole `make bench`: starts the sandbox (100 ms latency, as run.mjs), copies the current
// pkg/ and bench/page into target/bench/site, and runs `oursMemory` (heavy user, `eobHistory`
// with `_count=50`, 4 wide) in a fresh browser context, pages kept and not, `runs` times each.
// Prints the wasm growth against the typed claims' JSON, and the median time of `runs` cold
// `ours` downloads (4 wide, pages kept: what packing the kept pages costs); writes nothing.
// Usage: bash scripts/build-pkg.sh && [BENCH_PKG=dir] node bench/memory-only.mjs [runs]
import path from 'node:path';
import { launchBrowser, prepareSite, root, site } from './quick-site.mjs';
import { serveDir } from '../tests/support/static-server.mjs';
import { startSandbox } from '../tests/support/sandbox.mjs';

const runs = Number(process.argv[2] || 1);
process.env.BB_SANDBOX_BIN ||= path.join(root, 'target/release/bluebutton-sandbox');
await prepareSite();
const slow = await startSandbox(['--quiet', '--latency-ms', '100']);
const server = await serveDir(site);
const browser = await launchBrowser();
const mib = (b) => (b / 2 ** 20).toFixed(1);
const fresh = async (context) => {
  const page = await context.newPage();
  await page.goto(`${server.url}/index.html`);
  await page.waitForFunction(() => window.ready, null, { timeout: 60000 });
  const token = await page.evaluate(([s]) => window.bench.download.mintToken(s, 1), [slow.url]);
  return { page, token };
};
try {
  const times = [];
  for (let r = 0; r < runs; r++) {
    for (const keep of [true, false]) {
      const context = await browser.newContext();
      const { page, token } = await fresh(context);
      const m = await page.evaluate(([s, t, k]) => window.bench.download.oursMemory(s, t, 50, 4, k),
        [slow.url, token, keep]);
      await context.close();
      const growth = m.after - m.before;
      console.log(`keepPages: ${keep}: ${m.claims} claims, wasm growth ${mib(growth)} MiB (total ${mib(m.after)}), `
        + `typed claims ${mib(m.typedBytes)} MiB, bytesHeld ${mib(m.bytesHeld)} MiB, `
        + `growth / typed ${(growth / m.typedBytes).toFixed(2)}x`);
    }
    const context = await browser.newContext();
    const { page, token } = await fresh(context);
    times.push((await page.evaluate(([s, t]) => window.bench.download.ours(s, t, 50, 4), [slow.url, token])).ms);
    await context.close();
  }
  times.sort((a, b) => a - b);
  console.log(`ours 4 wide (cold, pages kept): median ${times[times.length >> 1].toFixed(0)} ms of ${times.length}: `
    + times.map((t) => t.toFixed(0)).join(' '));
} finally {
  await browser.close();
  await server.close();
  slow.stop();
}
