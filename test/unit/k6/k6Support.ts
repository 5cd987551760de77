import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { K6Executor, type K6ExecutorOptions } from '../../../src/kernels/k6/k6Executor';
import type { LabSession } from '../../../src/kernels/session';
import type { CellEvent, CellResult } from '../../../src/kernels/types';
import { fixturesDir, repoRoot } from '../../support/paths';

export const k6Fixtures = join(fixturesDir, 'k6');
export const recordingPath = join(k6Fixtures, 'sample-out.json.gz');
export const standinPath = join(repoRoot, 'test', 'standins', 'k6-standin.mjs');

/** The recorded run's lines (k6 v0.48, key order `metric, type, data`). */
export function recordingLines(): string[] {
  return gunzipSync(readFileSync(recordingPath))
    .toString('utf8')
    .split('\n')
    .filter((l) => l !== '');
}

/** k6's own --summary-export of the recorded run. */
export function k6SummaryExport(): { metrics: Record<string, Record<string, unknown>> } {
  return JSON.parse(readFileSync(join(k6Fixtures, 'sample-summary.json'), 'utf8'));
}

/**
 * The percentile as written in k6's docs, done the plain way here so the product's code is
 * checked against something it does not share: copy, sort with a comparator, interpolate.
 */
export function naivePercentile(values: readonly number[], pct: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 1) return sorted[0];
  const rank = pct * (sorted.length - 1);
  const below = sorted[Math.floor(rank)];
  const above = sorted[Math.ceil(rank)];
  return below + (above - below) * (rank - Math.floor(rank));
}

/** Every value of every metric and submetric, read with JSON.parse and nothing of ours. */
export function naiveValues(lines: readonly string[]): Map<string, number[]> {
  const values = new Map<string, number[]>();
  const submetrics = new Map<string, Array<{ name: string; tags: Record<string, string> }>>();
  for (const line of lines) {
    const o = JSON.parse(line);
    if (o.type === 'Metric') submetrics.set(o.data.name, o.data.submetrics ?? []);
    if (o.type !== 'Point') continue;
    const add = (name: string) => {
      if (!values.has(name)) values.set(name, []);
      values.get(name)!.push(o.data.value);
    };
    add(o.metric);
    for (const sub of submetrics.get(o.metric) ?? []) {
      if (Object.entries(sub.tags).every(([k, v]) => o.data.tags?.[k] === v)) add(sub.name);
    }
  }
  return values;
}

export interface K6Ran {
  result: CellResult;
  events: Array<CellEvent & { at: number }>;
  stdout: string;
  stderr: string;
}

/** Runs one k6 cell through the executor (k6 = the stand-in unless the session says otherwise). */
export async function runK6Cell(
  session: LabSession,
  source: string,
  options: {
    signal?: AbortSignal;
    executor?: K6ExecutorOptions;
    attributes?: Record<string, string>;
    id?: string;
  } = {},
): Promise<K6Ran> {
  const started = Date.now();
  const events: K6Ran['events'] = [];
  let stdout = '';
  let stderr = '';
  let result: CellResult | undefined;
  const executor = new K6Executor({ graceMs: 1500, pollMs: 100, ...options.executor });
  const cell = { id: options.id ?? 'load', language: 'k6', source, attributes: options.attributes ?? {} };
  for await (const event of executor.execute(cell, session, options.signal ?? new AbortController().signal)) {
    events.push({ ...event, at: Date.now() - started });
    if (event.kind === 'stdout') stdout += event.text;
    if (event.kind === 'stderr') stderr += event.text;
    if (event.kind === 'end') result = event;
  }
  if (!result) throw new Error('the executor ended without an end event');
  return { result, events, stdout, stderr };
}
