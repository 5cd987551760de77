import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCurriculum } from '../../../src/labs/curriculum';
import {
  checkboxPosition,
  loadCurriculumWith,
  plainText,
  progressTree,
  setTaskDoneInFile,
  type ProgressNode,
} from '../../../src/labs/progressTreeModel';
import { setTaskDone } from '../../../src/labs/tasks';
import { fromNotebook, toNotebook } from '../../../src/notebook/notebookData';

/** Writes { "01-basics/01-a.illmlab": text, ... } under a fresh labs/ folder. */
function curriculum(files: Record<string, string | Buffer>): string {
  const labs = join(mkdtempSync(join(tmpdir(), 'illmlab-tree-')), 'labs');
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(labs, path, '..'), { recursive: true });
    writeFileSync(join(labs, path), text);
  }
  return labs;
}

const lab = (id: string, phase: number, order: number, prerequisites: string[], body: string, extra = '') =>
  `---\nid: ${id}\ntitle: Lab ${id}\nphase: ${phase}\norder: ${order}\nprerequisites: [${prerequisites.join(', ')}]\n${extra}---\n\n# Lab ${id}\n\n${body}\n`;

const tree = (labsDir: string) => progressTree(loadCurriculum(labsDir));
const find = (nodes: ProgressNode[], key: string): ProgressNode | undefined => {
  for (const n of nodes) {
    if (n.key === key) return n;
    const inner = find(n.children, key);
    if (inner) return inner;
  }
  return undefined;
};
const get = (nodes: ProgressNode[], key: string): ProgressNode => {
  const n = find(nodes, key);
  assert.ok(n, `no node ${key}`);
  return n;
};

