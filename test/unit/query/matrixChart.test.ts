import * as assert from 'node:assert/strict';
import { matrixTable, parseMatrix, type MatrixSeriesJson } from '../../../src/kernels/query/matrix';
import { matrixChart } from '../../../src/kernels/query/matrixChart';
import { rawMatrix } from '../../../bench/queryChart';
import { renderSvg } from './renderChart';

type Point = { s: number; t: number; v: number | null };
const pointsOf = (spec: Record<string, unknown>) => (spec.data as { values: Point[] }).values;

describe('query: matrix as a line chart and a table', () => {
  const result: MatrixSeriesJson[] = [
    {
      metric: { __name__: 'up', job: 'api', instance: 'a:9090' },
      values: [
        [1000, '1'],
        [1015, '0'],
        [1030, '1'],
      ],
    },
    {
      metric: { job: 'db' },
      values: [
        [1000, '0.5'],
        [1015, 'NaN'],
        [1030, '+Inf'],
        [1045, '2'],
      ],
    },
  ];

  it('draws one line per label set with every sample when small, series labels looked up once', () => {
    const { output, note } = matrixChart(parseMatrix(result), {
      key: 'chart',
      description: 'PromQL: up',
      stepMs: 15_000,
    });
    assert.equal(note, undefined);
    assert.deepEqual(pointsOf(output.spec).slice(0, 3), [
      { s: 0, t: 1_000_000, v: 1 },
      { s: 0, t: 1_015_000, v: 0 },
      { s: 0, t: 1_030_000, v: 1 },
    ]);
    const lookup = (output.spec.transform as Array<{ from: { data: { values: unknown[] }; fields: string[] } }>)[0];
    assert.deepEqual(lookup.from.data.values, [
      { s: 0, series: 'up{instance="a:9090", job="api"}', l0: 'up', l1: 'a:9090', l2: 'api' },
      { s: 1, series: '{job="db"}', l2: 'db' },
    ]);
    assert.deepEqual(lookup.from.fields, ['series', 'l0', 'l1', 'l2']);
    const tooltip = JSON.stringify(output.spec.layer);
    for (const name of ['__name__', 'instance', 'job', 'time (UTC)', 'value'])
      assert.ok(tooltip.includes(`"title":"${name}"`), name);
    assert.equal(
      output.fallback,
      'line chart: 2 series, 1970-01-01T00:16:40.000Z to 1970-01-01T00:17:25.000Z\n' +
        '  up{instance="a:9090", job="api"}  last 1\n' +
        '  {job="db"}  last 2\n',
    );
  });

  it('breaks a line around samples it cannot draw (NaN, +Inf) instead of bridging them', () => {
    const { output } = matrixChart(parseMatrix(result), { key: 'chart', description: 'd', stepMs: 15_000 });
    assert.deepEqual(
      pointsOf(output.spec).filter((p) => p.s === 1),
      [
        { s: 1, t: 1_000_000, v: 0.5 },
        { s: 1, t: 1_037_500, v: null },
        { s: 1, t: 1_045_000, v: 2 },
      ],
    );
  });

  it('breaks a line where samples are missing for more than 1.5 steps', () => {
    const gappy = parseMatrix([
      {
        metric: {},
        values: [
          [0, '1'],
          [15, '1'],
          [90, '2'],
          [105, '2'],
        ],
      },
    ]);
    const values = pointsOf(matrixChart(gappy, { key: 'c', description: 'd', stepMs: 15_000 }).output.spec);
    assert.deepEqual(
      values.map((p) => p.v),
      [1, 1, null, 2, 2],
    );
  });

  it('thins large results per series to a bounded number of points, and says so', function () {
    this.timeout(10_000);
    const parsed = JSON.parse(rawMatrix(100, 3_000)) as { data: { result: MatrixSeriesJson[] } };
    const { output, note } = matrixChart(parseMatrix(parsed.data.result), {
      key: 'c',
      description: 'd',
      stepMs: 15_000,
    });
    const points = pointsOf(output.spec);
    assert.equal(points.length, 30_000, '300 per series for 100 series');
    assert.match(note!, /at most 300 of up to 3,000 samples per series \(largest-triangle-three-buckets/);
    assert.ok(JSON.stringify(output.spec).length < 2_000_000, 'under 2 MB');
  });

  it('charts the first 100 series of more, and says the table has them all', () => {
    const many: MatrixSeriesJson[] = Array.from({ length: 130 }, (_, i) => ({
      metric: { i: String(i) },
      values: [[0, '1']],
    }));
    const { note } = matrixChart(parseMatrix(many), { key: 'c', description: 'd' });
    assert.match(note!, /the chart draws the first 100 of 130 series; the table lists them all/);
    assert.equal(matrixTable(parseMatrix(many)).rows.length, 130);
  });

  it('summarises each series in the table: samples, min, max, last (as sent) and when', () => {
    const table = matrixTable(parseMatrix(result));
    assert.deepEqual(table.columns, ['__name__', 'instance', 'job', 'samples', 'min', 'max', 'last', 'last at']);
    assert.deepEqual(table.rows, [
      ['up', 'a:9090', 'api', 3, 0, 1, '1', '1970-01-01T00:17:10.000Z'],
      [null, null, 'db', 4, 0.5, '+Inf', '2', '1970-01-01T00:17:25.000Z'],
    ]);
  });

  it('compiles with Vega-Lite and draws one line per series (real vega, headless)', async () => {
    const { output } = matrixChart(parseMatrix(result), { key: 'chart', description: 'd', stepMs: 15_000 });
    const svg = await renderSvg(output.spec);
    assert.equal((svg.match(/aria-roledescription="line mark"/g) ?? []).length, 2);
    assert.match(
      svg,
      /up\{instance="a:9090", job="api"\}|up\{instance=&quot;a:9090&quot;, job=&quot;api&quot;\}/,
      'legend',
    );
  });
});
