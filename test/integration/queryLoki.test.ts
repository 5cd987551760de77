import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import type { LabSession } from '../../src/kernels/session';
import { tableHtml } from '../../src/kernels/render/tableText';
import { startLokiStandin, type LokiStandin } from '../standins/lokiStandin';
import { XSS_STRINGS, xssMatrixBody, xssStreamsBody } from '../standins/lokiXss';
import { sharedDir } from '../support/paths';
import { markupOf, renderSvg } from '../unit/query/renderChart';
import { querySession, runQuery } from '../unit/query/runQuery';

const SAMPLES = join(sharedDir, 'samples', 'loki');
const NOW = Date.parse('2026-11-26T03:30:00Z');

/** LogQL cells against a STAND-IN Loki that answers with a real Loki 2.8's recorded bodies. */
describe('query: LogQL cells (stand-in Loki serving recorded Loki 2.8 answers)', function () {
  this.timeout(20_000);
  let loki: LokiStandin;
  let session: LabSession;
  const run = (source: string, attributes: Record<string, string> = {}) =>
    runQuery('logql', session, source, attributes, { executor: { now: () => NOW } });

  before(async () => {
    loki = await startLokiStandin(SAMPLES, {
      '{app="xss"}': { status: 200, contentType: 'application/json', body: xssStreamsBody() },
      'rate({app="xss"}[1m])': { status: 200, contentType: 'application/json', body: xssMatrixBody() },
      // lezer-logql knows `keep` (Loki 2.9); a Loki 2.8 rejects it with its plain-text parse error.
      '{app="metrics-app"} | keep app': {
        status: 400,
        contentType: 'application/json; charset=UTF-8',
        body: 'parse error at line 1, col 23: syntax error: unexpected IDENTIFIER',
      },
    });
  });
  after(() => loki.stop());
  beforeEach(() => {
    loki.requests.length = 0;
    session = querySession({ ILLMLAB_LOKI_URL: loki.url, APP: 'metrics-app' });
  });
  afterEach(() => session.dispose());

  it('log query: sends limit, direction and a nanosecond range; shows volume bars above lines newest first', async () => {
    const r = await run('{app="${APP}"} | json | level="warn"', { range: '1h', limit: '5', direction: 'backward' });
    assert.equal(r.result.status, 'ok', r.result.error);
    const [request] = loki.requests;
    assert.equal(request.pathname, '/loki/api/v1/query_range');
    assert.equal(request.searchParams.get('query'), '{app="metrics-app"} | json | level="warn"');
    assert.equal(request.searchParams.get('limit'), '5');
    assert.equal(request.searchParams.get('direction'), 'backward');
    assert.equal(request.searchParams.get('end'), `${NOW}000000`);
    assert.equal(request.searchParams.get('start'), `${NOW - 3_600_000}000000`);
    assert.equal(request.searchParams.get('step'), null, 'log queries have no step');

    assert.deepEqual(
      r.outputs.map((o) => o.kind),
      ['note', 'chart', 'table', 'json'],
    );
    const table = r.of('table')!;
    assert.deepEqual(
      table.rows.map((row) => row[0]),
      [
        '2026-11-26T03:22:06.343232928Z',
        '2026-11-26T03:22:01.343232928Z',
        '2026-11-26T03:21:56.343232928Z',
        '2026-11-26T03:21:51.343232928Z',
        '2026-11-26T03:21:46.343232928Z',
      ],
    );
    assert.deepEqual(new Set(table.rows.map((row) => row[1])), new Set(['warn']));
    assert.match(table.note!, /the limit of 5 lines was reached: there are earlier lines/);
    assert.match(r.notes, /log query over 1h, limit 5, backward\); endpoint from ILLMLAB_LOKI_URL/);
    const data = r.result.result as { resultType: string; stats: unknown };
    assert.equal(data.resultType, 'streams');
    assert.ok(data.stats, 'result is the data object, stats included');
  });

  it('log query without range: the last hour, said in the note; forward lists oldest first', async () => {
    const r = await run('{app="metrics-app"} | json | level="warn"', { direction: 'forward', limit: '100' });
    assert.equal(r.result.status, 'ok', r.result.error);
    assert.match(r.notes, /log query over 1h \(default for log queries\), limit 100, forward/);
    const times = r.of('table')!.rows.map((row) => String(row[0]));
    assert.deepEqual(times, [...times].sort());
    assert.equal(r.of('table')!.note, undefined, 'under the limit: nothing cut');
  });

  it('metric range query: step from range/250; the matrix (second timestamps) as a line chart and a table', async () => {
    const r = await run('rate({app="metrics-app"}[1m])', { range: '5m', step: '1m' });
    assert.equal(r.result.status, 'ok', r.result.error);
    assert.equal(loki.requests[0].searchParams.get('step'), '60');
    const points = (r.of('chart')!.spec.data as { values: Array<{ t: number; v: number }> }).values;
    assert.deepEqual(
      points.map((p) => [p.t, p.v]),
      [
        [1_795_663_140_000, 0.18333333333333332],
        [1_795_663_200_000, 1],
        [1_795_663_260_000, 1],
        [1_795_663_320_000, 1],
        [1_795_663_380_000, 0.15],
      ],
    );
    assert.deepEqual(r.of('table')!.rows, [
      ['metrics-app', 'demo', 'metrics-app-7d9f', 5, 0.15, 1, '0.15', '2026-11-26T03:23:00.000Z'],
    ]);
    const svg = await renderSvg(r.of('chart')!.spec);
    assert.equal((svg.match(/aria-roledescription="line mark"/g) ?? []).length, 1);
  });

  it('metric instant query: the vector as a table', async () => {
    const r = await run('topk(2, sum by (route) (count_over_time({app="metrics-app"} | json [10m])))');
    assert.equal(r.result.status, 'ok', r.result.error);
    assert.equal(loki.requests[0].pathname, '/loki/api/v1/query');
    assert.deepEqual(r.of('table')!.rows, [
      ['/api/items', '100'],
      ['/health', '100'],
    ]);
  });

  it('catches the recorded parse error locally, at the column Loki 2.8 gave (col 27), without asking', async () => {
    const r = await run('sum(rate({app="x"}[1m]) by');
    assert.equal(r.result.status, 'failed');
    assert.match(r.result.error!, /^LogQL syntax error at line 1, column 27 of the query: the query ends too early/);
    assert.equal(loki.requests.length, 0);
  });

  it("reports Loki's own plain-text errors (under a JSON Content-Type) as text, with a caret where Loki points", async () => {
    const r = await run('{app="metrics-app"} | keep app');
    assert.equal(r.result.status, 'failed');
    assert.equal(
      r.result.error,
      `Loki at ${loki.url} answered 400 Bad Request: parse error at line 1, col 23: syntax error: unexpected IDENTIFIER\n` +
        'Loki points at line 1, column 23 of the query\n' +
        '  {app="metrics-app"} | keep app\n' +
        '                        ^',
    );
  });

  it('checks the points-per-series limit before asking, as Loki would refuse it', async () => {
    const r = await run('rate({app="metrics-app"}[1m])', { range: '1h', step: '100ms' });
    assert.equal(r.result.status, 'failed');
    assert.match(r.result.error!, /asks for 36,001 points per series; Prometheus and Loki answer at most 11,000/);
    assert.equal(loki.requests.length, 0);
  });

  it('keeps hostile labels and lines inert: escaped in the table HTML, text in the drawn chart', async () => {
    const logs = await run('{app="xss"}');
    assert.equal(logs.result.status, 'ok', logs.result.error);
    const html = tableHtml(logs.of('table')!);
    const { tags, handlers } = markupOf(html);
    assert.deepEqual([...tags].sort(), ['caption', 'table', 'tbody', 'td', 'th', 'thead', 'tr']);
    assert.deepEqual(handlers, []);
    for (const text of XSS_STRINGS) {
      assert.ok(
        logs.of('table')!.rows.some((row) => String(row[2]).includes(JSON.stringify(text))),
        `label ${text} kept`,
      );
    }
    const rate = await run('rate({app="xss"}[1m])', { range: '5m' });
    assert.equal(rate.result.status, 'ok', rate.result.error);
    const svg = await renderSvg(rate.of('chart')!.spec);
    const drawn = markupOf(svg);
    assert.deepEqual(drawn.handlers, []);
    assert.ok(!drawn.tags.has('img') && !drawn.tags.has('script') && !drawn.tags.has('iframe'));
  });
});
