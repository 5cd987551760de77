import { cpSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { findLabFiles } from './labFiles';

/** What "Start the Curriculum" copies from the extension into the user's folder. */
export const CURRICULUM = ['labs', 'manifests', 'images', 'Taskfile.yml'] as const;

/** Run from a clone (development), images/ holds node_modules: those are not the curriculum. */
const shipped = (path: string) => !/[\\/]node_modules([\\/]|$)/.test(path);

/**
 * Copies the curriculum shipped in `from` (the extension's folder) into `to`. A folder whose
 * labs/ already holds labs is the user's curriculum and is used as it is ("existing"); otherwise
 * the curriculum is copied without overwriting any file the folder already has ("copied").
 * Throws the file system's error when a copy fails.
 */
export function copyCurriculum(from: string, to: string): 'copied' | 'existing' {
  const labs = join(to, 'labs');
  if (existsSync(labs) && findLabFiles([labs]).length > 0) return 'existing';
  for (const name of CURRICULUM) {
    const source = join(from, name);
    if (!existsSync(source)) continue;
    // force: false leaves every file the folder already has as it is.
    cpSync(source, join(to, name), { recursive: true, force: false, errorOnExist: false, filter: shipped });
  }
  return 'copied';
}
