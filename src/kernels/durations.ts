const UNITS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
  y: 31_536_000_000,
};

/** Prometheus-style duration ("1h30m", "90s", "250ms") to milliseconds; undefined if malformed. */
export function parseDuration(text: string): number | undefined {
  if (!/^(\d+(ms|[smhdwy]))+$/.test(text)) return undefined;
  let ms = 0;
  for (const m of text.matchAll(/(\d+)(ms|[smhdwy])/g)) ms += Number(m[1]) * UNITS[m[2]];
  return ms;
}

/** A `timeout` attribute: plain seconds ("90", "1.5") or a duration ("5m"). */
export function parseTimeout(value: string | true | undefined): number | undefined {
  if (value === undefined || value === true) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1000;
  return parseDuration(value);
}
