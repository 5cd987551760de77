import * as vscode from 'vscode';
import { LabSerializer } from '../notebook/labSerializer';
import { LabDiagnostics } from './labDiagnostics';

// Only creates things and hands them to VS Code; the work lives in the core and the adapters.
export function activate(context: vscode.ExtensionContext): void {
  const diagnostics = new LabDiagnostics();
  context.subscriptions.push(
    vscode.workspace.registerNotebookSerializer('illmlab', new LabSerializer(), LabSerializer.options),
    diagnostics,
    vscode.commands.registerCommand('illmlab.validateLab', () => validateActiveLab(diagnostics)),
  );
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

export function deactivate(): void {}
