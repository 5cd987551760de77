'use strict';

// GET /api/work: configurable CPU and memory per request, for the autoscaling
// labs (hpa-tuning).
const test = require('node:test');
const assert = require('node:assert/strict');
const { startApp, scrape, value } = require('./helpers');
const { readConfig, parseWorkParams, WORK_LIMITS } = require('../src/app');

test('defaults: 10 ms CPU, no memory, no hold; env values are clamped to the bounds', () => {
  const config = readConfig({});
  assert.deepEqual([config.workCpuMs, config.workMemKb, config.workHoldMs], [10, 0, 0]);
  const custom = readConfig({ WORK_CPU_MS: '99999', WORK_MEM_KB: '-5', WORK_HOLD_MS: 'x' });
  assert.deepEqual([custom.workCpuMs, custom.workMemKb, custom.workHoldMs], [WORK_LIMITS.cpu_ms, 0, 0]);
  assert.deepEqual(WORK_LIMITS, { cpu_ms: 2000, mem_kb: 65536, hold_ms: 10000 });
});

test('parseWorkParams: whole numbers within the bounds, else a message naming the parameter and bound', () => {
  const config = readConfig({ WORK_CPU_MS: '25', WORK_MEM_KB: '128' });
  const q = (s) => parseWorkParams(new URLSearchParams(s), config);
  assert.deepEqual(q('').params, { cpu_ms: 25, mem_kb: 128, hold_ms: 0 });
  assert.deepEqual(q('cpu_ms=2000&mem_kb=65536&hold_ms=10000').params, { cpu_ms: 2000, mem_kb: 65536, hold_ms: 10000 });
  assert.deepEqual(q('cpu_ms=0&mem_kb=').params, { cpu_ms: 0, mem_kb: 128, hold_ms: 0 });
  assert.equal(q('cpu_ms=2001').error, 'cpu_ms must be a whole number from 0 to 2000, got "2001"');
  assert.equal(q('mem_kb=65537').error, 'mem_kb must be a whole number from 0 to 65536, got "65537"');
  assert.equal(q('hold_ms=10001').error, 'hold_ms must be a whole number from 0 to 10000, got "10001"');
  for (const bad of ['cpu_ms=-1', 'cpu_ms=1.5', 'cpu_ms=abc', 'cpu_ms=1e3', 'mem_kb=%20', 'hold_ms=0x10']) {
    assert.match(q(bad).error, /must be a whole number from 0 to \d+, got /, bad);
  }
});

test('GET /api/work burns about cpu_ms of CPU and reports what it did', async (t) => {
  const app = await startApp();
  t.after(() => app.stop());
  const res = await fetch(`${app.base}/api/work?cpu_ms=50&mem_kb=1024&hold_ms=20`);
  assert.equal(res.status, 200);
  const body = await res.json();
  assert.equal(body.ok, true);
  assert.equal(body.cpu_ms, 50);
  assert.equal(body.mem_kb, 1024);
  assert.equal(body.hold_ms, 20);
  // Process CPU time, not wall time: other threads (GC, I/O) add to it, so only the floor is
  // certain; and the hold is a sleep, so the request lasts at least that long.
  assert.ok(body.cpu_ms_used >= 50, `cpu_ms_used ${body.cpu_ms_used}`);
  assert.ok(body.duration_ms >= 19, `duration_ms ${body.duration_ms}`);
});

test('GET /api/work with no parameters uses WORK_* from the environment', async (t) => {
  const app = await startApp({ WORK_CPU_MS: '0', WORK_MEM_KB: '256', WORK_HOLD_MS: '30' });
  t.after(() => app.stop());
  const body = await (await fetch(`${app.base}/api/work`)).json();
  assert.deepEqual([body.cpu_ms, body.mem_kb, body.hold_ms], [0, 256, 30]);
  assert.ok(body.duration_ms >= 29, `duration_ms ${body.duration_ms}`); // the hold is a sleep
});

test('bad or out-of-bound parameters answer 400 with a clear message and do no work', async (t) => {
  const app = await startApp();
  t.after(() => app.stop());
  for (const [query, message] of [
    ['cpu_ms=5000', 'cpu_ms must be a whole number from 0 to 2000, got "5000"'],
    ['mem_kb=lots', 'mem_kb must be a whole number from 0 to 65536, got "lots"'],
    ['hold_ms=-3', 'hold_ms must be a whole number from 0 to 10000, got "-3"'],
  ]) {
    const res = await fetch(`${app.base}/api/work?${query}`);
    assert.equal(res.status, 400, query);
    assert.deepEqual(await res.json(), { error: message });
  }
});

test('/api/work is counted as route="/api/work" with its status; probes answer while it burns', async (t) => {
  const app = await startApp();
  t.after(() => app.stop());
  const before = await scrape(app.base);
  // The burn yields between 10 ms slices, so /healthz is served in the meantime: its answer
  // comes before the burn's (an order, not a time; a burn that did not yield would answer first).
  const order = [];
  const long = fetch(`${app.base}/api/work?cpu_ms=1500`).then(async (r) => {
    await r.arrayBuffer();
    order.push('work');
    return r;
  });
  await new Promise((r) => setTimeout(r, 100));
  const probe = await fetch(`${app.base}/healthz`);
  await probe.arrayBuffer();
  order.push('probe');
  assert.equal(probe.status, 200);
  assert.equal((await long).status, 200);
  assert.deepEqual(order, ['probe', 'work'], 'the probe was answered while the burn ran');
  await (await fetch(`${app.base}/api/work?cpu_ms=1`)).arrayBuffer();
  await (await fetch(`${app.base}/api/work?cpu_ms=9999`)).arrayBuffer();
  const after = await scrape(app.base);
  const ok = { route: '/api/work', status: '200' };
  const bad = { route: '/api/work', status: '400' };
  assert.equal(value(after, 'requests_total', ok) - value(before, 'requests_total', ok), 2);
  assert.equal(value(after, 'requests_total', bad) - value(before, 'requests_total', bad), 1);
  assert.equal(value(after, 'request_duration_seconds_count', ok) - value(before, 'request_duration_seconds_count', ok), 2);
  assert.equal(value(after, 'requests_total', { route: 'unmatched' }), 0);
});

test('mem_kb is allocated and touched, so the process RSS grows while the request runs', async (t) => {
  const app = await startApp();
  t.after(() => app.stop());
  const rss = async () => value(await scrape(app.base), 'process_resident_memory_bytes');
  const idle = await rss();
  const pending = fetch(`${app.base}/api/work?cpu_ms=0&mem_kb=32768&hold_ms=800`);
  await new Promise((r) => setTimeout(r, 300));
  const during = await rss();
  assert.ok(during - idle > 24 * 1024 * 1024, `RSS grew by ${Math.round((during - idle) / 1048576)} MiB, expected ~32`);
  const body = await (await pending).json();
  assert.equal(body.mem_kb, 32768);
});
