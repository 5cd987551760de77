import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { sharedDir } from './paths';

/**
 * A file from ../shared. CI always has ../shared, so there a missing file fails the suite; a
 * user's clone may lack it, and then the suites that need it say so and skip.
 */
export function sharedFile(...parts: string[]): string | undefined {
  const path = join(sharedDir, ...parts);
  if (existsSync(path)) return path;
  if (process.env.CI) throw new Error(`${path} is missing: CI always has ../shared`);
  return undefined;
}
