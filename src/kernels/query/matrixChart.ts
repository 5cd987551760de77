import type { CellOutput } from '../types';
import { lttbIndices } from './lttb';
import type { ParsedSeries } from './matrix';
import { labelColumns, seriesName } from './seriesLabels';
import { isoFromMs } from './timeFormat';

export type ChartOutput = Extract<CellOutput, { kind: 'chart' }>;

/**
 * What one chart may hold. A notebook output travels to the webview as JSON and Vega draws
 * every point: 30,000 points keep the spec near 1 MB and the chart quick, and no chart is wider
 * than 1,000 pixels, so more points per line than that draw nothing new.
 */
export interface ChartLimits {
  maxSeries: number;
  maxPoints: number;
  maxPointsPerSeries: number;
}
export const CHART_LIMITS: ChartLimits = { maxSeries: 100, maxPoints: 30_000, maxPointsPerSeries: 1_000 };

export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v5.json';

/** A Vega expression: the point's time (ms, field t) as RFC 3339-like UTC text. */
export const UTC_TIME = "utcFormat(datum.t, '%Y-%m-%d %H:%M:%S.%L')";

/** A point of the chart's inline data: series index, time (ms), value; null breaks the line. */
interface Point {
  s: number;
  t: number;
  v: number | null;
}

export interface MatrixChart {
  output: ChartOutput;
  /** Says what was thinned or left out, when anything was. */
  note?: string;
}

/**
 * A range result as a Vega-Lite line chart: one line per label set, a legend that highlights a
 * series on click, a tooltip with the time, the value and every label. Labels and values stay
 * plain data in the spec: Vega draws text as text and its tooltip handler escapes HTML.
 * Lines break where a series has no samples (more than 1.5 steps apart) instead of bridging.
 */
export function matrixChart(
  series: readonly ParsedSeries[],
  options: { key: string; description: string; stepMs?: number; limits?: ChartLimits },
): MatrixChart {
  const limits = options.limits ?? CHART_LIMITS;
  const drawn = series.slice(0, limits.maxSeries);
  const budget = Math.max(
    10,
    Math.min(limits.maxPointsPerSeries, Math.floor(limits.maxPoints / Math.max(1, drawn.length))),
  );
  const labels = labelColumns(drawn.map((s) => s.labels));
  const points: Point[] = [];
  const seriesRows: Array<Record<string, string | number>> = [];
  let mostSamples = 0;
  let thinnedSeries = 0;
  let first = Infinity;
  let last = -Infinity;
  drawn.forEach((s, index) => {
    const row: Record<string, string | number> = { s: index, series: seriesName(s.labels) };
    // Fields are l0, l1 ... with the label name as the tooltip title: label names never become
    // field paths, which Vega would parse (dots, brackets) and UTF-8 names (Prometheus 3) could break.
    labels.forEach((name, i) => {
      if (s.labels[name] !== undefined) row[`l${i}`] = s.labels[name];
    });
    seriesRows.push(row);
    const n = s.times.length;
    mostSamples = Math.max(mostSamples, n);
    if (n > 0) {
      first = Math.min(first, s.times[0]);
      last = Math.max(last, s.times[n - 1]);
    }
    if (thinInto(points, index, s.times, s.values, budget, gapFor(s.times, options.stepMs))) thinnedSeries++;
  });

  const spec = {
    $schema: VEGA_LITE_SCHEMA,
    description: options.description,
    width: 'container',
    height: 260,
    autosize: { type: 'fit-x', contains: 'padding' },
    data: { values: points },
    transform: [
      {
        lookup: 's',
        from: { data: { values: seriesRows }, key: 's', fields: ['series', ...labels.map((_, i) => `l${i}`)] },
      },
    ],
    encoding: {
      x: { field: 't', type: 'temporal', title: null, scale: { type: 'utc' } },
      y: { field: 'v', type: 'quantitative', title: null, scale: { zero: false } },
      color: {
        field: 'series',
        type: 'nominal',
        title: null,
        scale: { scheme: 'tableau20' },
        legend: { orient: 'bottom', direction: 'vertical', labelLimit: 600, symbolLimit: 30 },
      },
    },
    layer: [
      {
        params: [{ name: 'pick', select: { type: 'point', fields: ['series'] }, bind: 'legend' }],
        mark: { type: 'line', strokeWidth: 1.5, invalid: 'break-paths-show-domains' },
        encoding: { opacity: { condition: { param: 'pick', value: 1 }, value: 0.15 } },
      },
      {
        params: [{ name: 'hover', select: { type: 'point', on: 'pointerover', nearest: true, clear: 'pointerout' } }],
        // Tooltips have no scale to make them UTC like the axis: format the time here instead.
        transform: [{ calculate: UTC_TIME, as: 'time' }],
        mark: { type: 'point', filled: true, size: 40 },
        encoding: {
          opacity: { condition: { param: 'hover', empty: false, value: 1 }, value: 0 },
          tooltip: [
            { field: 'time', type: 'nominal', title: 'time (UTC)' },
            { field: 'v', type: 'quantitative', title: 'value', format: '~g' },
            ...labels.map((name, i) => ({ field: `l${i}`, type: 'nominal', title: name })),
          ],
        },
      },
    ],
  };

  const notes: string[] = [];
  if (series.length > drawn.length) {
    notes.push(`the chart draws the first ${drawn.length} of ${series.length} series; the table lists them all`);
  }
  if (thinnedSeries > 0) {
    notes.push(
      `the chart draws at most ${budget.toLocaleString('en')} of up to ${mostSamples.toLocaleString('en')} samples ` +
        `per series (largest-triangle-three-buckets thinning keeps peaks and dips); the raw JSON has every sample`,
    );
  }
  const note = notes.length > 0 ? notes.join('; ') : undefined;
  const fallback = chartFallback(drawn, first, last, note);
  return { output: { kind: 'chart', key: options.key, spec, fallback }, ...(note ? { note } : {}) };
}

