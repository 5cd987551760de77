import * as assert from 'node:assert/strict';
import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { doctorCommand } from '../../../src/cli/doctorCommand';
import { doctorLines, runDoctor, type DoctorReport } from '../../../src/labs/doctor';
import { freePort } from '../../e2e/codeServer';
import { repoRoot } from '../../support/paths';

/** kubectl, helm (stand-ins that print versions), task (hangs), minikube (broken); no k6, kind, docker. */
const standins = join(repoRoot, 'test', 'standins', 'doctor');

/** Only the kubectl and helm stand-ins: no tool that hangs, for the tests about the cluster. */
function quickPath(): string {
  const dir = mkdtempSync(join(tmpdir(), 'illmlab-doctor-path-'));
  for (const name of ['kubectl', 'helm']) symlinkSync(join(standins, name), join(dir, name));
  return dir;
}

interface Local {
  url: string;
  requests: Array<{ path: string; authorization?: string }>;
  close(): Promise<void>;
}

/** A tiny local HTTP server answering the paths given (anything else: 404). */
async function serve(routes: Record<string, [number, string]>): Promise<Local> {
  const requests: Local['requests'] = [];
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    requests.push({ path: req.url ?? '', authorization: req.headers.authorization });
    const [status, body] = routes[req.url ?? ''] ?? [404, '{"kind":"Status","message":"the server could not find the requested resource"}'];
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

function kubeconfig(server: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'illmlab-doctor-')), 'config');
  writeFileSync(
    file,
    `apiVersion: v1
kind: Config
current-context: lab
clusters:
- name: lab
  cluster:
    server: ${server}
    # client-node refuses plain http unless verification is off (there is no TLS to verify).
    insecure-skip-tls-verify: true
users:
- name: lab
  user:
    token: doctor-test-token
contexts:
- name: lab
  context: {cluster: lab, user: lab, namespace: lab-x}
- name: other
  context: {cluster: lab, user: lab}
`,
  );
  return file;
}

const VERSION: [number, string] = [200, JSON.stringify({ major: '1', minor: '33', gitVersion: 'v1.33.1' })];
const tool = (r: DoctorReport, name: string) => r.tools.find((t) => t.name === name)!;

