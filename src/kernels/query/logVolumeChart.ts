import { LOG_LEVELS, type LogLevel } from './logLevel';
import type { LogEntry } from './logTable';
import { UTC_TIME, VEGA_LITE_SCHEMA, type ChartOutput } from './matrixChart';
import { isoFromMs, msFromNs } from './timeFormat';

/** Colours by level, as Grafana's log volume draws them; unknown is grey. */
const LEVEL_COLOURS: Record<LogLevel, string> = {
  critical: '#a855f7',
  error: '#e5484d',
  warn: '#f5a524',
  info: '#30a46c',
  debug: '#3e8ed0',
  trace: '#8b8d98',
  unknown: '#b0b4ba',
};

const BUCKET_STEPS_MS = [1, 10, 100, 1000, 5000, 10_000, 30_000, 60_000, 300_000, 600_000, 1_800_000, 3_600_000];

/** About this many bars across the chart. */
const BARS = 60;

/**
 * How many of the returned lines fall in each time bucket, stacked by level: the "log volume"
 * bars above a log table. It counts the lines Loki returned (at most `limit`), which the
 * caller says in its note when the limit cut them.
 */
export function logVolumeChart(entries: readonly LogEntry[], key: string, description: string): ChartOutput {
  const times = entries.map((e) => msFromNs(e.ns));
  let first = Infinity;
  let last = -Infinity;
  for (const t of times) {
    first = Math.min(first, t);
    last = Math.max(last, t);
  }
  const span = Math.max(1, last - first);
  const bucket = BUCKET_STEPS_MS.find((s) => s >= span / BARS) ?? Math.ceil(span / BARS / 3_600_000) * 3_600_000;
  const counts = new Map<string, { t: number; t2: number; level: LogLevel; rank: number; lines: number }>();
  entries.forEach((e, i) => {
    const t = Math.floor(times[i] / bucket) * bucket;
    const k = `${t}:${e.level}`;
    const c = counts.get(k) ?? { t, t2: t + bucket, level: e.level, rank: LOG_LEVELS.indexOf(e.level), lines: 0 };
    c.lines++;
    counts.set(k, c);
  });
  const values = [...counts.values()].sort((a, b) => a.t - b.t);
  const levels = LOG_LEVELS.filter((l) => values.some((v) => v.level === l));
  const spec = {
    $schema: VEGA_LITE_SCHEMA,
    description,
    width: 'container',
    height: 90,
    autosize: { type: 'fit-x', contains: 'padding' },
    data: { values },
    transform: [{ calculate: UTC_TIME, as: 'time' }],
    mark: { type: 'bar' },
    encoding: {
      x: { field: 't', type: 'temporal', title: null, scale: { type: 'utc' } },
      x2: { field: 't2' },
      y: { field: 'lines', type: 'quantitative', aggregate: 'sum', stack: 'zero', title: 'lines' },
      color: {
        field: 'level',
        type: 'nominal',
        title: null,
        scale: { domain: levels, range: levels.map((l) => LEVEL_COLOURS[l]) },
        legend: { orient: 'top', direction: 'horizontal' },
      },
      order: { field: 'rank', sort: 'ascending' }, // most severe at the bottom of each bar
      tooltip: [
        { field: 'time', type: 'nominal', title: 'from (UTC)' },
        { field: 'level', type: 'nominal', title: 'level' },
        { field: 'lines', type: 'quantitative', aggregate: 'sum', title: 'lines' },
      ],
    },
  };
  const byLevel = levels.map((l) => `${l} ${entries.filter((e) => e.level === l).length}`).join(', ');
  const fallback =
    entries.length > 0
      ? `log volume: ${entries.length} lines (${byLevel}) from ${isoFromMs(first)} to ${isoFromMs(last)}\n`
      : 'log volume: no lines\n';
  return { kind: 'chart', key, spec, fallback };
}
