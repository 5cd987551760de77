import * as vscode from 'vscode';
import { dirname } from 'node:path';
import { endpointEnv, envFromFrontMatter, LabSession } from '../kernels/session';
import { readKernelSettings } from '../extension/settings';
import type { PlainNotebook } from './notebookData';

/** One LabSession per open notebook: its shell state lives until the notebook closes. */
export class NotebookSessions implements vscode.Disposable {
  private readonly sessions = new Map<string, LabSession>();
  /** Notebooks whose user said "run anyway" to a cluster mismatch, this session. */
  readonly clusterConfirmed = new Set<string>();
  private readonly closeListener = vscode.workspace.onDidCloseNotebookDocument((nb) => void this.end(nb.uri));

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
        kube: { kubeconfig: settings.kubeconfig, context: settings.context },
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
    for (const session of this.sessions.values()) void session.dispose();
    this.sessions.clear();
  }
}
