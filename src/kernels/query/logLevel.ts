import type { Labels } from './seriesLabels';

/** Levels as Grafana's log panel knows them, most severe first; `unknown` when nothing says. */
export const LOG_LEVELS = ['critical', 'error', 'warn', 'info', 'debug', 'trace', 'unknown'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Stream labels that carry a level: the usual names, and Loki 3's detected_level. */
const LEVEL_LABELS = ['level', 'detected_level', 'severity', 'lvl', 'loglevel', 'log_level'];

// A level field in JSON ("level":"warn") or logfmt (level=warn), else a level word on its own.
const FIELD = /["']?\b(?:level|lvl|severity|loglevel)["']?\s*[:=]\s*["']?([A-Za-z]+)/i;
const WORD =
  /\b(EMERG(?:ENCY)?|ALERT|CRIT(?:ICAL)?|FATAL|PANIC|ERR(?:OR)?|WARN(?:ING)?|INFO|NOTICE|DEBUG|DBG|TRACE)\b/i;

/** Looks only at the start of a line: a level sits there, and lines can be megabytes long. */
const SCAN = 400;

/**
 * The level of a log line: from its stream's labels when they say, else from the line. Kept
 * as data (a table column) so the renderer, not this code, decides how a level looks.
 */
export function logLevel(labels: Labels, line: string): LogLevel {
  for (const name of LEVEL_LABELS) {
    const value = labels[name];
    if (value) return normalizeLevel(value);
  }
  const head = line.slice(0, SCAN);
  const word = FIELD.exec(head)?.[1] ?? WORD.exec(head)?.[1];
  return word ? normalizeLevel(word) : 'unknown';
}

export function normalizeLevel(word: string): LogLevel {
  switch (word.toLowerCase()) {
    case 'emerg':
    case 'emergency':
    case 'alert':
    case 'crit':
    case 'critical':
    case 'fatal':
    case 'panic':
      return 'critical';
    case 'err':
    case 'error':
    case 'eror':
      return 'error';
    case 'warn':
    case 'warning':
      return 'warn';
    case 'info':
    case 'information':
    case 'notice':
      return 'info';
    case 'debug':
    case 'dbg':
      return 'debug';
    case 'trace':
      return 'trace';
    default:
      return 'unknown';
  }
}