/**
 * Appends a series' drawable points, thinned to `budget`, with a null between runs that are
 * `gapMs` apart (or around samples that cannot be drawn: NaN, ±Inf). Returns whether it thinned.
 */
function thinInto(
  out: Point[],
  s: number,
  times: Float64Array,
  values: Float64Array,
  budget: number,
  gapMs: number,
): boolean {
  const runs: Array<[number, number]> = [];
  let start = -1;
  let finite = 0;
  for (let i = 0; i < times.length; i++) {
    if (!Number.isFinite(values[i])) {
      if (start >= 0) runs.push([start, i]);
      start = -1;
      continue;
    }
    finite++;
    if (start >= 0 && times[i] - times[i - 1] > gapMs) {
      runs.push([start, i]);
      start = i;
    } else if (start < 0) {
      start = i;
    }
  }
  if (start >= 0) runs.push([start, times.length]);
  const thinning = finite > budget;

  if (thinning && runs.length * 3 > budget) {
    // So broken up that per-run budgets would be tiny: thin the drawable points as one line.
    const xs = new Float64Array(finite);
    const ys = new Float64Array(finite);
    let k = 0;
    for (const [a, b] of runs) {
      for (let i = a; i < b; i++, k++) {
        xs[k] = times[i];
        ys[k] = values[i];
      }
    }
    for (const i of lttbIndices(xs, ys, budget)) out.push({ s, t: xs[i], v: ys[i] });
    return true;
  }
  runs.forEach(([a, b], r) => {
    if (r > 0) out.push({ s, t: (times[a - 1] + times[a]) / 2, v: null });
    const share = thinning ? Math.max(2, Math.round(((b - a) / finite) * budget)) : b - a;
    if (share >= b - a) {
      for (let i = a; i < b; i++) out.push({ s, t: times[i], v: values[i] });
    } else {
      for (const i of lttbIndices(times.subarray(a, b), values.subarray(a, b), share)) {
        out.push({ s, t: times[a + i], v: values[a + i] });
      }
    }
  });
  return thinning;
}

/** How far apart two samples may be and still be joined: 1.5 steps, or twice the usual spacing. */
function gapFor(times: Float64Array, stepMs: number | undefined): number {
  if (stepMs) return stepMs * 1.5;
  if (times.length < 3) return Infinity;
  const stride = Math.max(1, Math.floor(times.length / 200));
  const diffs: number[] = [];
  for (let i = stride; i < times.length; i += stride) diffs.push((times[i] - times[i - stride]) / stride);
  diffs.sort((a, b) => a - b);
  return diffs[Math.floor(diffs.length / 2)] * 2 || Infinity;
}

/** The chart in words, for readers without the chart renderer (text/plain: nothing in it runs). */
function chartFallback(series: readonly ParsedSeries[], first: number, last: number, note?: string): string {
  const span = series.length > 0 && first <= last ? `, ${isoFromMs(first)} to ${isoFromMs(last)}` : '';
  const lines = [`line chart: ${series.length} series${span}`];
  for (const s of series.slice(0, 20)) {
    lines.push(`  ${seriesName(s.labels)}  last ${s.lastText ?? '(no samples)'}`);
  }
  if (series.length > 20) lines.push(`  … ${series.length - 20} more`);
  if (note) lines.push(note);
  return lines.join('\n') + '\n';
}
