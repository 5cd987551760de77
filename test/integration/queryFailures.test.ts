import * as assert from 'node:assert/strict';
import { createServer as createHttpServer } from 'node:http';
import { createServer, type Server, type Socket } from 'node:net';
import type { LabSession } from '../../src/kernels/session';
import { freePort } from '../support/prometheus';
import { startKubeApiStandin, type KubeApiStandin } from '../standins/kubeApiStandin';
import { querySession, runQuery } from '../unit/query/runQuery';

/** Servers that fail the ways real endpoints do: accept and never answer; answer with a proxy's page. */
async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}

const NGINX_502 =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n' +
  '<hr><center>nginx/1.25.3</center>\r\n</body>\r\n</html>\r\n';

describe('query: failures say what and where', function () {
  this.timeout(20_000);
  let session: LabSession;
  const sockets = new Set<Socket>();
  const hanging = createServer((s) => {
    sockets.add(s); // accepts, reads the request, never answers
    s.on('close', () => sockets.delete(s));
  });
  const badGateway = createHttpServer((_req, res) => {
    res.writeHead(502, { 'content-type': 'text/html', server: 'nginx/1.25.3' });
    res.end(NGINX_502);
  });
  let hangingUrl = '';
  let badGatewayUrl = '';

  before(async () => {
    hangingUrl = await listen(hanging);
    badGatewayUrl = await listen(badGateway);
  });
  after(async () => {
    for (const s of sockets) s.destroy();
    await new Promise((r) => hanging.close(r));
    badGateway.closeAllConnections();
    await new Promise((r) => badGateway.close(r));
  });
  beforeEach(() => (session = querySession()));
  afterEach(() => session.dispose());

  it('a closed port: connection refused, naming the endpoint', async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    const run = await runQuery('promql', session, 'up', { endpoint: url });
    assert.equal(run.result.status, 'failed');
    assert.equal(
      run.result.error,
      `could not connect to Prometheus at ${url}: connection refused (nothing listens there; is the service or port-forward running?)`,
    );
  });

  it('an HTTP 502 with an HTML page: its status and title, not a JSON parse failure', async () => {
    const run = await runQuery('logql', session, 'rate({app="x"}[1m])', { endpoint: badGatewayUrl });
    assert.equal(run.result.status, 'failed');
    assert.equal(
      run.result.error,
      `Loki at ${badGatewayUrl} answered 502 Bad Gateway with an HTML page ("502 Bad Gateway"), not the query API: ` +
        'is the endpoint right, and is it up behind any proxy?',
    );
  });

  it('a server that never answers: a timeout, from the cell attribute or ILLMLAB_QUERY_TIMEOUT_MS', async () => {
    const run = await runQuery('promql', session, 'up', { endpoint: hangingUrl, timeout: '1' });
    assert.equal(run.result.status, 'timeout');
    assert.equal(
      run.result.error,
      `timed out after 1s waiting for Prometheus at ${hangingUrl} (set timeout= on the cell, or ILLMLAB_QUERY_TIMEOUT_MS)`,
    );
    assert.ok(run.result.durationMs >= 1000 && run.result.durationMs < 2500, `${run.result.durationMs} ms`);

    session.env.ILLMLAB_QUERY_TIMEOUT_MS = '300';
    const fromEnv = await runQuery('logql', session, '{app="x"}', { endpoint: hangingUrl });
    assert.equal(fromEnv.result.status, 'timeout');
    assert.match(fromEnv.result.error!, /^timed out after 300 ms waiting for Loki at /);
    assert.ok(fromEnv.result.durationMs < 1500, `${fromEnv.result.durationMs} ms`);
  });

  it('the constructor option sets the default timeout', async () => {
    const run = await runQuery('promql', session, 'up', { endpoint: hangingUrl }, { executor: { timeoutMs: 200 } });
    assert.equal(run.result.status, 'timeout');
    assert.match(run.result.error!, /timed out after 200 ms/);
  });

  it('interrupt aborts the request: cancelled, at once', async () => {
    const abort = new AbortController();
    setTimeout(() => abort.abort(), 200);
    const run = await runQuery('promql', session, 'up', { endpoint: hangingUrl }, { signal: abort.signal });
    assert.equal(run.result.status, 'cancelled');
    assert.equal(run.result.error, `cancelled: the request to Prometheus at ${hangingUrl} was aborted`);
    assert.ok(run.result.durationMs < 1000, `${run.result.durationMs} ms`);
    const before = await runQuery('promql', session, 'up', { endpoint: hangingUrl }, { signal: AbortSignal.abort() });
    assert.equal(before.result.status, 'cancelled');
  });

  it('no endpoint anywhere: says where one can be set', async () => {
    const run = await runQuery('logql', session, '{app="x"}', {}, { executor: { discover: false } });
    assert.equal(run.result.status, 'failed');
    assert.equal(
      run.result.error,
      'no Loki endpoint: the cell has no endpoint= and ILLMLAB_LOKI_URL is not set ' +
        "(the lab's endpoints.loki, the illmlab.loki.url setting or --loki set it)",
    );
  });

  describe('TLS', () => {
    let api: KubeApiStandin;
    before(async () => (api = await startKubeApiStandin([])));
    after(() => api.stop());

    it('an https endpoint whose certificate no trusted CA signed: a TLS error naming it', async () => {
      const run = await runQuery('promql', session, 'up', { endpoint: api.url });
      assert.equal(run.result.status, 'failed');
      assert.match(
        run.result.error!,
        new RegExp(
          `^TLS to Prometheus at ${api.url} failed: its certificate is not signed by a trusted CA \\((UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_GET_ISSUER_CERT_LOCALLY)\\)`,
        ),
      );
    });
  });
});
