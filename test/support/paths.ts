import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The repository root, from compiled tests in out/test/... or from sources. */
export const repoRoot = resolve(__dirname, existsSync(join(__dirname, '../../package.json')) ? '../..' : '../../..');

/** ../shared beside the repository: always there in CI, maybe not on a user's clone. */
export const sharedDir = resolve(repoRoot, '..', 'shared');

export const fixturesDir = join(repoRoot, 'test', 'fixtures');
