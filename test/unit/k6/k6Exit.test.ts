import * as assert from 'node:assert/strict';
import { exitMeaning, k6ErrorMessages, parseLogfmt, pointAtCell } from '../../../src/kernels/k6/k6Exit';

describe('k6: exit codes and error lines', () => {
  it("reads k6's logfmt error lines, undoing escapes, and ignores other levels", () => {
    const stderr = [
      'time="2026-11-26T03:22:58Z" level=info msg="starting" source=console',
      'time="2026-11-26T03:22:58Z" level=error msg="ReferenceError: nope is not defined\\n\\tat file:///tmp/x/k6-1-load.js:3:4(12)\\n" hint="script exception"',
      'time="2026-11-26T03:23:01Z" level=error msg="thresholds on metrics \'checks\' have been crossed"',
      'time="2026-11-26T03:23:01Z" level=warning msg="Request Failed" error="Get \\"http://x\\": dial tcp: refused"',
      'ERRO[0003] GoError: from a terminal',
    ].join('\n');
    assert.deepEqual(k6ErrorMessages(stderr), [
      'ReferenceError: nope is not defined\n\tat file:///tmp/x/k6-1-load.js:3:4(12)\n',
      "thresholds on metrics 'checks' have been crossed",
      'GoError: from a terminal',
    ]);
    assert.deepEqual(parseLogfmt('level=warning msg="Request Failed" error="Get \\"http://x\\": refused" n=3'), {
      level: 'warning',
      msg: 'Request Failed',
      error: 'Get "http://x": refused',
      n: '3',
    });
  });

  it('says where in the cell a script error is, instead of the temp file k6 ran', () => {
    const message =
      'ReferenceError: nope is not defined\n\tat default (file:///tmp/illmlab-a.b/k6-1-load.js:3:4(12))\n';
    assert.equal(
      pointAtCell(message, '/tmp/illmlab-a.b/k6-1-load.js', 'cell "load"'),
      'ReferenceError: nope is not defined\n\tat default (cell "load", line 3)\n',
    );
    assert.equal(
      pointAtCell('cannot open /tmp/illmlab-a.b/k6-1-load.js', '/tmp/illmlab-a.b/k6-1-load.js', 'cell "load"'),
      'cannot open cell "load"',
    );
  });

  it("names k6's exit codes", () => {
    assert.equal(exitMeaning(99), 'thresholds crossed');
    assert.equal(exitMeaning(107), 'the k6 script threw an exception');
    assert.equal(exitMeaning(104), 'k6 rejected the test configuration (options)');
    assert.equal(exitMeaning(105), 'k6 was aborted from outside (a signal, or the REST API)');
    assert.equal(exitMeaning(3), 'k6 exited with code 3');
  });
});
