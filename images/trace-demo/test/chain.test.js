'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const http = require('node:http');
const path = require('node:path');
const readline = require('node:readline');
const { spawn } = require('node:child_process');

const SERVER = path.join(__dirname, '..', 'src', 'server.js');

// Starts one role on a free port (PORT=0; read back from the "listening" line).
function startRole(role, env = {}) {
  const child = spawn(process.execPath, [SERVER], {
    env: { PATH: process.env.PATH, ROLE: role, PORT: '0', HOST: '127.0.0.1', DEBUG_SPANS: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines = [];
  let stderr = '';
  child.stderr.on('data', (c) => { stderr += c; });
  const exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${role} did not start: ${stderr}`)), 10000);
    child.once('exit', (code) => reject(new Error(`${role} exited with ${code}: ${stderr}`)));
    readline.createInterface({ input: child.stdout }).on('line', (line) => {
      lines.push(line);
      if (lines.length === 1) {
        clearTimeout(timer);
        const { port } = JSON.parse(line);
        resolve({
          role,
          base: `http://127.0.0.1:${port}`,
          lines,
          logs: () => lines.map((l) => JSON.parse(l)),
          stop: () => { if (child.exitCode === null) child.kill('SIGTERM'); return exited; },
        });
      }
    });
  });
}

async function startChain(inventoryEnv = {}) {
  const inventory = await startRole('inventory', inventoryEnv);
  const orders = await startRole('orders', { INVENTORY_URL: inventory.base });
  const frontend = await startRole('frontend', { ORDERS_URL: orders.base });
  return { frontend, orders, inventory, stop: () => Promise.all([frontend.stop(), orders.stop(), inventory.stop()]) };
}

const spansOf = async (svc) => (await fetch(`${svc.base}/debug/spans`)).json();

