'use strict';

const { startTracing, ROLE, SERVICE_NAME } = require('./tracing');

const tracing = startTracing();

// Required after tracing so node:http is already instrumented.
const http = require('node:http');
const { context, trace, propagation, SpanStatusCode } = require('@opentelemetry/api');
const { buildRoutes } = require('./services');
const log = require('./log')(SERVICE_NAME);

const port = Number(process.env.PORT ?? 8080);
const routes = buildRoutes(ROLE, { tracer: tracing.tracer, log, env: process.env });
if (!routes) {
  log.error('unknown ROLE', { role: ROLE, known: ['frontend', 'orders', 'inventory'] });
  process.exit(2);
}

routes['/healthz'] = async () => ({ status: 200, body: { ok: true, service: SERVICE_NAME } });
if (tracing.memory) {
  routes['/debug/spans'] = async () => ({ status: 200, body: tracing.memory.getFinishedSpans().map(toJson) });
}

function toJson(span) {
  const sc = span.spanContext();
  return {
    name: span.name,
    kind: span.kind,
    traceId: sc.traceId,
    spanId: sc.spanId,
    parentSpanId: span.parentSpanContext ? span.parentSpanContext.spanId : undefined,
    service: span.resource.attributes['service.name'],
    scope: span.instrumentationScope && span.instrumentationScope.name,
    attributes: span.attributes,
    events: span.events.map((e) => ({ name: e.name, attributes: e.attributes })),
    status: span.status,
  };
}

const server = http.createServer(async (req, res) => {
  const started = process.hrtime.bigint();
  const url = new URL(req.url, 'http://localhost');
  const handler = routes[url.pathname];
  const route = handler ? url.pathname : 'unmatched';
  // The http instrumentation started a SERVER span for this request; give it the route.
  const serverSpan = trace.getActiveSpan();
  if (serverSpan && handler) {
    serverSpan.updateName(`${req.method} ${route}`);
    serverSpan.setAttribute('http.route', route);
  }

  let result;
  try {
    result = handler ? await handler(req, url) : { status: 404, body: { error: 'not found' } };
  } catch (err) {
    serverSpan?.recordException(err);
    serverSpan?.setStatus({ code: SpanStatusCode.ERROR, message: err.message });
    result = { status: 500, body: { error: err.message } };
  }
  req.resume();
  const payload = JSON.stringify(result.body);
  const headers = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), ...(result.headers || {}) };
  res.writeHead(result.status, headers);
  res.end(payload);

  if (route !== '/healthz' && !route.startsWith('/debug/')) {
    const tier = propagation.getBaggage(context.active())?.getEntry('user.tier')?.value;
    const fields = {
      method: req.method,
      route,
      status: result.status,
      duration_ms: Math.round(Number(process.hrtime.bigint() - started) / 1e4) / 100,
    };
    if (tier) fields.user_tier = tier;
    if (result.status >= 500) log.error('request failed', { ...fields, error: result.body.error });
    else log.info('request served', fields);
  }
});

server.listen(port, process.env.HOST || '0.0.0.0', () => {
  log.info('listening', { role: ROLE, port: server.address().port, otlp_endpoint: tracing.endpoint || null });
});

let stopping = false;
function shutdown(signal) {
  if (stopping) return;
  stopping = true;
  log.info('shutting down', { signal });
  setTimeout(() => process.exit(1), 10000).unref();
  server.close(async () => {
    await tracing.provider.shutdown().catch(() => {});
    process.exit(0);
  });
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
