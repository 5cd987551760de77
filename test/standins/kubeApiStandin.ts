import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A STAND-IN for the Kubernetes API server: no cluster can run here (TEST-ENV.md), so this
 * speaks the part of its wire protocol the query executors use, the way a real one does:
 * HTTPS with a certificate from its own CA, bearer-token auth (401 Status otherwise), the
 * ServiceList at /api/v1/services, and the service proxy
 * /api/v1/namespaces/<ns>/services/<name>:<port>/proxy/<path>, which forwards to the
 * service's backend (here: a real Prometheus) and passes its status and body through,
 * without the caller's Authorization header. Errors are `Status` objects as the real one sends.
 */

export interface StandinService {
  namespace: string;
  name: string;
  ports: Array<{ port: number; name?: string }>;
  /** Where the proxy forwards (http://127.0.0.1:<port>); none: "no endpoints available". */
  target?: string;
}

export interface KubeApiStandin {
  url: string;
  token: string;
  /** A kubeconfig with the CA, the server and the token: context "standin". */
  kubeconfig: string;
  /** PEM of the CA that signed the server certificate. */
  caPem: string;
  requests: Array<{ path: string; authorization: string | undefined }>;
  stop(): Promise<void>;
}

function status(res: ServerResponse, code: number, reason: string, message: string): void {
  res.writeHead(code, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code }));
}

/** A CA and a server certificate for 127.0.0.1 signed by it, made with openssl for this run. */
function makeCertificates(dir: string): { ca: string; key: string; cert: string } {
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl(
    'req',
    '-x509',
    ...ec,
    '-keyout',
    'ca.key',
    '-out',
    'ca.crt',
    '-days',
    '1',
    '-subj',
    '/CN=illmlab stand-in CA',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  );
  openssl('req', ...ec, '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=kube-apiserver stand-in');
  writeFileSync(join(dir, 'ext.cnf'), 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
  openssl(
    'x509',
    '-req',
    '-in',
    'server.csr',
    '-CA',
    'ca.crt',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-out',
    'server.crt',
    '-days',
    '1',
    '-extfile',
    'ext.cnf',
  );
  const read = (f: string) => readFileSync(join(dir, f), 'utf8');
  return { ca: read('ca.crt'), key: read('server.key'), cert: read('server.crt') };
}

const PROXY = /^\/api\/v1\/namespaces\/([^/]+)\/services\/([^/:]+)(?::([^/]+))?\/proxy(\/.*)?$/;

export async function startKubeApiStandin(
  services: StandinService[],
  token = 'test-token-6f1c9e',
): Promise<KubeApiStandin> {
  const dir = mkdtempSync(join(tmpdir(), 'illmlab-kubeapi-'));
  const { ca, key, cert } = makeCertificates(dir);
  const requests: KubeApiStandin['requests'] = [];

  const server = createServer({ key, cert }, (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'https://127.0.0.1');
    requests.push({ path: url.pathname + url.search, authorization: req.headers.authorization });
    if (req.headers.authorization !== `Bearer ${token}`) return status(res, 401, 'Unauthorized', 'Unauthorized');
    if (req.method !== 'GET') return status(res, 405, 'MethodNotAllowed', `the server does not allow this method`);
    if (url.pathname === '/api/v1/services') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(JSON.stringify(serviceList(services)));
    }
    const proxy = PROXY.exec(decodeURIComponent(url.pathname));
    if (!proxy) return status(res, 404, 'NotFound', 'the server could not find the requested resource');
    const [, namespace, name, port, rest = '/'] = proxy;
    const service = services.find((s) => s.namespace === namespace && s.name === name);
    if (!service) return status(res, 404, 'NotFound', `services "${name}" not found`);
    const known = service.ports.some(
      (p) => String(p.port) === port || p.name === port || (!port && service.ports.length === 1),
    );
    if (!known) return status(res, 503, 'ServiceUnavailable', `no endpoints available for service "${name}:${port}"`);
    if (!service.target) return status(res, 503, 'ServiceUnavailable', `no endpoints available for service "${name}"`);
    const upstream = httpRequest(
      new URL(rest + url.search, service.target),
      { method: 'GET', headers: { accept: String(req.headers.accept ?? '*/*') } },
      (up) => {
        res.writeHead(up.statusCode ?? 502, { 'content-type': up.headers['content-type'] ?? 'text/plain' });
        up.pipe(res);
      },
    );
    upstream.on('error', (e) =>
      status(res, 503, 'ServiceUnavailable', `error trying to reach service: ${(e as Error).message}`),
    );
    upstream.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `https://127.0.0.1:${port}`;
  const kubeconfig = join(dir, 'kubeconfig');
  writeFileSync(
    kubeconfig,
    [
      'apiVersion: v1',
      'kind: Config',
      'clusters:',
      '  - name: standin',
      '    cluster:',
      `      server: ${url}`,
      `      certificate-authority-data: ${Buffer.from(ca).toString('base64')}`,
      'users:',
      '  - name: tester',
      '    user:',
      `      token: ${token}`,
      'contexts:',
      '  - name: standin',
      '    context: {cluster: standin, user: tester}',
      'current-context: standin',
      '',
    ].join('\n'),
    { mode: 0o600 },
  );
  return {
    url,
    token,
    kubeconfig,
    caPem: ca,
    requests,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function serviceList(services: StandinService[]) {
  return {
    kind: 'ServiceList',
    apiVersion: 'v1',
    metadata: { resourceVersion: '1' },
    items: services.map((s, i) => ({
      metadata: { name: s.name, namespace: s.namespace, uid: `uid-${i}`, resourceVersion: '1' },
      spec: {
        type: 'ClusterIP',
        clusterIP: `10.96.0.${i + 10}`,
        ports: s.ports.map((p) => ({ ...p, protocol: 'TCP', targetPort: p.port })),
      },
      status: { loadBalancer: {} },
    })),
  };
}
