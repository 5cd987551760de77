import * as vscode from 'vscode';
import { dirname } from 'node:path';
import { endpointEnv, envFromFrontMatter, LabSession } from '../kernels/session';
import { readKernelSettings } from '../extension/settings';
import type { KubeSelection } from '../kernels/kube/kubeContext';
import type { PlainNotebook } from './notebookData';

/** One LabSession per open notebook: its shell state lives until the notebook closes. */
export class NotebookSessions implements vscode.Disposable {
  private readonly sessions = new Map<string, LabSession>();
  /** Notebooks whose user said "run anyway" to a cluster mismatch, this session. */
  readonly clusterConfirmed = new Set<string>();
  private readonly closeListener = vscode.workspace.onDidCloseNotebookDocument((nb) => void this.end(nb.uri));
  /** A context or namespace picked in the status bar applies to the next cell of every open lab. */
  private readonly settingsListener = vscode.workspace.onDidChangeConfiguration((e) => {
    if (!['context', 'namespace', 'kubeconfig'].some((k) => e.affectsConfiguration(`illmlab.${k}`))) return;
    for (const [key, session] of this.sessions) session.setKube(kubeSelection(vscode.Uri.parse(key)));
  });

  get(notebook: vscode.NotebookDocument): LabSession {
    const key = notebook.uri.toString();
    let session = this.sessions.get(key);
    if (!session) {
      const settings = readKernelSettings(notebook.uri);
      const front = (notebook.metadata as Partial<PlainNotebook['metadata']>).illmlab?.frontMatter?.data ?? {};
      session = new LabSession({
        labDir: notebook.uri.scheme === 'file' ? dirname(notebook.uri.fsPath) : process.cwd(),
        baseEnv: process.env,
        // Endpoints: the lab's front matter (labEnv) wins over settings (settingsEnv).
        settingsEnv: {
          ...settings.env,
          ...endpointEnv(undefined, { prometheus: settings.prometheusUrl, loki: settings.lokiUrl }),
        },
        labEnv: { ...envFromFrontMatter(front), ...endpointEnv(front) },
        kube: kubeSelection(notebook.uri),
        secretNames: settings.secretNames,
      });
      this.sessions.set(key, session);
    }
    return session;
  }

  all(): Array<[string, LabSession]> {
    return [...this.sessions.entries()];
  }

  /** Ends a notebook's session: background cells stop, state is forgotten. */
  async end(uri: vscode.Uri): Promise<void> {
    const key = uri.toString();
    const session = this.sessions.get(key);
    this.sessions.delete(key);
    this.clusterConfirmed.delete(key);
    await session?.dispose();
  }

  dispose(): void {
    this.closeListener.dispose();
    this.settingsListener.dispose();
    for (const session of this.sessions.values()) void session.dispose();
    this.sessions.clear();
  }
}

function kubeSelection(scope: vscode.Uri): KubeSelection {
  const { kubeconfig, context, namespace } = readKernelSettings(scope);
  return { kubeconfig, context, namespace };
}