describe('labs: the Lab Progress tree model', () => {
  const basics = () =>
    curriculum({
      '01-basics/01-a.illmlab': lab('a', 1, 1, [], '- [x] a1 <!-- task: a1 -->\n- [x] a2 <!-- task: a2 -->'),
      '01-basics/02-b.illmlab': lab('b', 1, 2, ['a'], '- [x] b1 <!-- task: b1 -->\n- [ ] b2 <!-- task: b2 -->'),
      '01-basics/03-c.illmlab': lab('c', 1, 3, ['b'], '- [ ] c1 <!-- task: c1 -->'),
      '02-more-things/01-d.illmlab': lab('d', 2, 1, [], '- [ ] d1 <!-- task: d1 -->'),
    });

  it('lists phases with done/total, and labs with the icon of their state', () => {
    const nodes = tree(basics());
    assert.deepEqual(
      nodes.map((n) => [n.key, n.label, n.description]),
      [
        ['phase:1', 'Phase 1: Basics', '3/5'],
        ['phase:2', 'Phase 2: More Things', '0/1'],
      ],
    );
    const icons = Object.fromEntries(['a', 'b', 'c', 'd'].map((id) => [id, get(nodes, `lab:${id}`).icon]));
    assert.deepEqual(icons, { a: 'pass-filled', b: 'pie-chart', c: 'lock', d: 'circle-large-outline' });
    assert.equal(get(nodes, 'lab:a').description, '2/2');
    assert.equal(get(nodes, 'lab:b').description, '1/2 · next', 'the next lab says so');
    assert.match(get(nodes, 'lab:c').tooltip, /^Locked: 0 of 1 task done$/m);
    assert.match(get(nodes, 'lab:c').tooltip, /Finish first: b \(1\/2\)/);
    assert.equal(nodes[0].expanded, true, 'the phase of the next lab is open');
    assert.equal(nodes[1].expanded, false);
  });

  it('a lab points at its file, a task at its file line, with its checkbox', () => {
    const dir = basics();
    const nodes = tree(dir);
    const b = get(nodes, 'lab:b');
    assert.equal(b.path, join(dir, '01-basics', '02-b.illmlab'));
    const b2 = get(nodes, 'task:b:b2');
    assert.deepEqual([b2.kind, b2.label, b2.checked, b2.path, b2.labId, b2.taskId], ['task', 'b2', false, b.path, 'b', 'b2']);
    const text = readFileSync(b.path, 'utf8').split('\n');
    assert.equal(text[b2.line! - 1], '- [ ] b2 <!-- task: b2 -->');
    assert.equal(get(nodes, 'task:b:b1').checked, true);
 
    // With the workspace folder as base, tooltips show short paths; the nodes keep the real ones.
    const short = progressTree(loadCurriculum(dir), join(dir, '..'));
    assert.match(get(short, 'lab:b').tooltip, new RegExp(`^b — ${join('labs', '01-basics', '02-b.illmlab')}$`, 'm'));
    assert.match(get(short, 'task:b:b2').tooltip, new RegExp(`^${join('labs', '01-basics', '02-b.illmlab')}:${b2.line}$`, 'm'));
    assert.equal(get(short, 'task:b:b2').path, b.path);
  });

  it('nests sub-tasks under their parent task and opens the parent', () => {
    const nodes = tree(
      curriculum({
        '01-x/01-n.illmlab': lab(
          'n',
          1,
          1,
          [],
          '- [ ] parent <!-- task: p -->\n  - [x] child one <!-- task: c1 -->\n    - [ ] grandchild <!-- task: g -->\n  - [ ] child two <!-- task: c2 -->\n- [ ] sibling <!-- task: s -->',
        ),
      }),
    );
    const n = get(nodes, 'lab:n');
    assert.deepEqual(
      n.children.map((t) => [t.taskId, t.children.map((c) => [c.taskId, c.children.map((g) => g.taskId)])]),
      [
        [
          'p',
          [
            ['c1', ['g']],
            ['c2', []],
          ],
        ],
        ['s', []],
      ],
    );
    assert.equal(n.children[0].expanded, true);
    assert.equal(n.children[1].expanded, false);
    assert.equal(n.description, '1/5 · next', 'nested tasks count like the others');
  });

  it('a task without an id comment gets the derived id, and its tooltip says so', () => {
    const nodes = tree(curriculum({ '01-x/01-t.illmlab': lab('t', 1, 1, [], '- [ ] Deploy **the** `app` [docs](http://x)') }));
    const task = get(nodes, 'lab:t').children[0];
    assert.equal(task.taskId, 'deploy-the-app-docs');
    assert.equal(task.label, 'Deploy the app docs', 'inline markdown is dropped from the label');
    assert.match(task.tooltip, /derived from the text/);
  });

  it('marks outline labs and counts them like any other', () => {
    const nodes = tree(
      curriculum({
        '01-x/01-o.illmlab': lab('o', 1, 1, [], '- [x] o1 <!-- task: o1 -->\n- [ ] o2 <!-- task: o2 -->', 'status: outline\n'),
        '01-x/02-r.illmlab': lab('r', 1, 2, [], '- [ ] r1 <!-- task: r1 -->', 'status: ready\n'),
      }),
    );
    const o = get(nodes, 'lab:o');
    assert.match(o.description, /^1\/2 · outline/);
    assert.match(o.tooltip, /^Outline: /m);
    assert.doesNotMatch(get(nodes, 'lab:r').description, /outline/);
    assert.equal(nodes[0].description, '1/3');
  });

  it('still shows a lab whose front matter is broken, named after its file', () => {
    const nodes = tree(curriculum({ '03-z/01-broken.illmlab': '---\nid: [oops\n---\n\n- [ ] still here <!-- task: t -->\n' }));
    assert.equal(nodes[0].label, 'Phase 3: Z');
    const broken = get(nodes, 'lab:broken');
    assert.equal(broken.label, '01-broken');
    assert.equal(broken.children[0].taskId, 't');
  });

  it('lists cycles, unknown prerequisites and duplicate ids under "Curriculum problems", and flags the labs', () => {
    const dir = curriculum({
      '01-x/01-a.illmlab': lab('a', 1, 1, ['b'], '- [ ] t'),
      '01-x/02-b.illmlab': lab('b', 1, 2, ['a'], '- [ ] t'),
      '01-x/03-c.illmlab': lab('c', 1, 3, ['ghost'], '- [ ] t'),
      '01-x/04-copy.illmlab': lab('c', 1, 4, [], '- [ ] t'),
    });
    const nodes = tree(dir);
    const problems = nodes[0];
    assert.equal(problems.kind, 'problems');
    assert.equal(problems.description, '3');
    const labels = problems.children.map((p) => p.label).sort();
    assert.match(labels[0], /^lab id "c" is also the id of /);
    assert.match(labels[1], /^prerequisite "ghost" is not a lab/);
    assert.match(labels[2], /^prerequisites go in a circle/);
    const dup = problems.children.find((p) => p.label.startsWith('lab id'))!;
    assert.equal(dup.path, join(dir, '01-x', '04-copy.illmlab'), 'the hidden duplicate is reachable from its problem row');
    const a = get(nodes, 'lab:a');
    assert.equal(a.icon, 'warning');
    assert.match(a.tooltip, /⚠ line \d+: prerequisites go in a circle/);
    // An unknown prerequisite does not lock: nothing can finish it.
    const c = get(nodes, 'lab:c');
    assert.match(c.tooltip, /^Not started/m);
    assert.match(c.description, /1 problem$/);
  });

  it('has no problems row when the curriculum is sound', () => {
    assert.ok(tree(basics()).every((n) => n.kind === 'phase'));
  });

  it('plainText keeps the words of inline markdown', () => {
    assert.equal(plainText('Use `kubectl` and **helm** — see [the docs](https://x) <br>'), 'Use kubectl and helm — see the docs');
  });
});

