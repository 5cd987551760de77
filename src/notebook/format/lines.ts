import type { LineEnding } from './types';

/** A line of text and the line ending that closed it ('' for a last line without one). */
export interface Line {
  text: string;
  eol: '' | LineEnding;
}

const LINE = /([^\r\n]*)(\r\n|\r|\n|$)/y;

/**
 * Splits text into lines the way markdown-it counts them: \r\n, \r and \n all end a line, and a
 * final line ending does not start another (empty) line. Keeping the endings makes the split
 * lossless: joinLines(splitLines(x)) === x.
 */
export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  LINE.lastIndex = 0;
  while (LINE.lastIndex < text.length) {
    const m = LINE.exec(text);
    if (!m) break;
    lines.push({ text: m[1], eol: m[2] as Line['eol'] });
  }
  return lines;
}

export function joinLines(lines: readonly Line[], from = 0, to = lines.length): string {
  let out = '';
  for (let i = from; i < to; i++) out += lines[i].text + lines[i].eol;
  return out;
}

/** The most frequent line ending, so text written anew matches the file; \n for a single line. */
export function dominantEol(lines: readonly Line[]): LineEnding {
  let lf = 0;
  let crlf = 0;
  let cr = 0;
  for (const l of lines) {
    if (l.eol === '\n') lf++;
    else if (l.eol === '\r\n') crlf++;
    else if (l.eol === '\r') cr++;
  }
  if (crlf > lf && crlf >= cr) return '\r\n';
  if (cr > lf && cr > crlf) return '\r';
  return '\n';
}

/** markdown-it's notion of a blank line: only spaces and tabs. */
export function isBlank(text: string): boolean {
  return /^[ \t]*$/.test(text);
}

/** Converts `\n`-separated source to the file's line ending. */
export function withEol(source: string, eol: LineEnding): string {
  return eol === '\n' ? source : source.replace(/\n/g, eol);
}
