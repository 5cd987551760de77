import { STATUS_CODES } from 'node:http';

/** An HTTP answer as read off the wire, before anyone decides what it means. */
export interface RawResponse {
  status: number;
  statusText: string;
  contentType: string;
  body: string;
}

/** "502 Bad Gateway": the status line people know. */
export function statusLine(raw: Pick<RawResponse, 'status' | 'statusText'>): string {
  const text = raw.statusText || STATUS_CODES[raw.status] || '';
  return text ? `${raw.status} ${text}` : String(raw.status);
}

/** Why a query did not give a result, and how the cell ends because of it. */
export class QueryError extends Error {
  constructor(
    message: string,
    readonly status: 'failed' | 'timeout' | 'cancelled' = 'failed',
    /** Where in the query as sent (1-based) the server says the problem is. */
    readonly position?: { line: number; column: number },
  ) {
    super(message);
    this.name = 'QueryError';
  }
}
