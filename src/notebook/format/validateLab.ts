import { checkAttributes } from './attributeRules';
import { checkFrontMatter } from './frontMatterSchema';
import { parseLab } from './parse';
import { serializeLab } from './serialize';
import type { LabCell, LabDocument, Problem } from './types';

/**
 * Everything the format itself can say about a file: parse problems, the front-matter schema,
 * cell attributes, repeated attributes, and whether every cell survives being edited and saved.
 */
export function validateLabText(text: string): { doc: LabDocument; problems: Problem[] } {
  const doc = parseLab(text);
  const problems = [...doc.problems];
  if (doc.frontMatter?.data) problems.push(...checkFrontMatter(doc.frontMatter.yaml, 1));
  for (const cell of doc.cells) {
    if (cell.kind !== 'code') continue;
    for (const f of checkAttributes(cell.language, cell.attributes)) {
      problems.push({ line: cell.line, severity: f.severity, code: 'attribute', message: f.message, cellId: cell.id });
    }
    const keys = (cell.raw?.attributes ?? []).map((a) => a.key);
    for (const key of new Set(keys.filter((k, i) => keys.indexOf(k) !== i))) {
      problems.push({
        line: cell.line,
        severity: 'error',
        code: 'attribute',
        message: `attribute "${key}" is given more than once; the first one counts`,
        cellId: cell.id,
      });
    }
  }
  problems.push(...checkRoundTrip(text, doc));
  return { doc, problems: problems.sort((a, b) => a.line - b.line || (a.column ?? 0) - (b.column ?? 0)) };
}

/**
 * Byte identity of an unchanged save, and that each cell, written anew as an edit would write
 * it, reads back as the same cell. A cell that fails the second check would change shape the
 * first time someone edits it in the notebook.
 */
function checkRoundTrip(text: string, doc: LabDocument): Problem[] {
  if (serializeLab(doc) !== text) {
    return [
      {
        line: 1,
        severity: 'error',
        code: 'roundtrip',
        message: 'saving this file unchanged would not give back the same bytes',
      },
    ];
  }
  const again = parseLab(serializeLab(doc, { regenerate: true })).cells;
  const problems: Problem[] = [];
  for (let i = 0; i < doc.cells.length; i++) {
    const cell = doc.cells[i];
    const other = again[i];
    if (!other || !sameCell(cell, other)) {
      problems.push({
        line: cell.line,
        severity: 'warning',
        code: 'roundtrip',
        message: `this ${cell.kind === 'code' ? cell.language : 'markdown'} cell would change shape when edited and saved in the notebook (${
          other ? 'it reads back differently' : 'it merges into another cell'
        })`,
        cellId: cell.id,
      });
      break; // later cells shift; the first one is where to look
    }
  }
  return problems;
}

function sameCell(a: LabCell, b: LabCell): boolean {
  return (
    a.kind === b.kind &&
    a.language === b.language &&
    a.source === b.source &&
    JSON.stringify(a.attributes) === JSON.stringify(b.attributes)
  );
}
