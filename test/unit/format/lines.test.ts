import * as assert from 'node:assert/strict';
import { LineIndex } from '../../../src/notebook/format/lines';
import { decodeLab, encodeLab } from '../../../src/notebook/format';

describe('format: lines and bytes', () => {
  it('splits on \\n, \\r\\n and \\r like markdown-it, losslessly', () => {
    const text = 'a\nb\r\nc\rd';
    const lines = new LineIndex(text);
    assert.deepEqual(
      Array.from({ length: lines.count }, (_, i) => [lines.line(i), lines.eol(i)]),
      [
        ['a', '\n'],
        ['b', '\r\n'],
        ['c', '\r'],
        ['d', ''],
      ],
    );
    assert.equal(lines.slice(0), text);
    assert.equal(lines.slice(1, 3), 'b\r\nc\r');
    assert.equal(lines.joinedSource(0, 4), 'a\nb\nc\nd');
    assert.equal(new LineIndex('a\n').count, 1, 'a final line ending starts no new line');
    assert.equal(new LineIndex('').count, 0);
    assert.ok(new LineIndex(' \t\nx').isBlank(0));
  });

  it('picks the dominant line ending for new text', () => {
    assert.equal(new LineIndex('a\r\nb\r\nc\n').dominantEol(), '\r\n');
    assert.equal(new LineIndex('a\nb\r\n').dominantEol(), '\n');
    assert.equal(new LineIndex('a\rb\rc\n').dominantEol(), '\r');
    assert.equal(new LineIndex('one line').dominantEol(), '\n');
  });

  it('keeps a BOM and reads invalid UTF-8 as Latin-1, both byte for byte', () => {
    for (const bytes of [Buffer.from('\ufeff# x\n'), Buffer.from([0x23, 0x20, 0xe9, 0xff, 0x0a])]) {
      const { text, encoding } = decodeLab(bytes);
      assert.ok(Buffer.from(encodeLab(text, encoding)).equals(bytes));
    }
    assert.equal(decodeLab(Buffer.from([0xe9])).encoding, 'latin1');
    assert.equal(decodeLab(Buffer.from('é')).encoding, 'utf8');
  });

  it('saves text typed into a Latin-1 file that Latin-1 cannot hold as UTF-8, not as garbage', () => {
    assert.equal(Buffer.from(encodeLab('caf\u00e9 \u2713', 'latin1')).toString('utf8'), 'caf\u00e9 \u2713');
  });
});
