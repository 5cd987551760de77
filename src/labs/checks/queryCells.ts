import { checkSyntax, type QueryLanguage } from '../../kernels/query/querySyntax';
import { lineColumn } from '../../kernels/query/sourcePosition';
import type { LabCell, Problem } from '../../notebook/format';

/**
 * PromQL and LogQL cells checked with the grammars the executors use, at the file line and
 * column of the fault. `${VAR}` inside a string is filled with letters (the value is unknown
 * until the lab runs); a query with `${VAR}` elsewhere is checked when it runs instead.
 */
export function checkQueryCells(cells: readonly LabCell[]): Problem[] {
  const problems: Problem[] = [];
  for (const cell of cells) {
    if (cell.kind !== 'code' || (cell.language !== 'promql' && cell.language !== 'logql')) continue;
    const query = fillPlaceholders(cell.source);
    if (query === undefined) continue;
    const fault = checkSyntax(cell.language as QueryLanguage, query);
    if (!fault) continue;
    const at = lineColumn(query, fault.offset);
    problems.push({
      line: cell.line + at.line,
      column: at.column,
      severity: 'error',
      code: cell.language,
      message: `${cell.language === 'promql' ? 'PromQL' : 'LogQL'} syntax: ${fault.message}`,
      cellId: cell.id,
    });
  }
  return problems;
}

/** A Grafana target's PromQL, unless it uses dashboard variables ($var, $__interval). */
export function checkDashboardQuery(expr: string): string | undefined {
  if (expr.includes('$')) return undefined;
  const fault = checkSyntax('promql', expr);
  return fault ? `PromQL syntax at ${lineColumn(expr, fault.offset).line}:${lineColumn(expr, fault.offset).column}: ${fault.message}` : undefined;
}

function fillPlaceholders(source: string): string | undefined {
  let out = '';
  let quote: string | undefined;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (quote) {
      if (c === '\\') {
        out += c + (source[i + 1] ?? '');
        i++;
        continue;
      }
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'" || c === '`') {
      quote = c;
    }
    if (c === '$' && source[i + 1] === '{') {
      const end = source.indexOf('}', i);
      if (end < 0 || !quote) return undefined;
      out += 'x'.repeat(end - i + 1);
      i = end;
      continue;
    }
    out += c;
  }
  return out;
}
