import type { AttributeValue } from '../../notebook/format';
import { parseDuration } from '../durations';

/** When a query is evaluated: at one instant, or over a range in steps. Times in ms since the epoch. */
export type QueryTime =
  | { kind: 'instant'; time?: number }
  | { kind: 'range'; start: number; end: number; stepMs: number; defaultStep: boolean };

/** Prometheus refuses range queries of more points per series than this; say so before asking. */
export const MAX_POINTS_PER_SERIES = 11_000;

/** About this many points per series when the cell gives no step: a chart's worth. */
const DEFAULT_POINTS = 250;

const SECOND = 1000;
const NICE_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400].map(
  (s) => s * SECOND,
);

/** range/250, rounded up to a step people read easily (15s, 1m, 5m ...), at least 1s. */
export function defaultStepMs(rangeMs: number): number {
  const raw = rangeMs / DEFAULT_POINTS;
  return NICE_STEPS.find((s) => s >= raw) ?? Math.ceil(raw / 86_400_000) * 86_400_000;
}

/** `end` as the attribute rules allow it: "now", Unix seconds, or an RFC 3339 time. */
export function parseEnd(value: string, now: number): number | undefined {
  if (value === 'now') return now;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : t;
}

/**
 * The cell's `range`, `step` and `end` as a query time. Without `range` the query is instant (at
 * `end` if given); `fallbackRangeMs` makes it a range anyway (LogQL log queries, which Loki
 * answers only over a range).
 */
export function queryTime(
  attributes: Record<string, AttributeValue>,
  now: number,
  fallbackRangeMs?: number,
): QueryTime | { error: string } {
  const text = (key: string): string | undefined | { error: string } => {
    const v = attributes[key];
    return v === true ? { error: `attribute "${key}" needs a value` } : v;
  };
  const range = text('range');
  const step = text('step');
  const end = text('end');
  for (const v of [range, step, end]) if (typeof v === 'object') return v;

  let endMs: number | undefined;
  if (typeof end === 'string') {
    endMs = parseEnd(end, now);
    if (endMs === undefined) return { error: `attribute "end" must be "now", a Unix timestamp or an RFC 3339 time` };
  }
  if (range === undefined && fallbackRangeMs === undefined) {
    if (step !== undefined) return { error: 'attribute "step" needs a "range" (an instant query has no steps)' };
    return { kind: 'instant', time: endMs };
  }
  const rangeMs = typeof range === 'string' ? parseDuration(range) : fallbackRangeMs;
  if (!rangeMs) return { error: `attribute "range" must be a duration such as 30m or 1h30m` };
  let stepMs = defaultStepMs(rangeMs);
  if (typeof step === 'string') {
    const parsed = parseDuration(step);
    if (!parsed) return { error: `attribute "step" must be a duration such as 15s or 1m` };
    stepMs = parsed;
  }
  const points = Math.floor(rangeMs / stepMs) + 1;
  if (points > MAX_POINTS_PER_SERIES) {
    return {
      error:
        `range=${range} with step=${step} asks for ${points.toLocaleString('en')} points per series; ` +
        `Prometheus and Loki answer at most ${MAX_POINTS_PER_SERIES.toLocaleString('en')}: use a larger step`,
    };
  }
  const e = endMs ?? now;
  return { kind: 'range', start: e - rangeMs, end: e, stepMs, defaultStep: step === undefined };
}

/** A step as the shortest duration text: 15s, 1m, 1h30m, 250ms. */
export function formatDuration(ms: number): string {
  const parts: string[] = [];
  let rest = ms;
  for (const [unit, size] of [
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1000],
  ] as const) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    }
  }
  if (rest > 0 || parts.length === 0) parts.push(`${rest}ms`);
  return parts.join('');
}
