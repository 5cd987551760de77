import * as vscode from 'vscode';
import { join } from 'node:path';
import { OutputTail } from '../kernels/outputTail';
import { tableHtml, tableText } from '../kernels/render/tableText';
import type { CellOutput } from '../kernels/types';

export const CHART_MIME = 'application/vnd.illmlab.chart+json';

type Rich = Extract<CellOutput, { kind: 'chart' | 'table' | 'json' }>;

/** How often a running cell's output is redrawn: often enough to feel live, rare enough to stay cheap. */
const REDRAW_MS = 150;

let spillCounter = 0;

/**
 * A running cell's output in the notebook. Chunks are gathered and the output replaced at most
 * every REDRAW_MS, showing the tail of very large outputs (the whole output goes to a file).
 */
export class LiveOutput {
  private readonly stdout: OutputTail;
  private readonly stderr: OutputTail;
  private readonly notes: string[] = [];
  /** Charts, tables and raw data by key, in first-seen order: a later one with a key replaces it. */
  private readonly rich = new Map<string, Rich>();
  private timer: NodeJS.Timeout | undefined;
  private drawn = Promise.resolve();

  constructor(
    private readonly execution: vscode.NotebookCellExecution,
    tempDir: string,
  ) {
    const n = ++spillCounter;
    this.stdout = new OutputTail(join(tempDir, `cell-${n}.stdout.log`));
    this.stderr = new OutputTail(join(tempDir, `cell-${n}.stderr.log`));
  }

  write(output: CellOutput): void {
    if (output.kind === 'note') this.notes.push(output.text);
    else if (output.kind === 'stdout') this.stdout.append(output.text);
    else if (output.kind === 'stderr') this.stderr.append(output.text);
    else this.rich.set(`${output.kind}:${output.key}`, output);
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      this.draw();
    }, REDRAW_MS);
  }

  /** Draws the final state, with `error` (what failed and why) as its last item. */
  async finish(error?: { name: string; message: string }): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.draw(error);
    await this.drawn;
  }

  private draw(error?: { name: string; message: string }): void {
    const outputs: vscode.NotebookCellOutput[] = [];
    for (const [tail, item] of [
      [this.stdout, vscode.NotebookCellOutputItem.stdout],
      [this.stderr, vscode.NotebookCellOutputItem.stderr],
    ] as const) {
      const view = tail.view();
      if (view.note)
        outputs.push(new vscode.NotebookCellOutput([vscode.NotebookCellOutputItem.stderr(view.note + '\n')]));
      if (view.text) outputs.push(new vscode.NotebookCellOutput([item(view.text)]));
    }
    outputs.push(...richOutputs([...this.rich.values()]));
    if (this.notes.length > 0)
      outputs.push(new vscode.NotebookCellOutput([vscode.NotebookCellOutputItem.stderr(this.notes.join(''))]));
    if (error) {
      const err = new Error(error.message);
      err.name = error.name;
      err.stack = undefined; // what failed and why, not where in illmlab
      outputs.push(new vscode.NotebookCellOutput([vscode.NotebookCellOutputItem.error(err)]));
    }
    this.drawn = this.drawn
      .then(() => this.execution.replaceOutput(outputs))
      .then(
        () => undefined,
        () => undefined, // the execution already ended (cell deleted, notebook closed)
      );
  }
}

/**
 * Each rich output carries its own mime and a plain fallback, so it reads without our renderer.
 * Raw API JSON is not an output of its own: it rides as one more item of the table or chart
 * before it, a presentation to switch to ("Change Presentation"), not a wall of text.
 */
function richOutputs(rich: Rich[]): vscode.NotebookCellOutput[] {
  const outputs: vscode.NotebookCellOutputItem[][] = [];
  for (const r of rich) {
    switch (r.kind) {
      case 'chart':
        outputs.push([
          vscode.NotebookCellOutputItem.json(r.spec, CHART_MIME),
          vscode.NotebookCellOutputItem.text(r.fallback),
        ]);
        break;
      case 'table':
        outputs.push([
          vscode.NotebookCellOutputItem.text(tableHtml(r), 'text/html'),
          vscode.NotebookCellOutputItem.text(tableText(r)),
        ]);
        break;
      case 'json': {
        const item = vscode.NotebookCellOutputItem.json(r.data, r.mime);
        if (outputs.length > 0) outputs[outputs.length - 1].push(item);
        else outputs.push([item]);
      }
    }
  }
  return outputs.map((items) => new vscode.NotebookCellOutput(items));
}
