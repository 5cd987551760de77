import * as assert from 'node:assert/strict';
import { createServer, type Server } from 'node:net';
import { ShellExecutor } from '../../src/kernels/shell/shellExecutor';
import type { LabSession } from '../../src/kernels/session';
import type { CellEvent } from '../../src/kernels/types';
import { startPrometheus, type RunningPrometheus } from '../support/prometheus';
import { querySession, runQuery } from '../unit/query/runQuery';

async function shell(session: LabSession, source: string): Promise<void> {
  const events: CellEvent[] = [];
  for await (const e of new ShellExecutor().execute(
    { id: 'sh', language: 'sh', source, attributes: {} },
    session,
    new AbortController().signal,
  )) {
    events.push(e);
  }
  const end = events.find((e) => e.kind === 'end');
  assert.equal(end && end.kind === 'end' && end.status, 'ok', JSON.stringify(events));
}

describe('query: PromQL cells against a real Prometheus', function () {
  this.timeout(30_000);
  let prom: RunningPrometheus;
  let session: LabSession;
  /** A time in the past with data on both sides: answers at it no longer change. */
  let at: number;

  before(async function () {
    this.timeout(60_000);
    prom = await startPrometheus();
    await prom.waitForSamples(12);
    at = Math.floor(Date.now() / 1000) - 3;
  });
  after(async () => prom && (await prom.stop()));
  beforeEach(() => (session = querySession({ ILLMLAB_PROMETHEUS_URL: prom.url })));
  afterEach(() => session.dispose());

  it('runs an instant query: the result is the API’s data object, shown as a table with a note saying who answered', async () => {
    const query = 'prometheus_http_requests_total';
    const run = await runQuery('promql', session, query, { end: String(at) });
    assert.equal(run.result.status, 'ok', run.result.error);
    const direct = await prom.api(`/api/v1/query?query=${encodeURIComponent(query)}&time=${at}`);
    assert.deepEqual(run.result.result, direct.data);
    assert.deepEqual(
      run.outputs.map((o) => o.kind),
      ['note', 'table', 'json'],
    );
    const table = run.of('table', 'result')!;
    const series = direct.data.result as Array<{ metric: Record<string, string>; value: [number, string] }>;
    assert.equal(table.rows.length, series.length);
    assert.deepEqual(table.columns.slice(0, 2), ['__name__', 'code']);
    assert.deepEqual(
      table.rows.map((r) => r[r.length - 1]),
      series.map((s) => s.value[1]),
      'values exactly as Prometheus wrote them',
    );
    assert.match(
      run.notes,
      new RegExp(
        `^Prometheus at ${prom.url} answered in \\d+ ms \\(instant query at .*\\); endpoint from ILLMLAB_PROMETHEUS_URL\\n`,
      ),
    );
    assert.deepEqual(run.of('json', 'raw')!.data, direct);
  });

  it('runs a range query (range, step, end): the same data as query_range, drawn as a line chart plus a table', async () => {
    const query = 'rate(prometheus_http_requests_total[5s])';
    const run = await runQuery('promql', session, query, { range: '10s', step: '1s', end: String(at) });
    assert.equal(run.result.status, 'ok', run.result.error);
    const direct = await prom.api(
      `/api/v1/query_range?query=${encodeURIComponent(query)}&start=${at - 10}&end=${at}&step=1`,
    );
    assert.deepEqual(run.result.result, direct.data);
    assert.deepEqual(
      run.outputs.map((o) => o.kind),
      ['note', 'chart', 'table', 'json'],
    );
    const series = direct.data.result as Array<{ values: unknown[] }>;
    const points = (run.of('chart')!.spec.data as { values: Array<{ v: number | null }> }).values;
    const samples = series.reduce((n, s) => n + s.values.length, 0);
    assert.equal(points.filter((p) => p.v !== null).length, samples, 'every sample drawn: nothing to thin');
    assert.equal(run.of('table')!.rows.length, series.length);
    assert.match(run.notes, /range query over 10s, step 1s\)/);
  });

  it('defaults the step to range/250 and the end to now', async () => {
    const run = await runQuery('promql', session, 'up', { range: '1h' });
    assert.equal(run.result.status, 'ok', run.result.error);
    assert.match(run.notes, /range query over 1h, step 15s \(default: range\/250\)/);
  });

  it('fills ${VAR} from what a shell cell exported in the same session', async () => {
    await shell(session, 'export JOB=prometheus METRIC=up');
    const run = await runQuery('promql', session, '${METRIC}{job="${JOB}"}');
    assert.equal(run.result.status, 'ok', run.result.error);
    const table = run.of('table')!;
    assert.deepEqual(
      table.rows.map((r) => r[table.columns.indexOf('job')]),
      ['prometheus'],
    );
  });

  it('takes the endpoint a shell cell exports (a port-forward started in the lab)', async () => {
    const other = querySession({});
    try {
      await shell(other, `export ILLMLAB_PROMETHEUS_URL=${prom.url}`);
      const run = await runQuery('promql', other, 'up');
      assert.equal(run.result.status, 'ok', run.result.error);
    } finally {
      await other.dispose();
    }
  });

  it('lets the cell’s endpoint attribute win over the session variable', async () => {
    const wrong = querySession({ ILLMLAB_PROMETHEUS_URL: 'http://127.0.0.1:1' });
    try {
      const run = await runQuery('promql', wrong, 'up', { endpoint: prom.url });
      assert.equal(run.result.status, 'ok', run.result.error);
      assert.match(run.notes, /endpoint from the cell's endpoint attribute/);
    } finally {
      await wrong.dispose();
    }
  });

  it('reports Prometheus’ own errors as it sends them, with a caret where it points', async () => {
    const run = await runQuery('promql', session, 'rate(up)');
    assert.equal(run.result.status, 'failed');
    assert.equal(
      run.result.error,
      `Prometheus at ${prom.url} answered 400 Bad Request: bad_data: invalid parameter "query": 1:6: parse error: ` +
        'expected type range vector in call to function "rate", got instant vector\n' +
        'Prometheus points at line 1, column 6 of the query\n  rate(up)\n       ^',
    );
    session.env.M = 'up';
    const inVar = await runQuery('promql', session, 'rate(${M})');
    assert.match(
      inVar.result.error!,
      /points at line 1, column 6 of the query \(in the value of \$\{M\}\)\n {2}rate\(\$\{M\}\)\n {7}\^$/,
    );
  });

  describe('checks syntax before any request', () => {
    let listener: Server;
    let connections = 0;
    let port = 0;
    before(async () => {
      listener = createServer((socket) => {
        connections++;
        socket.destroy();
      });
      await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
      port = (listener.address() as { port: number }).port;
    });
    after(() => new Promise<void>((resolve) => listener.close(() => resolve())));

    it('says line:column and puts a caret under the query, without connecting', async () => {
      const endpoint = `http://127.0.0.1:${port}`;
      const run = await runQuery('promql', session, 'sum by (job) (\n  rate(up[5m])', { endpoint });
      assert.equal(run.result.status, 'failed');
      assert.equal(
        run.result.error,
        'PromQL syntax error at line 2, column 15 of the query: the query ends too early: the "(" at 1:14 is never closed\n' +
          '    rate(up[5m])\n' +
          '                ^',
      );
      const by = await runQuery('promql', session, 'sum by (job) (\n  rate(up[5m]) by (job))', { endpoint });
      assert.match(by.result.error!, /^PromQL syntax error at line 2, column 16 of the query: unexpected "by"\n/);
      const unknown = await runQuery('promql', session, 'up{job="${NOPE}"}', { endpoint });
      assert.equal(
        unknown.result.error,
        "unknown variable ${NOPE} at line 1, column 9 of the query: export it in a shell cell or set it in the lab's env:\n" +
          '  up{job="${NOPE}"}\n' +
          '          ^',
      );
      assert.equal(connections, 0, 'no request was made');
    });
  });
});
