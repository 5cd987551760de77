import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseLab } from '../../src/notebook/format';
import { repoRoot } from './paths';

interface QueryCellRun {
  id: string;
  status: string;
  error?: string;
  result?: { result: Array<{ metric: Record<string, string> }> };
}

/**
 * Every PromQL cell of a lab, run by the built CLI against `prometheus` (`illmlab run
 * --prometheus --json --keep-going`). Asserts that the lab has at least `minCells` of them, that
 * each ran and succeeded, and that the CLI exited 0; returns the cell ids and each one's series.
 */
export function runPromqlCells(
  lab: string,
  prometheus: string,
  minCells: number,
): { cells: string[]; series: (id: string) => Array<{ metric: Record<string, string> }> } {
  const cells = parseLab(readFileSync(lab, 'utf8'))
    .cells.filter((c) => c.language === 'promql')
    .map((c) => c.id);
  assert.ok(cells.length >= minCells, `only ${cells.length} promql cells`);
  const args = [
    'run',
    lab,
    '--prometheus',
    prometheus,
    '--json',
    '--keep-going',
    ...cells.flatMap((id) => ['--cell', id]),
  ];
  const r = spawnSync(process.execPath, [join(repoRoot, 'dist', 'cli.js'), ...args], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  const runs = r.stdout
    .trim()
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as QueryCellRun);
  assert.equal(runs.length, cells.length);
  assert.deepEqual(
    runs.filter((run) => run.status !== 'ok').map((run) => `${run.id}: ${run.error}`),
    [],
    'cells that failed',
  );
  assert.equal(r.status, 0);
  return { cells, series: (id) => runs.find((run) => run.id === id)?.result?.result ?? [] };
}
