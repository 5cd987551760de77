import * as assert from 'node:assert/strict';
import { checkSyntax, isLogQuery } from '../../../src/kernels/query/querySyntax';
import { caretBlock, lineColumn, offsetOf } from '../../../src/kernels/query/sourcePosition';

describe('query: local syntax check (lezer grammars)', () => {
  it('accepts valid PromQL and LogQL, comments and several lines included', () => {
    for (const q of [
      'up',
      'sum by (job) (rate(http_requests_total{code=~"5.."}[5m]))',
      'histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket[5m])))',
      '# p95 latency\nrate(up[5m:1m])\n  > 0 # trailing',
      'label_replace(up, "a", "$1", "job", "(.*)")',
    ]) {
      assert.equal(checkSyntax('promql', q), undefined, q);
    }
    for (const q of [
      '{app="metrics-app"} | json | level="warn"',
      'rate({app="metrics-app"}[1m])',
      'topk(2, sum by (route) (count_over_time({app="metrics-app"} | json [10m])))',
      '{app="x"} |= "error" | logfmt | line_format "{{.msg}}"',
    ]) {
      assert.equal(checkSyntax('logql', q), undefined, q);
    }
  });

  it('says where a query ends too early, and which bracket is left open', () => {
    assert.deepEqual(checkSyntax('promql', 'sum(rate(x[5m])) by'), {
      offset: 19,
      message: 'the query ends too early',
    });
    const open = checkSyntax('promql', 'sum(rate(x[5m])');
    assert.equal(open?.offset, 15);
    assert.equal(open?.message, 'the query ends too early: the "(" at 1:4 is never closed');
    const brace = checkSyntax('promql', 'up{job="a}b"');
    assert.match(brace!.message, /the "\{" at 1:3 is never closed/, 'a brace inside a string does not close');
  });

  it('names the unexpected token and its position', () => {
    assert.deepEqual(checkSyntax('promql', 'foo bar'), { offset: 4, message: 'unexpected "bar"' });
    assert.deepEqual(checkSyntax('logql', '{app="x" |= "a"'), { offset: 9, message: 'unexpected "|="' });
    const q = 'sum(\n  rate(x[5m]) ) )';
    const p = checkSyntax('promql', q)!;
    assert.deepEqual(lineColumn(q, p.offset), { line: 2, column: 17 });
  });

  it("puts LogQL parse errors where Loki 2.8 does (recorded: 'line 1, col 27')", () => {
    const p = checkSyntax('logql', 'sum(rate({app="x"}[1m]) by');
    assert.equal(lineColumn('sum(rate({app="x"}[1m]) by', p!.offset).column, 27);
  });

  it('says when a cell holds no query, only comments', () => {
    assert.equal(checkSyntax('promql', '  # nothing here\n')?.message, 'the cell holds no query');
    assert.equal(checkSyntax('logql', '')?.message, 'the cell holds no query');
  });

  it('tells LogQL log queries from metric queries', () => {
    assert.equal(isLogQuery('{app="x"} |= "e"'), true);
    assert.equal(isLogQuery('# c\n{app="x"} | json'), true);
    assert.equal(isLogQuery('rate({app="x"}[1m])'), false);
    assert.equal(isLogQuery('sum(count_over_time({app="x"}[5m])) > 2'), false);
  });
});

describe('query: positions and carets', () => {
  it('puts the caret under the column, keeping tabs, on the right line', () => {
    assert.equal(caretBlock('a\n\tfoo bar', 7), '  \tfoo bar\n  \t    ^');
    assert.deepEqual(lineColumn('a\n\tfoo bar', 7), { line: 2, column: 6 });
    assert.equal(offsetOf('a\n\tfoo bar', 2, 6), 7);
    assert.equal(offsetOf('ab', 1, 99), 2, 'clamped to the line');
  });

  it('cuts long lines around the caret', () => {
    const line = 'x'.repeat(150) + 'ERR' + 'y'.repeat(150);
    const [text, caret] = caretBlock(line, 150).split('\n');
    assert.ok(text.length < 110);
    assert.equal(text[caret.indexOf('^')], 'E');
    assert.match(text, /^ {2}….*…$/);
  });
});
