import * as assert from 'node:assert/strict';
import { MASK, MaskingStream, SecretMasker } from '../../../src/kernels/secretMasker';

describe('kernels: secret masking', () => {
  it('masks values of variables whose names look secret, case-insensitively, and nothing else', () => {
    const m = new SecretMasker();
    m.learn({
      GITHUB_TOKEN: 'ghp_abcdef',
      db_password: 'pa55word',
      AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI',
      HOME: '/root',
      PIN_TOKEN: '12',
    });
    assert.equal(m.mask('ghp_abcdef pa55word wJalrXUtnFEMI /root 12'), `${MASK} ${MASK} ${MASK} /root 12`);
  });

  it('takes its list of names from settings', () => {
    const m = new SecretMasker(['LICENSE']);
    m.learn({ LICENSE_KEY: 'abcd-efgh', API_TOKEN: 'visible-now' });
    assert.equal(m.mask('abcd-efgh visible-now'), `${MASK} visible-now`);
  });

  it('masks a secret that another secret contains as a whole', () => {
    const m = new SecretMasker();
    m.learn({ A_TOKEN: 'abcd', B_TOKEN: 'abcdefgh' });
    assert.equal(m.mask('abcdefgh abcd'), `${MASK} ${MASK}`);
  });

  it('masks across chunk boundaries of a stream, holding back only what could be a secret', () => {
    const m = new SecretMasker();
    m.learn({ TOKEN: 'supersecret' });
    const s = new MaskingStream(m);
    let out = s.write('value: sup');
    assert.equal(out, 'value: ', 'the possible start of a secret waits');
    out += s.write('ersec');
    out += s.write('ret!\nplain s');
    out += s.end();
    assert.equal(out, `value: ${MASK}!\nplain s`);
    assert.equal(new MaskingStream(m).write('no secrets here\n'), 'no secrets here\n');
  });
});
