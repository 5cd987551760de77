import { readFileSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

/**
 * A STAND-IN for Grafana Loki 2.8 (Debian's `loki` is another program, and no Loki runs here:
 * TEST-ENV.md). It answers with bodies and status lines recorded from a real Loki 2.8
 * (shared/samples/loki): streams with nanosecond string timestamps, matrices with second
 * timestamps, vectors, label lists, and errors as plain text under an application/json
 * Content-Type, as Loki sends them. Queries it has no recording for get an empty result, as a
 * selector that matches nothing does; `extra` adds answers for chosen queries.
 */

export interface Recorded {
  status: number;
  contentType: string;
  body: string;
}

export interface LokiStandin {
  url: string;
  /** Every request, parsed: path and parameters. */
  requests: URL[];
  stop(): Promise<void>;
}

/** The queries the recordings answered (samples/README.md). */
const RECORDED_QUERIES: Record<string, string> = {
  '{app="metrics-app"} | json | level="warn"': 'streams-parsed',
  'rate({app="metrics-app"}[1m])': 'matrix-rate',
  'topk(2, sum by (route) (count_over_time({app="metrics-app"} | json [10m])))': 'vector-topk',
  'sum(rate({app="x"}[1m]) by': 'error-parse',
};

/** Loki's limit on points per series (max_query_series resolution), as in the error-step recording. */
const MAX_POINTS = 11_000;

export function readRecording(samplesDir: string, name: string): Recorded {
  const body = readFileSync(join(samplesDir, `${name}.body`), 'utf8');
  const [status, ...type] = readFileSync(join(samplesDir, `${name}.status`), 'utf8')
    .trim()
    .split(' ');
  return { status: Number(status), contentType: type.join(' '), body };
}

export async function startLokiStandin(samplesDir: string, extra: Record<string, Recorded> = {}): Promise<LokiStandin> {
  const recording = (name: string) => readRecording(samplesDir, name);
  const requests: URL[] = [];
  const send = (res: ServerResponse, r: Recorded) => {
    res.writeHead(r.status, { 'content-type': r.contentType });
    res.end(r.body);
  };
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push(url);
    const query = url.searchParams.get('query') ?? '';
    switch (url.pathname) {
      case '/loki/api/v1/labels':
        return send(res, recording('labels'));
      case '/loki/api/v1/label/app/values':
        return send(res, recording('label-values'));
      case '/loki/api/v1/query':
      case '/loki/api/v1/query_range': {
        if (extra[query]) return send(res, extra[query]);
        const step = Number(url.searchParams.get('step'));
        const start = Number(url.searchParams.get('start')) / 1e9;
        const end = Number(url.searchParams.get('end')) / 1e9;
        if (url.pathname.endsWith('_range') && step > 0 && (end - start) / step > MAX_POINTS) {
          return send(res, recording('error-step'));
        }
        const name = RECORDED_QUERIES[query];
        if (name) return send(res, recording(name));
        const resultType = query.trim().startsWith('{')
          ? 'streams'
          : url.pathname.endsWith('_range')
            ? 'matrix'
            : 'vector';
        return send(res, {
          status: 200,
          contentType: 'application/json',
          body: JSON.stringify({ status: 'success', data: { resultType, result: [], stats: {} } }),
        });
      }
      default:
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
        return res.end('404 page not found\n');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
