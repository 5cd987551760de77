import * as assert from 'node:assert/strict';
import { K6Metrics } from '../../../src/kernels/k6/k6Metrics';
import { K6Timeline } from '../../../src/kernels/k6/k6Timeline';
import { naivePercentile, recordingLines } from './k6Support';

const T0 = Date.parse('2026-01-01T00:00:00Z');

describe('k6: per-second timeline', () => {
  it('counts requests, VUs, failures and checks per second from the recorded run', () => {
    const timeline = new K6Timeline();
    const metrics = new K6Metrics(timeline);
    const lines = recordingLines();
    for (const line of lines) metrics.addLine(line);
    const rows = timeline.rows();
    assert.deepEqual(
      rows.map((r) => r.t),
      [0, 1, 2, 3],
    );
    // Independently: http_reqs per wall-clock second, from JSON.parse.
    const perSecond = new Map<number, number>();
    const durations = new Map<number, number[]>();
    for (const line of lines) {
      const o = JSON.parse(line);
      if (o.type !== 'Point') continue;
      const second = Math.floor(Date.parse(o.data.time) / 1000);
      if (o.metric === 'http_reqs') perSecond.set(second, (perSecond.get(second) ?? 0) + o.data.value);
      if (o.metric === 'http_req_duration') durations.set(second, [...(durations.get(second) ?? []), o.data.value]);
    }
    assert.deepEqual(
      rows.map((r) => r.rps),
      [...perSecond.values()],
    );
    assert.equal(
      rows.reduce((n, r) => n + r.rps, 0),
      2472,
    );
    // Per-second percentiles from the fixed histogram: within 2.5% of the exact ones.
    [...durations.values()].forEach((values, i) => {
      for (const [pct, key] of [
        [0.5, 'p50'],
        [0.95, 'p95'],
        [0.99, 'p99'],
      ] as const) {
        const exact = naivePercentile(values, pct);
        const approx = rows[i][key]!;
        assert.ok(Math.abs(approx / exact - 1) < 0.025, `second ${i} ${key}: ${approx} vs ${exact}`);
      }
    });
    assert.deepEqual(
      rows.map((r) => r.vus),
      [null, 0, 2, 1],
    );
    assert.ok(rows.every((r) => r.failed !== null && r.checks !== null));
  });

  it('window mode: memory and rows stay fixed however long the test runs; the last N seconds are kept', () => {
    const timeline = new K6Timeline(600, 'window');
    for (let s = 0; s < 3600; s++) {
      for (let k = 0; k < 5; k++) timeline.add('http_reqs', T0 + s * 1000 + k * 100, 1);
      timeline.add('http_req_duration', T0 + s * 1000, 10 + (s % 7));
      timeline.add('vus', T0 + s * 1000, s);
    }
    const rows = timeline.rows();
    assert.equal(rows.length, 600);
    assert.equal(rows[0].t, 3000);
    assert.equal(rows[599].t, 3599);
    assert.ok(rows.every((r) => r.rps === 5));
    assert.equal(rows[599].vus, 3599);
    // A point older than the window is dropped, not counted into a newer second.
    timeline.add('http_reqs', T0 + 10 * 1000, 1);
    assert.ok(timeline.rows().every((r) => r.rps === 5));
  });

  it('window mode: skipNewest leaves out the second still filling; empty seconds show as gaps', () => {
    const timeline = new K6Timeline(10, 'window');
    timeline.add('http_reqs', T0, 1);
    timeline.add('http_reqs', T0 + 3500, 1);
    assert.deepEqual(
      timeline.rows().map((r) => [r.t, r.rps]),
      [
        [0, 1],
        [1, 0],
        [2, 0],
        [3, 1],
      ],
    );
    assert.deepEqual(
      timeline.rows(true).map((r) => r.t),
      [0, 1, 2],
    );
  });

  it('whole mode: the whole run in at most N buckets; merging keeps totals and the later VU count', () => {
    const timeline = new K6Timeline(8, 'whole');
    for (let s = 0; s < 20; s++) {
      timeline.add('http_reqs', T0 + s * 1000, 2);
      timeline.add('vus', T0 + s * 1000 + 500, s);
      timeline.add('http_req_failed', T0 + s * 1000, s % 2);
    }
    const rows = timeline.rows();
    assert.equal(timeline.bucketSeconds, 4);
    assert.deepEqual(
      rows.map((r) => r.t),
      [0, 4, 8, 12, 16],
    );
    assert.deepEqual(
      rows.map((r) => r.rps),
      [2, 2, 2, 2, 2],
    );
    assert.deepEqual(
      rows.map((r) => r.vus),
      [3, 7, 11, 15, 19],
    );
    assert.deepEqual(
      rows.map((r) => r.failed),
      [0.5, 0.5, 0.5, 0.5, 0.5],
    );
  });
});
