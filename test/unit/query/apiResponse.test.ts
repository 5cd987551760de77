import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { readApiResponse, serverPosition } from '../../../src/kernels/query/apiResponse';
import { QueryError, type RawResponse } from '../../../src/kernels/query/rawResponse';
import { readRecording } from '../../standins/lokiStandin';
import { sharedDir } from '../../support/paths';

const LOKI = join(sharedDir, 'samples', 'loki');
const WHERE = 'Loki at http://127.0.0.1:3100';

function recorded(name: string): RawResponse {
  const r = readRecording(LOKI, name);
  return { status: r.status, statusText: '', contentType: r.contentType, body: r.body };
}

function failure(raw: RawResponse): QueryError {
  try {
    readApiResponse(raw, WHERE);
  } catch (e) {
    assert.ok(e instanceof QueryError, String(e));
    return e;
  }
  assert.fail('expected an error');
}

describe('query: reading API answers (recorded Loki 2.8, Prometheus, proxies)', () => {
  it('reads the recorded successes, stats and all', () => {
    for (const [name, type] of [
      ['streams-parsed', 'streams'],
      ['matrix-rate', 'matrix'],
      ['vector-topk', 'vector'],
    ]) {
      const body = readApiResponse(recorded(name), WHERE);
      assert.equal(body.data.resultType, type);
      assert.ok(body.data.stats, `${name} keeps data.stats`);
    }
  });

  it("reports Loki's plain-text errors under a JSON Content-Type as text, with the status and the query position", () => {
    const parse = failure(recorded('error-parse'));
    assert.equal(
      parse.message,
      `${WHERE} answered 400 Bad Request: parse error at line 1, col 27: syntax error: unexpected $end, expecting (`,
    );
    assert.deepEqual(parse.position, { line: 1, column: 27 });
    const step = failure(recorded('error-step'));
    assert.match(step.message, /answered 400 Bad Request: exceeded maximum resolution of 11,000 points per timeseries/);
    assert.doesNotMatch(step.message, /JSON|Unexpected token/);
    assert.equal(step.position, undefined);
  });

  it("passes Prometheus' error envelope on as it is: errorType and error, with the position", () => {
    const e = failure({
      status: 400,
      statusText: 'Bad Request',
      contentType: 'application/json',
      body: '{"status":"error","errorType":"bad_data","error":"invalid parameter \\"query\\": 1:6: parse error: expected type range vector in call to function \\"rate\\", got instant vector"}',
    });
    assert.equal(
      e.message,
      `${WHERE} answered 400 Bad Request: bad_data: invalid parameter "query": 1:6: parse error: expected type range vector in call to function "rate", got instant vector`,
    );
    assert.deepEqual(e.position, { line: 1, column: 6 });
    assert.equal(e.status, 'failed');
    const timeout = failure({
      status: 503,
      statusText: 'Service Unavailable',
      contentType: 'application/json',
      body: '{"status":"error","errorType":"timeout","error":"query timed out in expression evaluation"}',
    });
    assert.equal(timeout.status, 'timeout', "Prometheus' own timeout ends the cell as a timeout");
  });

  it("reports a proxy's HTML error page with its status and title, not as a JSON parse failure", () => {
    const e = failure({
      status: 502,
      statusText: 'Bad Gateway',
      contentType: 'text/html',
      body: '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n',
    });
    assert.equal(
      e.message,
      `${WHERE} answered 502 Bad Gateway with an HTML page ("502 Bad Gateway"), not the query API: is the endpoint right, and is it up behind any proxy?`,
    );
    const login = failure({
      status: 200,
      statusText: 'OK',
      contentType: 'text/html; charset=utf-8',
      body: '<!DOCTYPE html><title>Grafana</title>',
    });
    assert.match(login.message, /answered 200 OK with an HTML page \("Grafana"\)/);
  });

  it('reports Kubernetes Status objects from the service proxy, and other oddities', () => {
    const e = failure({
      status: 503,
      statusText: '',
      contentType: 'application/json',
      body: '{"kind":"Status","apiVersion":"v1","status":"Failure","message":"no endpoints available for service \\"loki\\"","reason":"ServiceUnavailable","code":503}',
    });
    assert.equal(
      e.message,
      `${WHERE}: the Kubernetes API server answered 503 Service Unavailable: ServiceUnavailable: no endpoints available for service "loki"`,
    );
    assert.match(
      failure({ status: 200, statusText: 'OK', contentType: 'application/json', body: '' }).message,
      /empty body/,
    );
    assert.match(
      failure({
        status: 200,
        statusText: 'OK',
        contentType: 'application/json',
        body: '{"status":"success","data":[]}',
      }).message,
      /without a query result/,
    );
    assert.match(
      failure({ status: 200, statusText: 'OK', contentType: 'application/json', body: '{"status":"succ' }).message,
      /answered 200 OK: \{"status":"succ/,
      'a truncated body is shown, not parsed',
    );
  });

  it('finds positions in both servers’ parse errors', () => {
    assert.deepEqual(serverPosition('2:5: parse error: unexpected'), { line: 2, column: 5 });
    assert.deepEqual(serverPosition('parse error at line 0, col 20: syntax error'), { line: 1, column: 20 });
    assert.equal(serverPosition('exceeded maximum resolution'), undefined);
  });
});
