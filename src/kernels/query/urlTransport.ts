import type { RawResponse } from './rawResponse';

/**
 * GET on a plain URL with Node's fetch. Credentials in the URL (http://user:pass@host) become
 * a Basic Authorization header: fetch refuses URLs that carry them.
 */
export async function getUrl(url: URL, signal: AbortSignal): Promise<RawResponse> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const target = new URL(url.href);
  if (target.username || target.password) {
    const user = decodeURIComponent(target.username);
    const pass = decodeURIComponent(target.password);
    headers.authorization = `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
    target.username = '';
    target.password = '';
  }
  const response = await fetch(target, { headers, signal, redirect: 'follow' });
  return {
    status: response.status,
    statusText: response.statusText,
    contentType: response.headers.get('content-type') ?? '',
    body: await response.text(),
  };
}

/** `base` + an API path, keeping any path prefix of the base (http://host/prometheus/api/v1/...). */
export function apiUrl(base: URL, pathAndQuery: string): URL {
  const url = new URL(base.href);
  const [path, query = ''] = pathAndQuery.split('?', 2);
  url.pathname = url.pathname.replace(/\/+$/, '') + path;
  url.search = query;
  url.hash = '';
  return url;
}
