'use strict';

const http = require('node:http');
const { context, propagation, trace, SpanStatusCode } = require('@opentelemetry/api');

const TIERS = ['gold', 'silver', 'bronze'];
const SKUS = ['sku-keyboard', 'sku-mouse', 'sku-monitor', 'sku-cable'];
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const pick = (list) => list[Math.floor(Math.random() * list.length)];

class OutOfStockError extends Error {
  constructor(sku) {
    super(`not enough stock for ${sku}`);
    this.name = 'OutOfStockError';
  }
}

// Outgoing calls go through node:http so the http instrumentation creates the
// CLIENT span and injects the traceparent and baggage headers.
function callJson(target, { method = 'GET', body, timeoutMs = 5000 } = {}) {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request(target, {
      method,
      headers: payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {},
      timeout: timeoutMs,
    }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => { text += c; });
      res.on('end', () => {
        let json = null;
        try { json = JSON.parse(text); } catch { /* non-JSON upstream answer */ }
        resolve({ status: res.statusCode, body: json });
      });
    });
    req.on('timeout', () => req.destroy(new Error(`timeout calling ${target}`)));
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}

function readJson(req) {
  return new Promise((resolve, reject) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (c) => {
      text += c;
      if (text.length > 64 * 1024) req.destroy(new Error('body too large'));
    });
    req.on('end', () => {
      try { resolve(text ? JSON.parse(text) : {}); } catch (err) { reject(err); }
    });
    req.on('error', reject);
  });
}

function baggageValue(key) {
  return propagation.getBaggage(context.active())?.getEntry(key)?.value;
}

function fail(span, err) {
  span.recordException(err);
  span.setStatus({ code: SpanStatusCode.ERROR, message: err.message });
}

function buildRoutes(role, { tracer, env }) {
  const num = (name, fallback) => (env[name] !== undefined && env[name] !== '' && Number.isFinite(Number(env[name])) ? Number(env[name]) : fallback);

  if (role === 'frontend') {
    const ordersUrl = env.ORDERS_URL || 'http://orders:8080';
    return {
      '/': async () => ({ status: 200, body: { service: 'frontend', try: '/checkout?tier=gold' } }),
      // GET /checkout[?tier=gold|silver|bronze&user=<id>]
      '/checkout': async (req, url) => {
        const tier = TIERS.includes(url.searchParams.get('tier')) ? url.searchParams.get('tier') : pick(TIERS);
        const user = (url.searchParams.get('user') || `user-${Math.floor(Math.random() * 1000)}`).slice(0, 64);
        const items = 1 + Math.floor(Math.random() * 4);

        // Baggage travels with every downstream request (W3C `baggage` header);
        // orders and inventory read user.tier from it without an API change.
        const bag = propagation.createBaggage({ 'user.tier': { value: tier }, 'user.id': { value: user } });
        return context.with(propagation.setBaggage(context.active(), bag), () =>
          tracer.startActiveSpan('checkout', async (span) => {
            try {
              span.setAttributes({
                'user.id': user,
                'user.tier': tier,
                // PII on purpose: the collector's attributes processor hashes it.
                'user.email': `${user}@example.com`,
                'cart.items': items,
              });
              span.addEvent('cart.validated', { 'cart.items': items });
              const res = await callJson(`${ordersUrl}/orders`, { method: 'POST', body: { user, items, sku: pick(SKUS) } });
              const traceId = span.spanContext().traceId;
              if (res.status !== 201) {
                fail(span, new Error(`orders answered ${res.status}`));
                return { status: 502, headers: { 'x-trace-id': traceId }, body: { error: 'order failed', upstream_status: res.status, trace_id: traceId } };
              }
              span.setAttribute('order.id', res.body.order_id);
              return { status: 200, headers: { 'x-trace-id': traceId }, body: { ...res.body, tier, trace_id: traceId } };
            } catch (err) {
              fail(span, err);
              throw err;
            } finally {
              span.end();
            }
          }));
      },
    };
  }

  if (role === 'orders') {
    const inventoryUrl = env.INVENTORY_URL || 'http://inventory:8080';
    return {
      '/': async () => ({ status: 200, body: { service: 'orders', try: 'POST /orders' } }),
      '/orders': async (req) => {
        if (req.method !== 'POST') return { status: 405, body: { error: 'POST only' } };
        const order = await readJson(req);
        const tier = baggageValue('user.tier') || 'unknown';
        trace.getActiveSpan()?.setAttribute('user.tier', tier);

        const orderId = `ord-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e6).toString(36)}`;
        const priced = await tracer.startActiveSpan('price-order', async (span) => {
          const unit = 19.99;
          const discount = tier === 'gold' ? 0.1 : 0;
          const total = Math.round(unit * (order.items || 1) * (1 - discount) * 100) / 100;
          span.setAttributes({ 'order.id': orderId, 'order.items': order.items || 1, 'order.total': total, 'user.tier': tier });
          if (discount) span.addEvent('discount.applied', { 'discount.percent': discount * 100 });
          await sleep(5 + Math.random() * 20);
          span.end();
          return { total };
        });

        const sku = encodeURIComponent(order.sku || 'sku-unknown');
        const res = await callJson(`${inventoryUrl}/reserve?sku=${sku}&qty=${order.items || 1}`);
        if (res.status !== 200) {
          const span = trace.getActiveSpan();
          if (span) fail(span, new Error(`inventory answered ${res.status}`));
          return { status: 502, body: { error: 'inventory unavailable', upstream_status: res.status } };
        }
        return { status: 201, body: { order_id: orderId, total: priced.total, reserved: res.body.reserved } };
      },
    };
  }

  if (role === 'inventory') {
    const failureRate = Math.min(1, Math.max(0, num('FAILURE_RATE', 0.1)));
    return {
      '/': async () => ({ status: 200, body: { service: 'inventory', try: '/reserve?sku=sku-mouse&qty=1' } }),
      '/reserve': async (req, url) => {
        const sku = url.searchParams.get('sku') || 'sku-unknown';
        const qty = Number(url.searchParams.get('qty') || 1);
        return tracer.startActiveSpan('reserve-stock', async (span) => {
          span.setAttributes({
            'inventory.sku': sku,
            'inventory.qty': qty,
            // Read from baggage set two hops upstream by the frontend.
            'user.tier': baggageValue('user.tier') || 'unknown',
          });
          await sleep(10 + Math.random() * 40);
          try {
            if (Math.random() < failureRate) {
              const err = new OutOfStockError(sku);
              span.addEvent('stock.insufficient', { 'inventory.sku': sku });
              fail(span, err);
              return { status: 503, body: { error: err.message } };
            }
            span.addEvent('stock.reserved', { 'inventory.sku': sku, 'inventory.qty': qty });
            return { status: 200, body: { reserved: qty, sku } };
          } finally {
            span.end();
          }
        });
      },
    };
  }

  return null;
}

module.exports = { buildRoutes, OutOfStockError };
