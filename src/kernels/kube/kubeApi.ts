import { existsSync } from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { KubeSelection } from './kubeContext';

/** A kubeconfig problem or an API server that did not answer, said in one line. */
export class KubeApiError extends Error {}

export interface KubeContextInfo {
  name: string;
  /** The context's own namespace, when the kubeconfig sets one. */
  namespace?: string;
}

export interface KubeTarget {
  /** The kubeconfig files read, for messages. */
  files: string[];
  contexts: KubeContextInfo[];
  /** The chosen context (selection.context), else the kubeconfig's current-context. */
  current: string | undefined;
}

/**
 * The kubeconfig files kubectl would read. client-node falls back to an invented
 * http://localhost:8080 cluster when there is none; a check must say "no kubeconfig" instead.
 */
export function kubeconfigFiles(selection: KubeSelection, env: NodeJS.ProcessEnv = process.env): string[] {
  if (selection.kubeconfig) return [selection.kubeconfig];
  if (env.KUBECONFIG) return env.KUBECONFIG.split(delimiter).filter((f) => f !== '' && existsSync(f));
  const home = join(env.HOME ?? homedir(), '.kube', 'config');
  return existsSync(home) ? [home] : [];
}

const SERVICE_ACCOUNT_TOKEN = '/var/run/secrets/kubernetes.io/serviceaccount/token';

/**
 * The kubeconfig as kubectl reads it: the files of `env` (a session's environment, the
 * extension host's by default) merged in order, where the first file that names a cluster, user
 * or context, or sets current-context, wins. (client-node's own merge lets later files win the
 * current-context and throws on a name two files share; kubectl does neither.)
 */
export async function loadKubeConfig(selection: KubeSelection, env: NodeJS.ProcessEnv = process.env) {
  const files = kubeconfigFiles(selection, env);
  const inCluster = files.length === 0 && existsSync(SERVICE_ACCOUNT_TOKEN);
  if (files.length === 0 && !inCluster) {
    throw new KubeApiError('no kubeconfig found (KUBECONFIG is unset or empty, and ~/.kube/config does not exist)');
  }
  // Loaded on first use: the client is a bundle of its own (clientNode.ts says why).
  const { KubeConfig } = await import('./clientNode');
  const kc = new KubeConfig();
  if (inCluster) {
    // The CLI in a pod (a CI job in the cluster): the pod's service account, as kubectl does.
    kc.loadFromCluster();
    return { kc, files: [SERVICE_ACCOUNT_TOKEN] };
  }
  try {
    kc.loadFromFile(files[0]);
    for (const file of files.slice(1)) {
      const more = new KubeConfig();
      more.loadFromFile(file);
      kc.currentContext ||= more.currentContext;
      for (const c of more.clusters) if (!kc.getCluster(c.name)) kc.addCluster(c);
      for (const u of more.users) if (!kc.getUser(u.name)) kc.addUser(u);
      for (const c of more.contexts) if (!kc.getContextObject(c.name)) kc.addContext(c);
    }
  } catch (e) {
    throw new KubeApiError(`cannot read the kubeconfig ${files.join(delimiter)}: ${(e as Error).message}`);
  }
  return { kc, files };
}

/** Every context of the kubeconfig with its namespace, and the one in use. */
export async function readKubeTarget(selection: KubeSelection): Promise<KubeTarget> {
  const { kc, files } = await loadKubeConfig(selection);
  return {
    files,
    contexts: kc.getContexts().map((c) => ({ name: c.name, ...(c.namespace ? { namespace: c.namespace } : {}) })),
    current: selection.context ?? (kc.getCurrentContext() || undefined),
  };
}

export interface KubeClient {
  context: string;
  /** The API server's URL, as the kubeconfig names it. */
  server: string;
  /** GET an API path with the context's TLS and credentials; rejects with a KubeApiError. */
  get(path: string, timeoutMs: number): Promise<{ status: number; body: string }>;
}

