/**
 * Numbers as k6's end-of-test summary prints them, so a report reads like the k6 output people
 * know: durations in the largest fitting unit truncated to two decimals (`1.86ms`, `629.84µs`),
 * bytes in SI units (`1.3 MB`), rates as truncated percentages (`6.10%`).
 */

export type Contains = 'time' | 'data' | 'default' | string;

/** A value of a metric, by what it holds (k6's `contains`) and its type. */
export function humanizeValue(value: number, type: string, contains: Contains): string {
  if (type === 'rate') return (Math.trunc(value * 100 * 100) / 100).toFixed(2) + '%';
  if (contains === 'data') return humanizeBytes(value);
  if (contains === 'time') return humanizeDuration(value);
  return noTrailingZeros(value, 6);
}

/** Milliseconds to `0s`, `512ns`, `629.84µs`, `1.86ms`, `2.5s`, `1m30s`, `2h5m0s`. */
export function humanizeDuration(ms: number): string {
  if (ms === 0) return '0s';
  if (ms < 0.001) return Math.trunc(ms * 1_000_000) + 'ns';
  if (ms < 1) return truncated(ms * 1000, 2) + 'µs';
  if (ms < 1000) return truncated(ms, 2) + 'ms';
  let text = truncated((ms % 60_000) / 1000, ms > 60_000 ? 0 : 2) + 's';
  const minutes = Math.trunc(ms / 60_000);
  if (minutes < 1) return text;
  text = (minutes % 60) + 'm' + text;
  const hours = Math.trunc(minutes / 60);
  return hours < 1 ? text : hours + 'h' + text;
}

/** Bytes in powers of 1000, one decimal below 10: `9 B`, `1.3 MB`, `438 kB`. */
export function humanizeBytes(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB', 'ZB', 'YB'];
  if (bytes < 10) return bytes + ' B';
  const e = Math.floor(Math.log(bytes) / Math.log(1000));
  const scaled = Math.floor((bytes / Math.pow(1000, e)) * 10 + 0.5) / 10;
  return scaled.toFixed(scaled < 10 ? 1 : 0) + ' ' + units[e];
}

function noTrailingZeros(value: number, digits: number): string {
  return String(parseFloat(value.toFixed(digits)));
}

function truncated(value: number, digits: number): string {
  const scale = Math.pow(10, digits);
  return noTrailingZeros(Math.trunc(scale * value) / scale, digits);
}

/** Columns as a terminal shows them: code points, not UTF-16 units (`µ`, `✓` are one each). */
export function textWidth(text: string): number {
  let n = 0;
  for (const _ of text.normalize('NFKC')) n++;
  return n;
}
