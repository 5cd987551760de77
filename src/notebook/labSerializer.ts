import * as vscode from 'vscode';
import { decodeLab, encodeLab, type TextEncoding } from './format';
import { fromNotebook, toNotebook, type PlainNotebook } from './notebookData';

/** Adapts the .illmlab format to VS Code: bytes <-> NotebookData, nothing else. */
export class LabSerializer implements vscode.NotebookSerializer {
  static readonly options: vscode.NotebookDocumentContentOptions = { transientOutputs: true };

  deserializeNotebook(content: Uint8Array): vscode.NotebookData {
    const { text, encoding } = decodeLab(content);
    const plain = toNotebook(text);
    const data = new vscode.NotebookData(
      plain.cells.map((cell) => {
        const kind = cell.kind === 'markup' ? vscode.NotebookCellKind.Markup : vscode.NotebookCellKind.Code;
        const cellData = new vscode.NotebookCellData(kind, cell.value, cell.languageId);
        cellData.metadata = cell.metadata;
        return cellData;
      }),
    );
    data.metadata = { ...plain.metadata, encoding };
    return data;
  }

  serializeNotebook(data: vscode.NotebookData): Uint8Array {
    const plain: PlainNotebook = {
      metadata: data.metadata as PlainNotebook['metadata'],
      cells: data.cells.map((cell) => ({
        kind: cell.kind === vscode.NotebookCellKind.Markup ? 'markup' : 'code',
        value: cell.value,
        languageId: cell.languageId,
        metadata: cell.metadata,
      })),
    };
    return encodeLab(fromNotebook(plain), (data.metadata?.encoding as TextEncoding | undefined) ?? 'utf8');
  }
}
