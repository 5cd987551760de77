import * as assert from 'node:assert/strict';
import { scalarTable, vectorTable } from '../../../src/kernels/query/instantTables';
import { logEntries, logTable, type StreamJson } from '../../../src/kernels/query/logTable';
import { logVolumeChart } from '../../../src/kernels/query/logVolumeChart';
import { matrixTable, parseMatrix, type MatrixSeriesJson } from '../../../src/kernels/query/matrix';
import { matrixChart } from '../../../src/kernels/query/matrixChart';
import { tableHtml } from '../../../src/kernels/render/tableText';
import { XSS_STRINGS, xssMatrixBody, xssStreamsBody } from '../../standins/lokiXss';
import { markupOf, renderSvg } from './renderChart';

const TABLE_TAGS = new Set(['table', 'caption', 'thead', 'tbody', 'tr', 'th', 'td', 'p', 'em']);
const SVG_TAGS = new Set(['svg', 'g', 'path', 'rect', 'line', 'text', 'title', 'defs', 'clippath', 'tspan']);

/** Every string in a spec with where it sits, e.g. "data.values[3].pod". */
function stringsIn(value: unknown, path = ''): Array<[string, string]> {
  if (typeof value === 'string') return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringsIn(v, `${path}[${i}]`));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => stringsIn(v, path ? `${path}.${k}` : k));
  }
  return [];
}

function assertInertHtml(html: string): void {
  const { tags, handlers } = markupOf(html);
  assert.deepEqual(
    [...tags].filter((t) => !TABLE_TAGS.has(t)),
    [],
    'only the table’s own elements',
  );
  assert.deepEqual(handlers, [], 'no event handler attributes');
  assert.doesNotMatch(html, /<(td|th|tr|table)\s/, 'no attributes on table elements');
}

describe('query: cluster data stays inert (XSS corpus)', () => {
  const streams = (JSON.parse(xssStreamsBody()) as { data: { result: StreamJson[] } }).data.result;
  const matrix = (JSON.parse(xssMatrixBody()) as { data: { result: MatrixSeriesJson[] } }).data.result;

  it('log lines and labels come out escaped in the HTML table, and whole as data', () => {
    const entries = logEntries(streams, 'backward');
    const table = logTable(streams, entries);
    const html = tableHtml(table);
    assertInertHtml(html);
    assert.equal(table.rows.length, XSS_STRINGS.length);
    for (const text of XSS_STRINGS) {
      assert.ok(
        table.rows.some((r) => String(r[3]).includes(`raw=${text}`)),
        `the line with ${text} kept as data`,
      );
    }
    assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'));
    assert.ok(html.includes('&amp;lt;b&amp;gt;already escaped'), 'escaped text is escaped again, not trusted');
  });

  it('series labels come out escaped in vector, scalar and matrix tables', () => {
    const vector = matrix.map((m) => ({ metric: m.metric, value: m.values![0] }));
    assertInertHtml(tableHtml(vectorTable(vector)));
    assertInertHtml(tableHtml(matrixTable(parseMatrix(matrix))));
    assertInertHtml(tableHtml(scalarTable('string', [1, XSS_STRINGS[0]])));
  });

  it('chart specs carry the corpus only as data; the text fallback is plain text with the values whole', () => {
    const { output } = matrixChart(parseMatrix(matrix), { key: 'chart', description: 'LogQL: rate({app="xss"}[1m])' });
    const hostile = stringsIn(output.spec).filter(([, v]) => XSS_STRINGS.some((x) => v.includes(x)));
    assert.ok(hostile.length >= XSS_STRINGS.length);
    for (const [path] of hostile) {
      assert.match(path, /^transform\[0\]\.from\.data\.values\[\d+\]\.(series|l\d+)$/, `only in inline data: ${path}`);
    }
    for (const text of XSS_STRINGS) assert.ok(output.fallback.includes(`pod=${JSON.stringify(text)}`), text);

    const volume = logVolumeChart(logEntries(streams, 'backward'), 'chart', 'LogQL: {app="xss"}');
    assert.deepEqual(
      stringsIn(volume.spec).filter(([, v]) => XSS_STRINGS.some((x) => v.includes(x))),
      [],
      'the volume chart carries counts, not lines',
    );
  });

  it('charts draw the corpus as text: the SVG holds no element or handler from it', async function () {
    this.timeout(10_000);
    const { output } = matrixChart(parseMatrix(matrix), { key: 'chart', description: 'd' });
    const svg = await renderSvg(output.spec);
    const { tags, handlers } = markupOf(svg);
    assert.deepEqual(
      [...tags].filter((t) => !SVG_TAGS.has(t)),
      [],
      'only vega’s own SVG elements',
    );
    assert.deepEqual(handlers, []);
    assert.ok(svg.includes('&lt;img src=x onerror=alert(1)&gt;'), 'the legend draws the label as text');
  });
});

describe('query: the markup checker of these tests', () => {
  it('catches elements and handlers, and reads quoted attribute values as text', () => {
    assert.deepEqual(markupOf('<td><img src=x onerror=alert(1)></td>'), {
      tags: new Set(['td', 'img']),
      handlers: ['onerror'],
    });
    assert.deepEqual(markupOf('<path aria-label="x onload=1 <b>" d="M0"/>').handlers, []);
  });
});
