import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** A path given to a command that does not exist: the CLI turns it into a usage error. */
export class MissingPathError extends Error {}

/** Expands files and folders into .illmlab files, folders searched recursively in name order. */
export function findLabFiles(paths: readonly string[]): string[] {
  const files: string[] = [];
  for (const path of paths) {
    let stat;
    try {
      stat = statSync(path);
    } catch {
      throw new MissingPathError(`no such file or folder: ${path}`);
    }
    if (stat.isDirectory()) walk(path, files);
    else files.push(path);
  }
  return files;
}

function walk(dir: string, out: string[]): void {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  );
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, out);
    else if (entry.isFile() && entry.name.endsWith('.illmlab')) out.push(path);
  }
}
