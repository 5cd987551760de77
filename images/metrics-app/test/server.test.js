'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const http = require('node:http');
const net = require('node:net');
const { startApp, scrape, value, waitFor } = require('./helpers');

const HEX32 = /^[0-9a-f]{32}$/;
const HEX16 = /^[0-9a-f]{16}$/;

test('serves the routes with the expected status codes', async (t) => {
  const app = await startApp({ ERROR_RATE: '0' });
  t.after(() => app.stop());
  for (const [path, status] of [['/', 200], ['/api/items', 200], ['/api/slow', 200], ['/api/error', 200], ['/healthz', 200], ['/does-not-exist', 404]]) {
    const res = await fetch(app.base + path);
    await res.arrayBuffer();
    assert.equal(res.status, status, path);
  }
  const items = await (await fetch(`${app.base}/api/items`)).json();
  assert.ok(items.count >= 1 && items.items.length === items.count);
});

test('exposes the four custom metrics with their types, labels and default process metrics', async (t) => {
  const app = await startApp();
  t.after(() => app.stop());
  await (await fetch(`${app.base}/api/items`)).arrayBuffer();
  const m = await scrape(app.base);

  assert.match(m.contentType, /^application\/openmetrics-text/);
  // OpenMetrics names a counter family without _total; its samples keep it.
  assert.equal(m.types.requests, 'counter');
  assert.equal(m.types.connections_active, 'gauge');
  assert.equal(m.types.request_duration_seconds, 'histogram');
  assert.equal(m.types.response_size_bytes, 'summary');
  assert.equal(m.types.process_cpu_user_seconds, 'counter');
  assert.ok(m.types.process_resident_memory_bytes, 'default process metrics are exported');

  const counter = m.samples.find((s) => s.name === 'requests_total' && s.labels.route === '/api/items');
  assert.deepEqual(Object.keys(counter.labels).sort(), ['method', 'route', 'status']);
  assert.ok(m.samples.some((s) => s.name === 'request_duration_seconds_bucket' && s.labels.le === '+Inf' && s.labels.route === '/api/items'));
  assert.ok(m.samples.some((s) => s.name === 'response_size_bytes' && s.labels.quantile === '0.99' && s.labels.route === '/api/items'));
  assert.ok(m.samples.some((s) => s.name === 'response_size_bytes_count' && s.labels.route === '/api/items'));
});

test('counter, histogram and summary move with traffic; errors carry status="500"', async (t) => {
  const app = await startApp({ ERROR_RATE: '1' });
  t.after(() => app.stop());
  const before = await scrape(app.base);
  for (let i = 0; i < 3; i++) await (await fetch(`${app.base}/api/items`)).arrayBuffer();
  for (let i = 0; i < 2; i++) {
    const res = await fetch(`${app.base}/api/error`);
    await res.arrayBuffer();
    assert.equal(res.status, 500);
  }
  const after = await scrape(app.base);
  const items = { route: '/api/items', status: '200' };
  assert.equal(value(after, 'requests_total', items) - value(before, 'requests_total', items), 3);
  assert.equal(value(after, 'request_duration_seconds_count', items) - value(before, 'request_duration_seconds_count', items), 3);
  assert.ok(value(after, 'request_duration_seconds_sum', items) > 0);
  assert.equal(value(after, 'response_size_bytes_count', { route: '/api/items' }), 3);
  assert.equal(value(after, 'requests_total', { route: '/api/error', status: '500' }), 2);
});

test('connections_active follows open TCP connections', async (t) => {
  const app = await startApp();
  t.after(() => app.stop());
  // Fresh agents so that only the sockets we open count.
  const get = (path) => new Promise((resolve, reject) => {
    http.get(`${app.base}${path}`, { agent: false }, (res) => {
      let body = '';
      res.on('data', (c) => { body += c; });
      res.on('end', () => resolve(body));
    }).on('error', reject);
  });
  const gauge = async () => {
    const text = await get('/metrics');
    const line = text.split('\n').find((l) => l.startsWith('connections_active '));
    return Number(line.split(' ')[1]);
  };
  const idle = await waitFor(async () => { const v = await gauge(); return v === 1 ? v : 0; });
  assert.equal(idle, 1, 'only the scrape connection is open');

  const sockets = await Promise.all([0, 1, 2].map(() => new Promise((resolve) => {
    const s = net.connect(app.port, '127.0.0.1', () => resolve(s));
  })));
  await waitFor(async () => (await gauge()) === 4);
  sockets.forEach((s) => s.destroy());
  await waitFor(async () => (await gauge()) === 1);
});

