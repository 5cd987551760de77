import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OutputTail } from '../../../src/kernels/outputTail';

describe('kernels: output tail for large outputs', () => {
  it('shows small output whole, with no file', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'tail-')), 'out.log');
    const t = new OutputTail(file, 100);
    t.append('hello\n');
    assert.deepEqual(t.view(), { text: 'hello\n' });
    assert.ok(!existsSync(file));
  });

  it('shows the tail of 10 MB with a note, and keeps all of it in the file', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'tail-')), 'out.log');
    const t = new OutputTail(file, 64 * 1024);
    let expected = '';
    for (let i = 0; i < 10_000; i++) {
      const line = `line ${i} ${'x'.repeat(1000)}\n`;
      t.append(line);
      expected += line;
    }
    const view = t.view();
    assert.equal(view.text, expected.slice(-64 * 1024));
    assert.match(view.note!, /Showing the last 64 KB of 9\.\d MB\. The whole output is in .*out\.log/);
    assert.equal(readFileSync(file, 'utf8'), expected);
  });
});
