import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { K6LineParser } from '../../../src/kernels/k6/k6Lines';
import { recordingLines } from './k6Support';

/** What a parser made of a line, as plain data. */
function read(parser: K6LineParser, line: string) {
  const kind = parser.parse(line);
  if (kind === 'point')
    return { kind, metric: parser.metric, timeMs: parser.timeMs, value: parser.value, tags: parser.tags() };
  if (kind === 'metric') return { kind, definition: parser.definition };
  return { kind };
}

describe('k6: JSON output lines', () => {
  it('reads every line of the real k6 0.48 recording exactly as JSON.parse does', () => {
    const parser = new K6LineParser();
    let points = 0;
    for (const line of recordingLines()) {
      const o = JSON.parse(line);
      const got = read(parser, line);
      if (o.type === 'Point') {
        points++;
        assert.deepEqual(got, {
          kind: 'point',
          metric: o.metric,
          timeMs: got.kind === 'point' ? got.timeMs : NaN,
          value: o.data.value,
          tags: o.data.tags,
        });
        // Nanosecond times: the milliseconds are Date.parse's, the rest is the fraction.
        assert.ok(got.kind === 'point' && Math.abs(got.timeMs - Date.parse(o.data.time)) < 1, line);
      } else {
        assert.equal(got.kind, 'metric');
      }
    }
    assert.equal(points, 35_369);
  });

  it('reads lines in place inside a larger text exactly as it reads them alone', () => {
    const lines = recordingLines().slice(0, 3000);
    const text = lines.join('\n') + '\n';
    const alone = new K6LineParser();
    const inPlace = new K6LineParser();
    let start = 0;
    for (const line of lines) {
      const end = start + line.length;
      const kind = inPlace.parseRange(text, start, end);
      assert.equal(kind, alone.parse(line));
      if (kind === 'point') {
        assert.deepEqual(
          [inPlace.metric, inPlace.timeMs, inPlace.value, inPlace.tag('scenario'), inPlace.tags()],
          [alone.metric, alone.timeMs, alone.value, alone.tag('scenario'), alone.tags()],
        );
      }
      start = end + 1;
    }
  });

  it('never reads past the end of a line into the next one', () => {
    const parser = new K6LineParser();
    const good = '{"metric":"m","type":"Point","data":{"time":"2026-11-26T03:22:58Z","value":1,"tags":{"a":"b"}}}';
    const cuts = [
      good.indexOf('"tags"') + 8,
      good.indexOf('"value"') + 8,
      good.indexOf('"time"') + 10,
      good.length - 1,
    ];
    for (const cut of cuts) {
      const text = good.slice(0, cut) + '\n' + good + '\n';
      assert.equal(parser.parseRange(text, 0, cut), 'invalid', `cut at ${cut}: ${good.slice(0, cut)}`);
      assert.equal(parser.parseRange(text, cut + 1, cut + 1 + good.length), 'point');
    }
    // Trailing spaces and a CRLF's \r belong to the line; the next line does not.
    const spaced = good + '  \r\n' + good;
    assert.equal(parser.parseRange(spaced, 0, good.length + 2), 'point');
    // A backslash on the next line does not send this one to the slow path, nor the reverse.
    const escaped = good.replace('"b"', '"\\u0062"');
    const both = good + '\n' + escaped;
    assert.equal(parser.parseRange(both, 0, good.length), 'point');
    assert.equal(parser.parseRange(both, good.length + 1, both.length), 'point');
    assert.equal(parser.tag('a'), 'b');
  });

  it('does not depend on key order: k6 0.48 order, the docs order, and any other', () => {
    const orders = [
      '{"metric":"http_req_duration","type":"Point","data":{"time":"2021-02-24T13:37:10Z","value":12.5,"tags":{"method":"GET","status":"200"}}}',
      '{"type":"Point","data":{"time":"2021-02-24T13:37:10Z","value":12.5,"tags":{"method":"GET","status":"200"}},"metric":"http_req_duration"}',
      '{"data":{"tags":{"method":"GET","status":"200"},"value":12.5,"time":"2021-02-24T13:37:10Z"},"metric":"http_req_duration","type":"Point"}',
      '{ "data" : { "value" : 12.5 , "tags" : { "method" : "GET", "status" : "200" }, "time" : "2021-02-24T13:37:10Z" } , "type" : "Point", "metric" : "http_req_duration" }',
    ];
    const parser = new K6LineParser();
    for (const line of orders) {
      assert.deepEqual(read(parser, line), {
        kind: 'point',
        metric: 'http_req_duration',
        timeMs: Date.parse('2021-02-24T13:37:10Z'),
        value: 12.5,
        tags: { method: 'GET', status: '200' },
      });
    }
  });

  it('property: any key order, spacing and extra keys read the same as JSON.parse', () => {
    const parser = new K6LineParser();
    const tagValue = fc.string({ maxLength: 12 });
    fc.assert(
      fc.property(
        fc.record({
          metric: fc.stringMatching(/^[a-z_]{1,20}$/),
          value: fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer()),
          ms: fc.integer({ min: 0, max: 4_000_000_000_000 }),
          tags: fc.dictionary(fc.stringMatching(/^[a-z_]{1,8}$/), tagValue, { maxKeys: 5 }),
          extra: fc.option(fc.dictionary(fc.stringMatching(/^x[a-z]{0,5}$/), fc.jsonValue({ maxDepth: 2 }))),
          topOrder: fc.shuffledSubarray(['metric', 'type', 'data'], { minLength: 3, maxLength: 3 }),
          dataOrder: fc.shuffledSubarray(['time', 'value', 'tags'], { minLength: 3, maxLength: 3 }),
          space: fc.constantFrom('', ' ', '  '),
        }),
        (p) => {
          const time = new Date(p.ms).toISOString();
          const tags = { ...p.tags }; // fast-check builds null-prototype objects
          const dataParts: Record<string, unknown> = { time, value: p.value, tags };
          const data: Record<string, unknown> = {};
          for (const k of p.dataOrder) data[k] = dataParts[k];
          if (p.extra) Object.assign(data, p.extra);
          const topParts: Record<string, unknown> = { metric: p.metric, type: 'Point', data };
          const top: Record<string, unknown> = {};
          for (const k of p.topOrder) top[k] = topParts[k];
          const line = JSON.stringify(top, null, p.space ? 1 : undefined).replace(/\n\s*/g, p.space);
          const o = JSON.parse(line);
          assert.deepEqual(read(parser, line), {
            kind: 'point',
            metric: o.metric,
            timeMs: Date.parse(o.data.time),
            value: o.data.value,
            tags: o.data.tags,
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reads escaped strings (the slow path) the same as plain ones', () => {
    const parser = new K6LineParser();
    const line =
      '{"metric":"http_reqs","type":"Point","data":{"time":"2026-11-26T03:22:58.5Z","value":1,"tags":{"url":"http://x/?a=1\\u0026b=\\"2\\""}}}';
    assert.deepEqual(read(parser, line), {
      kind: 'point',
      metric: 'http_reqs',
      timeMs: Date.parse('2026-11-26T03:22:58.500Z'),
      value: 1,
      tags: { url: 'http://x/?a=1&b="2"' },
    });
  });

  it('reads times with nanoseconds and with a zone offset (k6 in a local time zone)', () => {
    const parser = new K6LineParser();
    const at = (time: string) => {
      parser.parse(`{"metric":"m","type":"Point","data":{"time":"${time}","value":1,"tags":null}}`);
      return parser.timeMs;
    };
    assert.equal(at('2026-11-26T03:22:58.04501892Z'), Date.parse('2026-11-26T03:22:58Z') + 45.01892);
    assert.equal(at('2026-11-26T04:22:58.5+01:00'), Date.parse('2026-11-26T03:22:58.500Z'));
    assert.equal(at('2026-11-26T04:22:58+01:00'), Date.parse('2026-11-26T03:22:58Z'));
    // The cached second must not leak into a different zone.
    assert.equal(at('2026-11-26T04:22:58.25Z'), Date.parse('2026-11-26T04:22:58.250Z'));
  });

  it('reads Metric lines: type, contains, thresholds (strings and abortOnFail objects), submetrics', () => {
    const parser = new K6LineParser();
    const line = JSON.stringify({
      type: 'Metric',
      data: {
        name: 'http_req_duration',
        type: 'trend',
        contains: 'time',
        thresholds: ['p(95)<500', { threshold: 'p(99)<1000', abortOnFail: true, delayAbortEval: '10s' }],
        submetrics: [{ name: 'http_req_duration{status:200}', suffix: 'status:200', tags: { status: '200' } }],
      },
      metric: 'http_req_duration',
    });
    assert.deepEqual(read(parser, line), {
      kind: 'metric',
      definition: {
        name: 'http_req_duration',
        type: 'trend',
        contains: 'time',
        thresholds: [
          { source: 'p(95)<500', abortOnFail: false },
          { source: 'p(99)<1000', abortOnFail: true, delayAbortEval: '10s' },
        ],
        submetrics: [{ name: 'http_req_duration{status:200}', tags: { status: '200' } }],
      },
    });
  });

  it('says what is wrong with a line that is not a k6 line, and skips other types', () => {
    const parser = new K6LineParser();
    assert.equal(
      parser.parse('{"metric":"m","type":"Point","data":{"time":"2026-11-26T03:22:58Z","value":1,"tags":{"a":"b"'),
      'invalid',
    );
    assert.match(parser.problem, /not JSON/);
    assert.equal(parser.parse('{"metric":"m","type":"Point","data":{"time":"yesterday","value":1}}'), 'invalid');
    assert.match(parser.problem, /data\.time/);
    assert.equal(
      parser.parse('{"metric":"m","type":"Point","data":{"time":"2026-11-26T03:22:58Z","value":"1"}}'),
      'invalid',
    );
    assert.match(parser.problem, /numeric "data\.value"/);
    assert.equal(parser.parse('{"type":"Metric","data":{"name":"m","type":"histogram"}}'), 'invalid');
    assert.match(parser.problem, /unknown type "histogram"/);
    assert.equal(parser.parse('[1,2]'), 'invalid');
    assert.equal(parser.parse(''), 'invalid');
    assert.equal(parser.problem, 'an empty line');
    assert.equal(parser.parse('{"type":"Sample","data":{}}'), 'other');
  });
});
