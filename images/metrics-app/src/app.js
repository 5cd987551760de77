'use strict';

const http = require('node:http');
const { context, propagation, trace, SpanKind, SpanStatusCode } = require('@opentelemetry/api');
const metrics = require('./metrics');
const log = require('./log');

class InventoryUnavailableError extends Error {
  constructor(message) {
    super(message);
    this.name = 'InventoryUnavailableError';
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function readBody(req, limit = 1024 * 1024) {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks = [];
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > limit) {
        reject(Object.assign(new Error('request body too large'), { status: 413 }));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function readConfig(env = process.env) {
  const num = (name, fallback) => {
    const value = Number(env[name]);
    return env[name] !== undefined && env[name] !== '' && Number.isFinite(value) ? value : fallback;
  };
  return {
    errorRate: Math.min(1, Math.max(0, num('ERROR_RATE', 0.3))),
    slowMs: Math.max(0, num('SLOW_MS', 1500)),
    stackTracesToStderr: (env.LOG_STACKTRACE || '').toLowerCase() === 'stderr',
    appVersion: env.APP_VERSION || '1.0.0',
    startupDelayMs: Math.max(0, num('STARTUP_DELAY_MS', 0)),
    shutdownDelayMs: Math.max(0, num('SHUTDOWN_DELAY_MS', 0)),
  };
}

// Lifecycle for probes: "starting" until STARTUP_DELAY_MS has passed since the
// server was created, "draining" from SIGTERM on (server.js calls drain()).
function createLifecycle(config, now = Date.now) {
  const startedAt = now();
  let draining = false;
  return {
    get starting() {
      return now() - startedAt < config.startupDelayMs;
    },
    get draining() {
      return draining;
    },
    drain() {
      draining = true;
    },
  };
}

// Routes are a closed set: an unknown path is counted as route="unmatched",
// so a scanner hitting random URLs cannot blow up label cardinality.
function buildRoutes(tracer, config, lifecycle) {
  return {
    '/': async () => ({
      status: 200,
      contentType: 'text/plain; charset=utf-8',
      body: 'metrics-app: GET /api/items /api/slow /api/error /healthz /readyz /metrics, POST /webhook\n',
    }),

    '/api/items': async () => {
      const count = 1 + Math.floor(Math.random() * 100);
      // Latency: a fast floor plus an exponential tail (mean ~60 ms, capped at 1 s).
      const latency = Math.min(1000, 5 + -Math.log(1 - Math.random()) * 60);
      const span = tracer.startSpan('SELECT items', {
        kind: SpanKind.CLIENT,
        attributes: { 'db.system': 'other_sql', 'db.operation.name': 'SELECT', 'db.collection.name': 'items', 'app.items.count': count },
      });
      if (Math.random() < 0.2) span.addEvent('cache.miss', { 'cache.key': `items:${count}` });
      await sleep(latency);
      span.end();
      const items = Array.from({ length: count }, (_, i) => ({ id: i + 1, name: `item-${i + 1}`, price: Math.round(Math.random() * 10000) / 100 }));
      return { status: 200, body: { count, items } };
    },

    '/api/slow': async () => {
      const latency = config.slowMs * (0.5 + Math.random());
      trace.getActiveSpan()?.addEvent('slow.path', { 'app.delay_ms': Math.round(latency) });
      await sleep(latency);
      return { status: 200, body: { ok: true, delay_ms: Math.round(latency) } };
    },

    '/api/error': async () => {
      await sleep(Math.random() * 20);
      if (Math.random() < config.errorRate) {
        throw new InventoryUnavailableError(`inventory backend unavailable (ERROR_RATE=${config.errorRate})`);
      }
      return { status: 200, body: { ok: true } };
    },

    // Alertmanager webhook receiver: one log line per alert in the notification,
    // so a lab can see what was routed, grouped, inhibited or silenced.
    '/webhook': async (req) => {
      if (req.method !== 'POST') return { status: 405, body: { error: 'POST an Alertmanager webhook payload' } };
      let payload;
      try {
        payload = JSON.parse(await readBody(req));
      } catch (err) {
        if (err.status) return { status: err.status, body: { error: err.message } };
        return { status: 400, body: { error: 'body is not JSON' } };
      }
      const alerts = Array.isArray(payload.alerts) ? payload.alerts : [];
      for (const alert of alerts) {
        const labels = alert.labels || {};
        log.info('alert notification', {
          receiver: payload.receiver,
          group_key: payload.groupKey,
          alert_status: alert.status,
          alertname: labels.alertname,
          severity: labels.severity,
          alert_namespace: labels.namespace,
          starts_at: alert.startsAt,
        });
      }
      return { status: 200, body: { received: alerts.length } };
    },

    // Liveness: the process is up. Stays 200 while starting and while draining.
    '/healthz': async () => ({ status: 200, contentType: 'text/plain; charset=utf-8', body: 'ok\n' }),

    // Readiness: 503 while starting (STARTUP_DELAY_MS) and from SIGTERM on, so
    // Kubernetes sends traffic only to pods that can serve it.
    '/readyz': async () => {
      if (lifecycle.draining) return { status: 503, contentType: 'text/plain; charset=utf-8', body: 'shutting down\n' };
      if (lifecycle.starting) return { status: 503, contentType: 'text/plain; charset=utf-8', body: 'starting\n' };
      return { status: 200, contentType: 'text/plain; charset=utf-8', body: 'ready\n' };
    },

    '/metrics': async () => ({
      status: 200,
      contentType: metrics.registry.contentType,
      body: await metrics.registry.metrics(),
    }),
  };
}

// Probes and scrapes are counted but neither traced nor logged above debug.
const QUIET_ROUTES = new Set(['/healthz', '/readyz', '/metrics']);

function createServer({ tracer, config = readConfig() }) {
  const lifecycle = createLifecycle(config);
  const routes = buildRoutes(tracer, config, lifecycle);
  metrics.appInfo.set({ version: config.appVersion }, 1);

  const server = http.createServer((req, res) => {
    const started = process.hrtime.bigint();
    const url = new URL(req.url, 'http://localhost');
    const route = Object.hasOwn(routes, url.pathname) ? url.pathname : 'unmatched';
    const method = req.method;
    const quiet = QUIET_ROUTES.has(route);

    const parentCtx = propagation.extract(context.active(), req.headers);
    const span = quiet
      ? trace.wrapSpanContext(trace.getSpanContext(parentCtx) || trace.INVALID_SPAN_CONTEXT)
      : tracer.startSpan(`${method} ${route}`, {
          kind: SpanKind.SERVER,
          attributes: {
            'http.request.method': method,
            'http.route': route,
            'url.path': url.pathname,
            'user_agent.original': req.headers['user-agent'] || '',
          },
        }, parentCtx);
    const spanCtx = quiet ? parentCtx : trace.setSpan(parentCtx, span);

    context.with(spanCtx, async () => {
      let result;
      let error;
      try {
        const handler = routes[route];
        // A slow-starting app (STARTUP_DELAY_MS) cannot serve its API yet: what a
        // pod that receives traffic before it is ready answers.
        if (handler && lifecycle.starting && route.startsWith('/api/')) {
          result = { status: 503, body: { error: 'starting', version: config.appVersion } };
        } else {
          result = handler ? await handler(req, url) : null;
        }
        if (!result) result = { status: 404, body: { error: 'not found', path: url.pathname } };
      } catch (err) {
        error = err;
        result = { status: 500, body: { error: err.message } };
      }
      // Drain an unread request body so keep-alive connections stay usable.
      req.resume();

      const payload = typeof result.body === 'string' ? result.body : JSON.stringify(result.body);
      const bytes = Buffer.byteLength(payload);
      const headers = {
        'content-type': result.contentType || 'application/json',
        'content-length': bytes,
        'x-app-version': config.appVersion,
      };
      // While draining, ask keep-alive clients to reconnect (to another pod).
      if (lifecycle.draining) headers.connection = 'close';
      res.writeHead(result.status, headers);
      res.end(payload);

      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const status = String(result.status);
      const labels = { method, route, status };
      metrics.requestsTotal.inc(labels);
      const sc = span.spanContext();
      const sampled = trace.isSpanContextValid(sc) && (sc.traceFlags & 1) === 1;
      metrics.requestDuration.observe({
        labels,
        value: seconds,
        exemplarLabels: sampled && !quiet ? { trace_id: sc.traceId } : {},
      });
      metrics.responseSize.observe({ method, route }, bytes);

      if (!quiet) {
        span.setAttribute('http.response.status_code', result.status);
        span.setAttribute('http.response.body.size', bytes);
        if (error) {
          span.recordException(error);
          span.setStatus({ code: SpanStatusCode.ERROR, message: error.message });
        }
      }

      const fields = {
        method,
        route,
        status: result.status,
        duration_ms: Math.round(seconds * 1000 * 100) / 100,
        bytes,
      };
      if (error) {
        fields.error = error.message;
        fields.error_type = error.name;
      }
      if (quiet) log.debug('request served', fields);
      else if (result.status >= 500) log.error('request failed', fields);
      else if (result.status >= 400) log.warn('request rejected', fields);
      else log.info('request served', fields);

      // A plain, multi-line stack trace on stderr, as an unhandled exception in
      // many runtimes looks: material for Promtail's multiline stage.
      if (error && config.stackTracesToStderr) process.stderr.write(`${error.stack}\n`);

      if (!quiet) span.end();
    });
  });

  server.on('connection', (socket) => {
    metrics.connectionsActive.inc();
    socket.once('close', () => metrics.connectionsActive.dec());
  });

  server.lifecycle = lifecycle;
  return server;
}

module.exports = { createServer, readConfig, createLifecycle, InventoryUnavailableError };
