import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { scalarTable, vectorTable, type VectorSampleJson } from '../../../src/kernels/query/instantTables';
import { queryOutputs } from '../../../src/kernels/query/queryOutputs';
import { readRecording } from '../../standins/lokiStandin';
import { sharedDir } from '../../support/paths';

const LOKI = join(sharedDir, 'samples', 'loki');

describe('query: instant results as tables', () => {
  it('shows a vector with a column per label and the value exactly as sent (recorded Loki topk)', () => {
    const body = JSON.parse(readRecording(LOKI, 'vector-topk').body) as { data: { result: VectorSampleJson[] } };
    assert.deepEqual(vectorTable(body.data.result), {
      columns: ['route', 'value'],
      rows: [
        ['/api/items', '100'],
        ['/health', '100'],
      ],
      title: '2 series at 2026-11-26T03:23:06.869Z',
    });
  });

  it('keeps the API order, puts __name__ first, and leaves a missing label empty', () => {
    const table = vectorTable([
      { metric: { job: 'b', __name__: 'up' }, value: [1, '+Inf'] },
      { metric: { job: 'a', instance: 'i' }, value: [1, 'NaN'] },
    ]);
    assert.deepEqual(table.columns, ['__name__', 'instance', 'job', 'value']);
    assert.deepEqual(table.rows, [
      ['up', null, 'b', '+Inf'],
      [null, 'i', 'a', 'NaN'],
    ]);
  });

  it('shows scalars and strings with their time', () => {
    assert.deepEqual(scalarTable('scalar', [1_795_663_386.869, '42']), {
      columns: ['time', 'scalar'],
      rows: [['2026-11-26T03:23:06.869Z', '42']],
    });
  });

  it('gives matrices a chart and a table, streams a volume chart and a table, empty results a plain "no data"', () => {
    const kinds = (name: string) =>
      queryOutputs((JSON.parse(readRecording(LOKI, name).body) as { data: never }).data, {
        language: 'LogQL',
        query: 'q',
      }).map((o) => `${o.kind}${'key' in o ? `:${o.key}` : ''}`);
    assert.deepEqual(kinds('matrix-rate'), ['chart:chart', 'table:result']);
    assert.deepEqual(kinds('streams-parsed'), ['chart:chart', 'table:result']);
    assert.deepEqual(kinds('vector-topk'), ['table:result']);
    const empty = queryOutputs({ resultType: 'matrix', result: [] }, { language: 'PromQL', query: 'q' });
    assert.deepEqual(empty, [
      { kind: 'table', key: 'result', columns: ['result'], rows: [], title: 'no data: the query matched no series' },
    ]);
  });
});
