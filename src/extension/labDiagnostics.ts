import * as vscode from 'vscode';
import { validateLab } from '../labs/validateLab';
import { parseLab, type Problem } from '../notebook/format';
import { notebookText } from '../notebook/notebookText';

const NOTEBOOK_TYPE = 'illmlab';

/** Shows `illmlab validate` problems of open labs in the Problems panel, on the cell they concern. */
export class LabDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('illmlab');
  private readonly pending = new Map<string, NodeJS.Timeout>();
  private readonly subscriptions: vscode.Disposable[];

  constructor() {
    this.subscriptions = [
      vscode.workspace.onDidOpenNotebookDocument((nb) => this.update(nb)),
      vscode.workspace.onDidSaveNotebookDocument((nb) => this.update(nb)),
      vscode.workspace.onDidChangeNotebookDocument((e) => this.schedule(e.notebook)),
      vscode.workspace.onDidCloseNotebookDocument((nb) => this.clear(nb)),
    ];
    vscode.workspace.notebookDocuments.forEach((nb) => this.update(nb));
  }

  update(notebook: vscode.NotebookDocument): void {
    if (notebook.notebookType !== NOTEBOOK_TYPE) return;
    this.clear(notebook);
    const text = notebookText(notebook);
    const { problems } = validateLab(text);
    const cellStarts = parseLab(text).cells.map((c) => c.line);
    const byUri = new Map<string, { uri: vscode.Uri; items: vscode.Diagnostic[] }>();
    for (const p of problems) {
      const { uri, line } = locate(notebook, cellStarts, p);
      const entry = byUri.get(uri.toString()) ?? { uri, items: [] };
      entry.items.push(toDiagnostic(p, line));
      byUri.set(uri.toString(), entry);
    }
    for (const { uri, items } of byUri.values()) this.collection.set(uri, items);
  }

  private schedule(notebook: vscode.NotebookDocument): void {
    const key = notebook.uri.toString();
    clearTimeout(this.pending.get(key));
    this.pending.set(
      key,
      setTimeout(() => this.update(notebook), 300),
    );
  }

  private clear(notebook: vscode.NotebookDocument): void {
    this.collection.delete(notebook.uri);
    notebook.getCells().forEach((cell) => this.collection.delete(cell.document.uri));
  }

  dispose(): void {
    this.pending.forEach((t) => clearTimeout(t));
    this.subscriptions.forEach((s) => s.dispose());
    this.collection.dispose();
  }
}

/** A problem inside a cell goes on that cell; front-matter problems go on the notebook itself. */
function locate(
  notebook: vscode.NotebookDocument,
  cellStarts: number[],
  p: Problem,
): { uri: vscode.Uri; line: number } {
  let index = -1;
  for (let i = 0; i < cellStarts.length && cellStarts[i] <= p.line; i++) index = i;
  if (index < 0 || index >= notebook.cellCount) return { uri: notebook.uri, line: p.line - 1 };
  const cell = notebook.cellAt(index);
  const offset = p.line - cellStarts[index] - (cell.kind === vscode.NotebookCellKind.Code ? 1 : 0);
  return { uri: cell.document.uri, line: Math.min(Math.max(offset, 0), Math.max(cell.document.lineCount - 1, 0)) };
}

function toDiagnostic(p: Problem, line: number): vscode.Diagnostic {
  const range = new vscode.Range(line, 0, line, Number.MAX_SAFE_INTEGER);
  const severity = p.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning;
  const d = new vscode.Diagnostic(range, p.message, severity);
  d.source = 'illmlab';
  d.code = p.code;
  return d;
}