/** A client for the chosen context's API server: credentials, CA and exec plugins as client-node applies them. */
export async function kubeClient(selection: KubeSelection): Promise<KubeClient> {
  const { kc, files } = await loadKubeConfig(selection);
  const context = selection.context ?? kc.getCurrentContext();
  if (!context) throw new KubeApiError(`the kubeconfig ${files.join(delimiter)} has no current-context`);
  if (!kc.getContextObject(context)) {
    const names = kc.getContexts().map((c) => c.name);
    throw new KubeApiError(`context "${context}" is not in the kubeconfig (it has: ${names.join(', ') || 'none'})`);
  }
  kc.setCurrentContext(context);
  const cluster = kc.getCurrentCluster();
  if (!cluster?.server) throw new KubeApiError(`context "${context}" names no cluster with a server URL`);
  const server = cluster.server;
  return {
    context,
    server,
    get: async (path, timeoutMs) => {
      const options: https.RequestOptions = { method: 'GET', headers: { accept: 'application/json' } };
      try {
        await kc.applyToHTTPSOptions(options);
      } catch (e) {
        throw new KubeApiError(`cannot get credentials for context "${context}": ${(e as Error).message}`);
      }
      return request(new URL(server.replace(/\/+$/, '') + path), options, timeoutMs);
    },
  };
}

function request(
  url: URL,
  options: https.RequestOptions,
  timeoutMs: number,
): Promise<{ status: number; body: string }> {
  const send = url.protocol === 'http:' ? http.request : https.request;
  return new Promise((resolve, reject) => {
    const req = send(url, { ...options, signal: AbortSignal.timeout(timeoutMs) }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', (e) => reject(new KubeApiError(networkError(e, url, timeoutMs))));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', (e) => reject(new KubeApiError(networkError(e, url, timeoutMs))));
    req.end();
  });
}

/** What went wrong on the way to a server, in words; the codes are the ones Node reports. */
export function networkError(e: Error, url: URL, timeoutMs: number): string {
  const code = (e as NodeJS.ErrnoException).code ?? '';
  const at = url.origin;
  if (e.name === 'AbortError' || e.name === 'TimeoutError' || code === 'ABORT_ERR') {
    return `no answer from ${at} within ${timeoutMs / 1000} s`;
  }
  if (code === 'ECONNREFUSED') return `connection refused by ${at}`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `cannot resolve the host of ${at}`;
  if (code === 'ECONNRESET') return `${at} closed the connection`;
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return `${at} is unreachable from this machine`;
  if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code)) return `TLS certificate of ${at} not trusted: ${e.message}`;
  return `${at}: ${e.message}`;
}

/** Names of the cluster's namespaces (GET /api/v1/namespaces). */
export async function listNamespaces(client: KubeClient, timeoutMs: number): Promise<string[]> {
  const res = await client.get('/api/v1/namespaces', timeoutMs);
  if (res.status !== 200) throw new KubeApiError(`listing namespaces: ${statusMessage(res)}`);
  const list = JSON.parse(res.body) as { items?: Array<{ metadata?: { name?: string } }> };
  return (list.items ?? []).map((n) => n.metadata?.name ?? '').filter((n) => n !== '');
}

/** "HTTP 403: namespaces is forbidden: …": the status, and the API's own message when it sent a Status. */
export function statusMessage(res: { status: number; body: string }): string {
  try {
    const message = (JSON.parse(res.body) as { message?: unknown }).message;
    if (typeof message === 'string') return `HTTP ${res.status}: ${message}`;
  } catch {
    // not JSON: the status alone says enough
  }
  return `HTTP ${res.status}`;
}

/** The API server proxy path to a service: /api/v1/namespaces/<ns>/services/<name>:<port>/proxy<path>. */
export function serviceProxyPath(namespace: string, name: string, port: string, path: string): string {
  return `/api/v1/namespaces/${namespace}/services/${name}:${port}/proxy${path}`;
}
