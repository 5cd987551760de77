import * as assert from 'node:assert/strict';
import { substituteVars } from '../../../src/kernels/query/substituteVars';

describe('query: ${VAR} substitution', () => {
  it('fills variables from the environment and maps positions back to the source', () => {
    const source = 'sum(rate(http_requests_total{app="${APP}", ns="${NS}"}[5m]))';
    const r = substituteVars(source, { APP: 'metrics-app', NS: 'demo' });
    assert.ok(r.ok);
    assert.equal(r.text, 'sum(rate(http_requests_total{app="metrics-app", ns="demo"}[5m]))');
    assert.deepEqual(r.used, ['APP', 'NS']);
    // "[5m]" sits after both values: its offset maps to the same text in the source.
    assert.equal(r.toSource(r.text.indexOf('[5m]')).offset, source.indexOf('[5m]'));
    // Inside a value: the `${` of its variable, named.
    assert.deepEqual(r.toSource(r.text.indexOf('metrics-app') + 3), {
      offset: source.indexOf('${APP}'),
      variable: 'APP',
    });
    assert.equal(r.toSource(r.text.length).offset, source.length);
  });

  it("leaves label_replace's $1 and ${1} alone and reads $${NAME} as a literal ${NAME}", () => {
    const source = 'label_replace(up, "x", "$1-${1}", "job", "(.*)") # $${HOME}';
    const r = substituteVars(source, {});
    assert.ok(r.ok);
    assert.equal(r.text, 'label_replace(up, "x", "$1-${1}", "job", "(.*)") # ${HOME}');
    assert.deepEqual(r.used, []);
  });

  it('names an unknown variable and where it is', () => {
    const source = 'up{job="${JOB}"}\n  or up{app="${APPP}"}';
    const r = substituteVars(source, { JOB: 'x' });
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.equal(r.variable, 'APPP');
    assert.equal(r.offset, source.indexOf('${APPP}'));
  });

  it('substitutes an empty value (a set but empty variable is not unknown)', () => {
    const r = substituteVars('up{job="${EMPTY}"}', { EMPTY: '' });
    assert.ok(r.ok);
    assert.equal(r.text, 'up{job=""}');
  });
});
