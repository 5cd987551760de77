import type { Table } from './instantTables';
import { logLevel, type LogLevel } from './logLevel';
import { commonLabels, seriesName, withoutLabels, type Labels } from './seriesLabels';
import { isoFromNs } from './timeFormat';

/** One stream of a `streams` result: its labels and [nanosecond string, line] entries. */
export interface StreamJson {
  stream: Labels;
  values: Array<[string, string, ...unknown[]]>;
}

export interface LogEntry {
  /** Nanoseconds since the epoch, as Loki wrote them. */
  ns: string;
  line: string;
  labels: Labels;
  level: LogLevel;
}

/**
 * The entries of all streams in one list, newest first for `backward` (Loki's default, what
 * `kubectl logs` readers look for first) and oldest first for `forward`, like the query asked.
 */
export function logEntries(streams: readonly StreamJson[], direction: 'forward' | 'backward'): LogEntry[] {
  const entries: LogEntry[] = [];
  for (const s of streams) {
    for (const [ns, line] of s.values ?? [])
      entries.push({ ns, line, labels: s.stream, level: logLevel(s.stream, line) });
  }
  // Nanosecond strings: a longer string is a later time; equal lengths compare as text.
  const order = direction === 'backward' ? -1 : 1;
  entries.sort((a, b) => order * (a.ns.length - b.ns.length || (a.ns < b.ns ? -1 : a.ns > b.ns ? 1 : 0)));
  return entries;
}

/**
 * Log lines as a table: time (all nine digits), level, the labels that set this line's stream
 * apart, and the line itself. Labels every stream shares are said once, in the title.
 */
export function logTable(streams: readonly StreamJson[], entries: readonly LogEntry[], note?: string): Table {
  const common = commonLabels(streams.map((s) => s.stream));
  const rows = entries.map((e) => {
    const own = withoutLabels(e.labels, common);
    return [isoFromNs(e.ns), e.level, Object.keys(own).length > 0 ? seriesName(own) : '', e.line];
  });
  const shared = Object.keys(common).length > 0 ? `; every stream has ${seriesName(common)}` : '';
  return {
    columns: ['time', 'level', 'labels', 'line'],
    rows,
    title: `${entries.length} log lines from ${streams.length} streams${shared}`,
    ...(note ? { note } : {}),
  };
}
