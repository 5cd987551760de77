import * as vscode from 'vscode';
import { dirname, basename } from 'node:path';
import { kubeClient, kubeconfigFiles, listNamespaces, readKubeTarget } from '../kernels/kube/kubeApi';
import { isNamespaceName } from '../kernels/kube/kubeContext';
import { readKernelSettings } from './settings';

/**
 * The kube context and namespace lab cells use, in the status bar. The kubeconfig is read (and
 * the Kubernetes client loaded) on first show, not at activation; then again when the settings
 * or the kubeconfig file change.
 */
export class KubeStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('illmlab.kube', vscode.StatusBarAlignment.Left, 50);
  private readonly subscriptions: vscode.Disposable[] = [];
  private shown = false;

  constructor() {
    this.item.name = 'ILLM Lab: Kube Context';
    this.item.command = 'illmlab.selectKubeContext';
    this.subscriptions.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (['context', 'namespace', 'kubeconfig'].some((k) => e.affectsConfiguration(`illmlab.${k}`)))
          void this.update();
      }),
    );
  }

  /** Shows the item; the first call reads the kubeconfig and starts watching it. */
  show(): void {
    if (this.shown) return;
    this.shown = true;
    this.item.text = '$(server-environment) kube…';
    this.item.show();
    for (const file of kubeconfigFiles({ kubeconfig: readKernelSettings().kubeconfig })) {
      const watcher = vscode.workspace.createFileSystemWatcher(
        new vscode.RelativePattern(vscode.Uri.file(dirname(file)), basename(file)),
      );
      this.subscriptions.push(
        watcher,
        watcher.onDidChange(() => void this.update()),
      );
    }
    // A kubeconfig made later (task cluster:up), or a context switched in a terminal: read again
    // when the window gets the focus back.
    this.subscriptions.push(vscode.window.onDidChangeWindowState((w) => w.focused && void this.update()));
    void this.update();
  }

  async update(): Promise<void> {
    if (!this.shown) return;
    const { kubeconfig, context, namespace: ns } = readKernelSettings();
    try {
      const target = await readKubeTarget({ kubeconfig, context });
      const name = target.current ?? '(no context)';
      const own = target.contexts.find((c) => c.name === target.current)?.namespace;
      this.item.text = `$(server-environment) ${name} / ${ns ?? own ?? 'default'}`;
      this.item.tooltip = [
        `Kube context: ${name}${context ? ' (setting illmlab.context)' : ' (the kubeconfig’s current-context)'}`,
        `Namespace: ${ns ? `${ns} (setting illmlab.namespace)` : own ? `${own} (from the context)` : 'default'}`,
        `Kubeconfig: ${target.files.join(', ')}`,
        'Click to choose another context or namespace for lab cells; your kubeconfig is not changed.',
      ].join('\n');
      this.item.backgroundColor = undefined;
    } catch (e) {
      this.item.text = '$(server-environment) no kube context';
      this.item.tooltip = `ILLM Lab: ${(e as Error).message}\nCreate the local cluster with “task cluster:up”, or set illmlab.kubeconfig.`;
      this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
    }
  }

  dispose(): void {
    this.item.dispose();
    this.subscriptions.forEach((s) => s.dispose());
  }
}

/**
 * The status bar's click: pick a context from the kubeconfig, then a namespace (listed from the
 * API server when it answers, else typed). Both go to workspace settings, never to the kubeconfig.
 */
export function selectKubeContext(status: KubeStatusBar) {
  return async (): Promise<void> => {
    status.show(); // from the palette, before anything showed it: the choice should be visible
    const { kubeconfig, context, namespace: inUseNamespace } = readKernelSettings();
    let target;
    try {
      target = await readKubeTarget({ kubeconfig }); // without the setting: current = the kubeconfig's own
    } catch (e) {
      void vscode.window.showErrorMessage(`ILLM Lab: ${(e as Error).message}`);
      return;
    }
    const inUse = context ?? target.current;
    const reset = { label: '$(discard) Use the kubeconfig’s current-context', name: undefined as string | undefined };
    const picked = await vscode.window.showQuickPick(
      [
        ...target.contexts.map((c) => ({
          label: c.name,
          name: c.name as string | undefined,
          description: [c.name === inUse ? 'in use' : '', c.name === target.current ? 'current-context' : '']
            .filter(Boolean)
            .join(', '),
          detail: c.namespace ? `namespace ${c.namespace}` : undefined,
        })),
        ...(context ? [reset] : []),
      ].sort((a, b) => Number(b.name === inUse) - Number(a.name === inUse)),
      { title: 'ILLM Lab: Kube context for lab cells (1/2)', placeHolder: `in use: ${inUse ?? 'none'}` },
    );
    if (!picked) return;
    await write('context', picked.name);
    const chosen = picked.name ?? target.current;
    const fallback = target.contexts.find((c) => c.name === chosen)?.namespace ?? 'default';
    const namespace = await pickNamespace(kubeconfig, chosen, inUseNamespace ?? fallback);
    if (namespace !== undefined) await write('namespace', namespace === '' ? undefined : namespace);
  };
}

/** A namespace from the cluster's list; typed in when the API server cannot list them. "" = the context's own. */
async function pickNamespace(
  kubeconfig: string | undefined,
  context: string | undefined,
  current: string,
): Promise<string | undefined> {
  let names: string[] | undefined;
  let why = '';
  try {
    names = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: 'ILLM Lab: listing namespaces' },
      async () => listNamespaces(await kubeClient({ kubeconfig, context }), 5000),
    );
  } catch (e) {
    why = (e as Error).message;
  }
  if (names) {
    const picked = await vscode.window.showQuickPick(
      [current, ...names.filter((n) => n !== current)].map((n) => ({
        label: n,
        description: n === current ? 'in use' : '',
      })),
      {
        title: `ILLM Lab: Namespace for lab cells in ${context} (2/2)`,
        placeHolder: 'Escape keeps the namespace as it is',
      },
    );
    return picked?.label;
  }
  return vscode.window.showInputBox({
    title: `ILLM Lab: Namespace for lab cells in ${context} (2/2)`,
    prompt: `The namespaces could not be listed (${why}). Type one, or leave empty for the context’s own.`,
    value: current,
    validateInput: (v) =>
      v === '' || isNamespaceName(v) ? undefined : 'lowercase letters, digits and dashes, at most 63',
  });
}

/** Workspace settings when a folder is open (a choice per curriculum), else the user settings. */
async function write(key: 'context' | 'namespace', value: string | undefined): Promise<void> {
  const target = vscode.workspace.workspaceFolders?.length
    ? vscode.ConfigurationTarget.Workspace
    : vscode.ConfigurationTarget.Global;
  await vscode.workspace.getConfiguration('illmlab').update(key, value, target);
}
