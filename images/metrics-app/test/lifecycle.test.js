'use strict';

// APP_VERSION, STARTUP_DELAY_MS and graceful shutdown (SHUTDOWN_DELAY_MS): what
// the rolling-update lab relies on.
const test = require('node:test');
const assert = require('node:assert/strict');
const http = require('node:http');
const { startApp, scrape, waitFor } = require('./helpers');
const { readConfig, createLifecycle } = require('../src/app');

// One request on its own connection (no keep-alive agent), so that a request
// sent after SIGTERM really opens a new connection.
function get(base, path) {
  return new Promise((resolve, reject) => {
    http
      .get(`${base}${path}`, { agent: false }, (res) => {
        let body = '';
        res.on('data', (c) => {
          body += c;
        });
        res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body }));
      })
      .on('error', reject);
  });
}

test('defaults keep the old behaviour: version 1.0.0, no startup or shutdown delay', () => {
  const config = readConfig({});
  assert.equal(config.appVersion, '1.0.0');
  assert.equal(config.startupDelayMs, 0);
  assert.equal(config.shutdownDelayMs, 0);
  assert.equal(createLifecycle(config).starting, false);
  const custom = readConfig({ APP_VERSION: '2.1.0', STARTUP_DELAY_MS: '1500', SHUTDOWN_DELAY_MS: 'x' });
  assert.deepEqual([custom.appVersion, custom.startupDelayMs, custom.shutdownDelayMs], ['2.1.0', 1500, 0]);
});

test('lifecycle: starting until the delay has passed, draining after drain()', () => {
  let t = 1000;
  const lifecycle = createLifecycle({ startupDelayMs: 500 }, () => t);
  assert.equal(lifecycle.starting, true);
  t = 1499;
  assert.equal(lifecycle.starting, true);
  t = 1500;
  assert.equal(lifecycle.starting, false);
  assert.equal(lifecycle.draining, false);
  lifecycle.drain();
  assert.equal(lifecycle.draining, true);
});

test('APP_VERSION: x-app-version on every response and app_info{version} = 1', async (t) => {
  const app = await startApp({ APP_VERSION: '2.3.4' });
  t.after(() => app.stop());
  for (const path of ['/', '/api/items', '/healthz', '/readyz', '/metrics', '/nope']) {
    const res = await fetch(app.base + path);
    await res.arrayBuffer();
    assert.equal(res.headers.get('x-app-version'), '2.3.4', path);
  }
  const m = await scrape(app.base);
  assert.equal(m.types.app_info, 'gauge');
  const info = m.samples.filter((s) => s.name === 'app_info');
  assert.deepEqual(info, [{ name: 'app_info', labels: { version: '2.3.4' }, value: 1 }]);
  const counter = m.samples.find((s) => s.name === 'requests_total' && s.labels.route === '/api/items');
  assert.deepEqual(
    Object.keys(counter.labels).sort(),
    ['method', 'route', 'status'],
    'no version label on requests_total',
  );
});

test('default version is 1.0.0 and /readyz is 200 at once', async (t) => {
  const app = await startApp();
  t.after(() => app.stop());
  const res = await get(app.base, '/readyz');
  assert.equal(res.status, 200);
  assert.equal(res.headers['x-app-version'], '1.0.0');
  assert.equal(JSON.parse(app.lines[0]).version, '1.0.0');
});

test('STARTUP_DELAY_MS: listens at once; /readyz and /api/* 503 until the delay has passed, /healthz 200', async (t) => {
  const app = await startApp({ STARTUP_DELAY_MS: '1500' });
  t.after(() => app.stop());
  const started = Date.now();
  assert.equal((await get(app.base, '/healthz')).status, 200);
  const early = await get(app.base, '/readyz');
  assert.equal(early.status, 503);
  assert.equal(early.body, 'starting\n');
  assert.equal((await get(app.base, '/api/items')).status, 503);
  assert.equal((await get(app.base, '/metrics')).status, 200, 'metrics are scrapeable while starting');

  await waitFor(async () => (await get(app.base, '/readyz')).status === 200, { timeout: 5000, interval: 100 });
  assert.ok(Date.now() - started >= 1000, 'ready only after the delay');
  assert.equal((await get(app.base, '/api/items')).status, 200);

  const m = await scrape(app.base);
  const starting = m.samples.find(
    (s) => s.name === 'requests_total' && s.labels.route === '/readyz' && s.labels.status === '503',
  );
  assert.ok(starting && starting.value >= 1, 'probe answers are counted by status');
});

test('SIGTERM with SHUTDOWN_DELAY_MS: /readyz turns 503 at once, in-flight and new requests still complete, then exit 0', async (t) => {
  const app = await startApp({ SHUTDOWN_DELAY_MS: '1000', SLOW_MS: '600' });
  t.after(() => app.stop());
  assert.equal((await get(app.base, '/readyz')).status, 200);

  const inflight = get(app.base, '/api/slow'); // 300-900 ms
  await new Promise((r) => setTimeout(r, 100));
  const signalled = Date.now();
  app.child.kill('SIGTERM');
  await waitFor(() => app.lines.some((l) => JSON.parse(l).msg === 'shutting down'));

  const readyz = await get(app.base, '/readyz');
  assert.equal(readyz.status, 503);
  assert.equal(readyz.body, 'shutting down\n');
  assert.equal(readyz.headers.connection, 'close', 'keep-alive clients are told to go elsewhere');
  assert.equal((await get(app.base, '/healthz')).status, 200, 'liveness stays 200 while draining');
  assert.equal((await get(app.base, '/api/items')).status, 200, 'still serving during the shutdown delay');

  const slow = await inflight;
  assert.equal(slow.status, 200, 'the in-flight request completes');
  const { code } = await app.stop();
  assert.equal(code, 0);
  assert.ok(Date.now() - signalled >= 950, 'the server waited SHUTDOWN_DELAY_MS before closing');
  await assert.rejects(get(app.base, '/healthz'), /ECONNREFUSED/);
});

test('SIGTERM without a delay (the default): stops accepting at once, the in-flight request still completes with 200', async (t) => {
  const app = await startApp({ SLOW_MS: '600' });
  t.after(() => app.stop());
  const inflight = get(app.base, '/api/slow');
  await waitFor(() => app.lines.length >= 1);
  await new Promise((r) => setTimeout(r, 100));
  app.child.kill('SIGTERM');
  const slow = await inflight;
  assert.equal(slow.status, 200);
  assert.equal(slow.headers.connection, 'close');
  assert.ok(JSON.parse(slow.body).ok);
  const { code } = await app.stop();
  assert.equal(code, 0);
  const served = app.lines.map((l) => JSON.parse(l)).find((e) => e.route === '/api/slow');
  assert.equal(served.status, 200);
});
