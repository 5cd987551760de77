import type { TableValue } from '../types';
import { humanizeValue } from './k6Humanize';
import type { K6Metrics } from './k6Metrics';
import type { K6Report } from './k6Summary';

export interface SummaryTable {
  columns: string[];
  rows: TableValue[][];
  title: string;
  note?: string;
}

const STATS = ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)', 'p(99)'] as const;

/**
 * The end-of-test summary as a table (a 'table' output): one row per metric, values written
 * the way k6 writes them, and each threshold with ✓ (passed) or ✗ (crossed).
 */
export function k6SummaryTable(report: K6Report, metrics: K6Metrics): SummaryTable {
  const rows = Object.entries(report.summary.metrics).map(([name, m]): TableValue[] => {
    const contains = metrics.metrics.get(name)?.definition.contains ?? 'default';
    const h = (v: number | undefined) => (v === undefined ? null : humanizeValue(v, m.type, contains));
    const verdicts = Object.entries(report.summary.thresholds[name] ?? {})
      .map(([expression, passed]) => `${passed ? '✓' : '✗'} ${expression}`)
      .join(', ');
    let value: string;
    switch (m.type) {
      case 'counter':
        value = `${h(m.count)} (${h(m.rate)}/s)`;
        break;
      case 'gauge':
        value = `${h(m.value)} (min ${h(m.min)}, max ${h(m.max)})`;
        break;
      case 'rate':
        value = `${h(m.rate)} (✓ ${m.passes} ✗ ${m.fails})`;
        break;
      case 'trend':
        value = `${m.count} samples`;
        break;
    }
    const stats = m.type === 'trend' ? STATS.map((s) => h(m[s])) : STATS.map(() => null);
    return [name, m.type, value, ...stats, verdicts || null];
  });
  const { crossed, problems } = report;
  const verdictCount = Object.values(report.summary.thresholds).reduce((n, v) => n + Object.keys(v).length, 0);
  const title =
    verdictCount === 0
      ? 'k6 end-of-test summary'
      : crossed.length === 0
        ? `k6 end-of-test summary: all ${verdictCount} thresholds passed`
        : `k6 end-of-test summary: ${crossed.length} of ${verdictCount} thresholds crossed`;
  const notes = [
    report.durationFrom === 'samples'
      ? `Rates per second over ${report.durationSeconds.toFixed(2)} s, the first to the last sample.`
      : undefined,
    ...problems,
  ].filter((n): n is string => n !== undefined);
  return {
    columns: ['metric', 'type', 'value', ...STATS, 'thresholds'],
    rows,
    title,
    ...(notes.length > 0 ? { note: notes.join(' ') } : {}),
  };
}
