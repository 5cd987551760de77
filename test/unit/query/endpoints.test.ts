import * as assert from 'node:assert/strict';
import { rankServices, summarizeServiceList, type ServiceSummary } from '../../../src/kernels/query/discovery';
import { configuredEndpoint, describeEndpoint, parseEndpoint } from '../../../src/kernels/query/endpoints';
import { serviceProxyPath } from '../../../src/kernels/query/kubeApi';
import { apiUrl } from '../../../src/kernels/query/urlTransport';

const PROMETHEUS = { title: 'Prometheus', envVar: 'ILLMLAB_PROMETHEUS_URL' };

describe('query: endpoints', () => {
  it('reads a URL or service/<namespace>/<name>:<port>, and says what is wrong otherwise', () => {
    assert.deepEqual(parseEndpoint('service/monitoring/kps-prometheus:9090'), {
      kind: 'service',
      namespace: 'monitoring',
      name: 'kps-prometheus',
      port: '9090',
      text: 'service/monitoring/kps-prometheus:9090',
    });
    assert.equal((parseEndpoint('service/loki/loki-gateway:http') as { port: string }).port, 'http');
    const url = parseEndpoint('http://127.0.0.1:9090/prometheus');
    assert.equal('kind' in url && url.kind === 'url' && url.url.pathname, '/prometheus');
    for (const bad of ['localhost:9090', 'service/monitoring/prometheus', 'service/Mon/p:1', 'ftp://x']) {
      assert.match(
        (parseEndpoint(bad) as { error: string }).error,
        /is not an endpoint: write a URL .* or service\//,
        bad,
      );
    }
  });

  it('takes the cell attribute first, then the session variable, else leaves it to discovery', () => {
    const env = { ILLMLAB_PROMETHEUS_URL: 'http://from-env:9090' };
    const cell = configuredEndpoint(PROMETHEUS, 'service/monitoring/p:9090', env);
    assert.equal(cell && 'endpoint' in cell && cell.from, "from the cell's endpoint attribute");
    const session = configuredEndpoint(PROMETHEUS, undefined, env);
    assert.equal(session && 'endpoint' in session && session.endpoint.text, 'http://from-env:9090');
    assert.equal(session && 'endpoint' in session && session.from, 'from ILLMLAB_PROMETHEUS_URL');
    assert.equal(configuredEndpoint(PROMETHEUS, undefined, { ILLMLAB_PROMETHEUS_URL: ' ' }), undefined);
    assert.match((configuredEndpoint(PROMETHEUS, true, env) as { error: string }).error, /needs a value/);
    assert.match(
      (configuredEndpoint(PROMETHEUS, undefined, { ILLMLAB_PROMETHEUS_URL: 'nope' }) as { error: string }).error,
      /^ILLMLAB_PROMETHEUS_URL: "nope" is not an endpoint/,
    );
  });

  it('never shows a password from a URL', () => {
    const e = parseEndpoint('https://admin:s3cret-pw@prom.example:9090/');
    assert.ok(!('error' in e));
    assert.equal(describeEndpoint(e), 'https://admin:••••••@prom.example:9090/');
  });

  it('joins API paths to a base URL with a path prefix, and builds service proxy paths', () => {
    assert.equal(
      apiUrl(new URL('http://h:9090/prometheus/'), '/api/v1/query?query=up').href,
      'http://h:9090/prometheus/api/v1/query?query=up',
    );
    assert.equal(
      serviceProxyPath(
        { namespace: 'monitoring', name: 'prometheus-operated', port: '9090' },
        '/api/v1/query?query=up',
      ),
      '/api/v1/namespaces/monitoring/services/prometheus-operated:9090/proxy/api/v1/query?query=up',
    );
  });
});

describe('query: discovery of the usual services', () => {
  const svc = (namespace: string, name: string, ...ports: number[]): ServiceSummary => ({
    namespace,
    name,
    ports: ports.map((port) => ({ port })),
  });
  const cluster = [
    svc('default', 'kubernetes', 443),
    svc('monitoring', 'alertmanager-operated', 9093, 9094),
    svc('monitoring', 'kps-kube-prometheus-stack-alertmanager', 9093),
    svc('monitoring', 'kps-kube-prometheus-stack-operator', 443),
    svc('monitoring', 'kps-kube-prometheus-stack-prometheus', 9090, 8080),
    svc('monitoring', 'kps-prometheus-node-exporter', 9100),
    svc('monitoring', 'prometheus-operated', 9090),
    svc('loki', 'loki', 3100, 9095),
    svc('loki', 'loki-gateway', 80),
    svc('loki', 'loki-headless', 3100),
    svc('loki', 'loki-memberlist', 7946),
    svc('loki', 'loki-canary', 3500),
  ];

  it("prefers kube-prometheus-stack's service, then the operator's prometheus-operated", () => {
    const ranked = rankServices('prometheus', cluster);
    assert.deepEqual(
      ranked.map((c) => `${c.service.name}:${c.port} (${c.why})`),
      [
        'kps-kube-prometheus-stack-prometheus:9090 (kube-prometheus-stack)',
        'prometheus-operated:9090 (Prometheus operator)',
      ],
    );
  });

  it("prefers the Loki chart's gateway, then loki:3100; never headless or memberlist services", () => {
    assert.deepEqual(
      rankServices('loki', cluster).map((c) => `${c.service.name}:${c.port}`),
      ['loki-gateway:80', 'loki:3100'],
    );
    assert.deepEqual(
      rankServices('loki', [svc('observability', 'loki-read', 3100), svc('default', 'loki-read', 3100)]).map(
        (c) => c.service.namespace,
      ),
      ['observability', 'default'],
      'the usual namespace wins a tie',
    );
  });

  it('finds the prometheus chart and ignores look-alikes on other ports', () => {
    assert.deepEqual(
      rankServices('prometheus', [svc('obs', 'prometheus-server', 80), svc('x', 'my-prometheus', 9091)]).map(
        (c) => `${c.service.name}:${c.port}`,
      ),
      ['prometheus-server:80'],
    );
    assert.deepEqual(rankServices('prometheus', [svc('default', 'kubernetes', 443)]), []);
  });

  it('reads a ServiceList as the API server sends it, skipping malformed items', () => {
    const list = {
      kind: 'ServiceList',
      items: [
        { metadata: { name: 'a', namespace: 'n' }, spec: { ports: [{ name: 'web', port: 9090, protocol: 'TCP' }] } },
        { metadata: { name: 'b' } },
        { metadata: { name: 'c', namespace: 'n' }, spec: {} },
      ],
    };
    assert.deepEqual(summarizeServiceList(list), [
      { namespace: 'n', name: 'a', ports: [{ port: 9090, name: 'web' }] },
      { namespace: 'n', name: 'c', ports: [] },
    ]);
    assert.deepEqual(summarizeServiceList({ kind: 'Status' }), []);
  });
});
