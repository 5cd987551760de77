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
    // Defaults of /api/work when a request does not set them (clamped to the bounds).
    workCpuMs: clampInt(num('WORK_CPU_MS', 10), WORK_LIMITS.cpu_ms),
    workMemKb: clampInt(num('WORK_MEM_KB', 0), WORK_LIMITS.mem_kb),
    workHoldMs: clampInt(num('WORK_HOLD_MS', 0), WORK_LIMITS.hold_ms),
  };
}

// Bounds of the /api/work parameters: one request can never take more than
// 2 s of CPU, 64 MiB of memory, or hold it longer than 10 s.
const WORK_LIMITS = { cpu_ms: 2000, mem_kb: 65536, hold_ms: 10000 };

function clampInt(value, max) {
  return Math.min(max, Math.max(0, Math.round(value)));
}

// Reads cpu_ms, mem_kb and hold_ms from the query string: whole numbers within
// WORK_LIMITS, else an error message for a 400. Missing ones take the defaults.
function parseWorkParams(searchParams, config) {
  const defaults = { cpu_ms: config.workCpuMs, mem_kb: config.workMemKb, hold_ms: config.workHoldMs };
  const params = {};
  for (const [name, max] of Object.entries(WORK_LIMITS)) {
    const raw = searchParams.get(name);
    if (raw === null || raw === '') {
      params[name] = defaults[name] ?? 0;
      continue;
    }
    if (!/^\d+$/.test(raw) || Number(raw) > max) {
      return { error: `${name} must be a whole number from 0 to ${max}, got ${JSON.stringify(raw.slice(0, 40))}` };
    }
    params[name] = Number(raw);
  }
  return { params };
}

// Burns about cpuMs of this process's CPU time (not wall time: under a CPU limit
// the request takes longer, the CPU it costs stays the same). Works in slices
// of at most 10 ms and yields between them, so probes, scrapes and other
// requests are served while it runs. Returns the CPU milliseconds spent.
async function burnCpu(cpuMs) {
  const targetUs = cpuMs * 1000;
  const wallDeadline = Date.now() + 60000 + cpuMs * 20;
  let usedUs = 0;
  let sink = 0;
  while (usedUs < targetUs && Date.now() < wallDeadline) {
    const before = process.cpuUsage();
    const sliceUs = Math.min(10000, targetUs - usedUs);
    const sliceStart = process.hrtime.bigint();
    while (Number(process.hrtime.bigint() - sliceStart) / 1000 < sliceUs) {
      for (let i = 0; i < 1000; i++) sink += Math.sqrt(i + sink) % 7;
    }
    const spent = process.cpuUsage(before);
    usedUs += spent.user + spent.system;
    await new Promise((resolve) => setImmediate(resolve));
  }
  if (sink < 0) throw new Error('unreachable');
  return usedUs / 1000;
}

// Allocates memKb of memory and writes every page, so it counts in the
// container's working set (what metrics-server and the HPA see), not only in
// reserved address space. The buffer is freed when the caller drops it.
function holdMemory(memKb) {
  if (memKb === 0) return null;
  const buffer = Buffer.allocUnsafe(memKb * 1024);
  for (let i = 0; i < buffer.length; i += 4096) buffer[i] = (i / 4096) & 0xff;
  return buffer;
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
      body: 'metrics-app: GET /api/items /api/slow /api/error /api/work /healthz /readyz /metrics, POST /webhook\n',
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

    // Configurable resource use for the autoscaling labs: about cpu_ms of CPU
    // time and mem_kb of memory, held for the whole request plus hold_ms.
    '/api/work': async (req, url) => {
      const parsed = parseWorkParams(url.searchParams, config);
      if (parsed.error) return { status: 400, body: { error: parsed.error } };
      const { cpu_ms: cpuMs, mem_kb: memKb, hold_ms: holdMs } = parsed.params;
      const started = Date.now();
      let memory = holdMemory(memKb);
      const cpuUsed = await burnCpu(cpuMs);
      if (holdMs > 0) await sleep(holdMs);
      const held = memory ? memory.length / 1024 : 0;
      memory = null;
      trace.getActiveSpan()?.setAttributes({ 'app.work.cpu_ms': cpuMs, 'app.work.mem_kb': memKb, 'app.work.hold_ms': holdMs });
      return {
        status: 200,
        body: { ok: true, cpu_ms: cpuMs, cpu_ms_used: Math.round(cpuUsed * 10) / 10, mem_kb: held, hold_ms: holdMs, duration_ms: Date.now() - started },
      };
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

module.exports = { createServer, readConfig, createLifecycle, parseWorkParams, WORK_LIMITS, InventoryUnavailableError };
