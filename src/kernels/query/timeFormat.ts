/** Milliseconds since the epoch as RFC 3339 UTC: what tables and notes show. */
export function isoFromMs(ms: number): string {
  return Number.isFinite(ms) ? new Date(ms).toISOString() : String(ms);
}

/** Unix seconds (Prometheus' and Loki's sample times, with fractions) as RFC 3339 UTC. */
export function isoFromSeconds(seconds: number): string {
  return isoFromMs(Math.round(seconds * 1000));
}

/**
 * Loki's nanosecond string timestamps as RFC 3339 UTC with all nine digits: log lines a
 * microsecond apart must not show the same time. The string is not turned into a Number,
 * which would lose the last digits.
 */
export function isoFromNs(ns: string): string {
  if (!/^\d{10,}$/.test(ns)) return ns;
  const seconds = ns.slice(0, -9);
  const fraction = ns.slice(-9);
  return new Date(Number(seconds) * 1000).toISOString().replace(/\.\d{3}Z$/, `.${fraction}Z`);
}

/** Nanoseconds (string) to milliseconds, for charts: precision beyond a millisecond is not drawn. */
export function msFromNs(ns: string): number {
  return ns.length > 6 ? Number(ns.slice(0, -6)) : 0;
}

/** Milliseconds to the nanosecond integer string Loki reads exactly. */
export function nsFromMs(ms: number): string {
  return `${BigInt(Math.round(ms)) * 1_000_000n}`;
}
