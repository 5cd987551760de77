import { parse } from 'acorn';
import type { LabCell, Problem } from '../../notebook/format';

/** A k6 cell is an ES module script: a syntax error is found here, at its file line, before k6 runs. */
export function checkK6Script(cell: LabCell): Problem[] {
  try {
    parse(cell.source, { ecmaVersion: 'latest', sourceType: 'module' });
    return [];
  } catch (e) {
    const err = e as SyntaxError & { loc?: { line: number; column: number } };
    const line = cell.line + (err.loc?.line ?? 1);
    return [{ line, column: (err.loc?.column ?? 0) + 1, severity: 'error', code: 'k6', message: `k6 script: ${err.message.replace(/ \(\d+:\d+\)$/, '')}`, cellId: cell.id }];
  }
}
