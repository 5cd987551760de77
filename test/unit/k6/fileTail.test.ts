import * as assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileTail } from '../../../src/kernels/k6/fileTail';
import { LineSplitter, lineStrings } from '../../../src/kernels/k6/lineSplitter';

describe('k6: reading lines as they are written', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'illmlab-k6-tail-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('a file that does not exist yet reads as nothing; then complete lines come, half lines wait', async () => {
    const path = join(dir, 'out.json');
    const lines: Array<[string, number]> = [];
    const tail = new FileTail(
      path,
      lineStrings((line, n) => lines.push([line, n])),
    );
    assert.equal(await tail.poll(), 0);
    writeFileSync(path, 'one\ntw');
    await tail.poll();
    assert.deepEqual(lines, [['one', 1]]);
    appendFileSync(path, 'o\r\nthree\n');
    await tail.poll();
    assert.deepEqual(lines, [
      ['one', 1],
      ['two', 2],
      ['three', 3],
    ]);
    appendFileSync(path, 'last, no newline');
    await tail.finish();
    assert.deepEqual(lines[3], ['last, no newline', 4]);
  });

  it('reads more than one chunk at a time and keeps UTF-8 characters split between reads whole', async () => {
    const path = join(dir, 'big.json');
    const line = 'µs ✓ ' + 'x'.repeat(1000);
    writeFileSync(path, (line + '\n').repeat(3000)); // ~3 MB: several 1 MB reads
    const got: string[] = [];
    const tail = new FileTail(
      path,
      lineStrings((l) => got.push(l)),
    );
    await tail.finish();
    assert.equal(got.length, 3000);
    assert.ok(got.every((l) => l === line));
  });

  it('the splitter holds a multi-byte character cut between two chunks', () => {
    const got: string[] = [];
    const splitter = new LineSplitter(lineStrings((l) => got.push(l)));
    const bytes = Buffer.from('a✓b\n');
    splitter.push(bytes.subarray(0, 2)); // 'a' and the first byte of '✓'
    splitter.push(bytes.subarray(2));
    assert.deepEqual(got, ['a✓b']);
    assert.equal(splitter.end(), undefined);
    // A chunk with a newline whose rest stops inside a character; ASCII and UTF-8 lines mixed.
    const more = Buffer.from('plain\nµs ✓\nx');
    const cut = more.indexOf('✓') + 1;
    splitter.push(more.subarray(0, cut));
    splitter.push(more.subarray(cut));
    assert.deepEqual(got, ['a✓b', 'plain', 'µs ✓']);
    assert.equal(splitter.end(), 'x');
  });
});
