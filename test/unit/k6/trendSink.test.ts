import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { TrendSink } from '../../../src/kernels/k6/trendSink';
import { naivePercentile } from './k6Support';

function sinkOf(values: readonly number[]): TrendSink {
  const sink = new TrendSink();
  for (const v of values) sink.add(v);
  return sink;
}

describe('k6: trend sink (k6 TrendSink.P)', () => {
  it('edge cases as k6: no values is 0, one value is that value, p(0) is min, p(1) is max', () => {
    assert.equal(sinkOf([]).p(0.95), 0);
    assert.equal(sinkOf([]).avg, 0);
    assert.equal(sinkOf([7.5]).p(0.01), 7.5);
    assert.equal(sinkOf([7.5]).p(0.99), 7.5);
    const s = sinkOf([5, 1, 4, 2, 3]);
    assert.equal(s.p(0), 1);
    assert.equal(s.p(1), 5);
  });

  it('interpolates between the closest ranks, like k6 and unlike nearest-rank', () => {
    // 4 values: p(50) sits at rank 1.5, halfway between 20 and 30.
    assert.equal(sinkOf([40, 10, 30, 20]).p(0.5), 25);
    // p(90) of 1..10: rank 8.1 -> 9 + 0.1 * (10 - 9).
    assert.equal(sinkOf([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]).p(0.9), 9 + (10 - 9) * (0.9 * 9 - 8));
    // Two values: p(95) is 95% of the way from the smaller to the larger.
    assert.equal(sinkOf([100, 0]).p(0.95), 95);
  });

  it('count, sum, avg, min, max, negative values and repeats', () => {
    const s = sinkOf([-3, 2, 2, -7, 10]);
    assert.equal(s.count, 5);
    assert.equal(s.avg, 4 / 5);
    assert.equal(s.min, -7);
    assert.equal(s.max, 10);
    assert.equal(s.p(0.5), 2);
    const negative = sinkOf([-5, -1, -3]);
    assert.equal(negative.max, -1, 'the true max (k6 0.48 starts max at 0; see docs/k6.md)');
  });

  it('property: equals a naive sort + interpolation for any values and percentile', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e9, max: 1e9 }), { maxLength: 300 }),
        fc.constantFrom(0, 0.5, 0.9, 0.95, 0.99, 0.999, 1, 0.123),
        (values, pct) => {
          const s = sinkOf(values);
          // Equal numerically (the naive sort may order -0 and 0 differently).
          assert.ok(s.p(pct) === naivePercentile(values, pct), `${s.p(pct)} vs ${naivePercentile(values, pct)}`);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('stays right when values arrive after a percentile was asked (re-sorts)', () => {
    const s = sinkOf([3, 1, 2]);
    assert.equal(s.p(0.5), 2);
    s.add(100);
    s.add(0);
    assert.equal(s.p(0.5), naivePercentile([3, 1, 2, 100, 0], 0.5));
    assert.equal(s.max, 100);
  });

  it('grows without per-value objects: a million values in about 8 MB of Float64Array', () => {
    const s = new TrendSink();
    for (let i = 0; i < 1_000_000; i++) s.add(i % 977);
    assert.equal(s.count, 1_000_000);
    assert.ok(s.capacityBytes <= 1.5 * 8 * 1_000_000 + 8 * 1024, `${s.capacityBytes} bytes`);
    assert.equal(
      s.p(0.5),
      naivePercentile(
        Array.from({ length: 1_000_000 }, (_, i) => i % 977),
        0.5,
      ),
    );
  });
});
