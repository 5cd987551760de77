import MarkdownIt from 'markdown-it';
import { attributeMap } from './attributes';
import { derivedId, IdAllocator } from './cellIds';
import { closesFence, readOpeningFence } from './fences';
import { readFrontMatter } from './frontMatter';
import { parseInfo } from './infoString';
import { isCellLanguage } from './languages';
import { dominantEol, isBlank, joinLines, splitLines, type Line } from './lines';
import type { LabCell, LabDocument, Problem, RawCell } from './types';

// CommonMark mode: the block rules GitHub and VS Code's markdown preview agree on; no plugins.
const markdown = new MarkdownIt('commonmark');

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
  const lines = splitLines(bom ? text.slice(1) : text);
  const { frontMatter, bodyStart, problems } = readFrontMatter(lines);
  const spans = findCodeCells(lines, bodyStart, problems);

  const drafts: Array<Omit<LabCell, 'id'>> = [];
  let gapStart = bodyStart;
  const addMarkdown = (from: number, to: number) => {
    let first = from;
    while (first < to && isBlank(lines[first].text)) first++;
    if (first === to) return; // only blank lines: they stay in the next gap
    let last = to;
    while (isBlank(lines[last - 1].text)) last--;
    drafts.push(markdownCell(lines, gapStart, first, last));
    gapStart = last;
  };
  for (const span of spans) {
    addMarkdown(gapStart, span.start);
    drafts.push(codeCell(lines, gapStart, span, problems));
    gapStart = span.end;
  }
  addMarkdown(gapStart, lines.length);

  const cells = assignIds(drafts, problems);
  return {
    bom,
    eol: dominantEol(lines),
    frontMatter,
    cells,
    trailer: joinLines(lines, gapStart),
    problems,
  };
}

/** Top-level fenced blocks in a cell language, as line ranges of the whole file. */
function findCodeCells(lines: readonly Line[], bodyStart: number, problems: Problem[]): CodeSpan[] {
  if (bodyStart >= lines.length) return [];
  const tokens = markdown.parse(joinLines(lines, bodyStart), {});
  const spans: CodeSpan[] = [];
  for (const token of tokens) {
    if (token.type !== 'fence' || token.level !== 0 || !token.map) continue;
    const start = bodyStart + token.map[0];
    const end = bodyStart + token.map[1];
    if (isCellLanguage(parseInfo(token.info).language)) {
      spans.push({ start, end });
    } else if (end === lines.length && !(end - 1 > start && closesFence(lines[end - 1].text, token.markup))) {
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

function markdownCell(lines: readonly Line[], gapStart: number, first: number, last: number): Omit<LabCell, 'id'> {
  const source = lines
    .slice(first, last)
    .map((l) => l.text)
    .join('\n');
  const raw: RawCell = {
    gap: joinLines(lines, gapStart, first),
    text: joinLines(lines, first, last),
    language: 'markdown',
    source,
    attributes: [],
  };
  return { kind: 'markdown', language: 'markdown', source, attributes: {}, line: first + 1, raw };
}

function codeCell(lines: readonly Line[], gapStart: number, span: CodeSpan, problems: Problem[]): Omit<LabCell, 'id'> {
  const opening = readOpeningFence(lines[span.start].text);
  const closed = span.end - 1 > span.start && closesFence(lines[span.end - 1].text, opening.marker);
  const contentEnd = closed ? span.end - 1 : span.end;
  const source = lines
    .slice(span.start + 1, contentEnd)
    .map((l) => stripIndent(l.text, opening.indent))
    .join('\n');
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
    gap: joinLines(lines, gapStart, span.start),
    text: joinLines(lines, span.start, span.end),
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
