import * as assert from 'node:assert/strict';
import { findTasks, setTaskDone } from '../../../src/labs/tasks';

const lab = [
  '---',
  'id: t',
  'title: T',
  '---',
  '',
  '- [ ] Deploy `app` <!-- task: deploy -->',
  '  - [x] Nested **bold** <!-- task: nested -->',
  '    - [ ] Deeper, without an id',
  '- [X] Upper-case X counts as done',
  '* [ ] Another marker',
  '',
  '```sh {id=c}',
  '- [ ] not a task: inside a code cell',
  '```',
  '',
].join('\r\n');

describe('labs: tasks', () => {
  it('finds task items outside code cells, with ids, nesting and state', () => {
    const tasks = findTasks(lab);
    assert.deepEqual(
      tasks.map((t) => [t.id, t.text, t.done, t.line, t.depth, t.explicitId]),
      [
        ['deploy', 'Deploy `app`', false, 6, 0, true],
        ['nested', 'Nested **bold**', true, 7, 1, true],
        ['deeper-without-an-id', 'Deeper, without an id', false, 8, 2, false],
        ['upper-case-x-counts-as-done', 'Upper-case X counts as done', true, 9, 0, false],
        ['another-marker', 'Another marker', false, 10, 0, false],
      ],
    );
  });

  it('ticks one task by changing one byte, and leaves the rest alone', () => {
    const ticked = setTaskDone(lab, 'deploy', true)!;
    assert.equal(ticked.length, lab.length);
    const diff = [...lab].findIndex((c, i) => c !== ticked[i]);
    assert.equal(ticked.slice(diff - 3, diff + 2), '- [x]');
    assert.equal(ticked.replace('- [x] Deploy', '- [ ] Deploy'), lab);
    assert.equal(setTaskDone(ticked, 'deploy', true), ticked, 'already done: unchanged');
    assert.equal(setTaskDone(lab, 'nested', false)!.includes('  - [ ] Nested'), true);
    assert.equal(setTaskDone(lab, 'nope', true), undefined);
  });
});
