// Starts the local Blue Button sandbox (target/debug/bluebutton-sandbox, built by
// scripts/test-all.sh) on a free port and returns its base URL.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(fileURLToPath(import.meta.url), '../../..');

export function startSandbox(args = []) {
  const bin = process.env.BB_SANDBOX_BIN || path.join(root, 'target/debug/bluebutton-sandbox');
  const child = spawn(bin, ['--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const log = [];
  child.stderr.on('data', (d) => log.push(String(d)));
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`sandbox did not start: ${out} ${log.join('')}`)), 20000);
    child.on('exit', (code) => reject(new Error(`sandbox exited with ${code}: ${log.join('')}`)));
    child.stdout.on('data', (d) => {
      out += String(d);
      const m = out.match(/listening on (http:\/\/[0-9.:]+)/);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1], log, stop: () => child.kill('SIGTERM') });
      }
    });
  });
}
