import { readFileSync } from 'node:fs';

/** What the executor takes from k6's `--summary-export` file. */
export interface SummaryExport {
  /** Threshold verdicts by metric and expression, true meaning PASSED (k6 writes true for crossed). */
  verdicts: Record<string, Record<string, boolean>>;
  /** The test's duration as k6 measured it (a counter's count / rate), if there was a counter. */
  durationSeconds?: number;
}

/**
 * Reads k6's summary export; undefined when k6 wrote none (it was killed, or the script failed
 * before the test started) or the file is not one.
 */
export function readSummaryExport(path: string): SummaryExport | undefined {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
  const metrics = (data as { metrics?: unknown } | null)?.metrics;
  if (typeof metrics !== 'object' || metrics === null) return undefined;
  const verdicts: SummaryExport['verdicts'] = {};
  let durationSeconds: number | undefined;
  for (const [name, m] of Object.entries(metrics as Record<string, Record<string, unknown>>)) {
    const thresholds = m?.thresholds;
    if (thresholds && typeof thresholds === 'object') {
      for (const [expression, crossed] of Object.entries(thresholds)) {
        if (typeof crossed === 'boolean') (verdicts[name] ??= {})[expression] = !crossed;
      }
    }
    // k6 exports counters as {count, rate} with rate = count / test duration.
    if (durationSeconds === undefined && typeof m?.count === 'number' && typeof m.rate === 'number' && m.rate > 0) {
      durationSeconds = m.count / m.rate;
    }
  }
  return { verdicts, ...(durationSeconds !== undefined ? { durationSeconds } : {}) };
}
