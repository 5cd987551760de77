import * as vscode from 'vscode';
import type { NotebookSessions } from '../notebook/notebookSessions';

/** "Stop Background Cell...": every running background cell of every open lab, to pick from. */
export function stopBackgroundCell(sessions: NotebookSessions) {
  return async (): Promise<void> => {
    const running = sessions.all().flatMap(([uri, session]) =>
      [...session.background.values()].map((b) => ({
        label: b.cellId,
        description: b.label,
        detail: vscode.workspace.asRelativePath(vscode.Uri.parse(uri)),
        stop: b.stop,
      })),
    );
    if (running.length === 0) {
      void vscode.window.showInformationMessage('ILLM Lab: no background cells are running.');
      return;
    }
    const picked = await vscode.window.showQuickPick(running, {
      placeHolder: 'Stop which background cell?',
      canPickMany: true,
    });
    await Promise.all((picked ?? []).map((p) => p.stop()));
  };
}

/** "Restart Lab Session": forget the active lab's shell state and stop its background cells. */
export function restartSession(sessions: NotebookSessions) {
  return async (): Promise<void> => {
    const notebook = vscode.window.activeNotebookEditor?.notebook;
    if (notebook?.notebookType !== 'illmlab') {
      void vscode.window.showInformationMessage('ILLM Lab: open a lab to restart its session.');
      return;
    }
    await sessions.end(notebook.uri);
    void vscode.window.showInformationMessage('ILLM Lab: session restarted; the next cell starts in the lab folder.');
  };
}
