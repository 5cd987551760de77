import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { K6Metrics } from '../../../src/kernels/k6/k6Metrics';
import { describeCrossed, summarize } from '../../../src/kernels/k6/k6Summary';
import { k6SummaryTable } from '../../../src/kernels/k6/k6SummaryTable';
import { k6SummaryText } from '../../../src/kernels/k6/k6SummaryText';
import { readSummaryExport } from '../../../src/kernels/k6/summaryExport';
import { k6Fixtures, k6SummaryExport, naivePercentile, naiveValues, recordingLines } from './k6Support';

function recorded(): K6Metrics {
  const metrics = new K6Metrics();
  for (const line of recordingLines()) metrics.addLine(line);
  return metrics;
}

describe('k6: end-of-test summary', () => {
  const lines = recordingLines();
  const metrics = recorded();
  const report = summarize(metrics);
  const k6 = k6SummaryExport().metrics;

  it('trends equal a naive computation from the same lines (count, avg, min, med, max, p90/95/99)', () => {
    const values = naiveValues(lines);
    let trends = 0;
    for (const [name, m] of Object.entries(report.summary.metrics)) {
      if (m.type !== 'trend') continue;
      trends++;
      const v = values.get(name)!;
      assert.equal(m.count, v.length, name);
      assert.equal(m.min, Math.min(...v), name);
      assert.equal(m.max, Math.max(...v), name);
      assert.equal(m.avg, v.reduce((a, b) => a + b, 0) / v.length, name);
      assert.equal(m.med, naivePercentile(v, 0.5), name);
      assert.equal(m['p(90)'], naivePercentile(v, 0.9), name);
      assert.equal(m['p(95)'], naivePercentile(v, 0.95), name);
      assert.equal(m['p(99)'], naivePercentile(v, 0.99), name);
    }
    assert.equal(trends, 12, 'the 10 trends and the 2 submetrics of http_req_duration');
  });

  it("equals k6's own summary of the recorded run: trends exactly, counts, rates, gauges", () => {
    const ours = report.summary.metrics;
    assert.deepEqual(Object.keys(ours).sort(), Object.keys(k6).sort());
    for (const [name, theirs] of Object.entries(k6)) {
      const m = ours[name];
      for (const stat of ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)'] as const) {
        if (stat in theirs) assert.equal(m[stat], theirs[stat], `${name} ${stat}`);
      }
      if (m.type === 'rate') {
        assert.equal(m.rate, theirs.value, `${name} rate`);
        assert.equal(m.passes, theirs.passes, `${name} passes`);
        assert.equal(m.fails, theirs.fails, `${name} fails`);
      }
      if (m.type === 'gauge') assert.deepEqual([m.value, m.min, m.max], [theirs.value, theirs.min, theirs.max], name);
      if (m.type === 'counter') {
        assert.equal(m.count, theirs.count, `${name} count`);
        // k6 divides by its own test clock, which the JSON lines do not carry: the first to
        // the last sample is within a few tenths of a percent of it.
        assert.ok(Math.abs(m.rate! / (theirs.rate as number) - 1) < 0.005, `${name} rate ${m.rate} vs ${theirs.rate}`);
      }
    }
  });

  it("thresholds: k6's verdicts (true in the export means crossed) for all that the JSON lines carry", () => {
    assert.deepEqual(report.summary.thresholds, {
      checks: { 'rate>0.5': false },
      ok_rate: { 'rate>0.95': true },
      ttfb: { 'avg<100': true },
    });
    for (const [metric, verdicts] of Object.entries(report.summary.thresholds)) {
      for (const [expr, passed] of Object.entries(verdicts)) {
        assert.equal(passed, !(k6[metric].thresholds as Record<string, boolean>)[expr], `${metric} ${expr}`);
      }
    }
    assert.equal(describeCrossed(report.crossed), 'checks: rate>0.5');
    // A threshold on a submetric is not in the JSON output: only k6's export has it.
    assert.equal(k6['http_req_duration{scenario:steady}'].thresholds !== undefined, true);
    assert.ok(!Object.keys(report.summary.thresholds).includes('http_req_duration{scenario:steady}'));
  });

  it("with k6's summary export: exact counter rates and every verdict, the submetric's too", () => {
    const exported = readSummaryExport(join(k6Fixtures, 'sample-summary.json'))!;
    const full = summarize(metrics, { durationSeconds: exported.durationSeconds, verdicts: exported.verdicts });
    for (const name of ['http_reqs', 'iterations', 'data_sent', 'data_received', 'bytes_read']) {
      const rate = full.summary.metrics[name].rate!;
      assert.ok(Math.abs(rate / (k6[name].rate as number) - 1) < 1e-12, `${name}: ${rate} vs ${k6[name].rate}`);
    }
    assert.deepEqual(full.summary.thresholds['http_req_duration{scenario:steady}'], { 'p(99)<500': true });
    assert.equal(full.durationFrom, 'k6');
  });

  it("prints k6's end-of-test text: identical to what k6 printed for the recorded run", () => {
    const exported = readSummaryExport(join(k6Fixtures, 'sample-summary.json'))!;
    const full = summarize(metrics, { durationSeconds: exported.durationSeconds, verdicts: exported.verdicts });
    const printed = readFileSync(join(k6Fixtures, 'sample-end-of-test.txt'), 'utf8');
    const k6Text = printed.slice(0, printed.indexOf('\ntime=')); // then k6's own log line
    assert.equal(k6SummaryText(full, metrics), k6Text);
  });

  it('as a table: one row per metric with k6-formatted values and ✓/✗ verdicts', () => {
    const table = k6SummaryTable(report, metrics);
    assert.deepEqual(table.columns, [
      'metric',
      'type',
      'value',
      'avg',
      'min',
      'med',
      'max',
      'p(90)',
      'p(95)',
      'p(99)',
      'thresholds',
    ]);
    const row = (name: string) => table.rows.find((r) => r[0] === name)!;
    assert.deepEqual(row('http_req_duration').slice(0, 9), [
      'http_req_duration',
      'trend',
      '2472 samples',
      '1.09ms',
      '239.15µs',
      '918.16µs',
      '9.68ms',
      '1.97ms',
      '2.41ms',
    ]);
    assert.equal(row('checks')[2], '6.10% (✓ 151 ✗ 2321)');
    assert.equal(row('checks')[10], '✗ rate>0.5');
    assert.equal(row('vus')[2], '1 (min 0, max 2)');
    assert.equal(table.title, 'k6 end-of-test summary: 1 of 3 thresholds crossed');
    assert.match(table.note!, /Rates per second over 3\.00 s, the first to the last sample/);
  });

  it('counts checks by group as k6 does', () => {
    assert.deepEqual(
      [...metrics.checks.values()].map((c) => [c.group, c.name, c.passes, c.fails]),
      [
        ['::api', 'is 200', 151, 0],
        ['', 'is 200', 0, 2321],
      ],
    );
  });

  it('a Metric line repeated, a Point of an undefined metric, an invalid line: counted, not fatal', () => {
    const m = new K6Metrics();
    const def =
      '{"type":"Metric","data":{"name":"n","type":"counter","contains":"default","thresholds":["count>1"]},"metric":"n"}';
    m.addLine(def);
    m.addLine('{"metric":"n","type":"Point","data":{"time":"2026-01-01T00:00:00Z","value":2,"tags":{}}}');
    m.addLine(def.replace('count>1', 'count>5'));
    m.addLine('{"metric":"other","type":"Point","data":{"time":"2026-01-01T00:00:01Z","value":1,"tags":{}}}');
    m.addLine('not json');
    const r = summarize(m);
    assert.deepEqual(r.summary, {
      metrics: { n: { type: 'counter', count: 2, rate: 0 } },
      thresholds: { n: { 'count>1': true } },
    });
    assert.equal(m.undefinedPoints, 1);
    assert.deepEqual(m.firstInvalid, {
      line: 5,
      problem: 'not JSON (Unexpected token \'o\', "not json" is not valid JSON)',
    });
  });
});
