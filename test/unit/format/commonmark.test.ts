import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseLab, serializeLab } from '../../../src/notebook/format';
import { sharedFile } from '../../support/shared';

interface Example {
  example: number;
  section: string;
  markdown: string;
}

describe('format: the CommonMark spec examples', function () {
  const corpusPath = sharedFile('corpus', 'commonmark-examples.json');
  if (!corpusPath) {
    it.skip('needs ../shared/corpus/commonmark-examples.json (not in this clone)');
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
