import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { execa } from 'execa';
import { kubeClient, KubeApiError, networkError, serviceProxyPath, statusMessage, type KubeClient } from '../kernels/kube/kubeApi';
import type { KubeSelection } from '../kernels/kube/kubeContext';

/**
 * `illmlab doctor`: are the tools the labs call installed, does the cluster answer, do the
 * Prometheus and Loki endpoints answer. Each check says what it found, or what to do.
 */

interface ToolSpec {
  name: string;
  args: string[];
  /** Exit 1 without it: every lab runs kubectl. */
  required: boolean;
  advice: string;
}

export const TOOLS: readonly ToolSpec[] = [
  { name: 'kubectl', args: ['version', '--client'], required: true, advice: 'every lab runs it; install: https://kubernetes.io/docs/tasks/tools/#kubectl' },
  { name: 'helm', args: ['version', '--short'], required: false, advice: 'installs the lab stacks; install: https://helm.sh/docs/intro/install/' },
  { name: 'task', args: ['--version'], required: false, advice: 'runs Taskfile.yml (task cluster:up); install: https://taskfile.dev/installation/' },
  { name: 'k6', args: ['version'], required: false, advice: 'runs the k6 load-test cells; install: https://grafana.com/docs/k6/latest/set-up/install-k6/' },
  { name: 'kind', args: ['version'], required: false, advice: 'the alternative local cluster (CLUSTER=kind); install: https://kind.sigs.k8s.io/docs/user/quick-start/#installation' },
  { name: 'minikube', args: ['version', '--short'], required: false, advice: 'the default local cluster; install: https://minikube.sigs.k8s.io/docs/start/' },
  { name: 'docker', args: ['--version'], required: false, advice: 'runs kind, and builds lab images for kind; install: https://docs.docker.com/engine/install/' },
];

export interface ToolCheck {
  name: string;
  found: boolean;
  required: boolean;
  path?: string;
  version?: string;
  /** Found, but the version command failed or hung. */
  error?: string;
  advice?: string;
}

export interface ClusterCheck {
  ok: boolean;
  context?: string;
  server?: string;
  /** The server's gitVersion, e.g. v1.33.1. */
  version?: string;
  error?: string;
  advice?: string;
}

export interface EndpointCheck {
  name: 'prometheus' | 'loki';
  endpoint: string;
  /** "url": asked directly; "cluster": through the API server's service proxy. */
  via: 'url' | 'cluster';
  status: 'ok' | 'failed' | 'skipped';
  /** Given by the user (flag, lab): a failure makes the doctor fail. Defaults only inform. */
  required: boolean;
  detail: string;
  advice?: string;
}

export interface DoctorReport {
  /** kubectl found, the API server answered, and every endpoint the user named answered. */
  ok: boolean;
  tools: ToolCheck[];
  cluster: ClusterCheck;
  endpoints: EndpointCheck[];
}

export interface DoctorOptions {
  /** PATH to search; default process.env.PATH. */
  path?: string;
  kube?: KubeSelection;
  /** Endpoints to check; absent ones fall back to the curriculum's in-cluster services (optional checks). */
  endpoints?: { prometheus?: string; loki?: string };
  timeoutMs?: number;
}

/** Where the curriculum's stacks put Prometheus and Loki (the observability labs' front matter). */
export const DEFAULT_ENDPOINTS = {
  prometheus: { endpoint: 'service/monitoring/kube-prometheus-stack-prometheus:9090', deploy: 'task monitoring:deploy' },
  loki: { endpoint: 'service/monitoring/loki-gateway:80', deploy: 'task logging:deploy' },
} as const;

/** The readiness path each server answers 200 on when it can serve queries. */
const READY_PATH = { prometheus: '/-/ready', loki: '/ready' } as const;

