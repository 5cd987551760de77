import * as assert from 'node:assert/strict';
import { fromNotebook, toNotebook, type PlainNotebook } from '../../../src/notebook/notebookData';
import { editorLanguage, fenceLanguage } from '../../../src/notebook/cellLanguages';

/** What VS Code does between open and save: hand the data back, JSON-cloned, possibly edited. */
function throughEditor(nb: PlainNotebook): PlainNotebook {
  return JSON.parse(JSON.stringify(nb)) as PlainNotebook;
}

const lab = [
  '---',
  'id: demo',
  'title: Demo',
  '---',
  '',
  '# Demo',
  '',
  '```bash {id=hello timeout=5}',
  'echo hello',
  '```',
  '',
  '```promql {id=up range=5m}',
  'up',
  '```',
  '',
  '```k6 {id=load}',
  "import http from 'k6/http';",
  '```',
  '',
].join('\n');

describe('notebook: NotebookData conversion', () => {
  it('maps cell languages to editor languages and back, keeping sh vs bash', () => {
    assert.equal(editorLanguage('sh'), 'shellscript');
    assert.equal(editorLanguage('bash'), 'shellscript');
    assert.equal(fenceLanguage('shellscript', 'bash'), 'bash');
    assert.equal(fenceLanguage('shellscript'), 'sh');
    assert.equal(fenceLanguage('javascript'), 'k6');
    assert.equal(fenceLanguage('promql', 'logql'), 'promql');
  });

  it('round-trips through the editor byte for byte, front matter and attributes in metadata', () => {
    const nb = toNotebook(lab);
    assert.deepEqual(
      nb.cells.map((c) => [c.kind, c.languageId]),
      [
        ['markup', 'markdown'],
        ['code', 'shellscript'],
        ['code', 'promql'],
        ['code', 'javascript'],
      ],
    );
    assert.deepEqual(nb.cells[2].metadata?.illmlab?.attributes, { id: 'up', range: '5m' });
    assert.equal(nb.metadata.illmlab.frontMatter?.data?.id, 'demo');
    assert.equal(fromNotebook(throughEditor(nb)), lab);
  });

  it('an edit in the editor touches only that cell; CRLF from the editor is normalised', () => {
    const nb = throughEditor(toNotebook(lab));
    nb.cells[2].value = 'sum(up)\r\n';
    assert.equal(
      fromNotebook(nb),
      lab.replace('```promql {id=up range=5m}\nup\n```', '```promql {id=up range=5m}\nsum(up)\n\n```'),
    );
  });

  it('writes a cell added in the editor with its attributes from metadata', () => {
    const nb = throughEditor(toNotebook(lab));
    nb.cells.push({
      kind: 'code',
      value: 'kubectl get pods',
      languageId: 'shellscript',
      metadata: { illmlab: { attributes: { id: 'pods' } } },
    });
    nb.cells.push({ kind: 'code', value: '{app="web"}', languageId: 'logql' });
    assert.equal(fromNotebook(nb), lab + '\n```sh {id=pods}\nkubectl get pods\n```\n\n```logql\n{app="web"}\n```\n');
  });

  it('changing a cell’s language rewrites its fence', () => {
    const nb = throughEditor(toNotebook(lab));
    nb.cells[2].languageId = 'logql';
    assert.match(fromNotebook(nb), /```logql \{id=up range=5m\}\nup\n```/);
  });
});
