import * as assert from 'node:assert/strict';
import { CounterSink, GaugeSink, RateSink, TrendMetricSink, type Sink } from '../../../src/kernels/k6/metricSinks';
import { evaluateThreshold, parseThreshold } from '../../../src/kernels/k6/thresholds';

function filled<T extends Sink>(sink: T, values: number[]): T {
  for (const v of values) sink.add(v);
  return sink;
}

describe('k6: thresholds', () => {
  it('reads expressions the way k6 does (operators, spaces, percentiles)', () => {
    assert.deepEqual(parseThreshold('p(95)<500'), { method: 'p', percentile: 95, operator: '<', value: 500 });
    assert.deepEqual(parseThreshold('p(99.9) <= 1.5'), { method: 'p', percentile: 99.9, operator: '<=', value: 1.5 });
    assert.deepEqual(parseThreshold('rate>=0.95'), { method: 'rate', operator: '>=', value: 0.95 });
    assert.deepEqual(parseThreshold(' count > 100 '), { method: 'count', operator: '>', value: 100 });
    assert.deepEqual(parseThreshold('value===3'), { method: 'value', operator: '===', value: 3 });
    assert.deepEqual(parseThreshold('med==2'), { method: 'med', operator: '==', value: 2 });
    assert.deepEqual(parseThreshold('max!=0'), { method: 'max', operator: '!=', value: 0 });
  });

  it('rejects malformed expressions, saying what is wrong', () => {
    assert.throws(() => parseThreshold('p95<500'), /"p95" is not one of count, rate/);
    assert.throws(() => parseThreshold('avg<fast'), /"fast" is not a number/);
    assert.throws(() => parseThreshold('avg'), /no comparison/);
    assert.throws(() => parseThreshold('p(x)<1'), /"p\(x\)"/);
  });

  it('trends: avg, min, max, med and p(N) with k6 percentiles', () => {
    const t = filled(new TrendMetricSink(), [1, 2, 3, 4, 100]);
    const check = (expr: string) => evaluateThreshold(expr, t, 1);
    assert.deepEqual(check('avg<30'), { passed: true, actual: 22 });
    assert.deepEqual(check('avg<20'), { passed: false, actual: 22 });
    assert.deepEqual(check('min>=1'), { passed: true, actual: 1 });
    assert.deepEqual(check('max<=99'), { passed: false, actual: 100 });
    assert.deepEqual(check('med==3'), { passed: true, actual: 3 });
    // p(95) of 5 values: rank 0.95 * 4 = 3.8, so 4 + (100 - 4) * 0.8, in k6's float steps.
    const p95 = 4 + (100 - 4) * (0.95 * 4 - Math.floor(0.95 * 4));
    assert.deepEqual(check('p(95)<80'), { passed: false, actual: p95 });
    assert.deepEqual(check('p(95)<81'), { passed: true, actual: p95 });
  });

  it('rates, counters (count and rate over the duration) and gauges (last value)', () => {
    const failed = filled(new RateSink(), [0, 0, 1, 0]);
    assert.deepEqual(evaluateThreshold('rate<0.01', failed, 1), { passed: false, actual: 0.25 });
    assert.deepEqual(evaluateThreshold('rate<0.3', failed, 1), { passed: true, actual: 0.25 });
    const reqs = filled(new CounterSink(), [1, 1, 1, 1, 1, 1]);
    assert.deepEqual(evaluateThreshold('count>100', reqs, 3), { passed: false, actual: 6 });
    assert.deepEqual(evaluateThreshold('rate>=2', reqs, 3), { passed: true, actual: 2 });
    const vus = filled(new GaugeSink(), [5, 9, 2]);
    assert.deepEqual(evaluateThreshold('value<3', vus, 1), { passed: true, actual: 2 });
  });

  it('an aggregation the metric type does not have fails, saying which it has', () => {
    const outcome = evaluateThreshold('p(95)<1', filled(new RateSink(), [1]), 1);
    assert.equal(outcome.passed, false);
    assert.ok('error' in outcome && /a rate has no "p" \(it has rate\)/.test(outcome.error));
  });

  it('a rate with no samples fails every comparison, as in k6 (NaN)', () => {
    assert.equal(evaluateThreshold('rate<1', new RateSink(), 1).passed, false);
    assert.equal(evaluateThreshold('rate>=0', new RateSink(), 1).passed, false);
  });
});