export async function runDoctor(options: DoctorOptions = {}): Promise<DoctorReport> {
  const timeoutMs = options.timeoutMs ?? 5000;
  const path = options.path ?? process.env.PATH ?? '';
  const [tools, { cluster, client }] = await Promise.all([
    Promise.all(TOOLS.map((t) => checkTool(t, path, timeoutMs))),
    checkCluster(options.kube ?? {}, timeoutMs),
  ]);
  const endpoints = await Promise.all(
    (['prometheus', 'loki'] as const).map((name) => {
      const given = options.endpoints?.[name];
      const endpoint = given ?? DEFAULT_ENDPOINTS[name].endpoint;
      return checkEndpoint(name, endpoint, given !== undefined, client, timeoutMs);
    }),
  );
  const ok =
    tools.every((t) => !t.required || (t.found && !t.error)) &&
    cluster.ok &&
    endpoints.every((e) => !e.required || e.status === 'ok');
  return { ok, tools, cluster, endpoints };
}

/** The first executable file named `name` on PATH, as the shell would find it. */
export function findOnPath(name: string, path: string): string | undefined {
  for (const dir of path.split(delimiter)) {
    if (dir === '') continue;
    const file = join(dir, name);
    try {
      accessSync(file, constants.X_OK);
      if (statSync(file).isFile()) return file;
    } catch {
      // not here
    }
  }
  return undefined;
}

async function checkTool(spec: ToolSpec, path: string, timeoutMs: number): Promise<ToolCheck> {
  const base = { name: spec.name, required: spec.required };
  const file = findOnPath(spec.name, path);
  if (!file) return { ...base, found: false, advice: spec.advice };
  const run = await execa(file, spec.args, {
    reject: false,
    timeout: timeoutMs,
    stdin: 'ignore',
    all: true,
    env: { PATH: path },
    maxBuffer: 64 * 1024,
  });
  const version = /\bv?(\d+\.\d+(?:\.\d+)?(?:[-+][0-9A-Za-z.+-]*[0-9A-Za-z])?)/.exec(run.all ?? '')?.[1];
  if (run.timedOut) {
    return { ...base, found: true, path: file, error: `\`${spec.name} ${spec.args.join(' ')}\` gave no answer within ${timeoutMs / 1000} s` };
  }
  if (version) return { ...base, found: true, path: file, version };
  const output = (run.all ?? '').trim().split('\n')[0] ?? '';
  return {
    ...base,
    found: true,
    path: file,
    error: `\`${spec.name} ${spec.args.join(' ')}\` printed no version (exit code ${run.exitCode ?? 'none'}${output ? `: ${output}` : ''})`,
    advice: spec.advice,
  };
}

async function checkCluster(kube: KubeSelection, timeoutMs: number): Promise<{ cluster: ClusterCheck; client?: KubeClient }> {
  let client: KubeClient;
  try {
    client = await kubeClient(kube);
  } catch (e) {
    return { cluster: { ok: false, error: (e as Error).message, advice: 'create the local cluster: task cluster:up (CLUSTER=kind for kind)' } };
  }
  const where = { context: client.context, server: client.server };
  try {
    const res = await client.get('/version', timeoutMs);
    if (res.status !== 200) {
      const advice = res.status === 401 || res.status === 403 ? `the credentials of context "${client.context}" are not accepted` : undefined;
      return { cluster: { ok: false, ...where, error: statusMessage(res), ...(advice ? { advice } : {}) } };
    }
    const version = (JSON.parse(res.body) as { gitVersion?: unknown }).gitVersion;
    return { cluster: { ok: true, ...where, version: typeof version === 'string' ? version : 'unknown' }, client };
  } catch (e) {
    const message = e instanceof KubeApiError ? e.message : `unexpected answer: ${(e as Error).message}`;
    return { cluster: { ok: false, ...where, error: message, advice: 'is the cluster running? task cluster:status, or task cluster:up' } };
  }
}

const SERVICE = /^service\/([a-z0-9-]+)\/([a-z0-9-]+):([A-Za-z0-9-]+)$/;

