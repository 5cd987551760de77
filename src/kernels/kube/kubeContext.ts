import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface KubeSelection {
  /** A kubeconfig file chosen in settings or on the command line; else KUBECONFIG / ~/.kube/config. */
  kubeconfig?: string;
  /** A context chosen in settings or with --context; else the kubeconfig's current-context. */
  context?: string;
}

export interface KubeContexts {
  current: string | undefined;
  contexts: string[];
}

async function loadConfig(selection: KubeSelection) {
  const { KubeConfig } = await import('./clientNode');
  const kc = new KubeConfig();
  if (selection.kubeconfig) kc.loadFromFile(selection.kubeconfig);
  else kc.loadFromDefault();
  return kc;
}

/** The contexts of the chosen kubeconfig, and the one cells will use. */
export async function readKubeContexts(selection: KubeSelection): Promise<KubeContexts> {
  const kc = await loadConfig(selection);
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

/**
 * Environment that points kubectl and helm at the chosen kubeconfig and context without
 * touching the user's file: a one-line kubeconfig that only sets current-context goes first in
 * KUBECONFIG, and kubectl's merge takes the first current-context it finds.
 */
export function kubeEnv(
  selection: KubeSelection,
  baseEnv: Record<string, string>,
  tempDir: string,
): Record<string, string> {
  const env: Record<string, string> = {};
  const files = selection.kubeconfig ?? baseEnv.KUBECONFIG;
  if (selection.context) {
    const overlay = join(tempDir, 'kube-context.yaml');
    writeFileSync(overlay, `apiVersion: v1\nkind: Config\ncurrent-context: ${JSON.stringify(selection.context)}\n`, {
      mode: 0o600,
    });
    const defaultFile = join(baseEnv.HOME ?? '', '.kube', 'config');
    env.KUBECONFIG = [overlay, files ?? defaultFile].join(':');
    env.ILLMLAB_KUBE_CONTEXT = selection.context;
  } else if (selection.kubeconfig) {
    env.KUBECONFIG = selection.kubeconfig;
  }
  return env;
}
