import * as assert from 'node:assert/strict';
import { defaultStepMs, formatDuration, queryTime } from '../../../src/kernels/query/timeRange';

const NOW = Date.parse('2026-11-26T04:00:00Z');

describe('query: time range and step', () => {
  it('defaults the step to range/250 rounded up to a readable step, at least 1s', () => {
    const cases: Array<[string, number]> = [
      ['1m', 1000],
      ['5m', 2000],
      ['30m', 10_000],
      ['1h', 15_000],
      ['6h', 120_000],
      ['7d', 3_600_000],
      ['30d', 10_800_000],
      ['365d', 172_800_000],
    ];
    for (const [range, step] of cases) {
      const r = queryTime({ range }, NOW);
      assert.ok(!('error' in r) && r.kind === 'range', range);
      assert.equal(r.stepMs, step, range);
      assert.equal(defaultStepMs(r.end - r.start), step);
    }
  });

  it('is instant without range (at end when given), a range ending at end or now with one', () => {
    assert.deepEqual(queryTime({}, NOW), { kind: 'instant', time: undefined });
    assert.deepEqual(queryTime({ end: '1795600000' }, NOW), { kind: 'instant', time: 1_795_600_000_000 });
    assert.deepEqual(queryTime({ range: '30m', step: '15s', end: '2026-11-26T03:00:00Z' }, NOW), {
      kind: 'range',
      start: Date.parse('2026-11-26T02:30:00Z'),
      end: Date.parse('2026-11-26T03:00:00Z'),
      stepMs: 15_000,
      defaultStep: false,
    });
    const r = queryTime({ range: '1h' }, NOW);
    assert.ok(!('error' in r) && r.kind === 'range');
    assert.equal(r.end, NOW);
    assert.deepEqual(queryTime({}, NOW, 3_600_000), {
      kind: 'range',
      start: NOW - 3_600_000,
      end: NOW,
      stepMs: 15_000,
      defaultStep: true,
    });
  });

  it('refuses what the APIs would refuse, saying why', () => {
    assert.match((queryTime({ step: '15s' }, NOW) as { error: string }).error, /"step" needs a "range"/);
    assert.match((queryTime({ range: '1h', step: '100ms' }, NOW) as { error: string }).error, /36,001 points.*11,000/);
    assert.match((queryTime({ range: 'soon' }, NOW) as { error: string }).error, /"range" must be a duration/);
    assert.match((queryTime({ end: 'yesterday' }, NOW) as { error: string }).error, /"end" must be/);
    assert.match((queryTime({ range: true }, NOW) as { error: string }).error, /needs a value/);
  });

  it('writes durations the short way', () => {
    assert.equal(formatDuration(15_000), '15s');
    assert.equal(formatDuration(5_400_000), '1h30m');
    assert.equal(formatDuration(250), '250ms');
    assert.equal(formatDuration(90_061_000), '1d1h1m1s');
  });
});