async function checkEndpoint(
  name: 'prometheus' | 'loki',
  endpoint: string,
  required: boolean,
  client: KubeClient | undefined,
  timeoutMs: number,
): Promise<EndpointCheck> {
  const base = { name, endpoint, required };
  const deploy = `deployed by ${DEFAULT_ENDPOINTS[name].deploy}`;
  const service = SERVICE.exec(endpoint);
  if (service) {
    if (!client) return { ...base, via: 'cluster', status: 'skipped', detail: 'skipped: the API server does not answer' };
    const [, namespace, svc, port] = service;
    try {
      const res = await client.get(serviceProxyPath(namespace, svc, port, READY_PATH[name]), timeoutMs);
      const detail = `${READY_PATH[name]} through the cluster's service proxy: ${statusMessage(res)}`;
      if (res.status === 200) return { ...base, via: 'cluster', status: 'ok', detail };
      return { ...base, via: 'cluster', status: 'failed', detail, advice: res.status === 404 || res.status === 503 ? deploy : undefined };
    } catch (e) {
      return { ...base, via: 'cluster', status: 'failed', detail: (e as Error).message };
    }
  }
  let url: URL;
  try {
    url = new URL(endpoint);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http');
  } catch {
    return { ...base, via: 'url', status: 'failed', detail: 'not a URL (http://...) nor service/<namespace>/<name>:<port>' };
  }
  const ready = new URL(url.href);
  ready.pathname = ready.pathname.replace(/\/+$/, '') + READY_PATH[name];
  const headers: Record<string, string> = {};
  if (ready.username || ready.password) {
    // fetch refuses URLs with credentials: send them as the header they stand for.
    headers.authorization = `Basic ${Buffer.from(`${decodeURIComponent(ready.username)}:${decodeURIComponent(ready.password)}`).toString('base64')}`;
    ready.username = ready.password = '';
  }
  try {
    const res = await fetch(ready, { headers, signal: AbortSignal.timeout(timeoutMs) });
    await res.arrayBuffer();
    const detail = `${READY_PATH[name]}: HTTP ${res.status}`;
    return res.ok ? { ...base, via: 'url', status: 'ok', detail } : { ...base, via: 'url', status: 'failed', detail };
  } catch (e) {
    const cause = ((e as { cause?: Error }).cause ?? e) as Error;
    return { ...base, via: 'url', status: 'failed', detail: networkError(cause, ready, timeoutMs) };
  }
}

/** The report as lines of text: ✔ what answered, ✘ what did not (and what to do), – what was skipped. */
export function doctorLines(report: DoctorReport): string[] {
  const lines: string[] = [];
  for (const t of report.tools) {
    if (!t.found) lines.push(`✘ ${t.name}: not found on PATH — ${t.advice}`);
    else if (t.error) lines.push(`✘ ${t.name} (${t.path}): ${t.error}`);
    else lines.push(`✔ ${t.name} ${t.version} (${t.path})`);
  }
  const c = report.cluster;
  const where = c.server ? `API server ${c.server} (context ${c.context})` : 'API server';
  if (c.ok) lines.push(`✔ ${where}: Kubernetes ${c.version}`);
  else lines.push(`✘ ${where}: ${c.error}${c.advice ? ` — ${c.advice}` : ''}`);
  for (const e of report.endpoints) {
    const mark = e.status === 'ok' ? '✔' : e.status === 'skipped' ? '–' : '✘';
    const how = e.via === 'cluster' && e.status !== 'skipped' ? ' (checked through the cluster)' : '';
    const optional = e.required || e.status !== 'failed' ? '' : ' [optional: the default endpoint]';
    lines.push(`${mark} ${e.name} ${e.endpoint}${how}: ${e.detail}${e.advice ? ` — ${e.advice}` : ''}${optional}`);
  }
  const blockers = [
    ...report.tools.filter((t) => t.required && (!t.found || t.error)).map((t) => `${t.name} is missing`),
    ...(report.cluster.ok ? [] : [report.cluster.server ? 'the API server does not answer' : 'no cluster is set up']),
    ...report.endpoints.filter((e) => e.required && e.status !== 'ok').map((e) => `${e.name} does not answer`),
  ];
  lines.push('', report.ok ? 'Ready: kubectl is installed and the cluster answers.' : `Not ready: ${blockers.join('; ')}.`);
  return lines;
}
