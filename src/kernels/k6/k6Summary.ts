import type { K6Metrics, TrackedMetric } from './k6Metrics';
import { evaluateThreshold } from './thresholds';

/** One metric in the summary (DESIGN.md), with the keys its type has. */
export interface K6MetricSummary {
  type: 'counter' | 'gauge' | 'rate' | 'trend';
  count?: number;
  rate?: number;
  avg?: number;
  min?: number;
  med?: number;
  max?: number;
  'p(90)'?: number;
  'p(95)'?: number;
  'p(99)'?: number;
  value?: number;
  /** rate: samples that were non-zero, and those that were zero (as k6's summary has them). */
  passes?: number;
  fails?: number;
}

/** The summary of DESIGN.md: metrics by name, and each threshold's verdict (true: passed). */
export interface K6Summary {
  metrics: Record<string, K6MetricSummary>;
  thresholds: Record<string, Record<string, boolean>>;
}

export interface CrossedThreshold {
  metric: string;
  expression: string;
  abortOnFail: boolean;
}

export interface K6Report {
  summary: K6Summary;
  crossed: CrossedThreshold[];
  /** Thresholds that could not be evaluated, each saying why. */
  problems: string[];
  durationSeconds: number;
  /** Where the duration came from: k6's summary export, or the first and last sample. */
  durationFrom: 'k6' | 'samples';
}

export interface SummaryOptions {
  /** The test's duration, for counter rates; default: first to last sample. */
  durationSeconds?: number;
  /** Verdicts k6 itself gave (its summary export), true meaning passed: these win. */
  verdicts?: Record<string, Record<string, boolean>>;
}

/**
 * The end-of-test summary from gathered metrics, as k6 computes it: trends with k6's
 * percentile rule, counters with their rate over the test, thresholds from the Metric lines.
 * k6's own verdicts, when known, replace ours and add the ones the JSON output does not carry
 * (thresholds on submetrics).
 */
export function summarize(metrics: K6Metrics, options: SummaryOptions = {}): K6Report {
  const durationSeconds = options.durationSeconds ?? metrics.spanSeconds;
  const tracked = sortLikeK6([...metrics.metrics.values()].filter((m) => m.sink.samples > 0));
  const summary: K6Summary = { metrics: {}, thresholds: {} };
  const problems: string[] = [];
  const abortOnFail = new Set<string>();
  for (const m of tracked) {
    summary.metrics[m.name] = metricSummary(m, durationSeconds);
    for (const t of m.definition.thresholds) {
      const outcome = evaluateThreshold(t.source, m.sink, durationSeconds);
      if ('error' in outcome) problems.push(`${m.name}: ${outcome.error}`);
      (summary.thresholds[m.name] ??= {})[t.source] = outcome.passed;
      if (t.abortOnFail) abortOnFail.add(`${m.name}\u0000${t.source}`);
    }
  }
  for (const [metric, verdicts] of Object.entries(options.verdicts ?? {})) {
    Object.assign((summary.thresholds[metric] ??= {}), verdicts);
  }
  const crossed: CrossedThreshold[] = [];
  for (const [metric, verdicts] of Object.entries(summary.thresholds)) {
    for (const [expression, passed] of Object.entries(verdicts)) {
      if (!passed) crossed.push({ metric, expression, abortOnFail: abortOnFail.has(`${metric}\u0000${expression}`) });
    }
  }
  return {
    summary,
    crossed,
    problems,
    durationSeconds,
    durationFrom: options.durationSeconds !== undefined ? 'k6' : 'samples',
  };
}

function metricSummary(m: TrackedMetric, durationSeconds: number): K6MetricSummary {
  const sink = m.sink;
  switch (sink.type) {
    case 'counter':
      // k6's CounterSink.Rate: no duration, no rate (0).
      return { type: 'counter', count: sink.count, rate: durationSeconds > 0 ? sink.count / durationSeconds : 0 };
    case 'gauge':
      return { type: 'gauge', value: sink.value, min: sink.min, max: sink.max };
    case 'rate':
      return { type: 'rate', rate: sink.rate, passes: sink.passes, fails: sink.fails };
    case 'trend':
      return {
        type: 'trend',
        count: sink.count,
        avg: sink.avg,
        min: sink.min,
        med: sink.p(0.5),
        max: sink.max,
        'p(90)': sink.p(0.9),
        'p(95)': sink.p(0.95),
        'p(99)': sink.p(0.99),
      };
  }
}

/** k6's end-of-test order: by metric name, each submetric right after its parent. */
export function sortLikeK6<T extends { name: string }>(items: T[]): T[] {
  return items.sort((a, b) => {
    const pa = a.name.split('{', 1)[0];
    const pb = b.name.split('{', 1)[0];
    return pa.localeCompare(pb) || a.name.slice(pa.length).localeCompare(b.name.slice(pb.length));
  });
}

/** "checks: rate>0.5; http_req_duration: p(95)<500" */
export function describeCrossed(crossed: readonly CrossedThreshold[]): string {
  const byMetric = new Map<string, string[]>();
  for (const c of crossed) byMetric.set(c.metric, [...(byMetric.get(c.metric) ?? []), c.expression]);
  return [...byMetric].map(([metric, expressions]) => `${metric}: ${expressions.join(', ')}`).join('; ');
}
