import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { labState, loadCurriculum, nextLab, progressJson } from '../../../src/labs/curriculum';

/** Writes a small curriculum: { "01-basics/01-a.illmlab": text, ... } under a fresh labs/ folder. */
function curriculum(files: Record<string, string>): string {
  const labs = join(mkdtempSync(join(tmpdir(), 'illmlab-cur-')), 'labs');
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(labs, path, '..'), { recursive: true });
    writeFileSync(join(labs, path), text);
  }
  return labs;
}

const lab = (id: string, phase: number, order: number, prerequisites: string[], tasks: string, extra = '') =>
  `---\nid: ${id}\ntitle: Lab ${id}\nphase: ${phase}\norder: ${order}\nprerequisites: [${prerequisites.join(', ')}]\n${extra}---\n\n${tasks}\n`;

describe('labs: the curriculum model', () => {
  it('groups labs into phases in order, counts tasks, and finds the next lab', () => {
    const dir = curriculum({
      '01-basics/02-b.illmlab': lab('b', 1, 2, ['a'], '- [ ] b1 <!-- task: b1 -->'),
      '01-basics/01-a.illmlab': lab('a', 1, 1, [], '- [x] a1 <!-- task: a1 -->\n  - [x] a1 nested <!-- task: a1n -->\n- [ ] a2 without id'),
      '02-more-things/01-c.illmlab': lab('c', 2, 1, [], '- [ ] c1 <!-- task: c1 -->', 'status: outline\n'),
    });
    const c = loadCurriculum(dir);
    assert.deepEqual(
      c.phases.map((p) => [p.phase, p.title, p.labs.map((l) => l.id), p.done, p.total]),
      [
        [1, 'Basics', ['a', 'b'], 2, 4],
        [2, 'More Things', ['c'], 0, 1],
      ],
    );
    const a = c.labs.get('a')!;
    assert.deepEqual(
      a.tasks.map((t) => [t.id, t.depth, t.done]),
      [
        ['a1', 0, true],
        ['a1n', 1, true],
        ['a2-without-id', 0, false],
      ],
    );
    assert.equal(labState(a, c), 'in-progress');
    assert.equal(labState(c.labs.get('b')!, c), 'locked');
    assert.equal(c.labs.get('c')!.status, 'outline');
    assert.equal(nextLab(c)?.id, 'a');
    const json = progressJson(c, join(dir, '..'));
    assert.equal(json.phases[0].labs[0].path, join('labs', '01-basics', '01-a.illmlab'));
    assert.deepEqual(Object.keys(json.phases[0].labs[0]), ['id', 'title', 'path', 'done', 'total', 'status', 'state', 'tasks']);
  });

  it('reports unknown prerequisites, cycles and duplicate lab ids', () => {
    const c = loadCurriculum(
      curriculum({
        '01-x/01-a.illmlab': lab('a', 1, 1, ['c'], '- [ ] t'),
        '01-x/02-b.illmlab': lab('b', 1, 2, ['a'], '- [ ] t'),
        '01-x/03-c.illmlab': lab('c', 1, 3, ['b', 'ghost'], '- [ ] t'),
        '01-x/04-dup.illmlab': lab('a', 1, 4, [], '- [ ] t'),
      }),
    );
    const messages = c.problems.map((p) => `${p.code}: ${p.message}`).sort();
    assert.equal(messages.length, 3);
    assert.match(messages[0], /^duplicate-id: lab id "a" is also the id of .*01-a\.illmlab$/);
    assert.match(messages[1], /^prerequisites: prerequisite "ghost" is not a lab/);
    assert.match(messages[2], /^prerequisites: prerequisites go in a circle: (a -> c -> b -> a|b -> a -> c -> b|c -> b -> a -> c)$/);
  });

  it('still lists a lab whose front matter is broken, named after its file', () => {
    const c = loadCurriculum(curriculum({ '03-z/01-broken.illmlab': '---\nid: [oops\n---\n\n- [ ] still counted <!-- task: t -->\n' }));
    const broken = c.labs.get('broken')!;
    assert.equal(broken.phase, 3);
    assert.equal(broken.total, 1);
  });
});
