import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { logLevel } from '../../../src/kernels/query/logLevel';
import { logEntries, logTable, type StreamJson } from '../../../src/kernels/query/logTable';
import { logVolumeChart } from '../../../src/kernels/query/logVolumeChart';
import { isoFromNs } from '../../../src/kernels/query/timeFormat';
import { readRecording } from '../../standins/lokiStandin';
import { sharedDir } from '../../support/paths';
import { renderSvg } from './renderChart';

const recorded = JSON.parse(readRecording(join(sharedDir, 'samples', 'loki'), 'streams-parsed').body) as {
  data: { result: StreamJson[] };
};
const streams = recorded.data.result;

describe('query: log streams (recorded Loki 2.8 answer)', () => {
  it('lists lines newest first with all nine digits of their nanosecond time', () => {
    const entries = logEntries(streams, 'backward');
    assert.deepEqual(
      entries.map((e) => e.ns),
      [
        '1795663326343232928',
        '1795663321343232928',
        '1795663316343232928',
        '1795663311343232928',
        '1795663306343232928',
      ],
    );
    const table = logTable(streams, entries);
    assert.deepEqual(table.columns, ['time', 'level', 'labels', 'line']);
    assert.equal(table.rows[0][0], '2026-11-26T03:22:06.343232928Z');
    assert.equal(table.rows[0][1], 'warn');
    assert.equal(
      table.rows[0][3],
      '{"level": "warn", "msg": "request served", "route": "/api/items", "duration_ms": 34, "status": 200}',
    );
    // Labels every stream shares are said once; each row shows what sets its stream apart.
    assert.match(table.title!, /^5 log lines from 5 streams; every stream has \{app="metrics-app", level="warn",/);
    assert.equal(table.rows[0][2], '{duration_ms="34", route="/api/items"}');
  });

  it('lists oldest first for direction=forward', () => {
    const entries = logEntries(streams, 'forward');
    assert.equal(entries[0].ns, '1795663306343232928');
    assert.equal(entries[4].ns, '1795663326343232928');
  });

  it('keeps nanosecond order exact where a Number would not', () => {
    const close: StreamJson[] = [
      { stream: { a: '1' }, values: [['1795663306343232929', 'later by 1 ns']] },
      { stream: { a: '2' }, values: [['1795663306343232928', 'earlier']] },
    ];
    assert.deepEqual(
      logEntries(close, 'backward').map((e) => e.line),
      ['later by 1 ns', 'earlier'],
    );
    assert.equal(isoFromNs('1795663306343232929'), '2026-11-26T03:21:46.343232929Z');
  });

  it('finds the level in labels, JSON, logfmt or a level word; unknown otherwise', () => {
    assert.equal(logLevel({ level: 'WARNING' }, 'anything'), 'warn');
    assert.equal(logLevel({ detected_level: 'error' }, ''), 'error');
    assert.equal(logLevel({}, '{"ts":1,"level":"debug","msg":"x"}'), 'debug');
    assert.equal(logLevel({}, 'ts=1 level=err msg="disk full"'), 'error');
    assert.equal(logLevel({}, '2026-11-26 03:00:00 FATAL out of memory'), 'critical');
    assert.equal(logLevel({}, '[INFO] started'), 'info');
    assert.equal(logLevel({}, 'GET /information 200'), 'unknown');
  });

  it('draws a log volume chart: bars per time bucket stacked by level, counting every line', async () => {
    const entries = logEntries(streams, 'backward');
    const chart = logVolumeChart(entries, 'chart', 'LogQL: {app="metrics-app"}');
    const values = (chart.spec.data as { values: Array<{ lines: number; level: string }> }).values;
    assert.equal(
      values.reduce((n, v) => n + v.lines, 0),
      5,
    );
    assert.deepEqual(new Set(values.map((v) => v.level)), new Set(['warn']));
    assert.equal(
      chart.fallback,
      'log volume: 5 lines (warn 5) from 2026-11-26T03:21:46.343Z to 2026-11-26T03:22:06.343Z\n',
    );
    const svg = await renderSvg(chart.spec);
    assert.equal((svg.match(/aria-roledescription="bar"/g) ?? []).length, 5, 'one bar per 5 s bucket');
    assert.match(svg, /from \(UTC\): 2026-11-26 03:21:46\.000/, 'tooltip times in UTC');
  });
});
