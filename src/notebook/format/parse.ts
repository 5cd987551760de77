import MarkdownIt from 'markdown-it';
import { attributeMap } from './attributes';
import { derivedId, IdAllocator } from './cellIds';
import { closesFence, readOpeningFence } from './fences';
import { readFrontMatter } from './frontMatter';
import { parseInfo } from './infoString';
import { isCellLanguage } from './languages';
import { LineIndex } from './lines';
import type { LabCell, LabDocument, Problem, RawCell } from './types';

// CommonMark mode: the block rules GitHub and VS Code's markdown preview agree on; no plugins.
// Cells are a block-level matter, so the inline pass (most of markdown-it's time) is switched off.
const markdown = new MarkdownIt('commonmark');
markdown.core.ruler.disable(['inline', 'text_join']);

interface CodeSpan {
  start: number;
  end: number;
}

/**
 * Parses a .illmlab file. Never throws on content: whatever does not parse is kept as markdown
 * and reported in `problems`, so every file opens and nothing in it is dropped.
 */
export function parseLab(text: string): LabDocument {
  const bom = text.charCodeAt(0) === 0xfeff;
  const lines = new LineIndex(bom ? text.slice(1) : text);
  const { frontMatter, bodyStart, problems } = readFrontMatter(lines);
  const spans = findCodeCells(lines, bodyStart, problems);

  const drafts: Array<Omit<LabCell, 'id'>> = [];
  let gapStart = bodyStart;
  const addMarkdown = (from: number, to: number) => {
    let first = from;
    while (first < to && lines.isBlank(first)) first++;
    if (first === to) return; // only blank lines: they stay in the next gap
    let last = to;
    while (lines.isBlank(last - 1)) last--;
    drafts.push(markdownCell(lines, gapStart, first, last));
    gapStart = last;
  };
  for (const span of spans) {
    addMarkdown(gapStart, span.start);
    drafts.push(codeCell(lines, gapStart, span, problems));
    gapStart = span.end;
  }
  addMarkdown(gapStart, lines.count);

  const cells = assignIds(drafts, problems);
  return {
    bom,
    eol: lines.dominantEol(),
    frontMatter,
    cells,
    trailer: lines.slice(gapStart),
    problems,
  };
}

/** Top-level fenced blocks in a cell language, as line ranges of the whole file. */
function findCodeCells(lines: LineIndex, bodyStart: number, problems: Problem[]): CodeSpan[] {
  if (bodyStart >= lines.count) return [];
  const tokens = markdown.parse(lines.slice(bodyStart), {});
  const spans: CodeSpan[] = [];
  for (const token of tokens) {
    if (token.type !== 'fence' || token.level !== 0 || !token.map) continue;
    const start = bodyStart + token.map[0];
    const end = bodyStart + token.map[1];
    if (isCellLanguage(parseInfo(token.info).language)) {
      spans.push({ start, end });
    } else if (end === lines.count && !(end - 1 > start && closesFence(lines.line(end - 1), token.markup))) {
      problems.push({
        line: start + 1,
        severity: 'warning',
        code: 'fence',
        message: `the ${token.markup} block opened here is never closed: everything after it, cells too, is part of it`,
      });
    }
  }
  return spans;
}

function markdownCell(lines: LineIndex, gapStart: number, first: number, last: number): Omit<LabCell, 'id'> {
  const source = lines.joinedSource(first, last);
  const raw: RawCell = {
    gap: lines.slice(gapStart, first),
    text: lines.slice(first, last),
    language: 'markdown',
    source,
    attributes: [],
  };
  return { kind: 'markdown', language: 'markdown', source, attributes: {}, line: first + 1, raw };
}

function codeCell(lines: LineIndex, gapStart: number, span: CodeSpan, problems: Problem[]): Omit<LabCell, 'id'> {
  const opening = readOpeningFence(lines.line(span.start));
  const closed = span.end - 1 > span.start && closesFence(lines.line(span.end - 1), opening.marker);
  const contentEnd = closed ? span.end - 1 : span.end;
  const source =
    opening.indent === 0
      ? lines.joinedSource(span.start + 1, contentEnd)
      : Array.from({ length: contentEnd - span.start - 1 }, (_, k) =>
          stripIndent(lines.line(span.start + 1 + k), opening.indent),
        ).join('\n');
  const info = parseInfo(opening.info);
  const line = span.start + 1;
  if (info.error) {
    const infoStart = opening.indent + opening.marker.length + (opening.info.length - opening.info.trimStart().length);
    problems.push({
      line,
      column: infoStart + info.error.offset + 1,
      severity: 'error',
      code: 'attribute',
      message: `${info.error.message}; the attributes of this cell are ignored`,
    });
  }
  if (!closed) {
    problems.push({
      line,
      severity: 'warning',
      code: 'fence',
      message: `the ${info.language} cell opened here is never closed with ${opening.marker}: it runs to the end of the file`,
    });
  }
  const raw: RawCell = {
    gap: lines.slice(gapStart, span.start),
    text: lines.slice(span.start, span.end),
    language: info.language,
    source,
    attributes: info.attributes,
    fence: { ...opening, closed },
  };
  return { kind: 'code', language: info.language, source, attributes: attributeMap(info.attributes), line, raw };
}

/** markdown-it removes up to the opening fence's indentation from each content line. */
function stripIndent(text: string, indent: number): string {
  let i = 0;
  while (i < indent && text[i] === ' ') i++;
  return text.slice(i);
}

function assignIds(drafts: Array<Omit<LabCell, 'id'>>, problems: Problem[]): LabCell[] {
  const explicit = new Map<string, number>();
  for (const cell of drafts) {
    const id = cell.attributes.id;
    if (typeof id !== 'string') continue;
    const firstLine = explicit.get(id);
    if (firstLine === undefined) explicit.set(id, cell.line);
    else
      problems.push({
        line: cell.line,
        severity: 'error',
        code: 'duplicate-id',
        message: `cell id "${id}" is already used by the cell at line ${firstLine}`,
        cellId: id,
      });
  }
  const ids = new IdAllocator(explicit.keys());
  return drafts.map((cell) => {
    const id = cell.attributes.id;
    return { ...cell, id: typeof id === 'string' ? id : ids.allocate(derivedId(cell.language, cell.source)) };
  });
}
