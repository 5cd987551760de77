import { kubeStatusMessage } from './discovery';
import { QueryError, statusLine, type RawResponse } from './rawResponse';

/** The envelope both query APIs answer with on success. */
export interface ApiBody {
  status: 'success';
  data: { resultType: string; result: unknown; stats?: unknown };
  warnings?: string[];
  infos?: string[];
}

/**
 * Reads a query API answer, or says precisely why it is not one. Prometheus sends errors as a
 * JSON envelope {status:"error", errorType, error}; Loki 2.x as plain text under an
 * application/json header; a proxy in between may send an HTML page; the Kubernetes API
 * server's proxy sends a `Status` object. `where` names the endpoint.
 */
export function readApiResponse(raw: RawResponse, where: string): ApiBody {
  const text = raw.body.trim();
  let json: unknown;
  let isJson = false;
  if (text.startsWith('{') || text.startsWith('[')) {
    try {
      json = JSON.parse(text);
      isJson = true;
    } catch {
      // not JSON after all (a truncated body, or text that starts with a brace)
    }
  }
  const ok = raw.status >= 200 && raw.status < 300;
  const envelope = json as { status?: unknown; data?: unknown; errorType?: unknown; error?: unknown };
  if (isJson && envelope?.status === 'success' && ok) {
    const data = envelope.data as ApiBody['data'] | undefined;
    if (data && typeof data === 'object' && typeof data.resultType === 'string') return json as ApiBody;
    throw new QueryError(`${where} answered ${statusLine(raw)} without a query result (no data.resultType)`);
  }
  if (isJson && envelope?.status === 'error') {
    const message = String(envelope.error ?? '');
    const type = typeof envelope.errorType === 'string' ? `${envelope.errorType}: ` : '';
    // Prometheus' own timeout (the `timeout` parameter, or its --query.timeout) is a timeout too.
    const status = envelope.errorType === 'timeout' ? 'timeout' : 'failed';
    throw new QueryError(`${where} answered ${statusLine(raw)}: ${type}${message}`, status, serverPosition(message));
  }
  if (isJson) {
    const status = kubeStatusMessage(text);
    if (status) throw new QueryError(`${where}: the Kubernetes API server answered ${statusLine(raw)}: ${status}`);
    throw new QueryError(`${where} answered ${statusLine(raw)} with JSON that is not a query result: ${excerpt(text)}`);
  }
  if (/html/i.test(raw.contentType) || /^<(!doctype|html|head|body|\?xml)/i.test(text)) {
    const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1]?.trim();
    throw new QueryError(
      `${where} answered ${statusLine(raw)} with an HTML page${title ? ` ("${excerpt(title)}")` : ''}, ` +
        `not the query API: is the endpoint right, and is it up behind any proxy?`,
    );
  }
  if (text === '') throw new QueryError(`${where} answered ${statusLine(raw)} with an empty body`);
  // Loki's errors: plain text, whatever the Content-Type says.
  throw new QueryError(`${where} answered ${statusLine(raw)}: ${excerpt(text, 500)}`, 'failed', serverPosition(text));
}

/**
 * Where in the query a server's parse error points, as an offset. Prometheus writes
 * "1:6: parse error: ..." (line:column, 1-based); Loki "parse error at line 1, col 27: ..."
 * (column 1-based; Loki 2.x sometimes counts the first line as 0).
 */
export function serverPosition(message: string): { line: number; column: number } | undefined {
  const prom = /(?:^|: )(\d+):(\d+): parse error/.exec(message);
  if (prom) return { line: Number(prom[1]), column: Number(prom[2]) };
  const loki = /parse error at line (\d+), col (\d+)/.exec(message);
  if (loki) return { line: Math.max(1, Number(loki[1])), column: Number(loki[2]) };
  return undefined;
}

function excerpt(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? flat.slice(0, max) + '…' : flat;
}
