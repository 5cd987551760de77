import * as assert from 'node:assert/strict';
import { lttbIndices } from '../../../src/kernels/query/lttb';

describe('query: LTTB thinning', () => {
  const line = (n: number, f: (i: number) => number) => ({
    xs: Float64Array.from({ length: n }, (_, i) => i * 1000),
    ys: Float64Array.from({ length: n }, (_, i) => f(i)),
  });

  it('keeps exactly threshold points, in order, first and last included', () => {
    const { xs, ys } = line(10_000, (i) => Math.sin(i / 100));
    const kept = [...lttbIndices(xs, ys, 500)];
    assert.equal(kept.length, 500);
    assert.equal(kept[0], 0);
    assert.equal(kept[499], 9999);
    for (let i = 1; i < kept.length; i++) assert.ok(kept[i] > kept[i - 1], 'strictly increasing');
  });

  it('keeps a one-sample spike and dip that averaging would flatten', () => {
    const { xs, ys } = line(10_000, (i) => (i === 4321 ? 100 : i === 7777 ? -50 : 1));
    const kept = lttbIndices(xs, ys, 100);
    assert.ok(kept.includes(4321), 'the spike stays');
    assert.ok(kept.includes(7777), 'the dip stays');
  });

  it('follows the shape: every tooth of a sawtooth stays tall', () => {
    const { xs, ys } = line(5000, (i) => i % 250);
    const kept = [...lttbIndices(xs, ys, 200)];
    for (let tooth = 0; tooth < 20; tooth++) {
      const inTooth = kept.filter((i) => Math.floor(i / 250) === tooth).map((i) => ys[i]);
      assert.ok(Math.max(...inTooth) >= 225, `tooth ${tooth} peaks at ${Math.max(...inTooth)} of 249`);
    }
  });

  it('returns everything when there is room, and the ends for tiny thresholds', () => {
    const { xs, ys } = line(5, (i) => i);
    assert.deepEqual([...lttbIndices(xs, ys, 5)], [0, 1, 2, 3, 4]);
    assert.deepEqual([...lttbIndices(xs, ys, 50)], [0, 1, 2, 3, 4]);
    assert.deepEqual([...lttbIndices(xs, ys, 2)], [0, 4]);
    assert.deepEqual([...lttbIndices(new Float64Array(0), new Float64Array(0), 10)], []);
  });
});
