import type { LabDocument, Problem } from '../notebook/format';
import { findTasks } from './tasks';

/** Checks of one lab's tasks: ids written twice, and verify cells that name no task. */
export function checkLabTasks(text: string, doc: LabDocument): Problem[] {
  const problems: Problem[] = [];
  const tasks = findTasks(text);
  const seen = new Map<string, number>();
  for (const t of tasks) {
    if (!t.explicitId) continue;
    const first = seen.get(t.id);
    if (first === undefined) seen.set(t.id, t.line);
    else problems.push({ line: t.line, severity: 'error', code: 'duplicate-id', message: `task id "${t.id}" is already used at line ${first}` });
  }
  const ids = new Set(tasks.map((t) => t.id));
  for (const cell of doc.cells) {
    const task = cell.attributes.verifies;
    if (cell.kind === 'code' && typeof task === 'string' && !ids.has(task)) {
      problems.push({ line: cell.line, severity: 'error', code: 'verifies', message: `verifies="${task}", but the lab has no task with that id`, cellId: cell.id });
    }
  }
  return problems;
}
