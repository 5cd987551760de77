import type { TableValue } from '../types';
import { labelColumns, type Labels } from './seriesLabels';
import { isoFromMs } from './timeFormat';

/** One series of a `matrix` result as the APIs send it: [unix seconds, "value"] pairs. */
export interface MatrixSeriesJson {
  metric: Labels;
  values?: Array<[number, string]>;
  /** Native histograms (Prometheus 2.40+): drawn as their count, as Prometheus' own graph does. */
  histograms?: Array<[number, { count: string }]>;
}

/** A series with its samples as numbers: times in ms, values parsed ("NaN", "+Inf" included). */
export interface ParsedSeries {
  labels: Labels;
  times: Float64Array;
  values: Float64Array;
  /** The last sample exactly as the API wrote it. */
  lastText: string | undefined;
}

export function parseMatrix(result: readonly MatrixSeriesJson[]): ParsedSeries[] {
  return result.map((s) => {
    const pairs: Array<[number, string]> = s.values ?? (s.histograms ?? []).map(([t, h]) => [t, h.count]);
    const n = pairs.length;
    const times = new Float64Array(n);
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const [t, v] = pairs[i];
      times[i] = t * 1000;
      values[i] = parseSample(v);
    }
    return { labels: s.metric ?? {}, times, values, lastText: n > 0 ? pairs[n - 1][1] : undefined };
  });
}

/** Go's float formatting as Prometheus sends it: "+Inf", "-Inf", "NaN" and decimals. */
export function parseSample(text: string): number {
  if (text === '+Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  return Number(text); // "NaN" gives NaN
}

/**
 * A range result as a table of one row per series: its labels, then how many samples, the
 * smallest, the largest, and the last one with its time. Every sample is in the raw JSON; a
 * row per sample would be thousands of rows nobody reads.
 */
export function matrixTable(series: readonly ParsedSeries[]): { columns: string[]; rows: TableValue[][] } {
  const labels = labelColumns(series.map((s) => s.labels));
  const rows = series.map((s) => {
    let min = Infinity;
    let max = -Infinity;
    let numbers = 0;
    for (const v of s.values) {
      if (Number.isNaN(v)) continue;
      numbers++;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    const n = s.times.length;
    const stat = (v: number): TableValue => (n === 0 ? null : numbers === 0 ? 'NaN' : goFloat(v));
    return [
      ...labels.map((k) => s.labels[k] ?? null),
      n,
      stat(min),
      stat(max),
      s.lastText ?? null,
      n > 0 ? isoFromMs(s.times[n - 1]) : null,
    ];
  });
  return { columns: [...labels, 'samples', 'min', 'max', 'last', 'last at'], rows };
}

/** A number as Prometheus writes it when it is not finite ("+Inf", "-Inf", "NaN"). */
export function goFloat(v: number): TableValue {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  return v;
}
