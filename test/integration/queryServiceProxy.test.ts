import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LabSession } from '../../src/kernels/session';
import { startKubeApiStandin, type KubeApiStandin } from '../standins/kubeApiStandin';
import { startPrometheus, type RunningPrometheus } from '../support/prometheus';
import { querySession, runQuery } from '../unit/query/runQuery';

/**
 * The service-proxy path: a stand-in Kubernetes API server (HTTPS, own CA, bearer token)
 * in front of a real Prometheus, reached with the auth and TLS of a kubeconfig through
 * @kubernetes/client-node, as against a real cluster.
 */
describe('query: through the Kubernetes API server’s service proxy (stand-in API server, real Prometheus)', function () {
  this.timeout(30_000);
  let prom: RunningPrometheus;
  let api: KubeApiStandin;
  let session: LabSession;

  before(async function () {
    this.timeout(60_000);
    prom = await startPrometheus();
    await prom.waitForSamples(8);
    api = await startKubeApiStandin([
      { namespace: 'default', name: 'kubernetes', ports: [{ port: 443, name: 'https' }] },
      { namespace: 'monitoring', name: 'alertmanager-operated', ports: [{ port: 9093, name: 'web' }] },
      { namespace: 'monitoring', name: 'prometheus-operated', ports: [{ port: 9090, name: 'web' }], target: prom.url },
      {
        namespace: 'monitoring',
        name: 'kps-kube-prometheus-stack-prometheus',
        ports: [{ port: 9090, name: 'http-web' }],
        target: prom.url,
      },
      { namespace: 'monitoring', name: 'stale-prometheus', ports: [{ port: 9090 }] },
    ]);
  });
  after(async () => {
    await api?.stop();
    await prom?.stop();
  });
  beforeEach(() => {
    api.requests.length = 0;
    session = querySession({}, { kube: { kubeconfig: api.kubeconfig } });
  });
  afterEach(() => session.dispose());

  it('discovers kube-prometheus-stack’s Prometheus, says so, and queries it with the kubeconfig’s token over TLS', async () => {
    const at = Math.floor(Date.now() / 1000) - 2;
    const run = await runQuery('promql', session, 'up', { end: String(at) });
    assert.equal(run.result.status, 'ok', run.result.error);
    assert.deepEqual(run.result.result, (await prom.api(`/api/v1/query?query=up&time=${at}`)).data);
    assert.match(
      run.notes,
      /^Prometheus at service\/monitoring\/kps-kube-prometheus-stack-prometheus:9090 answered in \d+ ms \(instant query at [^)]*\); endpoint discovered in the cluster \(context standin\): looks like kube-prometheus-stack; also saw monitoring\/stale-prometheus, monitoring\/prometheus-operated\n/,
    );
    assert.deepEqual(
      api.requests.map((r) => r.path.replace(/\?.*/, '')),
      [
        '/api/v1/services',
        '/api/v1/namespaces/monitoring/services/kps-kube-prometheus-stack-prometheus:9090/proxy/api/v1/query',
      ],
    );
    assert.ok(api.requests.every((r) => r.authorization === `Bearer ${api.token}`));
  });

  it('discovers once per session', async () => {
    await runQuery('promql', session, 'up');
    await runQuery('promql', session, 'up');
    assert.equal(api.requests.filter((r) => r.path === '/api/v1/services').length, 1);
  });

  it('runs range queries through the proxy, with the same data as asking Prometheus directly', async () => {
    const end = Math.floor(Date.now() / 1000) - 2;
    const run = await runQuery('promql', session, 'up', {
      endpoint: 'service/monitoring/prometheus-operated:9090',
      range: '5s',
      step: '1s',
      end: String(end),
    });
    assert.equal(run.result.status, 'ok', run.result.error);
    assert.deepEqual(
      run.result.result,
      (await prom.api(`/api/v1/query_range?query=up&start=${end - 5}&end=${end}&step=1`)).data,
    );
    assert.match(run.notes, /endpoint from the cell's endpoint attribute/);
    assert.ok(run.of('chart'));
  });

  it('names the service, the API server and its Status when the service is missing or has no endpoints', async () => {
    const missing = await runQuery('promql', session, 'up', { endpoint: 'service/monitoring/nope:9090' });
    assert.equal(missing.result.status, 'failed');
    assert.equal(
      missing.result.error,
      'Prometheus at service/monitoring/nope:9090: the Kubernetes API server answered 404 Not Found: NotFound: services "nope" not found',
    );
    const stale = await runQuery('promql', session, 'up', { endpoint: 'service/monitoring/stale-prometheus:9090' });
    assert.match(
      stale.result.error!,
      /answered 503 Service Unavailable: ServiceUnavailable: no endpoints available for service "stale-prometheus"/,
    );
  });

  it('a rejected token: 401 from the API server, named', async () => {
    const wrong = join(session.tempDir, 'kubeconfig-wrong-token');
    writeFileSync(wrong, readFileSync(api.kubeconfig, 'utf8').replace(api.token, 'not-the-token'));
    const other = querySession({}, { kube: { kubeconfig: wrong } });
    try {
      const run = await runQuery('promql', other, 'up', { endpoint: 'service/monitoring/prometheus-operated:9090' });
      assert.equal(run.result.status, 'failed');
      assert.equal(
        run.result.error,
        'Prometheus at service/monitoring/prometheus-operated:9090: the Kubernetes API server answered 401 Unauthorized: Unauthorized: Unauthorized',
      );
      const discovery = await runQuery('promql', other, 'up');
      assert.match(
        discovery.result.error!,
        new RegExp(
          `discovery in the cluster failed: cannot list services to find Prometheus: the Kubernetes API server ${api.url} \\(context standin\\) answered 401 Unauthorized: Unauthorized`,
        ),
      );
    } finally {
      await other.dispose();
    }
  });

  it('a kubeconfig without the CA: a TLS error naming the API server', async () => {
    const noCa = join(session.tempDir, 'kubeconfig-no-ca');
    writeFileSync(noCa, readFileSync(api.kubeconfig, 'utf8').replace(/^\s*certificate-authority-data:.*\n/m, ''));
    const other = querySession({}, { kube: { kubeconfig: noCa } });
    try {
      const run = await runQuery('promql', other, 'up', { endpoint: 'service/monitoring/prometheus-operated:9090' });
      assert.equal(run.result.status, 'failed');
      assert.match(
        run.result.error!,
        new RegExp(
          `^TLS to the Kubernetes API server ${api.url} \\(context standin\\) failed: its certificate is not signed by a trusted CA .*\\(reaching Prometheus at service/monitoring/prometheus-operated:9090 through its service proxy\\)$`,
        ),
      );
    } finally {
      await other.dispose();
    }
  });

  it('says what it looked for when the cluster has no such service, and when there is no kubeconfig', async () => {
    const loki = await runQuery('logql', session, '{app="x"}');
    assert.equal(loki.result.status, 'failed');
    assert.equal(
      loki.result.error,
      "no Loki endpoint: the cell has no endpoint= and ILLMLAB_LOKI_URL is not set (the lab's endpoints.loki, the " +
        'illmlab.loki.url setting or --loki set it), and discovery in the cluster failed: found no Loki service in the ' +
        'cluster (context standin); looked for loki-gateway:80, loki:3100, loki-read:3100',
    );
    const none = querySession({}, { kube: { kubeconfig: join(session.tempDir, 'missing-kubeconfig') } });
    try {
      const run = await runQuery('promql', none, 'up');
      assert.match(
        run.result.error!,
        /discovery in the cluster failed: cannot read the kubeconfig \S+missing-kubeconfig: ENOENT/,
      );
    } finally {
      await none.dispose();
    }
  });
});
