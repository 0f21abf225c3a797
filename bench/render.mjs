// Re-renders BENCHMARKS.md from the last run's figures (target/bench/results-BENCHMARKS.json),
// e.g. after a wording change in report.mjs; measures nothing.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeReport } from './report.mjs';

const root = path.resolve(fileURLToPath(import.meta.url), '../..');
const results = JSON.parse(readFileSync(path.join(root, 'target/bench/results-BENCHMARKS.json'), 'utf8'));
writeReport(path.join(root, 'BENCHMARKS.md'), results);
