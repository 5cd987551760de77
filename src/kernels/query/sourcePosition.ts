/** 1-based line and column of `offset` in `text`: how editors and error messages count. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lines = before.split('\n');
  return { line: lines.length, column: lines[lines.length - 1].length + 1 };
}

/** Widest stretch of one line shown around the caret; longer lines are cut with "…". */
const WINDOW = 100;

/**
 * The line of `text` that holds `offset`, with a caret under that column, indented two spaces:
 *
 *     sum(rate(x[5m])) by
 *                        ^
 *
 * Tabs before the column are kept in the caret line so the caret lines up in any tab width.
 */
export function caretBlock(text: string, offset: number): string {
  const { line, column } = lineColumn(text, offset);
  let shown = text.split('\n')[line - 1].replace(/\r$/, '');
  let col = column - 1;
  if (shown.length > WINDOW) {
    const start = Math.max(0, Math.min(col - WINDOW / 2, shown.length - WINDOW));
    const cut = shown.slice(start, start + WINDOW);
    const head = start > 0 ? '…' : '';
    shown = head + cut + (start + WINDOW < shown.length ? '…' : '');
    col = col - start + head.length;
  }
  const pad = shown.slice(0, col).replace(/[^\t]/g, ' ');
  return `  ${shown}\n  ${pad}^`;
}

/** The offset of a 1-based line and column, clamped to the text. */
export function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf('\n', offset);
    if (nl < 0) return text.length;
    offset = nl + 1;
  }
  const end = text.indexOf('\n', offset);
  return Math.min(offset + Math.max(0, column - 1), end < 0 ? text.length : end);
}
