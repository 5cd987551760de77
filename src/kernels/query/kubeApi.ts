import * as http from 'node:http';
import * as https from 'node:https';
import type { KubeConfig } from '../kube/clientNode';
import { KubeApiError, loadKubeConfig } from '../kube/kubeApi';
import type { KubeSelection } from '../kube/kubeContext';
import { describeNetworkError } from './networkErrors';
import { QueryError, type RawResponse } from './rawResponse';

/** The Kubernetes API server of the chosen context, spoken to with that context's credentials. */
export interface KubeApi {
  /** "the Kubernetes API server https://... (context kind-lab)", for messages. */
  readonly where: string;
  readonly context: string;
  get(path: string, signal: AbortSignal): Promise<RawResponse>;
}

/**
 * Loads the kubeconfig the cells use (session.kube: --kubeconfig / --context or the
 * settings; else KUBECONFIG and ~/.kube/config, like kubectl). One per session, so exec
 * plugins and token caches are not run again for every query.
 */
export function kubeApiFor(owner: object, selection: KubeSelection): Promise<KubeApi> {
  // Per owner and selection: a context or namespace picked later gets a client of its own.
  let apis = cache.get(owner);
  if (!apis) cache.set(owner, (apis = new Map()));
  const key = JSON.stringify([selection.kubeconfig, selection.context]);
  let api = apis.get(key);
  if (!api) {
    api = loadKubeApi(selection);
    apis.set(key, api);
    api.catch(() => apis.delete(key)); // a kubeconfig fixed later is read again
  }
  return api;
}

const cache = new WeakMap<object, Map<string, Promise<KubeApi>>>();

async function loadKubeApi(selection: KubeSelection): Promise<KubeApi> {
  let kc: KubeConfig;
  try {
    ({ kc } = await loadKubeConfig(selection));
    if (selection.context) kc.setCurrentContext(selection.context);
  } catch (e) {
    const message = (e as Error).message;
    throw new QueryError(e instanceof KubeApiError ? message : `cannot read the kubeconfig: ${message}`);
  }
  const context = kc.getCurrentContext();
  const cluster = kc.getCurrentCluster();
  if (!context || !cluster) {
    throw new QueryError(`the kubeconfig has no usable context${context ? ` ("${context}" names no cluster)` : ''}`);
  }
  const server = new URL(cluster.server);
  const where = `the Kubernetes API server ${server.origin} (context ${context})`;
  return { where, context, get: (path, signal) => kubeGet(kc, server, where, path, signal) };
}

/**
 * One GET with the context's TLS (CA, client certificate, skip-verify) and credentials (token,
 * basic auth, exec and auth-provider plugins) as client-node applies them; never via kubectl.
 */
async function kubeGet(
  kc: KubeConfig,
  server: URL,
  where: string,
  path: string,
  signal: AbortSignal,
): Promise<RawResponse> {
  const options: https.RequestOptions = { method: 'GET', headers: { accept: 'application/json' } };
  try {
    await kc.applyToHTTPSOptions(options);
  } catch (e) {
    throw new QueryError(`cannot authenticate to ${where}: ${(e as Error).message}`);
  }
  const url = new URL(server.href);
  const [pathname, query = ''] = path.split('?', 2);
  url.pathname = url.pathname.replace(/\/+$/, '') + pathname;
  url.search = query;
  const request = url.protocol === 'http:' ? http.request : https.request;
  return new Promise<RawResponse>((resolve, reject) => {
    const req = request(url, { ...options, signal }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          statusText: res.statusMessage ?? '',
          contentType: String(res.headers['content-type'] ?? ''),
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    });
    req.on('error', (e) => reject(signal.aborted ? e : new QueryError(describeNetworkError(e, where))));
    req.end();
  });
}

/** The API server path that proxies to a service: /api/v1/namespaces/<ns>/services/<name>:<port>/proxy/<path>. */
export function serviceProxyPath(service: { namespace: string; name: string; port: string }, apiPath: string): string {
  // Names and ports are DNS labels (parseEndpoint checks): nothing to escape, and the colon
  // stays literal as kubectl writes it.
  return `/api/v1/namespaces/${service.namespace}/services/${service.name}:${service.port}/proxy${apiPath}`;
}
