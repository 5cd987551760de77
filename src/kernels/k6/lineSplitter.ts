import { isAscii } from 'node:buffer';

const EMPTY = Buffer.alloc(0);

/**
 * Where a line is: `text.slice(start, end)`, without the newline (and a CRLF's `\r`). Readers
 * that can work in place get the decoded chunk and the bounds, and no string per line.
 */
export type OnLineRange = (text: string, start: number, end: number, lineNumber: number) => void;

/** For callers that want each line as a string. */
export function lineStrings(onLine: (line: string, lineNumber: number) => void): OnLineRange {
  return (text, start, end, n) => onLine(text.slice(start, end), n);
}

/**
 * Cuts a byte stream into lines as it arrives, holding back only the unfinished last line.
 * A chunk is cut after its last newline byte, which never falls inside a UTF-8 character, so
 * what is decoded is always whole characters. k6's output is nearly all ASCII: such parts are
 * decoded as latin1 (the same characters, several times faster than UTF-8 validation); others
 * as UTF-8.
 */
export class LineSplitter {
  private pending: Buffer = EMPTY;
  /** Lines handed out so far: the 1-based number of the last one. */
  lineNumber = 0;

  constructor(private readonly onLine: OnLineRange) {}

  /** `chunk` may be reused by the caller once this returns. */
  push(chunk: Buffer): void {
    const nl = chunk.lastIndexOf(10);
    if (nl === -1) {
      this.pending = Buffer.concat([this.pending, chunk]);
      return;
    }
    const head = chunk.subarray(0, nl + 1);
    const complete = this.pending.length > 0 ? Buffer.concat([this.pending, head]) : head;
    this.pending = nl + 1 < chunk.length ? Buffer.from(chunk.subarray(nl + 1)) : EMPTY;
    this.split(decode(complete));
  }

  /** The unfinished last line, if any (a file that does not end in a newline). */
  end(): string | undefined {
    const last = decode(this.pending);
    this.pending = EMPTY;
    return last === '' ? undefined : last;
  }

  /** Whether part of a line is waiting for its newline. */
  get hasPending(): boolean {
    return this.pending.length > 0;
  }

  /** `text` ends with a newline. */
  private split(text: string): void {
    let start = 0;
    let nl = text.indexOf('\n');
    while (nl !== -1) {
      const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      this.onLine(text, start, end, ++this.lineNumber);
      start = nl + 1;
      nl = text.indexOf('\n', start);
    }
  }
}

function decode(bytes: Buffer): string {
  return isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
}
