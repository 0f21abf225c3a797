// Yanked-crate check, part of `make audit` (scripts/audit.sh): reads every crates.io package of
// the given Cargo.lock files and asks the crates.io sparse index (index.crates.io, the same
// service cargo uses) whether that exact version was yanked. A yanked version is often the
// first public sign of a broken or vulnerable release, and this works where the RustSec
// database (GitHub) does not.
//
//   node scripts/check-yanked.mjs Cargo.lock fuzz/Cargo.lock
//
// Prints one line per yanked crate and a summary; exits 1 if any is yanked, 2 if the index
// could not be read (reported as not checked, never as passed).
import { readFileSync, existsSync } from 'node:fs';

const CRATES_IO = 'registry+https://github.com/rust-lang/crates.io-index';
const INDEX = process.env.CRATES_INDEX_URL || 'https://index.crates.io';

/** The crates.io packages of a Cargo.lock: [{ name, version }]. */
export function registryPackages(lockText) {
  const out = [];
  for (const block of lockText.split(/^\[\[package\]\]$/m).slice(1)) {
    const field = (key) => block.match(new RegExp(`^${key} = "([^"]*)"$`, 'm'))?.[1];
    if (field('source') === CRATES_IO) out.push({ name: field('name'), version: field('version') });
  }
  return out;
}

/** The sparse-index path of a crate name (cargo's layout: 1/, 2/, 3/x/, ab/cd/). */
export function indexPath(name) {
  const n = name.toLowerCase();
  if (n.length <= 2) return `${n.length}/${n}`;
  if (n.length === 3) return `3/${n[0]}/${n}`;
  return `${n.slice(0, 2)}/${n.slice(2, 4)}/${n}`;
}

async function yankedVersions(name) {
  for (let attempt = 1; ; attempt++) {
    try {
      const res = await fetch(`${INDEX}/${indexPath(name)}`, { signal: AbortSignal.timeout(20000) });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const yanked = new Set();
      for (const line of (await res.text()).split('\n')) {
        if (!line.trim()) continue;
        const entry = JSON.parse(line);
        if (entry.yanked) yanked.add(entry.vers);
      }
      return yanked;
    } catch (e) {
      if (attempt >= 3) throw new Error(`${name}: ${e.message}`);
      await new Promise((r) => setTimeout(r, 500 * attempt));
    }
  }
}

async function main(files) {
  const wanted = new Map();
  for (const file of files) {
    if (!existsSync(file)) continue;
    for (const p of registryPackages(readFileSync(file, 'utf8'))) {
      const key = `${p.name}@${p.version}`;
      if (!wanted.has(key)) wanted.set(key, { ...p, lock: file });
    }
  }
  const names = [...new Set([...wanted.values()].map((p) => p.name))];
  const yankedByName = new Map();
  const failures = [];
  let next = 0;
  await Promise.all(Array.from({ length: 8 }, async () => {
    while (next < names.length) {
      const name = names[next++];
      try {
        yankedByName.set(name, await yankedVersions(name));
      } catch (e) {
        failures.push(e.message);
      }
    }
  }));
  const yanked = [...wanted.values()].filter((p) => yankedByName.get(p.name)?.has(p.version));
  for (const p of yanked) console.log(`YANKED ${p.name} ${p.version} (${p.lock}): run 'cargo update -p ${p.name}'`);
  if (failures.length) {
    console.log(`NOT CHECKED: the crates.io index did not answer for ${failures.length} crates, e.g. ${failures[0]}`);
    process.exit(2);
  }
  console.log(`${wanted.size} crate versions from ${files.join(', ')} checked against ${INDEX}: ${yanked.length} yanked`);
  process.exit(yanked.length ? 1 : 0);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const files = process.argv.slice(2);
  main(files.length ? files : ['Cargo.lock']);
}
