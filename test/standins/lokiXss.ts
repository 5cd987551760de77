/**
 * Text a hostile or careless workload can put in labels and log lines, in Loki's wire format.
 * Every string must come out inert: escaped in HTML tables, drawn as text in charts.
 */
export const XSS_STRINGS = [
  '<img src=x onerror=alert(1)>',
  '<script>alert(document.cookie)</script>',
  '"><svg onload=alert(1)>',
  "'><iframe src=javascript:alert(1)>",
  '</td></tr><tr><td onclick=alert(1)>cell',
  '&lt;b&gt;already escaped&lt;/b&gt;',
  '{{constructor.constructor("alert(1)")()}}',
  '${alert(1)}',
] as const;

/** A `streams` answer whose labels and lines are the corpus, with Loki's nanosecond strings. */
export function xssStreamsBody(startNs = 1_795_663_300_000_000_000n): string {
  const result = XSS_STRINGS.map((text, i) => ({
    stream: { app: 'xss', pod: text, level: i % 2 === 0 ? 'error' : 'info' },
    values: [[String(startNs + BigInt(i) * 1_000_000_000n), `level=warn msg=${JSON.stringify(text)} raw=${text}`]],
  }));
  return JSON.stringify({ status: 'success', data: { resultType: 'streams', result, stats: {} } });
}

/** A `matrix` answer with the corpus in label values. */
export function xssMatrixBody(startSeconds = 1_795_663_140): string {
  const result = XSS_STRINGS.map((text, i) => ({
    metric: { app: 'xss', pod: text },
    values: [0, 1, 2].map((k) => [startSeconds + k * 60, String(i + k)]),
  }));
  return JSON.stringify({ status: 'success', data: { resultType: 'matrix', result, stats: {} } });
}
