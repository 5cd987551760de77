import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCurriculum } from '../../../src/labs/curriculum';
import { repoRoot } from '../../support/paths';
import { sharedFile } from '../../support/shared';

interface Experiment {
  phase: number;
  title: string;
  tasks: Array<{ depth: number; text: string }>;
}

/** The curriculum TODO's phases, experiments and task items (with nesting), as the user wrote them. */
function readCurriculum(text: string): Experiment[] {
  const experiments: Experiment[] = [];
  let phase = 0;
  for (const line of text.split('\n')) {
    const p = /^## Phase (\d+):/.exec(line);
    if (p) phase = Number(p[1]);
    else if (/^## /.test(line)) phase = 0; // "## Learning Path Summary" and the like end the phases
    const e = /^### (.+?)\s*$/.exec(line);
    if (e && phase > 0) experiments.push({ phase, title: e[1], tasks: [] });
    const t = /^(\s*)- \[[ xX]\] (.*)$/.exec(line);
    if (t && experiments.length > 0 && phase > 0) experiments[experiments.length - 1].tasks.push({ depth: t[1].length / 2, text: t[2] });
  }
  return experiments;
}

/** Text compared after markup is gone: code spans, emphasis, links, extra spaces. */
function normalise(text: string): string {
  return text
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[`*_]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

describe('labs: the curriculum TODO and the labs cannot drift apart', function () {
  const todo = sharedFile('curriculum', 'illm-k8s-lab-TODO.md');
  if (!todo) {
    it.skip('needs ../shared/curriculum/illm-k8s-lab-TODO.md (not in this clone)');
    return;
  }
  const experiments = readCurriculum(readFileSync(todo, 'utf8'));
  const curriculum = loadCurriculum(join(repoRoot, 'labs'));
  const labs = [...curriculum.labs.values()];

  it('the curriculum has 11 phases, 31 experiments and 480 task items', () => {
    assert.equal(new Set(experiments.map((e) => e.phase)).size, 11);
    assert.equal(experiments.length, 31);
    assert.equal(
      experiments.reduce((n, e) => n + e.tasks.length, 0),
      480,
    );
  });

  it('illmlab progress sees 11 phases and 31 labs, each with at least its experiment’s task count', () => {
    assert.equal(curriculum.phases.length, 11);
    assert.equal(curriculum.labs.size, 31);
    for (const e of experiments) {
      const lab = labs.find((l) => l.title === e.title);
      assert.ok(lab, `no lab titled "${e.title}"`);
      assert.ok(lab.total >= e.tasks.length, `${lab.id}: ${lab.total} tasks, the curriculum has ${e.tasks.length}`);
    }
  });

  for (const e of experiments) {
    it(`phase ${e.phase}, "${e.title}": every task item is in its lab, in order, with its nesting`, () => {
      const lab = labs.find((l) => l.title === e.title);
      assert.ok(lab, `no lab titled "${e.title}" (phase ${e.phase})`);
      assert.equal(lab.phase, e.phase, `${lab.id} is in phase ${lab.phase}`);
      const missing = e.tasks.filter((t) => !lab.tasks.some((lt) => normalise(lt.text) === normalise(t.text)));
      assert.deepEqual(missing.map((t) => t.text), [], `tasks of "${e.title}" missing from ${lab.path}`);
      const inLab = lab.tasks.filter((lt) => e.tasks.some((t) => normalise(t.text) === normalise(lt.text)));
      assert.deepEqual(
        inLab.map((t) => [normalise(t.text), t.depth]),
        e.tasks.map((t) => [normalise(t.text), t.depth]),
        'order or nesting differs',
      );
      assert.ok(lab.tasks.every((t) => t.explicitId), 'every task has a stable id');
    });
  }
});
