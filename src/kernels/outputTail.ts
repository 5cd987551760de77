import { appendFileSync } from 'node:fs';

/** How much of a cell's output the notebook shows; the rest stays in a file. */
export const DEFAULT_SHOWN = 512 * 1024;

/**
 * A cell's output for display: the last `shown` characters, and past that the whole output
 * written to `spillFile`, so a 10 MB log neither freezes the editor nor gets lost.
 */
export class OutputTail {
  private tail = '';
  private total = 0;
  private spilled = false;
  private pending = '';

  constructor(
    private readonly spillFile: string,
    private readonly shown = DEFAULT_SHOWN,
  ) {}

  append(text: string): void {
    this.total += text.length;
    this.tail += text;
    this.pending += text;
    if (this.total > this.shown) {
      // The file starts with what was shown before the output outgrew the view.
      appendFileSync(this.spillFile, this.pending);
      this.pending = '';
      this.spilled = true;
    }
    if (this.tail.length > this.shown * 2) this.tail = this.tail.slice(-this.shown);
  }

  /** What to show, and a note when it is only the end of the output. */
  view(): { text: string; note?: string } {
    if (!this.spilled) return { text: this.tail };
    if (this.pending) {
      appendFileSync(this.spillFile, this.pending);
      this.pending = '';
    }
    const text = this.tail.slice(-this.shown);
    return {
      text,
      note: `Showing the last ${size(text.length)} of ${size(this.total)}. The whole output is in ${this.spillFile}`,
    };
  }

  get length(): number {
    return this.total;
  }
}

function size(chars: number): string {
  return chars >= 1024 * 1024 ? `${(chars / 1024 / 1024).toFixed(1)} MB` : `${Math.round(chars / 1024)} KB`;
}
