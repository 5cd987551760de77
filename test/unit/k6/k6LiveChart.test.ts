import * as assert from 'node:assert/strict';
import { chartToSvg } from '../../../src/kernels/k6/chartSvg';
import { k6Chart } from '../../../src/kernels/k6/k6LiveChart';
import { K6Metrics } from '../../../src/kernels/k6/k6Metrics';
import { K6Timeline, type TimelineRow } from '../../../src/kernels/k6/k6Timeline';
import { recordingLines } from './k6Support';

function row(t: number, over: Partial<TimelineRow> = {}): TimelineRow {
  return { t, width: 1, vus: 10, rps: 250, p50: 12.34, p95: 40.1, p99: 80.2, failed: 0.004, checks: 0.996, ...over };
}

describe('k6: chart spec', () => {
  it('is a Vega-Lite spec with the data inline that vega draws to SVG headless', async function () {
    this.timeout(20_000);
    const metrics = new K6Metrics(new K6Timeline());
    for (const line of recordingLines()) metrics.addLine(line);
    const { spec } = k6Chart(metrics.timelineRows(), 'k6 run');
    assert.equal((spec.data as { values: unknown[] }).values.length, 4);
    const svg = await chartToSvg(spec);
    assert.match(svg, /^<svg /);
    for (const title of ['VUs', 'requests/s', 'http_req_duration (ms)', 'failed requests · checks passed']) {
      assert.ok(svg.includes(`>${title}</text>`), `panel "${title}" missing`);
    }
    assert.ok((svg.match(/<path/g) ?? []).length >= 8, 'lines and areas were drawn');
  });

  it('the text fallback sums up the latest second', () => {
    const { fallback } = k6Chart([row(0), row(1, { rps: 312.04, vus: 12 })], 'k6 run (live)');
    assert.equal(
      fallback,
      'k6 run (live): 2 s · 12 VUs · 312 req/s · http_req_duration p50=12.34ms p95=40.1ms p99=80.2ms · failed 0.40% · checks 99.60%\n',
    );
    assert.equal(k6Chart([], 'k6').fallback, 'k6: no samples yet');
    const quiet = k6Chart([row(0, { vus: null, p50: null, p95: null, p99: null, failed: null, checks: null })], 'k6');
    assert.equal(quiet.fallback, 'k6: 1 s · 250 req/s\n');
  });

  it('its size is bounded by the timeline: 600 buckets at most, a few values each', () => {
    const rows = Array.from({ length: 600 }, (_, i) => row(i, { rps: 1234.5678, p50: 1.23456789 }));
    const { spec } = k6Chart(rows, 'k6');
    const bytes = JSON.stringify(spec).length;
    assert.ok(bytes < 100_000, `${bytes} bytes`);
    const first = (spec.data as { values: Array<Record<string, unknown>> }).values[0];
    assert.deepEqual(first, {
      t: 0,
      vus: 10,
      rps: 1234.57,
      p50: 1.235,
      p95: 40.1,
      p99: 80.2,
      failed: 0.004,
      checks: 0.996,
    });
  });

  it('VUs, a gauge, hold their last value through buckets without a sample; integer ticks', async function () {
    this.timeout(20_000);
    const rows = [row(0, { vus: 0 }), row(1, { vus: 5 }), row(2, { vus: null }), row(3, { vus: null }), row(4)];
    const { spec } = k6Chart(rows, 'k6');
    const values = (spec.data as { values: Array<{ vus: number | null }> }).values;
    assert.deepEqual(
      values.map((v) => v.vus),
      [0, 5, 5, 5, 10],
    );
    const first = k6Chart([row(0, { vus: null }), row(1, { vus: 3 })], 'k6').spec.data as {
      values: Array<{ vus: number | null }>;
    };
    assert.equal(first.values[0].vus, null, 'nothing is invented before the first sample');
    // All-zero VUs (a run's first second) get integer ticks, not "0.000000".
    const svg = await chartToSvg(k6Chart([row(0, { vus: 0 }), row(1, { vus: 0 })], 'k6').spec);
    assert.ok(!svg.includes('0.000000'), 'the VUs axis labels are integers');
  });
});