describe('labs: the curriculum with open notebooks, and ticking tasks', () => {
  it('an open lab counts with its unsaved text', () => {
    const dir = curriculum({ '01-x/01-a.illmlab': lab('a', 1, 1, [], '- [ ] a1 <!-- task: a1 -->') });
    const path = join(dir, '01-x', '01-a.illmlab');
    assert.equal(loadCurriculumWith(dir, new Map()).labs.get('a')!.done, 0);
    const edited = setTaskDone(readFileSync(path, 'utf8'), 'a1', true)!;
    assert.equal(loadCurriculumWith(dir, new Map([[path, edited]])).labs.get('a')!.done, 1);
  });

  it('finds a checkbox in the notebook cell that holds it; editing that character equals setTaskDone', () => {
    const text = [
      '---',
      'id: k',
      'title: K',
      '---',
      '',
      '# K',
      '',
      '- [ ] first <!-- task: first -->',
      '',
      '```sh {id=x}',
      '- [ ] not a task, code',
      '```',
      '',
      'More text.',
      '',
      '1. [x] numbered <!-- task: numbered -->',
      '   - [ ] nested under it <!-- task: nested -->',
      '',
    ].join('\r\n');
    const cells = toNotebook(text).cells;
    for (const [id, cellIndex, done] of [
      ['first', 0, false],
      ['numbered', 2, true],
      ['nested', 2, false],
    ] as const) {
      const at = checkboxPosition(text, id);
      assert.ok(at, id);
      assert.equal(at.cellIndex, cellIndex, id);
      assert.equal(at.done, done);
      const lines = cells[at.cellIndex].value.split('\n');
      assert.equal(lines[at.line][at.character], done ? 'x' : ' ', `${id}: the position is the box`);
      // The adapter's edit, done on plain notebook data: the saved file is setTaskDone's.
      lines[at.line] = lines[at.line].slice(0, at.character) + (done ? ' ' : 'x') + lines[at.line].slice(at.character + 1);
      const edited = { ...toNotebook(text) };
      edited.cells = cells.map((c, i) => (i === at.cellIndex ? { ...c, value: lines.join('\n') } : c));
      assert.equal(fromNotebook(edited), setTaskDone(text, id, !done), id);
    }
    assert.equal(checkboxPosition(text, 'not-a-task-code'), undefined);
    assert.equal(checkboxPosition(text, 'ghost'), undefined);
  });

  it('ticks a task in a closed file: one byte changes, Latin-1 stays Latin-1', () => {
    const body = Buffer.concat([
      Buffer.from('---\nid: l\ntitle: L\n---\n\n- [ ] caf'),
      Buffer.from([0xe9]), // é in Latin-1: not valid UTF-8
      Buffer.from(' <!-- task: cafe -->\n- [ ] other <!-- task: other -->'), // no final newline
    ]);
    const dir = curriculum({ '01-x/01-l.illmlab': body });
    const path = join(dir, '01-x', '01-l.illmlab');
    assert.equal(setTaskDoneInFile(path, 'cafe', true), 'changed');
    const after = readFileSync(path);
    assert.equal(after.length, body.length);
    const diff = [...after].flatMap((b, i) => (b === body[i] ? [] : [i]));
    assert.deepEqual(diff, [body.indexOf('[ ] caf') + 1]);
    assert.equal(after[diff[0]], 'x'.charCodeAt(0));
    assert.equal(setTaskDoneInFile(path, 'cafe', true), 'unchanged');
    assert.equal(setTaskDoneInFile(path, 'ghost', true), 'missing');
    assert.equal(setTaskDoneInFile(path, 'cafe', false), 'changed');
    assert.deepEqual(readFileSync(path), body);
  });
});
