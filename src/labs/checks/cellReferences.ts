import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { LabCell } from '../../notebook/format';

export interface Reference {
  /** The path as written in the cell (manifests/..., images/...). */
  text: string;
  /** Where it resolves, or undefined when no folder above the lab holds it. */
  path: string | undefined;
  cell: LabCell;
}

// Paths into the lab's own material; URLs and other paths are the user's business.
const PATH = /(?<![\w/.-])(?:\.\.?\/)*((?:manifests|images)\/[\w.@/-]*[\w/])/g;
// `task ns:name` — namespaced task names only, so "for tool in kubectl task curl" is not one.
const TASK = /(?<![\w-])task\s+((?:[\w-]+:)+[\w-]+)/g;

/** Paths to manifests/ and images/ named in shell cells, resolved from the lab's folder upwards. */
export function findReferences(labPath: string, cells: readonly LabCell[]): Reference[] {
  const refs: Reference[] = [];
  for (const cell of cells) {
    if (cell.kind !== 'code' || (cell.language !== 'sh' && cell.language !== 'bash')) continue;
    for (const m of cell.source.matchAll(PATH)) refs.push({ text: m[1], path: resolveUp(labPath, m[1]), cell });
  }
  return refs;
}

function resolveUp(labPath: string, relative: string): string | undefined {
  for (let dir = dirname(resolve(labPath)); ; dir = dirname(dir)) {
    const candidate = join(dir, relative);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

/** `task x:y` calls in shell cells whose task the Taskfile above the lab does not define. */
export function findUnknownTasks(labPath: string, cells: readonly LabCell[]): Array<{ task: string; cell: LabCell; taskfile?: string }> {
  const taskfile = resolveUp(labPath, 'Taskfile.yml');
  const defined = taskfile ? new Set([...readFileSync(taskfile, 'utf8').matchAll(/^ {2}([\w:-]+):\s*$/gm)].map((m) => m[1])) : undefined;
  const unknown: Array<{ task: string; cell: LabCell; taskfile?: string }> = [];
  for (const cell of cells) {
    if (cell.kind !== 'code' || (cell.language !== 'sh' && cell.language !== 'bash')) continue;
    for (const m of cell.source.matchAll(TASK)) {
      if (!defined || !defined.has(m[1])) unknown.push({ task: m[1], cell, taskfile });
    }
  }
  return unknown;
}
