import * as vscode from 'vscode';
import {
  createCluster,
  newLab,
  openLab,
  openNextLab,
  openProblem,
  revealTask,
  startCurriculum,
  tickTasks,
} from './curriculumCommands';
import { runDoctorCommand } from './doctorView';
import { LabProgressTree } from './labProgressTree';
import { KubeStatusBar, selectKubeContext } from './statusBar';

/**
 * The curriculum side of the extension: the Lab Progress view, the kube status bar item, the
 * doctor, and the commands of the walkthrough. Creates things only; nothing is read here.
 */
export function registerCurriculumUi(context: vscode.ExtensionContext): void {
  const tree = new LabProgressTree();
  const view = vscode.window.createTreeView('illmlab.progress', {
    treeDataProvider: tree,
    showCollapseAll: true,
    // Each box is its own task: ticking a parent must not tick its sub-tasks in the file.
    manageCheckboxStateManually: true,
  });
  const status = new KubeStatusBar();
  let channel: vscode.OutputChannel | undefined;
  const doctorChannel = () => (channel ??= vscode.window.createOutputChannel('ILLM Lab Doctor'));

  const reveal = (key: string) => {
    const node = tree.find(key);
    if (node && view.visible) void view.reveal(node, { select: true, focus: false });
  };

  const commands: Record<string, (...args: never[]) => unknown> = {
    'illmlab.nextLab': openNextLab(tree, reveal),
    'illmlab.refreshProgress': () => tree.refresh(),
    'illmlab.openLab': openLab(),
    'illmlab.revealTask': revealTask(),
    'illmlab.openProblem': openProblem(),
    'illmlab.startCurriculum': startCurriculum(context.extensionUri),
    'illmlab.newLab': newLab(tree),
    'illmlab.createCluster': createCluster(),
    'illmlab.doctor': runDoctorCommand(doctorChannel),
    'illmlab.selectKubeContext': selectKubeContext(status),
  };

  // The status bar item matters where labs are worked on: shown with the view or a lab.
  const isLab = (editor: vscode.NotebookEditor | undefined) => editor?.notebook.notebookType === 'illmlab';
  const showStatus = () => status.show();
  context.subscriptions.push(
    tree,
    view,
    status,
    { dispose: () => channel?.dispose() },
    view.onDidChangeCheckboxState(tickTasks(tree)),
    view.onDidChangeVisibility((e) => e.visible && showStatus()),
    vscode.window.onDidChangeActiveNotebookEditor((editor) => isLab(editor) && showStatus()),
    ...Object.entries(commands).map(([id, handler]) => vscode.commands.registerCommand(id, handler)),
  );
  if (view.visible || isLab(vscode.window.activeNotebookEditor)) setTimeout(showStatus, 0);
}
