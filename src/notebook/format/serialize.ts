import { formatAttributes, sameAttributes } from './attributes';
import { safeMarker } from './fences';
import { withEol } from './lines';
import type { LabCell, LabDocument, LineEnding } from './types';

/**
 * Writes a document back. Unchanged cells and the front matter come back byte for byte from
 * what was read; only cells whose language, source or attributes changed are written anew,
 * so an edit touches only the edited cell's bytes.
 */
export function serializeLab(doc: LabDocument, options: { regenerate?: boolean } = {}): string {
  const { eol } = doc;
  let out = '';
  const fm = doc.frontMatter;
  if (fm) out += rawYaml(fm.raw) === fm.yaml ? fm.raw : `---${eol}${ensureEol(withEol(fm.yaml, eol), eol)}---${eol}`;
  doc.cells.forEach((cell, index) => {
    const isLast = index === doc.cells.length - 1;
    const raw = cell.raw;
    if (raw && !options.regenerate && !isEdited(cell)) {
      out += raw.gap + raw.text;
      return;
    }
    if (cell.kind === 'markdown' && cell.source === '') return;
    // A last line without a line ending must get one before anything can follow it.
    if (out !== '' && !/[\r\n]$/.test(out)) out += eol;
    // A new cell stands after a blank line; reusing the previous line's own ending keeps a
    // lone \r from fusing with a \n into one \r\n line break.
    const gap = raw ? raw.gap : out === '' ? '' : /(\r\n|\r|\n)$/.exec(out)![1];
    const finalEol = !(isLast && raw && !/[\r\n]$/.test(raw.text) && doc.trailer === '');
    out += gap + (cell.kind === 'markdown' ? markdownText(cell, eol) : codeText(cell, eol));
    if (!finalEol) out = out.replace(/(\r\n|\r|\n)$/, '');
  });
  if (doc.trailer !== '' && out !== '' && !/[\r\n]$/.test(out)) out += eol;
  return (doc.bom ? '\uFEFF' : '') + out + doc.trailer;
}

export function isEdited(cell: LabCell): boolean {
  const raw = cell.raw;
  return (
    !raw ||
    raw.source !== cell.source ||
    raw.language !== cell.language ||
    !sameAttributes(cell.attributes, raw.attributes)
  );
}

function rawYaml(raw: string): string {
  const firstEol = /\r\n|\r|\n/.exec(raw)!;
  const body = raw.slice(firstEol.index + firstEol[0].length);
  const lastLine = /(^|\r\n|\r|\n)[^\r\n]*(\r\n|\r|\n)?$/.exec(body)!;
  return body.slice(0, lastLine.index + lastLine[1].length);
}

function ensureEol(text: string, eol: LineEnding): string {
  return text === '' || /[\r\n]$/.test(text) ? text : text + eol;
}

function markdownText(cell: LabCell, eol: LineEnding): string {
  return withEol(cell.source, eol) + eol;
}

function codeText(cell: LabCell, eol: LineEnding): string {
  const raw = cell.raw;
  const fence = raw?.fence;
  const indent = ' '.repeat(fence?.indent ?? 0);
  const attributesChanged = !raw || raw.language !== cell.language || !sameAttributes(cell.attributes, raw.attributes);
  let info: string;
  if (!attributesChanged && fence) {
    info = fence.info;
  } else {
    const attrs = formatAttributes(cell.attributes, raw?.attributes ?? []);
    info = attrs === '' ? cell.language : `${cell.language} {${attrs}}`;
  }
  const marker = safeMarker(cell.source, info, fence?.marker);
  const body = cell.source === '' ? '' : indentLines(cell.source, indent, eol) + eol;
  return `${indent}${marker}${info}${eol}${body}${indent}${marker}${eol}`;
}

function indentLines(source: string, indent: string, eol: LineEnding): string {
  const lines = source.split('\n');
  return (indent === '' ? lines : lines.map((l) => (l === '' ? l : indent + l))).join(eol);
}
