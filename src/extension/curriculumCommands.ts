import * as vscode from 'vscode';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { nextLab } from '../labs/curriculum';
import { copyCurriculum } from '../labs/curriculumCopy';
import { checkLabId, labFileName, labTemplate, nextOrder } from '../labs/labTemplate';
import { checkboxPosition, setTaskDoneInFile, type ProgressNode } from '../labs/progressTreeModel';
import { notebookText } from '../notebook/notebookText';
import { taskEdit } from '../notebook/taskEdits';
import { labsFolder, type LabProgressTree } from './labProgressTree';

async function showLab(path: string): Promise<vscode.NotebookEditor> {
  const uri = vscode.Uri.file(resolve(path));
  await vscode.commands.executeCommand('vscode.openWith', uri, 'illmlab');
  const editor = vscode.window.activeNotebookEditor;
  if (editor?.notebook.uri.toString() === uri.toString()) return editor;
  return vscode.window.showNotebookDocument(await vscode.workspace.openNotebookDocument(uri));
}

/**
 * A ticked or unticked box edits the lab: an open notebook gets an undoable edit of that one
 * character of its markdown cell; a closed lab's file changes in that one byte.
 */
export function tickTasks(tree: LabProgressTree) {
  return async (e: vscode.TreeCheckboxChangeEvent<ProgressNode>): Promise<void> => {
    const missing: string[] = [];
    for (const [node, state] of e.items) {
      if (node.kind !== 'task' || !node.path || !node.taskId) continue;
      const done = state === vscode.TreeItemCheckboxState.Checked;
      const uri = vscode.Uri.file(resolve(node.path));
      const notebook = vscode.workspace.notebookDocuments.find((nb) => nb.uri.toString() === uri.toString());
      if (!notebook) {
        try {
          if (setTaskDoneInFile(uri.fsPath, node.taskId, done) === 'missing') missing.push(node.taskId);
        } catch (err) {
          void vscode.window.showErrorMessage(`ILLM Lab: could not write ${uri.fsPath}: ${(err as Error).message}`);
        }
        continue;
      }
      const edit = taskEdit(notebook, node.taskId, done);
      if (!edit) missing.push(node.taskId);
      else if (edit.size > 0) await vscode.workspace.applyEdit(edit);
    }
    if (missing.length > 0) {
      const names = missing.map((id) => `"${id}"`).join(', ');
      void vscode.window.showWarningMessage(`ILLM Lab: task ${names} is no longer in its lab; the view is reloaded.`);
    }
    tree.refresh();
  };
}

/** A lab row: open the lab as a notebook. */
export function openLab() {
  return async (node: ProgressNode): Promise<void> => {
    if (node.path) await showLab(node.path);
  };
}

/** A task row: open its lab and bring the markdown cell that holds the task into view, selected. */
export function revealTask() {
  return async (node: ProgressNode): Promise<void> => {
    if (!node.path || !node.taskId) return;
    const editor = await showLab(node.path);
    const at = checkboxPosition(notebookText(editor.notebook), node.taskId);
    if (!at) return;
    const range = new vscode.NotebookRange(at.cellIndex, at.cellIndex + 1);
    editor.selections = [range];
    editor.revealRange(range, vscode.NotebookEditorRevealType.InCenterIfOutsideViewport);
  };
}

/** A curriculum problem row: the file as text, at the line (most are in the front matter). */
export function openProblem() {
  return async (node: ProgressNode): Promise<void> => {
    if (!node.path) return;
    const line = Math.max(0, (node.line ?? 1) - 1);
    await vscode.window.showTextDocument(vscode.Uri.file(resolve(node.path)), {
      selection: new vscode.Range(line, 0, line, 0),
    });
  };
}

/**
 * "Next Lab": the first lab, in curriculum order, that is unlocked and unfinished; once it is
 * open, its row is selected in the view (`reveal`), so the user sees where it sits.
 */
export function openNextLab(tree: LabProgressTree, reveal: (key: string) => void) {
  return async (): Promise<void> => {
    const curriculum = tree.curriculum();
    if (!curriculum) {
      const start = 'Start the Curriculum';
      const answer = await vscode.window.showInformationMessage('ILLM Lab: this workspace has no labs folder.', start);
      if (answer === start) await vscode.commands.executeCommand('illmlab.startCurriculum');
      return;
    }
    const lab = nextLab(curriculum);
    if (lab) {
      await showLab(lab.path);
      reveal(`lab:${lab.id}`);
    } else void vscode.window.showInformationMessage('ILLM Lab: no lab is left that is both unlocked and unfinished.');
  };
}

