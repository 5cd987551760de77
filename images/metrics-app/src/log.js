'use strict';

const { trace, context } = require('@opentelemetry/api');

// One JSON object per line on stdout: the shape Promtail's json stage and
// LogQL's `| json` parser read. trace_id/span_id come from the active span.
function log(level, msg, fields = {}) {
  const entry = { ts: new Date().toISOString(), level, msg, ...fields };
  const span = trace.getSpan(context.active());
  const sc = span && span.spanContext();
  if (sc && trace.isSpanContextValid(sc) && entry.trace_id === undefined) {
    entry.trace_id = sc.traceId;
    entry.span_id = sc.spanId;
  }
  process.stdout.write(`${JSON.stringify(entry)}\n`);
}

module.exports = {
  debug: (msg, fields) => log('debug', msg, fields),
  info: (msg, fields) => log('info', msg, fields),
  warn: (msg, fields) => log('warn', msg, fields),
  error: (msg, fields) => log('error', msg, fields),
};
