import { humanizeDuration } from './k6Humanize';
import type { TimelineRow } from './k6Timeline';

export interface K6Chart {
  /** A Vega-Lite spec with its data inline. */
  spec: Record<string, unknown>;
  /** The latest bucket in one line, for places without our renderer. */
  fallback: string;
}

const WIDTH = 560;

/**
 * The chart of a k6 run from its timeline: VUs, requests per second, http_req_duration
 * p50/p95/p99, and the failure and check rates, stacked on one time axis. The live cell output
 * and `illmlab k6 report --chart` both draw this. Its size is bounded by the timeline's.
 */
export function k6Chart(rows: readonly TimelineRow[], title: string): K6Chart {
  // VUs is a gauge: it holds its value until the next sample. k6 samples it once a second, so a
  // bucket without a sample (a slow flush, a wider bucket) carries the last value forward rather
  // than breaking the line into dots too small to see.
  let vus: number | null = null;
  const values = rows.map((r) => ({
    t: r.t,
    vus: (vus = r.vus ?? vus),
    rps: round(r.rps, 2),
    p50: roundOrNull(r.p50, 3),
    p95: roundOrNull(r.p95, 3),
    p99: roundOrNull(r.p99, 3),
    failed: roundOrNull(r.failed, 4),
    checks: roundOrNull(r.checks, 4),
  }));
  const width = rows[0]?.width ?? 1;
  const x = (last: boolean) => ({
    field: 't',
    type: 'quantitative',
    title: last ? (width === 1 ? 'seconds into the test' : `seconds into the test (${width} s per point)`) : null,
    axis: last ? {} : { labels: false, ticks: false },
  });
  // Each panel is titled above rather than by a rotated y-axis title, which would overflow a
  // short panel and push the panels apart.
  const panelTitle = (text: string) => ({
    text,
    anchor: 'start',
    frame: 'group',
    fontSize: 11,
    fontWeight: 'normal',
    offset: 4,
  });
  const single = (field: string, label: string, mark: Record<string, unknown>, last = false, axis = {}) => ({
    width: WIDTH,
    height: 60,
    title: panelTitle(label),
    mark: { ...mark, tooltip: true },
    encoding: { x: x(last), y: { field, type: 'quantitative', title: null, axis } },
  });
  const folded = (fields: string[], as: string, label: string, extra: Record<string, unknown>, last = false) => ({
    width: WIDTH,
    height: last ? 60 : 100,
    title: panelTitle(label),
    transform: [{ fold: fields, as: ['series', as] }],
    mark: { type: 'line', tooltip: true },
    encoding: {
      x: x(last),
      y: { field: as, type: 'quantitative', title: null, ...extra },
      color: { field: 'series', type: 'nominal', title: null, sort: fields },
    },
  });
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: { text: title, anchor: 'start', offset: 12 },
    data: { values },
    spacing: 10,
    resolve: { scale: { x: 'shared', color: 'independent' } },
    vconcat: [
      single('vus', 'VUs', { type: 'line', interpolate: 'step-after' }, false, { tickMinStep: 1, format: 'd' }),
      single('rps', 'requests/s', { type: 'area', line: true, opacity: 0.3 }),
      folded(['p50', 'p95', 'p99'], 'ms', 'http_req_duration (ms)', {}),
      folded(
        ['failed', 'checks'],
        'share',
        'failed requests · checks passed',
        { axis: { format: '%' }, scale: { domain: [0, 1] } },
        true,
      ),
    ],
  };
  return { spec, fallback: fallbackText(rows[rows.length - 1], title) };
}

function fallbackText(row: TimelineRow | undefined, title: string): string {
  if (!row) return `${title}: no samples yet`;
  const parts = [`${title}: ${row.t + row.width} s`];
  if (row.vus !== null) parts.push(`${row.vus} VUs`);
  parts.push(`${round(row.rps, 1)} req/s`);
  if (row.p50 !== null && row.p95 !== null && row.p99 !== null) {
    parts.push(
      `http_req_duration p50=${humanizeDuration(row.p50)} p95=${humanizeDuration(row.p95)} p99=${humanizeDuration(row.p99)}`,
    );
  }
  if (row.failed !== null) parts.push(`failed ${(row.failed * 100).toFixed(2)}%`);
  if (row.checks !== null) parts.push(`checks ${(row.checks * 100).toFixed(2)}%`);
  return parts.join(' · ') + '\n';
}

function round(v: number, digits: number): number {
  const s = Math.pow(10, digits);
  return Math.round(v * s) / s;
}

function roundOrNull(v: number | null, digits: number): number | null {
  return v === null ? null : round(v, digits);
}