/**
 * "Start the Curriculum": copies the labs, manifests, images and Taskfile the extension ships
 * into a folder the user picks, then opens it. A folder whose labs/ already holds labs is used
 * as it is; existing files are never overwritten.
 */
export function startCurriculum(extensionUri: vscode.Uri) {
  return async (): Promise<void> => {
    const picked = await vscode.window.showOpenDialog({
      canSelectFolders: true,
      canSelectFiles: false,
      canSelectMany: false,
      openLabel: 'Start the Curriculum Here',
      title: 'ILLM Lab: folder for the curriculum (labs, manifests, images, Taskfile.yml)',
    });
    const target = picked?.[0];
    if (!target) return;
    try {
      copyCurriculum(extensionUri.fsPath, target.fsPath);
    } catch (e) {
      void vscode.window.showErrorMessage(
        `ILLM Lab: could not copy the curriculum to ${target.fsPath}: ${(e as Error).message}`,
      );
      return;
    }
    const open = vscode.workspace.workspaceFolders?.some((f) => f.uri.fsPath === target.fsPath);
    if (open) {
      void vscode.window.showInformationMessage(`ILLM Lab: the curriculum is in ${target.fsPath}.`);
      await vscode.commands.executeCommand('illmlab.progress.focus');
      return;
    }
    await vscode.commands.executeCommand('vscode.openFolder', target, { forceNewWindow: false });
  };
}

/** "Create the Local Cluster": `task cluster:up` in a terminal, minikube or (CLUSTER=kind) kind. */
export function createCluster() {
  return async (): Promise<void> => {
    const root = (vscode.workspace.workspaceFolders ?? []).find((f) => existsSync(join(f.uri.fsPath, 'Taskfile.yml')));
    if (!root) {
      void vscode.window.showWarningMessage(
        'ILLM Lab: no Taskfile.yml in this workspace; run “ILLM Lab: Start the Curriculum” first.',
      );
      return;
    }
    const picked = await vscode.window.showQuickPick(
      [
        {
          label: 'minikube',
          description: 'default',
          detail: 'task cluster:up — profile "illmlab", see manifests/cluster/minikube.env',
          env: {},
        },
        {
          label: 'kind',
          detail: 'CLUSTER=kind task cluster:up — cluster "illmlab" from manifests/cluster/kind.yaml',
          env: { CLUSTER: 'kind' },
        },
      ],
      { title: 'ILLM Lab: Create the local cluster' },
    );
    if (!picked) return;
    const terminal = vscode.window.createTerminal({
      name: `ILLM Lab: ${picked.label}`,
      cwd: root.uri,
      env: picked.env,
    });
    terminal.show();
    terminal.sendText('task cluster:up');
  };
}

/** "New Lab": id, title and phase folder asked for; a lab from the template with the next order number. */
export function newLab(tree: LabProgressTree) {
  return async (): Promise<void> => {
    const labs = labsFolder();
    if (!labs) {
      void vscode.window.showWarningMessage(
        'ILLM Lab: this workspace has no labs folder (setting illmlab.labsFolder).',
      );
      return;
    }
    const folders = readdirSync(labs, { withFileTypes: true })
      .filter((d) => d.isDirectory() && /^\d+-/.test(d.name))
      .map((d) => d.name)
      .sort();
    const folder = await vscode.window.showQuickPick(folders, { title: 'ILLM Lab: New Lab — phase (1/3)' });
    if (!folder) return;
    const existing = new Set(tree.curriculum()?.labs.keys() ?? []);
    const id = await vscode.window.showInputBox({
      title: 'ILLM Lab: New Lab — id (2/3)',
      prompt: 'The lab id: lowercase words with dashes. Its namespace will be lab-<id>.',
      validateInput: (v) => checkLabId(v, existing),
    });
    if (!id) return;
    const title = await vscode.window.showInputBox({
      title: 'ILLM Lab: New Lab — title (3/3)',
      validateInput: (v) => (v.trim() ? undefined : 'the lab needs a title'),
    });
    if (!title) return;
    const dir = join(labs, folder);
    const order = nextOrder(readdirSync(dir));
    const file = join(dir, labFileName(order, id));
    try {
      writeFileSync(file, labTemplate({ id, title: title.trim(), phase: Number(/^\d+/.exec(folder)![0]), order }), {
        flag: 'wx',
      });
    } catch (e) {
      void vscode.window.showErrorMessage(`ILLM Lab: could not write ${file}: ${(e as Error).message}`);
      return;
    }
    tree.refresh();
    await showLab(file);
  };
}