async function eventually(fn, timeout = 5000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

test('a checkout travels frontend -> orders -> inventory in one trace with baggage', async (t) => {
  const chain = await startChain({ FAILURE_RATE: '0' });
  t.after(() => chain.stop());

  const res = await fetch(`${chain.frontend.base}/checkout?tier=gold&user=alice`);
  assert.equal(res.status, 200);
  const body = await res.json();
  assert.match(body.order_id, /^ord-/);
  assert.equal(body.tier, 'gold');
  assert.match(body.trace_id, /^[0-9a-f]{32}$/);
  assert.equal(res.headers.get('x-trace-id'), body.trace_id);
  const traceId = body.trace_id;

  const fe = await spansOf(chain.frontend);
  const ord = await spansOf(chain.orders);
  const inv = await eventually(async () => {
    const spans = await spansOf(chain.inventory);
    return spans.length >= 2 ? spans : null;
  });
  for (const spans of [fe, ord, inv]) assert.ok(spans.every((s) => s.traceId === traceId), 'every span is in the checkout trace');

  // Auto-instrumentation: SERVER and CLIENT spans from the http instrumentation.
  const byName = (spans, name) => spans.find((s) => s.name === name);
  const feServer = byName(fe, 'GET /checkout');
  const checkout = byName(fe, 'checkout');
  const feClient = fe.find((s) => s.scope === '@opentelemetry/instrumentation-http' && s.kind === 2);
  const ordServer = byName(ord, 'POST /orders');
  const priceOrder = byName(ord, 'price-order');
  const ordClient = ord.find((s) => s.scope === '@opentelemetry/instrumentation-http' && s.kind === 2);
  const invServer = byName(inv, 'GET /reserve');
  const reserve = byName(inv, 'reserve-stock');
  for (const s of [feServer, checkout, feClient, ordServer, priceOrder, ordClient, invServer, reserve]) assert.ok(s, 'expected span present');
  assert.equal(feServer.scope, '@opentelemetry/instrumentation-http');

  // Parent/child chain across processes: W3C traceparent did its job.
  assert.equal(checkout.parentSpanId, feServer.spanId);
  assert.equal(feClient.parentSpanId, checkout.spanId);
  assert.equal(ordServer.parentSpanId, feClient.spanId);
  assert.equal(priceOrder.parentSpanId, ordServer.spanId);
  assert.equal(invServer.parentSpanId, ordClient.spanId);
  assert.equal(reserve.parentSpanId, invServer.spanId);

  // Manual spans: attributes and events.
  assert.equal(checkout.attributes['user.tier'], 'gold');
  assert.equal(checkout.attributes['user.email'], 'alice@example.com');
  assert.deepEqual(checkout.events.map((e) => e.name), ['cart.validated']);
  assert.equal(priceOrder.attributes['order.id'], body.order_id);
  assert.ok(priceOrder.events.some((e) => e.name === 'discount.applied'), 'gold tier gets a discount event');
  assert.ok(reserve.events.some((e) => e.name === 'stock.reserved'));

  // Baggage set at the frontend is read two hops downstream.
  assert.equal(ordServer.attributes['user.tier'], 'gold');
  assert.equal(reserve.attributes['user.tier'], 'gold');

  // Logs of all three services carry the same trace id.
  const requestLogs = [chain.frontend, chain.orders, chain.inventory].map((svc) => svc.logs().find((e) => e.msg === 'request served'));
  assert.deepEqual(requestLogs.map((e) => e.trace_id), [traceId, traceId, traceId]);
  assert.deepEqual(requestLogs.map((e) => e.service), ['frontend', 'orders', 'inventory']);
  assert.equal(requestLogs[2].user_tier, 'gold');
});

test('an inventory failure is an error span with an exception event and a 502 at the frontend', async (t) => {
  const chain = await startChain({ FAILURE_RATE: '1' });
  t.after(() => chain.stop());

  const res = await fetch(`${chain.frontend.base}/checkout?tier=bronze`);
  assert.equal(res.status, 502);
  const body = await res.json();

  const inv = await eventually(async () => {
    const spans = await spansOf(chain.inventory);
    return spans.find((s) => s.name === 'reserve-stock') ? spans : null;
  });
  const reserve = inv.find((s) => s.name === 'reserve-stock');
  assert.equal(reserve.status.code, 2, 'SpanStatusCode.ERROR');
  assert.ok(reserve.events.some((e) => e.name === 'exception' && e.attributes['exception.type'] === 'OutOfStockError'));
  assert.ok(reserve.events.some((e) => e.name === 'stock.insufficient'));
  assert.equal(reserve.attributes['user.tier'], 'bronze');

  const fe = await spansOf(chain.frontend);
  const checkout = fe.find((s) => s.name === 'checkout');
  assert.equal(checkout.status.code, 2);
  assert.equal(checkout.traceId, body.trace_id);
  const errorLog = chain.orders.logs().find((e) => e.level === 'error');
  assert.equal(errorLog.trace_id, body.trace_id);
});

test('spans are exported over OTLP/HTTP when OTEL_EXPORTER_OTLP_ENDPOINT is set', async (t) => {
  const received = [];
  const collector = http.createServer((req, res) => {
    let text = '';
    req.on('data', (c) => { text += c; });
    req.on('end', () => { received.push({ url: req.url, text }); res.writeHead(200); res.end('{}'); });
  });
  await new Promise((resolve) => collector.listen(0, '127.0.0.1', resolve));
  t.after(() => collector.close());

  const inventory = await startRole('inventory', {
    FAILURE_RATE: '0',
    DEBUG_SPANS: '0',
    OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${collector.address().port}`,
    OTEL_BSP_SCHEDULE_DELAY: '100',
  });
  t.after(() => inventory.stop());
  const res = await fetch(`${inventory.base}/reserve?sku=sku-mouse&qty=2`, {
    headers: { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01', baggage: 'user.tier=silver' },
  });
  assert.equal(res.status, 200);
  await res.arrayBuffer();

  const post = await eventually(() => received.find((r) => r.url === '/v1/traces' && r.text.includes('reserve-stock')));
  const spans = JSON.parse(post.text).resourceSpans.flatMap((rs) => rs.scopeSpans.flatMap((ss) => ss.spans));
  assert.ok(spans.every((s) => s.traceId === '0af7651916cd43dd8448eb211c80319c'), 'continues the caller trace');
  const reserve = spans.find((s) => s.name === 'reserve-stock');
  const tier = reserve.attributes.find((a) => a.key === 'user.tier');
  assert.equal(tier.value.stringValue, 'silver', 'baggage header is read');
});

test('an unknown ROLE exits with an error', async () => {
  const child = spawn(process.execPath, [SERVER], { env: { PATH: process.env.PATH, ROLE: 'billing', PORT: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
  const code = await new Promise((resolve) => child.once('exit', resolve));
  assert.equal(code, 2);
});
