import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';

/**
 * Root hooks for the whole end-to-end run: every code-server, Chromium, Prometheus and k6
 * stand-in the tests started must be gone when they end (issue #7: the run cleans up every
 * process it started). Processes that were running before the run are not ours to judge.
 */
const OURS = /code-server-[\d.]+\/package\/out\/node\/entry\.js|\/chromium|(^|\/)prometheus |k6-standin\.mjs/;

function ourProcesses(): Map<number, string> {
  const out = execFileSync('ps', ['-e', '-o', 'pid=,args='], { encoding: 'utf8' });
  const found = new Map<number, string>();
  for (const line of out.split('\n')) {
    const m = /^\s*(\d+)\s+(.*)$/.exec(line);
    if (m && OURS.test(m[2]) && Number(m[1]) !== process.pid) found.set(Number(m[1]), m[2]);
  }
  return found;
}

let atStart = new Set<number>();

before(() => {
  atStart = new Set(ourProcesses().keys());
});

after(async function () {
  this.timeout(30_000);
  let left: Array<[number, string]>;
  const deadline = Date.now() + 15_000; // stop() sends SIGTERM, then SIGKILL after a moment
  do {
    left = [...ourProcesses()].filter(([pid]) => !atStart.has(pid));
    if (left.length === 0) return;
    await new Promise((r) => setTimeout(r, 500));
  } while (Date.now() < deadline);
  assert.deepEqual(
    left.map(([pid, args]) => `${pid} ${args.slice(0, 120)}`),
    [],
    'processes the end-to-end tests started are still running',
  );
});
