import * as vscode from 'vscode';
import { checkboxPosition } from '../labs/progressTreeModel';
import { notebookText } from './notebookText';

/**
 * The edit that ticks (or unticks) one task in an open lab: that one checkbox character of its
 * markdown cell, undoable. Undefined when the lab has no such task.
 */
export function taskEdit(
  notebook: vscode.NotebookDocument,
  taskId: string,
  done: boolean,
): vscode.WorkspaceEdit | undefined {
  const at = checkboxPosition(notebookText(notebook), taskId);
  if (!at) return undefined;
  const edit = new vscode.WorkspaceEdit();
  if (at.done === done) return edit;
  const cell = notebook.cellAt(at.cellIndex);
  edit.replace(cell.document.uri, new vscode.Range(at.line, at.character, at.line, at.character + 1), done ? 'x' : ' ');
  // VS Code does not re-render a markdown cell whose text an extension edited unless the
  // notebook itself changes too (microsoft/vscode#187643): an unchanged metadata write does.
  edit.set(notebook.uri, [vscode.NotebookEdit.updateCellMetadata(at.cellIndex, { ...cell.metadata })]);
  return edit;
}
