import { MASK } from '../secretMasker';

/** Where a query goes: a URL, or a Kubernetes service reached through the API server's proxy. */
export type Endpoint =
  | { kind: 'url'; url: URL; text: string }
  | { kind: 'service'; namespace: string; name: string; port: string; text: string };

const SERVICE = /^service\/([a-z0-9]([-a-z0-9]*[a-z0-9])?)\/([a-z0-9]([-a-z0-9]*[a-z0-9])?):([A-Za-z0-9-]+)$/;

export function parseEndpoint(text: string): Endpoint | { error: string } {
  const trimmed = text.trim();
  const svc = SERVICE.exec(trimmed);
  if (svc) return { kind: 'service', namespace: svc[1], name: svc[3], port: svc[5], text: trimmed };
  if (/^https?:\/\//.test(trimmed)) {
    try {
      return { kind: 'url', url: new URL(trimmed), text: trimmed };
    } catch {
      // falls through to the message below
    }
  }
  return {
    error: `"${text}" is not an endpoint: write a URL (http://host:port) or service/<namespace>/<name>:<port>`,
  };
}

/** How an endpoint reads in notes and errors: a password in a URL never shows. */
export function describeEndpoint(endpoint: Endpoint): string {
  if (endpoint.kind === 'service') return endpoint.text;
  if (!endpoint.url.password) return endpoint.text;
  const shown = new URL(endpoint.url.href);
  shown.password = MASK;
  return shown.href.replace(encodeURIComponent(MASK), MASK);
}

/** The backends queries go to, and the names their endpoint settings go by. */
export interface BackendNames {
  /** "Prometheus" or "Loki", as messages say it. */
  title: string;
  /** The session variable the lead sets from front matter, settings or a CLI flag. */
  envVar: string;
}

export interface ChosenEndpoint {
  endpoint: Endpoint;
  /** Where it was set, for the note that says which endpoint answered. */
  from: string;
}

/**
 * The first endpoint set, in the order DESIGN.md gives: the cell's `endpoint` attribute, then
 * the session variable (which the notebook or CLI fills from front matter, settings or flags,
 * and which a shell cell may export itself, e.g. after starting a port-forward). Undefined
 * means none is set and discovery comes next.
 */
export function configuredEndpoint(
  backend: BackendNames,
  attribute: string | true | undefined,
  env: Readonly<Record<string, string>>,
): ChosenEndpoint | { error: string } | undefined {
  if (attribute === true)
    return { error: 'attribute "endpoint" needs a value: a URL or service/<namespace>/<name>:<port>' };
  if (attribute !== undefined) {
    const parsed = parseEndpoint(attribute);
    return 'error' in parsed
      ? { error: `attribute endpoint: ${parsed.error}` }
      : { endpoint: parsed, from: "from the cell's endpoint attribute" };
  }
  const fromEnv = env[backend.envVar];
  if (fromEnv !== undefined && fromEnv.trim() !== '') {
    const parsed = parseEndpoint(fromEnv);
    return 'error' in parsed
      ? { error: `${backend.envVar}: ${parsed.error}` }
      : { endpoint: parsed, from: `from ${backend.envVar}` };
  }
  return undefined;
}
