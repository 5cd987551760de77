import * as assert from 'node:assert/strict';
import { dominantEol, joinLines, splitLines } from '../../../src/notebook/format/lines';
import { decodeLab, encodeLab } from '../../../src/notebook/format';

describe('format: lines and bytes', () => {
  it('splits on \\n, \\r\\n and \\r like markdown-it, losslessly', () => {
    const text = 'a\nb\r\nc\rd';
    const lines = splitLines(text);
    assert.deepEqual(
      lines.map((l) => [l.text, l.eol]),
      [
        ['a', '\n'],
        ['b', '\r\n'],
        ['c', '\r'],
        ['d', ''],
      ],
    );
    assert.equal(joinLines(lines), text);
    assert.equal(splitLines('a\n').length, 1, 'a final line ending starts no new line');
    assert.equal(splitLines('').length, 0);
  });

  it('picks the dominant line ending for new text', () => {
    assert.equal(dominantEol(splitLines('a\r\nb\r\nc\n')), '\r\n');
    assert.equal(dominantEol(splitLines('a\nb\r\n')), '\n');
    assert.equal(dominantEol(splitLines('one line')), '\n');
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
