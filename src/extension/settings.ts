import * as vscode from 'vscode';
import { DEFAULT_SECRET_NAMES } from '../kernels/secretMasker';

/** The illmlab.* settings the kernels use, read fresh each time a session starts. */
export interface KernelSettings {
  kubeconfig?: string;
  context?: string;
  /** Blank: the context's own namespace. */
  namespace?: string;
  env: Record<string, string>;
  secretNames: string[];
  prometheusUrl?: string;
  lokiUrl?: string;
}

export function readKernelSettings(scope?: vscode.Uri): KernelSettings {
  const c = vscode.workspace.getConfiguration('illmlab', scope);
  const blank = (s: string | undefined) => (s && s.trim() !== '' ? s : undefined);
  return {
    kubeconfig: blank(c.get<string>('kubeconfig')),
    context: blank(c.get<string>('context')),
    namespace: blank(c.get<string>('namespace'))?.trim(),
    env: Object.fromEntries(
      Object.entries(c.get<Record<string, unknown>>('env') ?? {}).map(([k, v]) => [k, String(v)]),
    ),
    secretNames: c.get<string[]>('secretNames') ?? DEFAULT_SECRET_NAMES,
    prometheusUrl: blank(c.get<string>('prometheus.url')),
    lokiUrl: blank(c.get<string>('loki.url')),
  };
}
