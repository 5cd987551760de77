import * as assert from 'node:assert/strict';
import { readLab } from '../../../src/labs/curriculum';
import { checkLabTasks } from '../../../src/labs/labChecks';
import { checkLabId, labFileName, labTemplate, nextOrder } from '../../../src/labs/labTemplate';
import { validateLabText } from '../../../src/notebook/format';

describe('labs: the New Lab template', () => {
  for (const title of ['Rolling Updates', 'Cloud Message Services: SQS vs "Service Bus" #2', "It's 100% – ünïcode"]) {
    it(`is a valid lab with no problems at all (title ${JSON.stringify(title)})`, () => {
      const text = labTemplate({ id: 'my-new-lab', title, phase: 5, order: 8 });
      const { doc, problems } = validateLabText(text);
      assert.deepEqual(problems, []);
      assert.deepEqual(checkLabTasks(text, doc), [], 'the verify cell names a task of the lab');
      const lab = readLab('labs/05-deployment-strategies/08-my-new-lab.illmlab', text);
      assert.deepEqual(
        [lab.id, lab.title, lab.phase, lab.order, lab.status, lab.prerequisites],
        ['my-new-lab', title, 5, 8, 'outline', []],
      );
      assert.deepEqual(
        lab.tasks.map((t) => [t.id, t.explicitId, t.done]),
        [['deploy-example', true, false]],
      );
      assert.equal(doc.frontMatter?.data?.namespace, 'lab-my-new-lab');
    });
  }

  it('has the sections of a lab, in the order LABS.md gives, and the cells they need', () => {
    const text = labTemplate({ id: 'x', title: 'X', phase: 1, order: 1 });
    const headings = text.split('\n').filter((l) => /^##? /.test(l));
    assert.deepEqual(headings, [
      '# X',
      '## Objectives',
      '## Tasks',
      '## Preflight',
      '## Steps',
      '## Observe',
      '## Verify',
      '## Findings',
      '## Cleanup',
    ]);
    const { doc } = validateLabText(text);
    const code = doc.cells.filter((c) => c.kind === 'code').map((c) => [c.language, c.id, c.attributes.verifies ?? null]);
    assert.deepEqual(code, [
      ['sh', 'preflight', null],
      ['sh', 'namespace', null],
      ['promql', 'observe', null],
      ['sh', 'verify-deploy-example', 'deploy-example'],
      ['sh', 'cleanup', null],
    ]);
    assert.match(text, /\| Question \| Your answer \|/);
    for (const cell of doc.cells.filter((c) => c.language === 'sh')) assert.ok(cell.attributes.timeout, `${cell.id} has a timeout`);
  });

  it('checks ids: slug, length (namespace lab-<id> ≤ 63), not taken', () => {
    const taken = new Set(['rolling-update']);
    assert.equal(checkLabId('my-lab', taken), undefined);
    assert.match(checkLabId('My Lab', taken)!, /lowercase/);
    assert.match(checkLabId('-x', taken)!, /lowercase/);
    assert.match(checkLabId('rolling-update', taken)!, /already exists/);
    assert.equal(checkLabId('a'.repeat(59), taken), undefined);
    assert.match(checkLabId('a'.repeat(60), taken)!, /at most 59/);
  });

  it('names the file with the next order number of its phase folder', () => {
    assert.equal(nextOrder([]), 1);
    assert.equal(nextOrder(['01-a.illmlab', '03-c.illmlab', 'README.md', '10-notes.txt']), 4);
    assert.equal(labFileName(4, 'my-lab'), '04-my-lab.illmlab');
    assert.equal(labFileName(12, 'x'), '12-x.illmlab');
  });
});
