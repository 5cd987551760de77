import * as assert from 'node:assert/strict';
import { parseLab, serializeLab, type LabCell } from '../../../src/notebook/format';

function newCode(language: string, source: string, attributes: LabCell['attributes'] = {}): LabCell {
  return { kind: 'code', language, source, attributes, id: '', line: 0 };
}

describe('format: edits', () => {
  const text =
    '---\r\nid: a\r\ntitle: A\r\n---\r\n\r\n# A\r\n\r\n```sh {id=one}\r\necho one\r\n```\r\n\r\n```sh {id=two}\r\necho two\r\n```\r\n';

  it('writes an edited cell with the file’s own line endings', () => {
    const doc = parseLab(text);
    const cells = doc.cells.map((c) => (c.id === 'one' ? { ...c, source: 'echo 1\necho 1b' } : c));
    assert.equal(
      serializeLab({ ...doc, cells }),
      '---\r\nid: a\r\ntitle: A\r\n---\r\n\r\n# A\r\n\r\n```sh {id=one}\r\necho 1\r\necho 1b\r\n```\r\n\r\n```sh {id=two}\r\necho two\r\n```\r\n',
    );
  });

  it('gives a new cell a fence longer than any fence in its source', () => {
    const doc = parseLab('# A\n');
    const source = "cat <<'EOF'\n````sh\nls\n````\nEOF";
    const out = serializeLab({ ...doc, cells: [...doc.cells, newCode('sh', source, { id: 'nested' })] });
    assert.equal(out, "# A\n\n`````sh {id=nested}\ncat <<'EOF'\n````sh\nls\n````\nEOF\n`````\n");
    assert.equal(parseLab(out).cells[1].source, source);
  });

  it('lengthens an existing cell’s fence only when its new source needs it', () => {
    const doc = parseLab('```sh {id=x}\necho\n```\n');
    const out = serializeLab({ ...doc, cells: [{ ...doc.cells[0], source: 'echo\n```\necho' }] });
    assert.equal(out, '````sh {id=x}\necho\n```\necho\n````\n');
  });

  it('uses a tilde fence when an attribute value holds a backtick', () => {
    const doc = parseLab('');
    const out = serializeLab({ ...doc, cells: [newCode('sh', 'echo', { name: 'use `kubectl`' })] });
    assert.equal(out, '~~~sh {name="use `kubectl`"}\necho\n~~~\n');
    assert.deepEqual(parseLab(out).cells[0].attributes, { name: 'use `kubectl`' });
  });

  it('keeps a missing final newline when the last cell is edited', () => {
    const doc = parseLab('# A\n\n```sh\necho a\n```');
    const out = serializeLab({ ...doc, cells: [doc.cells[0], { ...doc.cells[1], source: 'echo b' }] });
    assert.equal(out, '# A\n\n```sh\necho b\n```');
  });

  it('closes a cell left open at the end of the file once it is edited', () => {
    const doc = parseLab('```sh {id=open}\necho a\n');
    const out = serializeLab({ ...doc, cells: [{ ...doc.cells[0], source: 'echo b' }] });
    assert.equal(out, '```sh {id=open}\necho b\n```\n');
  });

  it('rewrites only the front matter when its YAML changes', () => {
    const doc = parseLab(text);
    const out = serializeLab({ ...doc, frontMatter: { ...doc.frontMatter!, yaml: 'id: a\ntitle: B\n' } });
    assert.equal(out, text.replace('title: A', 'title: B'));
  });

  it('removing a cell removes its bytes and the blank lines before it, nothing else', () => {
    const doc = parseLab(text);
    const out = serializeLab({ ...doc, cells: doc.cells.filter((c) => c.id !== 'one') });
    assert.equal(out, text.replace('\r\n```sh {id=one}\r\necho one\r\n```\r\n', ''));
  });
});

describe('format: cell ids', () => {
  it('uses the id attribute when there is one', () => {
    assert.equal(parseLab('```sh {id=deploy}\nx\n```\n').cells[0].id, 'deploy');
  });

  it('derives ids from the cell’s own content: stable across edits elsewhere and reloads', () => {
    const a = parseLab('# Intro\n\n```sh\nkubectl get pods\n```\n');
    const b = parseLab('# Intro, rewritten\n\nNew text.\n\n```promql\nup\n```\n\n```sh\nkubectl get pods\n```\n');
    assert.match(a.cells[1].id, /^sh-[0-9a-z]{7}$/);
    assert.equal(b.cells[2].id, a.cells[1].id);
    assert.equal(parseLab(serializeLab(a)).cells[1].id, a.cells[1].id);
  });

  it('numbers identical cells in file order', () => {
    const ids = parseLab('```sh\nls\n```\n\n```sh\nls\n```\n\n```sh\nls\n```\n').cells.map((c) => c.id);
    assert.equal(new Set(ids).size, 3);
    assert.equal(ids[1], `${ids[0]}-2`);
    assert.equal(ids[2], `${ids[0]}-3`);
  });

  it('reports a repeated explicit id', () => {
    const doc = parseLab('```sh {id=x}\na\n```\n\n```sh {id=x}\nb\n```\n');
    assert.deepEqual(
      doc.problems.map((p) => [p.line, p.code]),
      [[5, 'duplicate-id']],
    );
  });
});
