import { LineCounter, parseDocument, isMap, visit, type Document } from 'yaml';
import type { LineIndex } from './lines';
import type { FrontMatter, Problem } from './types';

export interface FrontMatterBlock {
  frontMatter: FrontMatter | undefined;
  /** Index of the first line after the block (0 when there is none). */
  bodyStart: number;
  problems: Problem[];
}

const OPEN = /^---[ \t]*$/;
const CLOSE = /^(---|\.\.\.)[ \t]*$/;

/**
 * Finds YAML front matter: a first line `---` up to the next `---` or `...` line. A block that
 * is never closed is not front matter (the file opens as plain markdown) but is reported.
 */
export function readFrontMatter(lines: LineIndex): FrontMatterBlock {
  if (lines.count === 0 || !OPEN.test(lines.line(0))) return { frontMatter: undefined, bodyStart: 0, problems: [] };
  let close = 1;
  while (close < lines.count && !CLOSE.test(lines.line(close))) close++;
  if (close >= lines.count) {
    return {
      frontMatter: undefined,
      bodyStart: 0,
      problems: [
        {
          line: 1,
          severity: 'warning',
          code: 'frontmatter',
          message: 'front matter opened with "---" is never closed; the file is read as plain markdown',
        },
      ],
    };
  }
  const yaml = lines.slice(1, close);
  const { data, problems } = parseYaml(yaml);
  return {
    frontMatter: { raw: lines.slice(0, close + 1), yaml, data },
    bodyStart: close + 1,
    problems,
  };
}

/** Parses front-matter YAML; problems carry file lines (the YAML starts on line 2). */
export function parseYaml(yaml: string): { data: Record<string, unknown> | undefined; problems: Problem[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(yaml, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const problems: Problem[] = doc.errors.map((err) => {
    const noticed = lineCounter.linePos(err.pos[0]);
    const opened = lineCounter.linePos(openingOffset(doc, err.pos[0]) ?? err.pos[0]);
    const pos = opened.line < noticed.line ? opened : noticed;
    const where = pos === opened && opened.line < noticed.line ? ` (noticed at line ${noticed.line + 1})` : '';
    return {
      line: pos.line + 1,
      column: pos.col,
      severity: 'error',
      code: 'frontmatter',
      message: `invalid YAML: ${firstLine(err.message)}${where}`,
    };
  });
  if (problems.length > 0) return { data: undefined, problems };
  if (doc.contents === null) return { data: {}, problems };
  if (!isMap(doc.contents)) {
    return {
      data: undefined,
      problems: [
        {
          line: 2,
          severity: 'error',
          code: 'frontmatter',
          message: 'front matter must be a YAML mapping (key: value lines)',
        },
      ],
    };
  }
  return { data: doc.toJS() as Record<string, unknown>, problems };
}

/**
 * YAML notices an unclosed quote or bracket where the text runs out, often lines later. The
 * outermost value around that point (below the top-level mapping) starts where it was opened.
 */
function openingOffset(doc: Document, offset: number): number | undefined {
  let start: number | undefined;
  visit(doc, {
    Node(_key, node) {
      if (node === doc.contents || !node.range) return;
      const [from, , to] = node.range;
      if (from <= offset && offset <= to && (start === undefined || from < start)) start = from;
    },
  });
  return start;
}

function firstLine(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}
