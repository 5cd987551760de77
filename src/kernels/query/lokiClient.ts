import type { QueryBackend } from './queryBackend';
import { isLogQuery } from './querySyntax';
import { formatDuration, queryTime } from './timeRange';
import { nsFromMs } from './timeFormat';

/** Loki's own default for `limit`; sent explicitly so the table can say when it was reached. */
export const DEFAULT_LIMIT = 100;

/** Log queries without `range` look back this far, as logcli's --since does by default. */
export const DEFAULT_LOG_RANGE_MS = 3_600_000;

/**
 * Loki's HTTP API (/loki/api/v1/query, /loki/api/v1/query_range). Times go as nanosecond
 * integers, which Loki reads exactly. A log query (a stream selector with a pipeline) always
 * runs over a range: Loki answers log queries as instant queries poorly (2.x) or not at all (3.x).
 */
export const lokiBackend: QueryBackend = {
  language: 'logql',
  label: 'LogQL',
  title: 'Loki',
  envVar: 'ILLMLAB_LOKI_URL',
  discovery: 'loki',
  prepare(query, attributes, now) {
    const logs = isLogQuery(query);
    const time = queryTime(attributes, now, logs ? DEFAULT_LOG_RANGE_MS : undefined);
    if ('error' in time) return time;
    const limitText = attributes.limit;
    if (limitText !== undefined && (limitText === true || !/^[1-9]\d*$/.test(limitText))) {
      return { error: 'attribute "limit" must be a positive whole number' };
    }
    const direction = attributes.direction ?? 'backward';
    if (direction !== 'forward' && direction !== 'backward') {
      return { error: 'attribute "direction" must be one of: forward, backward' };
    }
    const limit = limitText === undefined ? DEFAULT_LIMIT : Number(limitText);
    const params = new URLSearchParams({ query, limit: String(limit), direction });
    if (time.kind === 'instant') {
      if (time.time !== undefined) params.set('time', nsFromMs(time.time));
      return {
        path: `/loki/api/v1/query?${params}`,
        output: { limit, direction },
        describe: `instant query${time.time !== undefined ? ` at ${new Date(time.time).toISOString()}` : ''}`,
      };
    }
    params.set('start', nsFromMs(time.start));
    params.set('end', nsFromMs(time.end));
    if (!logs) params.set('step', String(time.stepMs / 1000));
    const range = formatDuration(time.end - time.start);
    const defaultRange = attributes.range === undefined ? ' (default for log queries)' : '';
    return {
      path: `/loki/api/v1/query_range?${params}`,
      output: { limit, direction, ...(logs ? {} : { stepMs: time.stepMs }) },
      describe: logs
        ? `log query over ${range}${defaultRange}, limit ${limit}, ${direction}`
        : `range query over ${range}, step ${formatDuration(time.stepMs)}${time.defaultStep ? ' (default: range/250)' : ''}`,
    };
  },
};
