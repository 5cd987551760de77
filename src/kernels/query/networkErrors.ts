/**
 * Node's network errors (from fetch's `cause` or from https.request) in words that say what
 * went wrong with which endpoint and what to check. Codes are libuv's and OpenSSL's.
 */
export function describeNetworkError(error: unknown, where: string): string {
  const code = errorCode(error);
  const detail = innermostMessage(error);
  switch (code) {
    case 'ECONNREFUSED':
      return `could not connect to ${where}: connection refused (nothing listens there; is the service or port-forward running?)`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NONAME':
      return `could not connect to ${where}: the host name does not resolve (DNS ${code}); check the spelling, or reach it through a port-forward`;
    case 'ECONNRESET':
    case 'EPIPE':
    case 'UND_ERR_SOCKET':
      return `the connection to ${where} was closed before an answer came (${code})`;
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return `could not connect to ${where}: the connection attempt timed out (${code})`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `could not connect to ${where}: no route to the host (${code})`;
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
    case 'UNABLE_TO_GET_ISSUER_CERT':
      return `TLS to ${where} failed: its certificate is not signed by a trusted CA (${code}); give the CA (kubeconfig certificate-authority, or NODE_EXTRA_CA_CERTS)`;
    case 'CERT_HAS_EXPIRED':
    case 'CERT_NOT_YET_VALID':
      return `TLS to ${where} failed: its certificate is outside its validity period (${code})`;
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return `TLS to ${where} failed: its certificate is for another host name (${detail})`;
    case 'ERR_SSL_WRONG_VERSION_NUMBER':
    case 'EPROTO':
      return `TLS to ${where} failed: the server does not speak TLS there (http:// instead of https://?) (${code})`;
  }
  if (code?.startsWith('ERR_SSL') || code?.startsWith('ERR_TLS') || /certificate|ssl|tls/i.test(detail)) {
    return `TLS to ${where} failed: ${detail}${code ? ` (${code})` : ''}`;
  }
  return `the request to ${where} failed: ${detail}${code ? ` (${code})` : ''}`;
}

/** The error's code, looking through fetch's `cause` and happy-eyeballs' AggregateError. */
export function errorCode(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code !== 'ERR_INVALID_STATE') return code;
    const errors = (e as { errors?: unknown[] }).errors;
    if (Array.isArray(errors) && errors.length > 0) {
      e = errors[0];
      continue;
    }
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

function innermostMessage(error: unknown): string {
  let message = String((error as Error)?.message ?? error);
  for (let e = (error as { cause?: unknown })?.cause, depth = 0; e && depth < 5; depth++) {
    const m = (e as Error).message;
    if (typeof m === 'string' && m) message = m;
    e = (e as { cause?: unknown }).cause;
  }
  return message;
}
