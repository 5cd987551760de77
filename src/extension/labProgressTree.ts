import * as vscode from 'vscode';
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { Curriculum } from '../labs/curriculum';
import { loadCurriculumWith, progressTree, type ProgressNode } from '../labs/progressTreeModel';
import { notebookText } from '../notebook/notebookText';

const REFRESH_DELAY_MS = 300;
/** What a click on a row runs (curriculumCommands.ts); phases and the problems row only expand. */
const OPEN_COMMAND: Partial<Record<ProgressNode['kind'], string>> = {
  lab: 'illmlab.openLab',
  task: 'illmlab.revealTask',
  problem: 'illmlab.openProblem',
};

/** The `illmlab.labsFolder` setting (default "labs"): relative to a workspace folder, or absolute. */
function labsSetting(): string {
  return vscode.workspace.getConfiguration('illmlab').get<string>('labsFolder')?.trim() || 'labs';
}

/** The curriculum's folder: the first workspace folder that has the labs folder. */
export function labsFolder(): string | undefined {
  const setting = labsSetting();
  if (isAbsolute(setting)) return existsSync(setting) ? setting : undefined;
  return (vscode.workspace.workspaceFolders ?? [])
    .filter((f) => f.uri.scheme === 'file')
    .map((f) => join(f.uri.fsPath, setting))
    .find((dir) => existsSync(dir));
}

/**
 * The Lab Progress view's data: the curriculum as files and open notebooks say, reloaded
 * (debounced) whenever a lab changes on disk or in an editor. Loaded only when the view asks.
 */
export class LabProgressTree implements vscode.TreeDataProvider<ProgressNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private cached: Curriculum | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly watchers: vscode.Disposable[] = [];
  /** The rows last handed to VS Code, for getParent (reveal needs it) and find. */
  private readonly nodes = new Map<string, ProgressNode>();
  private readonly parents = new Map<string, ProgressNode>();
  private readonly subscriptions: vscode.Disposable[];

  constructor() {
    const isLab = (nb: vscode.NotebookDocument) => nb.notebookType === 'illmlab';
    this.subscriptions = [
      vscode.workspace.onDidChangeNotebookDocument((e) => isLab(e.notebook) && this.refresh()),
      vscode.workspace.onDidSaveNotebookDocument((nb) => isLab(nb) && this.refresh()),
      // Closing a notebook drops its unsaved edits: the tree goes back to the file.
      vscode.workspace.onDidCloseNotebookDocument((nb) => isLab(nb) && this.refresh()),
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('illmlab.labsFolder') && this.rewatch()),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.rewatch()),
    ];
    this.watch();
  }

  /** The curriculum now (undefined: no labs folder in the workspace). */
  curriculum(): Curriculum | undefined {
    const dir = labsFolder();
    if (!dir) return undefined;
    const open = new Map(
      vscode.workspace.notebookDocuments
        .filter((nb) => nb.notebookType === 'illmlab' && nb.isDirty && nb.uri.scheme === 'file')
        .map((nb) => [resolve(nb.uri.fsPath), notebookText(nb)]),
    );
    this.cached ??= loadCurriculumWith(dir, open);
    return this.cached;
  }

  /** Reloads soon: a burst of edits or file events gives one reload. */
  refresh(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.cached = undefined;
      this.changed.fire();
    }, REFRESH_DELAY_MS);
  }

  getChildren(node?: ProgressNode): ProgressNode[] {
    if (node) return node.children;
    const curriculum = this.curriculum();
    const dir = labsFolder();
    const roots = curriculum && dir ? progressTree(curriculum, dirname(dir)) : [];
    this.nodes.clear();
    this.parents.clear();
    const index = (n: ProgressNode, parent?: ProgressNode) => {
      this.nodes.set(n.key, n);
      if (parent) this.parents.set(n.key, parent);
      n.children.forEach((c) => index(c, n));
    };
    roots.forEach((n) => index(n));
    return roots;
  }

  getTreeItem(node: ProgressNode): vscode.TreeItem {
    const state =
      node.children.length === 0
        ? vscode.TreeItemCollapsibleState.None
        : node.expanded
          ? vscode.TreeItemCollapsibleState.Expanded
          : vscode.TreeItemCollapsibleState.Collapsed;
    const item = new vscode.TreeItem(node.label, state);
    item.id = node.key;
    item.description = node.description;
    item.tooltip = node.tooltip;
    item.contextValue = node.kind;
    const color = node.iconColor ? new vscode.ThemeColor(node.iconColor) : undefined;
    if (node.icon) item.iconPath = new vscode.ThemeIcon(node.icon, color);
    if (node.checked !== undefined) {
      item.checkboxState = {
        state: node.checked ? vscode.TreeItemCheckboxState.Checked : vscode.TreeItemCheckboxState.Unchecked,
        tooltip: node.checked ? 'Done: untick to mark it not done in the lab' : 'Tick to mark it done in the lab',
        accessibilityInformation: { label: `${node.label}: ${node.checked ? 'done' : 'not done'}`, role: 'checkbox' },
      };
    }
    const command = OPEN_COMMAND[node.kind];
    if (command) item.command = { command, title: 'Open', arguments: [node] };
    return item;
  }

  getParent(node: ProgressNode): ProgressNode | undefined {
    return this.parents.get(node.key);
  }

  /** A row of the tree as last shown, by key ("lab:<id>"), for reveal(). */
  find(key: string): ProgressNode | undefined {
    return this.nodes.get(key);
  }

  /** File changes under the labs folder of each workspace folder (or under the absolute folder). */
  private watch(): void {
    const setting = labsSetting().replace(/\\/g, '/').replace(/\/+$/, '');
    const patterns = isAbsolute(setting)
      ? [new vscode.RelativePattern(vscode.Uri.file(setting), '**')]
      : (vscode.workspace.workspaceFolders ?? []).map((f) => new vscode.RelativePattern(f, `${setting}/**`));
    for (const pattern of patterns) {
      const watcher = vscode.workspace.createFileSystemWatcher(pattern);
      const onEvent = () => this.refresh();
      this.watchers.push(
        watcher,
        watcher.onDidCreate(onEvent),
        watcher.onDidChange(onEvent),
        watcher.onDidDelete(onEvent),
      );
    }
  }

  private rewatch(): void {
    this.watchers.splice(0).forEach((w) => w.dispose());
    this.watch();
    this.refresh();
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.watchers.forEach((w) => w.dispose());
    this.subscriptions.forEach((s) => s.dispose());
    this.changed.dispose();
  }
}
