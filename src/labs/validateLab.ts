import { validateLabText, type LabDocument, type Problem } from '../notebook/format';
import { checkQueryCells } from './checks/queryCells';
import { checkLabTasks } from './labChecks';

/**
 * Every check of one lab's own text: the format's (front matter, attributes, ids, round trip),
 * its tasks and verify cells, and the syntax of its queries. The CLI and the editor's Problems
 * panel both use this, so they report the same things.
 */
export function validateLab(text: string): { doc: LabDocument; problems: Problem[] } {
  const { doc, problems } = validateLabText(text);
  const all = [...problems, ...checkLabTasks(text, doc), ...checkQueryCells(doc.cells)];
  return { doc, problems: all.sort((a, b) => a.line - b.line || (a.column ?? 0) - (b.column ?? 0)) };
}
