import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { decodeLab, encodeLab, parseLab, serializeLab, validateLabText } from '../../../src/notebook/format';
import { fixturesDir } from '../../support/paths';

/**
 * Each fixture under test/fixtures/format is a file that has broken some markdown tool: it must
 * come back byte for byte, and read as the cells and problems in its .expected.json.
 * UPDATE_FIXTURES=1 rewrites the expectations (review the diff before committing it).
 */
const dir = join(fixturesDir, 'format');
const fixtures = readdirSync(dir).filter((f) => f.endsWith('.illmlab'));

function snapshot(text: string) {
  const { doc, problems } = validateLabText(text);
  return {
    frontMatter: doc.frontMatter?.data ?? null,
    cells: doc.cells.map(({ kind, language, id, line, attributes, source }) => ({
      kind,
      language,
      id,
      line,
      attributes,
      source,
    })),
    problems: problems.map(({ line, column, severity, code, message }) => ({ line, column, severity, code, message })),
  };
}

describe('format: fixture corpus', () => {
  it('has the fixtures the format promises to handle', () => {
    assert.ok(fixtures.length >= 15, `only ${fixtures.length} fixtures`);
  });

  for (const name of fixtures) {
    it(`${name}: bytes come back unchanged and read as expected`, () => {
      const bytes = readFileSync(join(dir, name));
      const { text, encoding } = decodeLab(bytes);
      const out = encodeLab(serializeLab(parseLab(text)), encoding);
      assert.ok(Buffer.from(out).equals(bytes), 'bytes changed on a save without edits');
      const expectedPath = join(dir, name.replace(/\.illmlab$/, '.expected.json'));
      const actual = JSON.parse(JSON.stringify(snapshot(text))) as unknown; // as stored: no undefined
      if (process.env.UPDATE_FIXTURES === '1' || !existsSync(expectedPath)) {
        writeFileSync(expectedPath, JSON.stringify(actual, null, 2) + '\n');
      }
      assert.deepEqual(actual, JSON.parse(readFileSync(expectedPath, 'utf8')));
    });
  }
});
