import * as vscode from 'vscode';
import { checkCluster } from '../kernels/kube/kubeContext';
import { createExecutors } from '../kernels/registry';
import type { CellResult, Executor } from '../kernels/types';
import { derivedId } from './format';
import { EDITOR_CELL_LANGUAGES, fenceLanguage } from './cellLanguages';
import { LiveOutput } from './liveOutput';
import type { CellMetadata, PlainNotebook } from './notebookData';
import type { NotebookSessions } from './notebookSessions';
import { taskEdit } from './taskEdits';

/**
 * The one controller of ILLM Lab notebooks: hands each cell to the executor of its language and
 * maps what comes back to notebook outputs. Run All stops at the first failed cell.
 */
export class LabController implements vscode.Disposable {
  private readonly controller: vscode.NotebookController;
  private readonly executors: ReadonlyMap<string, Executor> = createExecutors();
  private order = 0;

  constructor(private readonly sessions: NotebookSessions) {
    this.controller = vscode.notebooks.createNotebookController('illmlab-kernel', 'illmlab', 'ILLM Lab');
    this.controller.supportedLanguages = EDITOR_CELL_LANGUAGES;
    this.controller.supportsExecutionOrder = true;
    this.controller.description = 'Runs shell, PromQL, LogQL and k6 cells';
    this.controller.executeHandler = (cells, notebook) => this.executeAll(cells, notebook);
  }

  private async executeAll(cells: vscode.NotebookCell[], notebook: vscode.NotebookDocument): Promise<void> {
    for (const cell of cells) {
      const ok = await this.execute(cell, notebook);
      if (!ok) break;
    }
  }

  /** Runs one cell; false when Run All should stop. */
  private async execute(cell: vscode.NotebookCell, notebook: vscode.NotebookDocument): Promise<boolean> {
    const execution = this.controller.createNotebookCellExecution(cell);
    execution.executionOrder = ++this.order;
    execution.start(Date.now());
    await execution.clearOutput();
    const fail = async (name: string, message: string) => {
      await execution.replaceOutput([new vscode.NotebookCellOutput([errorItem(name, message)])]);
      execution.end(false, Date.now());
      return false;
    };

    if (!vscode.workspace.isTrusted) {
      return fail(
        'Untrusted workspace',
        'ILLM Lab runs no cells in an untrusted workspace. Trust this folder (Workspaces: Manage Workspace Trust) to run the lab.',
      );
    }
    const meta = cell.metadata?.illmlab as CellMetadata | undefined;
    const language = fenceLanguage(cell.document.languageId, meta?.raw?.language);
    const executor = this.executors.get(language);
    if (!executor) {
      await execution.replaceOutput([
        new vscode.NotebookCellOutput([
          vscode.NotebookCellOutputItem.stderr(`illmlab cannot run ${language} cells yet: skipped.\n`),
        ]),
      ]);
      execution.end(undefined, Date.now());
      return true;
    }
    const session = this.sessions.get(notebook);
    const pinned = await this.confirmCluster(notebook);
    if (pinned !== true) return fail('Kube context', pinned);

    const attributes = meta?.attributes ?? {};
    if (attributes.interactive === true || attributes.interactive === 'true') {
      try {
        await session.prepareKube();
      } catch (e) {
        return fail('Kube namespace', (e as Error).message);
      }
      const terminal = vscode.window.createTerminal({
        name: `ILLM Lab: ${cell.index + 1}`,
        cwd: session.cwd,
        env: session.env,
        strictEnv: true,
      });
      terminal.show();
      terminal.sendText(cell.document.getText());
      await execution.replaceOutput([
        new vscode.NotebookCellOutput([
          vscode.NotebookCellOutputItem.stdout('Running in the terminal "' + terminal.name + '".\n'),
        ]),
      ]);
      execution.end(true, Date.now());
      return true;
    }

    const abort = new AbortController();
    execution.token.onCancellationRequested(() => abort.abort());
    const source = cell.document.getText();
    const request = {
      id: typeof attributes.id === 'string' ? attributes.id : derivedId(language, source),
      language,
      source,
      attributes,
    };
    const live = new LiveOutput(execution, session.tempDir);
    const run = (async () => {
      let result: CellResult = { status: 'failed', durationMs: 0, error: 'the cell ended without a result' };
      for await (const event of executor.execute(request, session, abort.signal)) {
        if (event.kind === 'end') result = event;
        else live.write(event);
      }
      const verifies = typeof attributes.verifies === 'string' ? attributes.verifies : undefined;
      if (verifies && result.status !== 'ok') {
        live.write({ kind: 'note', text: `Task "${verifies}" stays unticked: this cell ${result.status}.\n` });
      }
      await live.finish(
        result.status === 'ok' ? undefined : { name: statusName(result), message: result.error ?? result.status },
      );
      execution.end(result.status === 'ok', Date.now());
      // A verify cell that succeeded ticks its task: an undoable edit of that one checkbox.
      if (verifies && result.status === 'ok') await tickVerified(notebook, verifies);
      return result.status === 'ok';
    })();
    // A background cell (port-forward, logs -f) keeps its spinner and output while Run All moves on.
    return attributes.background === true || attributes.background === 'true' ? true : run;
  }

  /** true when the lab may run against the current context; else why not. Asks once per session. */
  private async confirmCluster(notebook: vscode.NotebookDocument): Promise<true | string> {
    const key = notebook.uri.toString();
    const front = (notebook.metadata as Partial<PlainNotebook['metadata']>).illmlab?.frontMatter?.data;
    const cluster = typeof front?.cluster === 'string' ? front.cluster : undefined;
    if (!cluster || this.sessions.clusterConfirmed.has(key)) return true;
    const session = this.sessions.get(notebook);
    const check = await checkCluster(cluster, session.kube);
    if (check.ok) {
      this.sessions.clusterConfirmed.add(key);
      return true;
    }
    const choice = await vscode.window.showWarningMessage(check.message, { modal: true }, 'Run Anyway');
    if (choice !== 'Run Anyway') return `Not run: ${check.message}`;
    this.sessions.clusterConfirmed.add(key);
    return true;
  }

  dispose(): void {
    this.controller.dispose();
  }
}

async function tickVerified(notebook: vscode.NotebookDocument, taskId: string): Promise<void> {
  const edit = taskEdit(notebook, taskId, true);
  if (!edit)
    void vscode.window.showWarningMessage(`ILLM Lab: a cell verifies "${taskId}", but this lab has no such task.`);
  else if (edit.size > 0) await vscode.workspace.applyEdit(edit);
}

function statusName(result: CellResult): string {
  return { failed: 'Cell failed', timeout: 'Timed out', cancelled: 'Cancelled', skipped: 'Skipped', ok: 'OK' }[
    result.status
  ];
}

function errorItem(name: string, message: string): vscode.NotebookCellOutputItem {
  const err = new Error(message);
  err.name = name;
  err.stack = undefined;
  return vscode.NotebookCellOutputItem.error(err);
}
