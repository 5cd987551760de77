import * as assert from 'node:assert/strict';
import { describeNetworkError, errorCode } from '../../../src/kernels/query/networkErrors';

const WHERE = 'Prometheus at http://prometheus.monitoring:9090';

/** Errors shaped as Node's fetch throws them: TypeError('fetch failed') with the system error as cause. */
function fetchFailed(cause: object): Error {
  return Object.assign(new TypeError('fetch failed'), { cause });
}

describe('query: network errors in words', () => {
  it('says connection refused and names the endpoint', () => {
    const e = fetchFailed(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9090'), { code: 'ECONNREFUSED' }));
    assert.equal(
      describeNetworkError(e, WHERE),
      `could not connect to ${WHERE}: connection refused (nothing listens there; is the service or port-forward running?)`,
    );
  });

  it('says DNS when the host name does not resolve', () => {
    const e = fetchFailed(
      Object.assign(new Error('getaddrinfo ENOTFOUND prometheus.monitoring'), { code: 'ENOTFOUND' }),
    );
    assert.match(
      describeNetworkError(e, WHERE),
      /^could not connect to .*: the host name does not resolve \(DNS ENOTFOUND\)/,
    );
  });

  it('says TLS and what about it', () => {
    const untrusted = Object.assign(new Error('self-signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
    assert.match(
      describeNetworkError(fetchFailed(untrusted), WHERE),
      /^TLS to .* failed: its certificate is not signed by a trusted CA/,
    );
    const name = Object.assign(new Error("Hostname/IP does not match certificate's altnames"), {
      code: 'ERR_TLS_CERT_ALTNAME_INVALID',
    });
    assert.match(describeNetworkError(name, WHERE), /certificate is for another host name/);
    const plain = Object.assign(new Error('wrong version number'), { code: 'ERR_SSL_WRONG_VERSION_NUMBER' });
    assert.match(describeNetworkError(plain, WHERE), /does not speak TLS there/);
  });

  it('looks through AggregateError (both IPv4 and IPv6 refused)', () => {
    const both = Object.assign(new AggregateError([Object.assign(new Error('x'), { code: 'ECONNREFUSED' })], 'x'), {});
    assert.equal(errorCode(fetchFailed(both)), 'ECONNREFUSED');
  });

  it('falls back to the innermost message and code', () => {
    const odd = fetchFailed(Object.assign(new Error('something new'), { code: 'EWHATEVER' }));
    assert.equal(describeNetworkError(odd, WHERE), `the request to ${WHERE} failed: something new (EWHATEVER)`);
  });
});
