/**
 * Shell cells: 100 `true` cells through the executor (one session: state saved and restored
 * between cells) against 100 plain `bash -c true` spawns, in the same run. Target (issue #3):
 * 1.5x or better.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LabSession } from '../src/kernels/session';
import { ShellExecutor } from '../src/kernels/shell/shellExecutor';

const CELLS = 100;

function bashTrue(): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', 'true'], { stdio: 'ignore' });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`bash exited ${code}`))));
  });
}

async function baseline(): Promise<number> {
  const start = process.hrtime.bigint();
  for (let i = 0; i < CELLS; i++) await bashTrue();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

async function executor(): Promise<number> {
  const session = new LabSession({ labDir: mkdtempSync(join(tmpdir(), 'illmlab-bench-')), baseEnv: process.env });
  const shell = new ShellExecutor();
  const start = process.hrtime.bigint();
  for (let i = 0; i < CELLS; i++) {
    for await (const event of shell.execute(
      { id: `c${i}`, language: 'sh', source: 'true', attributes: {} },
      session,
      new AbortController().signal,
    )) {
      if (event.kind === 'end' && event.status !== 'ok') throw new Error(`cell ${i}: ${event.error}`);
    }
  }
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  await session.dispose();
  return ms;
}

export async function shellBench(): Promise<void> {
  await baseline(); // warm-up: disk cache, JIT
  await executor();
  const runs: Array<[number, number]> = [];
  for (let i = 0; i < 3; i++) runs.push([await baseline(), await executor()]);
  const base = runs.map((r) => r[0]).sort((a, b) => a - b)[1];
  const ours = runs.map((r) => r[1]).sort((a, b) => a - b)[1];
  const ratio = ours / base;
  console.log(`\n## shell cells`);
  console.log(`${CELLS} x bash -c true (baseline):  ${base.toFixed(0)} ms`);
  console.log(`${CELLS} true cells via the executor: ${ours.toFixed(0)} ms`);
  console.log(`ratio to baseline: ${ratio.toFixed(2)}x (target <= 1.5x) ${ratio <= 1.5 ? 'met' : 'MISSED'}`);
}
