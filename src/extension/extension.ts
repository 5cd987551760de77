import * as vscode from 'vscode';
import { LabController } from '../notebook/labController';
import { LabSerializer } from '../notebook/labSerializer';
import { NotebookSessions } from '../notebook/notebookSessions';
import { registerCurriculumUi } from './curriculumUi';
import { LabDiagnostics } from './labDiagnostics';
import { restartSession, stopBackgroundCell } from './sessionCommands';

let sessions: NotebookSessions | undefined;

// Only creates things and hands them to VS Code; the work lives in the core and the adapters.
export function activate(context: vscode.ExtensionContext): void {
  sessions = new NotebookSessions();
  const diagnostics = new LabDiagnostics();
  context.subscriptions.push(
    vscode.workspace.registerNotebookSerializer('illmlab', new LabSerializer(), LabSerializer.options),
    sessions,
    new LabController(sessions),
    diagnostics,
    vscode.commands.registerCommand('illmlab.validateLab', () => validateActiveLab(diagnostics)),
    vscode.commands.registerCommand('illmlab.stopBackgroundCell', stopBackgroundCell(sessions)),
    vscode.commands.registerCommand('illmlab.restartSession', restartSession(sessions)),
  );
  registerCurriculumUi(context);
}

function validateActiveLab(diagnostics: LabDiagnostics): void {
  const notebook = vscode.window.activeNotebookEditor?.notebook;
  if (notebook?.notebookType !== 'illmlab') {
    void vscode.window.showInformationMessage('ILLM Lab: open a .illmlab lab to validate it.');
    return;
  }
  diagnostics.update(notebook);
  void vscode.commands.executeCommand('workbench.actions.view.problems');
}

/** Background cells end with the extension: nothing is left running. */
export async function deactivate(): Promise<void> {
  await Promise.all((sessions?.all() ?? []).map(([, s]) => s.dispose()));
}
