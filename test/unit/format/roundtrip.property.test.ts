import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseLab, serializeLab, type LabCell, type LabDocument } from '../../../src/notebook/format';
import { attributeMapArb, cellLanguage, codeSource, labText, markdownSource } from '../../support/labGenerators';

// FC_RUNS raises the count for a longer hunt; CI runs the default.
const RUNS = { numRuns: Number(process.env.FC_RUNS ?? 1500) };

/** Where each cell's bytes (its gap included) start and end in the text it was parsed from. */
function cellRegions(doc: LabDocument): Array<[number, number]> {
  let offset = (doc.bom ? 1 : 0) + (doc.frontMatter?.raw.length ?? 0);
  return doc.cells.map((cell) => {
    const start = offset;
    offset += cell.raw!.gap.length + cell.raw!.text.length;
    return [start, offset];
  });
}

function shape(cells: LabCell[]) {
  return cells.map((c) => ({ kind: c.kind, language: c.language, source: c.source, attributes: c.attributes }));
}

describe('format: property tests', () => {
  it('gives back the same bytes for any document (serialize(parse(x)) === x)', () => {
    fc.assert(
      fc.property(labText, (text) => {
        assert.equal(serializeLab(parseLab(text)), text);
      }),
      RUNS,
    );
  });

  it('parses the same cells from its own output', () => {
    fc.assert(
      fc.property(labText, (text) => {
        const doc = parseLab(text);
        assert.deepEqual(shape(parseLab(serializeLab(doc)).cells), shape(doc.cells));
      }),
      RUNS,
    );
  });

  it('an edit to one code cell changes only that cell’s bytes, and reads back as written', () => {
    fc.assert(
      fc.property(labText, fc.nat(), codeSource, (text, pick, source) => {
        const doc = parseLab(text);
        const codeCells = doc.cells.map((c, i) => [c, i] as const).filter(([c]) => c.kind === 'code');
        fc.pre(codeCells.length > 0);
        const [cell, index] = codeCells[pick % codeCells.length];
        fc.pre(source !== cell.source);
        const [start, end] = cellRegions(doc)[index];
        const edited = { ...doc, cells: doc.cells.map((c, i) => (i === index ? { ...c, source } : c)) };
        const out = serializeLab(edited);
        assert.equal(out.slice(0, start), text.slice(0, start), 'bytes before the cell changed');
        // The file's last line may gain its line ending when the last cell is rewritten.
        const suffix = text.slice(end);
        assert.ok(out.endsWith(suffix), 'bytes after the cell changed');
        const reread = parseLab(out).cells[index];
        assert.equal(reread.source, source);
        assert.equal(reread.language, cell.language);
        assert.deepEqual(reread.attributes, cell.attributes);
      }),
      RUNS,
    );
  });

  it('adding or removing a cell changes only the bytes at that place', () => {
    fc.assert(
      fc.property(labText, fc.nat(), fc.boolean(), cellLanguage, codeSource, (text, pick, remove, language, source) => {
        const doc = parseLab(text);
        const regions = cellRegions(doc);
        const at = doc.cells.length === 0 ? 0 : pick % (doc.cells.length + (remove ? 0 : 1));
        if (remove) {
          fc.pre(doc.cells.length > 0);
          const out = serializeLab({ ...doc, cells: doc.cells.filter((_, i) => i !== at) });
          const [start, end] = regions[at];
          const expected = text.slice(0, start) + text.slice(end);
          // Removing the last cell of a file without a final newline leaves the one before it whole.
          assert.ok(out === expected || (at === doc.cells.length - 1 && out.startsWith(text.slice(0, start))));
        } else {
          const cell: LabCell = {
            kind: 'code',
            language,
            source,
            attributes: { id: 'new-cell' },
            id: 'new-cell',
            line: 0,
          };
          const cells = [...doc.cells.slice(0, at), cell, ...doc.cells.slice(at)];
          const out = serializeLab({ ...doc, cells });
          const start = at < regions.length ? regions[at][0] : text.length - doc.trailer.length;
          // A file that ends inside an open block (a fence or an HTML comment never closed) takes in
          // whatever follows it; validate warns about those. Only places a cell can stand count here.
          fc.pre(parseLab(text.slice(0, start) + '\n\n```sh {id=probe}\n```\n').cells.some((c) => c.id === 'probe'));
          assert.equal(
            out.slice(0, Math.min(start, out.length)).replace(/(\r\n|\r|\n)$/, ''),
            text.slice(0, start).replace(/(\r\n|\r|\n)$/, ''),
          );
          assert.ok(out.endsWith(text.slice(start)), 'bytes after the new cell changed');
          const found = parseLab(out).cells.find((c) => c.id === 'new-cell');
          assert.ok(found, 'the new cell reads back');
          assert.equal(found.source, source);
        }
      }),
      RUNS,
    );
  });

  it('writes new cells that read back exactly, whatever fences their sources hold', () => {
    const cellArb = fc.oneof(
      fc.record({
        kind: fc.constant<'code'>('code'),
        language: cellLanguage,
        source: codeSource,
        attributes: attributeMapArb,
      }),
      fc.record({
        kind: fc.constant<'markdown'>('markdown'),
        language: fc.constant('markdown'),
        source: markdownSource,
        attributes: fc.constant({}),
      }),
    );
    fc.assert(
      fc.property(fc.array(cellArb, { maxLength: 8 }), fc.constantFrom<'\n' | '\r\n'>('\n', '\r\n'), (drafts, eol) => {
        // Two markdown cells in a row are one markdown block in the file: keep them apart.
        const cells = drafts.filter((c, i) => !(c.kind === 'markdown' && drafts[i - 1]?.kind === 'markdown'));
        const doc: LabDocument = {
          bom: false,
          eol,
          frontMatter: undefined,
          trailer: '',
          problems: [],
          cells: cells.map((c) => ({ ...c, id: '', line: 0 })),
        };
        const text = serializeLab(doc);
        assert.deepEqual(shape(parseLab(text).cells), shape(doc.cells));
        assert.equal(serializeLab(parseLab(text)), text);
      }),
      RUNS,
    );
  });
});
