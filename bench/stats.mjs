// Medians and friends over repeated runs.
export function stats(values) {
  const v = [...values].sort((a, b) => a - b);
  const mid = v.length >> 1;
  const median = v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
  return { median, min: v[0], max: v.at(-1), n: v.length };
}

/** Interleaves `methods` for `runs` rounds (after one warm-up each) and collects times. */
export async function interleave(methods, runs, once) {
  const out = Object.fromEntries(methods.map((m) => [m, []]));
  for (const m of methods) await once(m); // warm-up: JIT, wasm tier-up, caches
  for (let r = 0; r < runs; r++) {
    for (const m of (r % 2 ? [...methods].reverse() : methods)) out[m].push(await once(m));
  }
  return out;
}
