import type { QueryBackend } from './queryBackend';
import { formatDuration, queryTime } from './timeRange';

/** Unix seconds with milliseconds, as Prometheus' API reads times. */
export function promTime(ms: number): string {
  return (ms / 1000).toFixed(3);
}

/**
 * Prometheus' HTTP API (/api/v1/query, /api/v1/query_range). The server is given a timeout a
 * little under ours, so a slow query ends with Prometheus' own "query timed out" (which says in
 * which stage) rather than with a cut connection.
 */
export const prometheusBackend: QueryBackend = {
  language: 'promql',
  label: 'PromQL',
  title: 'Prometheus',
  envVar: 'ILLMLAB_PROMETHEUS_URL',
  discovery: 'prometheus',
  prepare(query, attributes, now, timeoutMs) {
    const time = queryTime(attributes, now);
    if ('error' in time) return time;
    const params = new URLSearchParams({ query });
    params.set('timeout', `${Math.max(1, Math.floor(timeoutMs * 0.9))}ms`);
    if (time.kind === 'instant') {
      if (time.time !== undefined) params.set('time', promTime(time.time));
      return {
        path: `/api/v1/query?${params}`,
        output: {},
        describe: `instant query${time.time !== undefined ? ` at ${new Date(time.time).toISOString()}` : ''}`,
      };
    }
    params.set('start', promTime(time.start));
    params.set('end', promTime(time.end));
    params.set('step', String(time.stepMs / 1000));
    return {
      path: `/api/v1/query_range?${params}`,
      output: { stepMs: time.stepMs },
      describe: `range query over ${formatDuration(time.end - time.start)}, step ${formatDuration(time.stepMs)}${
        time.defaultStep ? ' (default: range/250)' : ''
      }`,
    };
  },
};
