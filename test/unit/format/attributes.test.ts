import * as assert from 'node:assert/strict';
import { parseLab, serializeLab } from '../../../src/notebook/format';
import { parseAttributes, formatAttribute } from '../../../src/notebook/format/attributes';

describe('format: cell attributes', () => {
  it('reads bare, quoted and flag attributes into a map in written order', () => {
    const attrs = parseAttributes(`id=x range=30m name="with spaces" flag quote='it\\'s' back="a\\\\b"`);
    assert.deepEqual(
      attrs.map((a) => [a.key, a.value]),
      [
        ['id', 'x'],
        ['range', '30m'],
        ['name', 'with spaces'],
        ['flag', true],
        ['quote', "it's"],
        ['back', 'a\\b'],
      ],
    );
  });

  it('says where an attribute list is malformed', () => {
    assert.throws(() => parseAttributes('id=x name="open'), /unterminated " string/);
    assert.throws(() => parseAttributes('id='), /has "=" but no value/);
    assert.throws(() => parseAttributes('=x'), /expected an attribute name/);
    assert.throws(() => parseAttributes('a="b"c'), /unexpected "c" after attribute "a"/);
  });

  it('quotes a value only when it must', () => {
    assert.equal(formatAttribute('range', '30m'), 'range=30m');
    assert.equal(formatAttribute('flag', true), 'flag');
    assert.equal(formatAttribute('name', 'with spaces'), 'name="with spaces"');
    assert.equal(formatAttribute('q', 'say "hi" \\ bye'), 'q="say \\"hi\\" \\\\ bye"');
    assert.equal(formatAttribute('empty', ''), 'empty=""');
  });

  it('writes attributes back in their original order and spelling when one changes', () => {
    const text = "```promql   {name='my query'  range=30m   id=p95 flag}\nup\n```\n";
    const doc = parseLab(text);
    const cell = doc.cells[0];
    const edited = { ...cell, attributes: { ...cell.attributes, range: '1h', step: '30s' } };
    const out = serializeLab({ ...doc, cells: [edited] });
    assert.equal(out, "```promql {name='my query' range=1h id=p95 flag step=30s}\nup\n```\n");
  });

  it('keeps the info string as written while the attributes are unchanged, even if the source changes', () => {
    const doc = parseLab('```sh   {id=a   timeout=5}\necho 1\n```\n');
    const out = serializeLab({ ...doc, cells: [{ ...doc.cells[0], source: 'echo 2' }] });
    assert.equal(out, '```sh   {id=a   timeout=5}\necho 2\n```\n');
  });
});
