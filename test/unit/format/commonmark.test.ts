import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseLab, serializeLab } from '../../../src/notebook/format';
import { sharedDir } from '../../support/paths';

interface Example {
  example: number;
  section: string;
  markdown: string;
}

const corpusPath = join(sharedDir, 'corpus', 'commonmark-examples.json');

describe('format: the CommonMark spec examples', function () {
  if (!existsSync(corpusPath)) {
    // A user's clone may lack ../shared; CI always has it (see .ci/run, which checks).
    it.skip(`needs ${corpusPath}`);
    return;
  }
  const examples = (JSON.parse(readFileSync(corpusPath, 'utf8')) as { examples: Example[] }).examples;

  it('has all 655 examples', () => {
    assert.equal(examples.length, 655);
  });

  const sections = [...new Set(examples.map((e) => e.section))];
  for (const section of sections) {
    it(`gives back every "${section}" example byte for byte, alone and after front matter`, () => {
      const failed: number[] = [];
      for (const ex of examples.filter((e) => e.section === section)) {
        const withFrontMatter = `---\nid: spec\ntitle: Spec\n---\n${ex.markdown}`;
        for (const text of [ex.markdown, withFrontMatter, ex.markdown.replace(/\n/g, '\r\n')]) {
          if (serializeLab(parseLab(text)) !== text) failed.push(ex.example);
        }
      }
      assert.deepEqual(failed, [], `examples that did not round-trip: ${failed.join(', ')}`);
    });
  }
});
