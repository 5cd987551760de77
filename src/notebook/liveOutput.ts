import * as vscode from 'vscode';
import { join } from 'node:path';
import { OutputTail } from '../kernels/outputTail';

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

  write(stream: 'stdout' | 'stderr' | 'note', text: string): void {
    if (stream === 'note') this.notes.push(text);
    else (stream === 'stdout' ? this.stdout : this.stderr).append(text);
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
