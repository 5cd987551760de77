import type { LineEnding } from './types';

/**
 * Line boundaries of a text, counted the way markdown-it counts them: \r\n, \r and \n each end
 * a line, and a final line ending starts no new (empty) line. Lines are kept as offsets into
 * the one string, not as strings, so a 3 MB lab does not become 100,000 small objects.
 */
export class LineIndex {
  /** starts[i] is where line i begins; starts[count] === text.length. */
  private readonly starts: number[] = [];
  /** ends[i] is where line i's line ending begins. */
  private readonly ends: number[] = [];

  constructor(readonly text: string) {
    const n = text.length;
    let start = 0;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c !== 10 && c !== 13) continue;
      this.starts.push(start);
      this.ends.push(i);
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      start = i + 1;
    }
    if (start < n) {
      this.starts.push(start);
      this.ends.push(n);
    }
    this.starts.push(n);
  }

  get count(): number {
    return this.ends.length;
  }

  /** Line i without its line ending. */
  line(i: number): string {
    return this.text.slice(this.starts[i], this.ends[i]);
  }

  eol(i: number): '' | LineEnding {
    return this.text.slice(this.ends[i], this.starts[i + 1]) as '' | LineEnding;
  }

  /** Lines [from, to) with their line endings, exactly as in the text. */
  slice(from: number, to = this.count): string {
    return this.text.slice(this.starts[from], this.starts[to]);
  }

  /** Lines [from, to) joined by \n, without the last line's ending. */
  joinedSource(from: number, to: number): string {
    if (to <= from) return '';
    const raw = this.text.slice(this.starts[from], this.ends[to - 1]);
    return raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw;
  }

  /** markdown-it's notion of a blank line: only spaces and tabs. */
  isBlank(i: number): boolean {
    for (let p = this.starts[i]; p < this.ends[i]; p++) {
      const c = this.text.charCodeAt(p);
      if (c !== 32 && c !== 9) return false;
    }
    return true;
  }

  /** The most frequent line ending, so text written anew matches the file; \n when there is none. */
  dominantEol(): LineEnding {
    let lf = 0;
    let crlf = 0;
    let cr = 0;
    for (let i = 0; i < this.count; i++) {
      const len = this.starts[i + 1] - this.ends[i];
      if (len === 2) crlf++;
      else if (len === 1) {
        if (this.text.charCodeAt(this.ends[i]) === 10) lf++;
        else cr++;
      }
    }
    if (crlf > lf && crlf >= cr) return '\r\n';
    if (cr > lf && cr > crlf) return '\r';
    return '\n';
  }
}

/** Converts `\n`-separated source to the file's line ending. */
export function withEol(source: string, eol: LineEnding): string {
  return eol === '\n' ? source : source.replace(/\n/g, eol);
}