describe('labs: doctor', function () {
  this.timeout(20_000);
  let api: Local;
  let closedPort: number;
  const quick = quickPath();

  before(async () => {
    api = await serve({
      '/version': VERSION,
      '/api/v1/namespaces/monitoring/services/kube-prometheus-stack-prometheus:9090/proxy/-/ready': [200, 'Prometheus Server is Ready.\n'],
    });
    closedPort = await freePort();
  });
  after(() => api.close());

  it('finds the tools on PATH with their versions, says which are missing and how to get them', async () => {
    const r = await runDoctor({ path: standins, kube: { kubeconfig: kubeconfig(api.url) }, timeoutMs: 1500 });
    assert.deepEqual(
      r.tools.map((t) => [t.name, t.found, t.version ?? null]),
      [
        ['kubectl', true, '1.33.1'],
        ['helm', true, '3.18.4+gd80839c'],
        ['task', true, null],
        ['k6', false, null],
        ['kind', false, null],
        ['minikube', true, null],
        ['docker', false, null],
      ],
    );
    assert.equal(tool(r, 'kubectl').path, join(standins, 'kubectl'));
    assert.match(tool(r, 'task').error!, /`task --version` gave no answer within 1\.5 s/);
    assert.match(tool(r, 'minikube').error!, /printed no version \(exit code 1: minikube: error while loading shared libraries\)/);
    assert.match(tool(r, 'k6').advice!, /https:\/\/grafana\.com\/docs\/k6\//);
    const lines = doctorLines(r);
    assert.ok(lines.includes(`✔ kubectl 1.33.1 (${join(standins, 'kubectl')})`), lines.join('\n'));
    assert.ok(lines.some((l) => /^✘ k6: not found on PATH — .*install: https:/.test(l)));
    assert.ok(lines.some((l) => /^✘ docker: not found on PATH/.test(l)));
    assert.equal(r.ok, true, 'only kubectl is required');
  });

  it('asks the API server for /version with the context’s credentials and reports the version', async () => {
    const r = await runDoctor({ path: quick, kube: { kubeconfig: kubeconfig(api.url) }, timeoutMs: 1500 });
    assert.deepEqual(r.cluster, { ok: true, context: 'lab', server: api.url, version: 'v1.33.1' });
    const asked = api.requests.find((q) => q.path === '/version');
    assert.equal(asked?.authorization, 'Bearer doctor-test-token');
    assert.ok(doctorLines(r).includes(`✔ API server ${api.url} (context lab): Kubernetes v1.33.1`));
  });

  it('reports a closed port as the error it is, and fails', async () => {
    const server = `http://127.0.0.1:${closedPort}`;
    const r = await runDoctor({ path: quick, kube: { kubeconfig: kubeconfig(server) }, timeoutMs: 1500 });
    assert.equal(r.cluster.ok, false);
    assert.equal(r.cluster.error, `connection refused by ${server}`);
    assert.match(r.cluster.advice!, /task cluster:up/);
    assert.equal(r.ok, false);
    assert.ok(r.endpoints.every((e) => e.status === 'skipped' && /API server does not answer/.test(e.detail)));
    assert.match(doctorLines(r).at(-1)!, /^Not ready: the API server does not answer\.$/);
  });

  it('gives up on an API server that does not answer within the timeout', async () => {
    const silent = createServer(() => undefined); // accepts, never answers
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const server = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    try {
      const started = Date.now();
      const r = await runDoctor({ path: quick, kube: { kubeconfig: kubeconfig(server) }, timeoutMs: 700 });
      assert.equal(r.cluster.error, `no answer from ${server} within 0.7 s`);
      assert.ok(Date.now() - started < 5000, 'the timeout holds');
    } finally {
      silent.closeAllConnections();
      await new Promise((r) => silent.close(r));
    }
  });

  it('says plainly when there is no kubeconfig to read', async () => {
    const missing = join(mkdtempSync(join(tmpdir(), 'illmlab-doctor-')), 'no-such-config');
    const r = await runDoctor({ path: quick, kube: { kubeconfig: missing }, timeoutMs: 700 });
    assert.match(r.cluster.error!, new RegExp(`^cannot read the kubeconfig ${missing}: `));
    assert.equal(r.cluster.server, undefined);
    assert.match(doctorLines(r).at(-1)!, /^Not ready: no cluster is set up\.$/);
  });

  it('names an unknown context and the ones the kubeconfig has', async () => {
    const r = await runDoctor({ path: quick, kube: { kubeconfig: kubeconfig(api.url), context: 'nope' }, timeoutMs: 1500 });
    assert.equal(r.cluster.error, 'context "nope" is not in the kubeconfig (it has: lab, other)');
  });

  it('checks the default in-cluster endpoints through the service proxy, as optional', async () => {
    const r = await runDoctor({ path: quick, kube: { kubeconfig: kubeconfig(api.url) }, timeoutMs: 1500 });
    const [prom, loki] = r.endpoints;
    assert.deepEqual(
      [prom.name, prom.via, prom.status, prom.required],
      ['prometheus', 'cluster', 'ok', false],
    );
    assert.deepEqual([loki.name, loki.via, loki.status, loki.required], ['loki', 'cluster', 'failed', false]);
    assert.match(loki.detail, /\/ready through the cluster's service proxy: HTTP 404: the server could not find/);
    assert.match(loki.advice!, /task logging:deploy/);
    assert.ok(api.requests.some((q) => q.path === '/api/v1/namespaces/monitoring/services/loki-gateway:80/proxy/ready'));
    const lines = doctorLines(r);
    assert.ok(lines.some((l) => /^✔ prometheus service\/monitoring\/kube-prometheus-stack-prometheus:9090 \(checked through the cluster\)/.test(l)));
    assert.ok(lines.some((l) => /^✘ loki .*\[optional: the default endpoint\]$/.test(l)));
    assert.equal(r.ok, true, 'a default endpoint that does not answer only informs');
  });

  it('checks endpoint URLs given as inputs: /-/ready for Prometheus, /ready for Loki; those must answer', async () => {
    const endpoints = await serve({ '/prom/-/ready': [200, 'Prometheus Server is Ready.'], '/ready': [503, 'Ingester not ready'] });
    try {
      const r = await runDoctor({
        path: quick,
        kube: { kubeconfig: kubeconfig(api.url) },
        endpoints: { prometheus: `${endpoints.url}/prom/`, loki: endpoints.url },
        timeoutMs: 1500,
      });
      assert.deepEqual(
        r.endpoints.map((e) => [e.name, e.via, e.status, e.required, e.detail]),
        [
          ['prometheus', 'url', 'ok', true, '/-/ready: HTTP 200'],
          ['loki', 'url', 'failed', true, '/ready: HTTP 503'],
        ],
      );
      assert.equal(r.ok, false);
      assert.match(doctorLines(r).at(-1)!, /^Not ready: loki does not answer\.$/);
      const refused = await runDoctor({
        path: quick,
        kube: { kubeconfig: kubeconfig(api.url) },
        endpoints: { prometheus: `http://127.0.0.1:${closedPort}` },
        timeoutMs: 1500,
      });
      assert.equal(refused.endpoints[0].detail, `connection refused by http://127.0.0.1:${closedPort}`);
    } finally {
      await endpoints.close();
    }
  });
});

describe('CLI: illmlab doctor', function () {
  this.timeout(20_000);
  let api: Local;
  const quick = quickPath();
  before(async () => (api = await serve({ '/version': VERSION })));
  after(() => api.close());

  const capture = () => {
    const io = { stdout: '', stderr: '', out: (t: string) => void (io.stdout += t), err: (t: string) => void (io.stderr += t) };
    return io;
  };

  it('--json prints the report; exit 0 with kubectl and an answering API server', async () => {
    const io = capture();
    const code = await doctorCommand({ json: true, kubeconfig: kubeconfig(api.url) }, io, { PATH: quick });
    const report = JSON.parse(io.stdout) as DoctorReport;
    assert.equal(code, 0, io.stdout);
    assert.deepEqual(Object.keys(report), ['ok', 'tools', 'cluster', 'endpoints']);
    assert.equal(report.cluster.version, 'v1.33.1');
    assert.equal(report.tools.find((t) => t.name === 'k6')!.found, false);
  });

  it('exit 1 and says so when kubectl is missing', async () => {
    const io = capture();
    const empty = mkdtempSync(join(tmpdir(), 'illmlab-empty-path-'));
    const code = await doctorCommand({ json: false, kubeconfig: kubeconfig(api.url) }, io, { PATH: empty });
    assert.equal(code, 1);
    assert.match(io.stdout, /^✘ kubectl: not found on PATH — every lab runs it; install: https:\/\/kubernetes\.io\/docs\/tasks\/tools\/#kubectl$/m);
    assert.match(io.stdout, /^Not ready: kubectl is missing\.$/m);
  });

  it('exit 1 when an endpoint given with a flag does not answer', async () => {
    const io = capture();
    const port = await freePort();
    const code = await doctorCommand(
      { json: false, kubeconfig: kubeconfig(api.url), prometheus: `http://127.0.0.1:${port}` },
      io,
      { PATH: quick },
    );
    assert.equal(code, 1);
    assert.match(io.stdout, new RegExp(`^✘ prometheus http://127\\.0\\.0\\.1:${port}: connection refused by`, 'm'));
  });
});
