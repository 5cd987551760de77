import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KubeApiError, loadKubeConfig } from './kubeApi';

export interface KubeSelection {
  /** A kubeconfig file chosen in settings or on the command line; else KUBECONFIG / ~/.kube/config. */
  kubeconfig?: string;
  /** A context chosen in settings or with --context; else the kubeconfig's current-context. */
  context?: string;
  /** A namespace chosen in settings or with --namespace; else the context's own. */
  namespace?: string;
}

/** A Kubernetes namespace name: a DNS label (RFC 1123), at most 63 characters. */
export function isNamespaceName(name: string): boolean {
  return name.length <= 63 && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name);
}

export interface KubeContexts {
  current: string | undefined;
  contexts: string[];
}

/** The contexts of the chosen kubeconfig, and the one cells will use. */
export async function readKubeContexts(selection: KubeSelection): Promise<KubeContexts> {
  const { kc } = await loadKubeConfig(selection);
  const contexts = kc.getContexts().map((c) => c.name);
  const current = selection.context ?? (kc.getCurrentContext() || undefined);
  return { current, contexts };
}

/** Whether a context name matches a lab's `cluster`: an exact name, or a pattern with * and ?. */
export function contextMatches(pattern: string, name: string): boolean {
  const re = new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  );
  return re.test(name);
}

export type ClusterCheck =
  { ok: true; context: string | undefined } | { ok: false; context: string | undefined; message: string };

/**
 * Checks the context cells would run against before a lab pinned to `cluster` runs anything.
 * A kubeconfig that cannot be read counts as a mismatch: running blind is what the pin prevents.
 */
export async function checkCluster(cluster: string | undefined, selection: KubeSelection): Promise<ClusterCheck> {
  if (!cluster) return { ok: true, context: selection.context };
  let contexts: KubeContexts;
  try {
    contexts = await readKubeContexts(selection);
  } catch (e) {
    return {
      ok: false,
      context: undefined,
      message: `this lab runs against cluster "${cluster}", but the kubeconfig could not be read: ${(e as Error).message}`,
    };
  }
  const { current } = contexts;
  if (current !== undefined && contextMatches(cluster, current)) return { ok: true, context: current };
  return {
    ok: false,
    context: current,
    message:
      current === undefined
        ? `this lab runs against cluster "${cluster}", but no kube context is selected`
        : `this lab runs against cluster "${cluster}", but the kube context is "${current}". ` +
          `Switch with --context (CLI) or the status bar (VS Code), or change the lab's "cluster".`,
  };
}

/** Where a session's kubeconfig overlay lives: first in its KUBECONFIG. */
function overlayPath(tempDir: string): string {
  return join(tempDir, 'kube-context.yaml');
}

/**
 * Environment that points kubectl and helm at the chosen kubeconfig, context and namespace
 * without touching the user's file: a small kubeconfig of the session's own goes first in
 * KUBECONFIG, and kubectl's merge takes the first current-context it finds. With a context
 * chosen it holds just that current-context; a namespace is added by writeKubeOverlay (it needs
 * the kubeconfig read). Cells see the choice as ILLMLAB_KUBE_CONTEXT and ILLMLAB_NAMESPACE.
 */
export function kubeEnv(
  selection: KubeSelection,
  baseEnv: Record<string, string>,
  tempDir: string,
): Record<string, string> {
  const env: Record<string, string> = {};
  const files = selection.kubeconfig ?? baseEnv.KUBECONFIG;
  if (selection.context || selection.namespace) {
    const overlay = overlayPath(tempDir);
    writeFileSync(overlay, overlayText(selection.context), { mode: 0o600 });
    const defaultFile = join(baseEnv.HOME ?? '', '.kube', 'config');
    env.KUBECONFIG = [overlay, files ?? defaultFile].join(':');
    if (selection.context) env.ILLMLAB_KUBE_CONTEXT = selection.context;
    if (selection.namespace) env.ILLMLAB_NAMESPACE = selection.namespace;
  } else if (selection.kubeconfig) {
    env.KUBECONFIG = selection.kubeconfig;
  }
  return env;
}

/** JSON, which YAML readers (kubectl, helm, client-node) take as it is. */
function overlayText(context: string | undefined, entry?: Record<string, unknown>): string {
  return (
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'Config',
      ...(context ? { 'current-context': context } : {}),
      ...(entry ? { contexts: [entry] } : {}),
    }) + '\n'
  );
}

/**
 * Puts the chosen namespace into the session's overlay before a cell starts a process. kubectl
 * and helm take their default namespace from the current context's entry, and kubectl's merge
 * takes an entry whole from the first file that names it: so the overlay holds a copy of the
 * context (same name, cluster and user) with the namespace set. Throws a KubeApiError saying
 * why when it cannot: cells must not run in another namespace than the one shown.
 */
export async function writeKubeOverlay(
  selection: KubeSelection,
  baseEnv: Record<string, string>,
  tempDir: string,
): Promise<void> {
  const { namespace } = selection;
  if (!namespace) return;
  const why = (reason: string) =>
    new KubeApiError(`the namespace "${namespace}" is chosen for lab cells, but ${reason}`);
  if (!isNamespaceName(namespace)) throw why('it is not a namespace name (lowercase letters, digits and dashes)');
  let kc;
  try {
    ({ kc } = await loadKubeConfig(selection, baseEnv));
  } catch (e) {
    throw why((e as Error).message);
  }
  const name = selection.context ?? (kc.getCurrentContext() || undefined);
  if (!name) throw why('the kubeconfig has no current-context to set it on');
  const context = kc.getContextObject(name);
  if (!context) throw why(`the kubeconfig has no context "${name}"`);
  const entry = { name, context: { cluster: context.cluster, user: context.user, namespace } };
  writeFileSync(overlayPath(tempDir), overlayText(name, entry), { mode: 0o600 });
}
