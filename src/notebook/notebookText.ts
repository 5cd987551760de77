import type * as vscode from 'vscode';
import { fromNotebook, type PlainNotebook } from './notebookData';

/** The text an open notebook would be saved as, for checks that read the file's lines. */
export function notebookText(notebook: vscode.NotebookDocument): string {
  const plain: PlainNotebook = {
    metadata: notebook.metadata as PlainNotebook['metadata'],
    cells: notebook.getCells().map((cell) => ({
      kind: cell.kind === 1 ? 'markup' : 'code', // vscode.NotebookCellKind.Markup === 1
      value: cell.document.getText(),
      languageId: cell.document.languageId,
      metadata: cell.metadata,
    })),
  };
  return fromNotebook(plain);
}
