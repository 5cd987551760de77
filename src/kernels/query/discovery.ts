import type { Endpoint } from './endpoints';
import type { KubeApi } from './kubeApi';
import { QueryError, statusLine } from './rawResponse';

export type Backend = 'prometheus' | 'loki';

export interface ServiceSummary {
  namespace: string;
  name: string;
  ports: Array<{ port: number; name?: string }>;
}

export interface Candidate {
  service: ServiceSummary;
  port: number;
  /** What it looks like, for the note: "kube-prometheus-stack". */
  why: string;
  score: number;
}

interface Rule {
  test: (name: string) => boolean;
  port: number;
  why: string;
  score: number;
}

/**
 * The services the usual charts create, best first. kube-prometheus-stack names its Prometheus
 * `<release>-kube-prometheus-prometheus` (or `<release>-prometheus`) on 9090, and the operator
 * adds the headless `prometheus-operated`; the prometheus chart makes `<release>-server` on 80.
 * The Loki chart puts `loki-gateway` (nginx, port 80) in front of `loki` (3100) or `loki-read`.
 */
const RULES: Record<Backend, Rule[]> = {
  prometheus: [
    { test: (n) => /-prometheus$/.test(n), port: 9090, why: 'kube-prometheus-stack', score: 50 },
    { test: (n) => n === 'prometheus-operated', port: 9090, why: 'Prometheus operator', score: 40 },
    { test: (n) => n === 'prometheus' || n === 'prometheus-k8s', port: 9090, why: 'Prometheus', score: 35 },
    { test: (n) => /(^|-)prometheus-server$/.test(n), port: 80, why: 'prometheus chart', score: 30 },
    { test: (n) => /(^|-)prometheus-server$/.test(n), port: 9090, why: 'prometheus chart', score: 30 },
  ],
  loki: [
    { test: (n) => /(^|-)loki-gateway$/.test(n), port: 80, why: 'Loki chart gateway', score: 50 },
    { test: (n) => n === 'loki' || /-loki$/.test(n), port: 3100, why: 'Loki', score: 45 },
    { test: (n) => /(^|-)loki-read$/.test(n), port: 3100, why: 'Loki read path', score: 40 },
    { test: (n) => /(^|-)loki-query-frontend$/.test(n), port: 3100, why: 'Loki query frontend', score: 35 },
  ],
};

/** Namespaces where the charts are usually installed win a tie. */
const USUAL_NAMESPACES = ['monitoring', 'observability', 'prometheus', 'loki', 'logging'];

/** The services that look like `backend`, best first. Pure: tests feed it service lists. */
export function rankServices(backend: Backend, services: readonly ServiceSummary[]): Candidate[] {
  const found: Candidate[] = [];
  for (const service of services) {
    for (const rule of RULES[backend]) {
      if (!rule.test(service.name) || !service.ports.some((p) => p.port === rule.port)) continue;
      const usual = USUAL_NAMESPACES.includes(service.namespace) ? 5 : 0;
      found.push({ service, port: rule.port, why: rule.why, score: rule.score + usual });
      break;
    }
  }
  return found.sort(
    (a, b) =>
      b.score - a.score ||
      a.service.namespace.localeCompare(b.service.namespace) ||
      a.service.name.localeCompare(b.service.name),
  );
}

/** The services of a ServiceList as summaries; anything unexpected in it is skipped. */
export function summarizeServiceList(list: unknown): ServiceSummary[] {
  const items = (list as { items?: unknown })?.items;
  if (!Array.isArray(items)) return [];
  return items.flatMap((item: { metadata?: { name?: unknown; namespace?: unknown }; spec?: { ports?: unknown } }) => {
    const name = item?.metadata?.name;
    const namespace = item?.metadata?.namespace;
    if (typeof name !== 'string' || typeof namespace !== 'string') return [];
    const ports = Array.isArray(item.spec?.ports)
      ? (item.spec.ports as Array<{ port?: unknown; name?: unknown }>)
          .filter((p) => typeof p?.port === 'number')
          .map((p) => ({ port: p.port as number, ...(typeof p.name === 'string' ? { name: p.name } : {}) }))
      : [];
    return [{ namespace, name, ports }];
  });
}

export interface Discovered {
  endpoint: Endpoint;
  /** "discovered in the cluster (context kind-lab): kube-prometheus-stack; also saw ..." */
  from: string;
}

/** Lists the cluster's services and picks the one that looks most like `backend`. */
export async function discoverEndpoint(
  backend: Backend,
  title: string,
  api: KubeApi,
  signal: AbortSignal,
): Promise<Discovered> {
  const raw = await api.get('/api/v1/services', signal);
  if (raw.status !== 200) {
    const status = kubeStatusMessage(raw.body);
    throw new QueryError(
      `cannot list services to find ${title}: ${api.where} answered ${statusLine(raw)}${status ? `: ${status}` : ''}`,
    );
  }
  let list: unknown;
  try {
    list = JSON.parse(raw.body);
  } catch {
    throw new QueryError(
      `cannot list services to find ${title}: ${api.where} answered with something that is not JSON`,
    );
  }
  const ranked = rankServices(backend, summarizeServiceList(list));
  if (ranked.length === 0) {
    throw new QueryError(
      `found no ${title} service in the cluster (context ${api.context}); looked for ${LOOKED_FOR[backend]}`,
    );
  }
  const [best, ...others] = ranked;
  const { namespace, name } = best.service;
  const endpoint: Endpoint = {
    kind: 'service',
    namespace,
    name,
    port: String(best.port),
    text: `service/${namespace}/${name}:${best.port}`,
  };
  const also =
    others.length > 0 ? `; also saw ${others.map((c) => `${c.service.namespace}/${c.service.name}`).join(', ')}` : '';
  return { endpoint, from: `discovered in the cluster (context ${api.context}): looks like ${best.why}${also}` };
}

const LOOKED_FOR: Record<Backend, string> = {
  prometheus: '*-prometheus:9090 (kube-prometheus-stack), prometheus-operated:9090, prometheus-server:80',
  loki: 'loki-gateway:80, loki:3100, loki-read:3100',
};

/** The message of a Kubernetes `Status` object, if the body is one. */
export function kubeStatusMessage(body: string): string | undefined {
  try {
    const status = JSON.parse(body) as { kind?: unknown; message?: unknown; reason?: unknown };
    if (status?.kind !== 'Status') return undefined;
    return [status.reason, status.message].filter((x) => typeof x === 'string' && x).join(': ') || undefined;
  } catch {
    return undefined;
  }
}
