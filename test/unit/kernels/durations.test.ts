import * as assert from 'node:assert/strict';
import { parseDuration, parseTimeout } from '../../../src/kernels/durations';
import { parseState } from '../../../src/kernels/shell/prelude';

describe('kernels: durations and shell state', () => {
  it('reads Prometheus durations and timeouts', () => {
    assert.equal(parseDuration('1h30m'), 5_400_000);
    assert.equal(parseDuration('250ms'), 250);
    assert.equal(parseDuration('5x'), undefined);
    assert.equal(parseTimeout('90'), 90_000);
    assert.equal(parseTimeout('1.5'), 1500);
    assert.equal(parseTimeout('5m'), 300_000);
    assert.equal(parseTimeout(true), undefined);
  });

  it('reads the state file the prelude writes, values with = and newlines included', () => {
    const state = parseState('/tmp/x\0A=1\0B=a=b\0C=line1\nline2\0');
    assert.deepEqual(state, { cwd: '/tmp/x', env: { A: '1', B: 'a=b', C: 'line1\nline2' } });
    assert.equal(parseState(''), undefined);
  });
});