test('logs are JSON lines with request fields and trace context', async (t) => {
  const app = await startApp({ ERROR_RATE: '1' });
  await (await fetch(`${app.base}/api/items`)).arrayBuffer();
  await (await fetch(`${app.base}/api/error`)).arrayBuffer();
  await (await fetch(`${app.base}/nope`)).arrayBuffer();
  await (await fetch(`${app.base}/healthz`)).arrayBuffer();
  const { code } = await app.stop();
  assert.equal(code, 0, 'SIGTERM shuts down cleanly');

  const entries = app.lines.map((line) => JSON.parse(line));
  for (const e of entries) {
    assert.ok(!Number.isNaN(Date.parse(e.ts)), `ts is a timestamp: ${e.ts}`);
    assert.ok(['debug', 'info', 'warn', 'error'].includes(e.level));
    assert.equal(typeof e.msg, 'string');
  }
  const requests = entries.filter((e) => e.route);
  const byRoute = Object.fromEntries(requests.map((e) => [e.route, e]));
  for (const route of ['/api/items', '/api/error', 'unmatched']) {
    const e = byRoute[route];
    assert.ok(e, `a log line for ${route}`);
    assert.equal(e.method, 'GET');
    assert.equal(typeof e.status, 'number');
    assert.equal(typeof e.duration_ms, 'number');
    assert.match(e.trace_id, HEX32);
    assert.match(e.span_id, HEX16);
  }
  assert.equal(byRoute['/api/items'].level, 'info');
  assert.equal(byRoute['/api/error'].level, 'error');
  assert.equal(byRoute['/api/error'].status, 500);
  assert.equal(byRoute['/api/error'].error_type, 'InventoryUnavailableError');
  assert.equal(byRoute.unmatched.level, 'warn');
  assert.equal(byRoute['/healthz'].level, 'debug');
  assert.equal(byRoute['/healthz'].trace_id, undefined, 'probes are not traced');
});

test('incoming W3C traceparent is continued: same trace id in logs and histogram exemplar', async (t) => {
  const app = await startApp();
  t.after(() => app.stop());
  const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
  const res = await fetch(`${app.base}/api/items`, { headers: { traceparent: `00-${traceId}-00f067aa0ba902b7-01` } });
  await res.arrayBuffer();
  const m = await scrape(app.base);
  const withExemplar = m.samples.filter((s) => s.name === 'request_duration_seconds_bucket' && s.labels.route === '/api/items' && s.exemplar);
  assert.equal(withExemplar.length, 1);
  assert.equal(withExemplar[0].exemplar.labels.trace_id, traceId);
  const logged = await waitFor(() => app.lines.map((l) => JSON.parse(l)).find((e) => e.route === '/api/items'));
  assert.equal(logged.trace_id, traceId);
  assert.notEqual(logged.span_id, '00f067aa0ba902b7', 'the server span is a child of the caller span');
});

test('exports spans over OTLP/HTTP when OTEL_EXPORTER_OTLP_ENDPOINT is set', async (t) => {
  const received = [];
  const collector = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => {
      received.push({ url: req.url, contentType: req.headers['content-type'], body });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    });
  });
  await new Promise((resolve) => collector.listen(0, '127.0.0.1', resolve));
  t.after(() => collector.close());

  const app = await startApp({
    OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${collector.address().port}`,
    OTEL_BSP_SCHEDULE_DELAY: '100',
    OTEL_SERVICE_NAME: 'metrics-app-test',
  });
  t.after(() => app.stop());
  await (await fetch(`${app.base}/api/items`)).arrayBuffer();

  const post = await waitFor(() => received.find((r) => r.url === '/v1/traces' && r.body.includes('GET /api/items')));
  assert.match(post.contentType, /json/);
  const payload = JSON.parse(post.body);
  const resourceSpans = payload.resourceSpans[0];
  const serviceName = resourceSpans.resource.attributes.find((a) => a.key === 'service.name');
  assert.equal(serviceName.value.stringValue, 'metrics-app-test');
  const spans = resourceSpans.scopeSpans.flatMap((s) => s.spans);
  const server = spans.find((s) => s.name === 'GET /api/items');
  const db = spans.find((s) => s.name === 'SELECT items');
  assert.ok(server && db);
  assert.equal(db.traceId, server.traceId);
  assert.equal(db.parentSpanId, server.spanId);
  const logged = app.lines.map((l) => JSON.parse(l)).find((e) => e.route === '/api/items');
  assert.equal(logged.trace_id, server.traceId, 'the log line names the exported trace');
});

test('POST /webhook logs one line per alert of an Alertmanager notification', async (t) => {
  const app = await startApp();
  const payload = {
    version: '4',
    receiver: 'illmlab-webhook',
    status: 'firing',
    groupKey: '{}:{alertname="MetricsAppErrorRate"}',
    alerts: [
      { status: 'firing', labels: { alertname: 'MetricsAppErrorRate', severity: 'critical', namespace: 'lab-prometheus-tutorial' }, startsAt: '2026-01-01T00:00:00Z' },
      { status: 'firing', labels: { alertname: 'MetricsAppErrorRate', severity: 'warning', namespace: 'lab-prometheus-tutorial' }, startsAt: '2026-01-01T00:00:00Z' },
    ],
  };
  const res = await fetch(`${app.base}/webhook`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) });
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), { received: 2 });
  const bad = await fetch(`${app.base}/webhook`, { method: 'POST', body: 'not json' });
  assert.equal(bad.status, 400);
  await bad.arrayBuffer();
  const get = await fetch(`${app.base}/webhook`);
  assert.equal(get.status, 405);
  await get.arrayBuffer();
  await app.stop();

  const notes = app.lines.map((l) => JSON.parse(l)).filter((e) => e.msg === 'alert notification');
  assert.equal(notes.length, 2);
  assert.deepEqual(notes.map((n) => n.severity).sort(), ['critical', 'warning']);
  assert.ok(notes.every((n) => n.alertname === 'MetricsAppErrorRate' && n.receiver === 'illmlab-webhook' && n.alert_namespace === 'lab-prometheus-tutorial'));
});
