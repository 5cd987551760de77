'use strict';

const { trace, context } = require('@opentelemetry/api');

// JSON lines on stdout; trace_id/span_id of the active span let Grafana jump
// from a log line to its trace (Loki derived field) and back.
module.exports = function createLogger(service) {
  const write = (level, msg, fields = {}) => {
    const entry = { ts: new Date().toISOString(), level, msg, service, ...fields };
    const sc = trace.getSpan(context.active())?.spanContext();
    if (sc && trace.isSpanContextValid(sc)) {
      entry.trace_id = sc.traceId;
      entry.span_id = sc.spanId;
    }
    process.stdout.write(`${JSON.stringify(entry)}\n`);
  };
  return {
    info: (msg, fields) => write('info', msg, fields),
    warn: (msg, fields) => write('warn', msg, fields),
    error: (msg, fields) => write('error', msg, fields),
  };
};
