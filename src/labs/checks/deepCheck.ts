import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { LabDocument, Problem } from '../../notebook/format';
import { findReferences, findUnknownTasks } from './cellReferences';
import { checkK6Script } from './k6ScriptCheck';

/**
 * What a lab needs beyond its own text: the files its cells name exist, the tasks they call are
 * in the Taskfile, its k6 scripts parse. Returns the files to check on their own (manifests,
 * dashboards), so a file named by several labs is checked once.
 */
export function checkLabReferences(labPath: string, doc: LabDocument): { problems: Problem[]; files: string[] } {
  const problems: Problem[] = [];
  const files = new Set<string>();
  for (const ref of findReferences(labPath, doc.cells)) {
    if (!ref.path) {
      problems.push({ line: ref.cell.line, severity: 'error', code: 'reference', message: `${ref.text} does not exist (named in cell ${ref.cell.id})`, cellId: ref.cell.id });
    } else {
      for (const f of expand(ref.path)) files.add(f);
    }
  }
  for (const t of findUnknownTasks(labPath, doc.cells)) {
    const where = t.taskfile ? `is not a task of ${relative(process.cwd(), t.taskfile) || t.taskfile}` : 'is called, but there is no Taskfile.yml above the lab';
    problems.push({ line: t.cell.line, severity: 'error', code: 'reference', message: `task "${t.task}" ${where}`, cellId: t.cell.id });
  }
  for (const cell of doc.cells) if (cell.kind === 'code' && cell.language === 'k6') problems.push(...checkK6Script(cell));
  return { problems, files: [...files] };
}

/** A referenced folder stands for the manifests and dashboards in it. */
function expand(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { withFileTypes: true }).flatMap((e) =>
    e.name === 'node_modules' || e.name.startsWith('.') ? [] : e.isDirectory() ? expand(join(path, e.name)) : [join(path, e.name)],
  );
}
