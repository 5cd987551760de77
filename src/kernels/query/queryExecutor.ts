import { parseTimeout } from '../durations';
import type { LabSession } from '../session';
import type { CellEvent, CellRequest, CellResult, Executor } from '../types';
import { readApiResponse } from './apiResponse';
import { discoverEndpoint, type Backend, type Discovered } from './discovery';
import { configuredEndpoint, describeEndpoint, type ChosenEndpoint } from './endpoints';
import { kubeApiFor, serviceProxyPath } from './kubeApi';
import type { ChartLimits } from './matrixChart';
import { describeNetworkError } from './networkErrors';
import type { QueryBackend } from './queryBackend';
import { queryOutputs } from './queryOutputs';
import { checkSyntax } from './querySyntax';
import { QueryError, type RawResponse } from './rawResponse';
import { caretBlock, lineColumn, offsetOf } from './sourcePosition';
import { substituteVars, type Substituted } from './substituteVars';
import { apiUrl, getUrl } from './urlTransport';

export const DEFAULT_TIMEOUT_MS = 30_000;

/** Session variable that sets the query timeout in milliseconds (a cell's `timeout` wins). */
export const TIMEOUT_ENV = 'ILLMLAB_QUERY_TIMEOUT_MS';

/** Raw API answers larger than this are left out of the notebook (the CLI's result has them). */
export const RAW_JSON_LIMIT = 2_000_000;

/**
 * What discovery found, per session (a restarted session looks again) and backend. A failure
 * is not kept: the lab may be about to install the chart.
 */
const discovered = new WeakMap<LabSession, Map<Backend, Discovered>>();

export interface QueryExecutorOptions {
  /** Request timeout when neither the cell nor ILLMLAB_QUERY_TIMEOUT_MS says; default 30 s. */
  timeoutMs?: number;
  /** Look for the service in the cluster when no endpoint is set (default true). */
  discover?: boolean;
  /** The clock, for tests. */
  now?: () => number;
  limits?: ChartLimits;
  rawJsonLimit?: number;
}

/**
 * Runs one query cell: fills `${VAR}`s from the session, checks the syntax locally, finds the
 * endpoint (cell > session variable > discovery), asks the API with a timeout, and turns the
 * answer into tables, charts and the raw JSON. Errors say what failed and where: the query
 * position with a caret, the endpoint, the HTTP status.
 */
export class QueryExecutor implements Executor {
  readonly languages: readonly string[];

  constructor(
    private readonly backend: QueryBackend,
    private readonly options: QueryExecutorOptions = {},
  ) {
    this.languages = [backend.language];
  }

  async *execute(cell: CellRequest, session: LabSession, signal: AbortSignal): AsyncIterable<CellEvent> {
    const started = Date.now();
    const end = (r: Omit<CellResult, 'durationMs'>): CellEvent => ({
      kind: 'end',
      durationMs: Date.now() - started,
      ...r,
      ...(r.error ? { error: session.masker.mask(r.error) } : {}),
    });
    const { backend } = this;
    if (signal.aborted) return yield end({ status: 'cancelled', error: 'cancelled before it started' });

    const sub = substituteVars(cell.source, session.env);
    if (!sub.ok) {
      const { line, column } = lineColumn(cell.source, sub.offset);
      return yield end({
        status: 'failed',
        error:
          `unknown variable \${${sub.variable}} at line ${line}, column ${column} of the query: ` +
          `export it in a shell cell or set it in the lab's env:\n${caretBlock(cell.source, sub.offset)}`,
      });
    }
    const problem = checkSyntax(backend.language, sub.text);
    if (problem) {
      return yield end({
        status: 'failed',
        error: `${backend.label} syntax error ${pointAt(cell.source, sub, problem.offset, problem.message)}`,
      });
    }
    const timeoutMs = this.timeoutFor(cell, session);
    if ('error' in timeoutMs) return yield end({ status: 'failed', error: timeoutMs.error });
    const prepared = backend.prepare(sub.text, cell.attributes, this.options.now?.() ?? Date.now(), timeoutMs.ms);
    if ('error' in prepared) return yield end({ status: 'failed', error: prepared.error });

    // One budget for finding the endpoint and asking it; interrupt aborts either.
    const controller = new AbortController();
    let stoppedBy: 'timeout' | 'cancelled' | undefined;
    const stop = (why: 'timeout' | 'cancelled') => {
      stoppedBy ??= why;
      controller.abort();
    };
    const onAbort = () => stop('cancelled');
    signal.addEventListener('abort', onAbort, { once: true });
    const timer = setTimeout(() => stop('timeout'), timeoutMs.ms);
    let where = `${backend.title}`;
    try {
      const chosen = await this.endpointFor(cell, session, controller.signal);
      where = `${backend.title} at ${describeEndpoint(chosen.endpoint)}`;
      const asked = Date.now();
      const raw = await this.get(chosen, session, prepared.path, where, controller.signal).catch((e: unknown) => {
        if (chosen.from.startsWith('discovered')) discovered.get(session)?.delete(backend.discovery); // look again next time
        throw e;
      });
      const body = readApiResponse(raw, where);
      yield {
        kind: 'note',
        text: session.masker.mask(
          `${where} answered in ${Date.now() - asked} ms (${prepared.describe}); endpoint ${chosen.from}\n`,
        ),
      };
      for (const w of [...(body.warnings ?? []), ...(body.infos ?? [])]) {
        yield { kind: 'note', text: `${backend.title} says: ${w}\n` };
      }
      yield* queryOutputs(body.data, {
        language: backend.label,
        query: sub.text,
        ...prepared.output,
        limits: this.options.limits,
      });
      const rawLimit = this.options.rawJsonLimit ?? RAW_JSON_LIMIT;
      if (raw.body.length <= rawLimit) {
        yield { kind: 'json', key: 'raw', mime: 'application/json', data: body };
      } else {
        yield {
          kind: 'note',
          text:
            `the raw JSON (${(raw.body.length / 1e6).toFixed(1)} MB) is left out of the output; ` +
            '`illmlab run --json` gives the whole result\n',
        };
      }
      return yield end({ status: 'ok', result: body.data });
    } catch (e) {
      if (stoppedBy === 'timeout') {
        return yield end({
          status: 'timeout',
          error: `timed out after ${formatMs(timeoutMs.ms)} waiting for ${where} (set timeout= on the cell, or ${TIMEOUT_ENV})`,
        });
      }
      if (stoppedBy === 'cancelled') {
        return yield end({ status: 'cancelled', error: `cancelled: the request to ${where} was aborted` });
      }
      if (e instanceof QueryError) {
        const at = e.position
          ? `\n${backend.title} points ${pointAt(cell.source, sub, offsetOf(sub.text, e.position.line, e.position.column))}`
          : '';
        return yield end({ status: e.status, error: e.message + at });
      }
      return yield end({ status: 'failed', error: `${where}: ${(e as Error)?.message ?? String(e)}` });
    } finally {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
    }
  }

  private timeoutFor(cell: CellRequest, session: LabSession): { ms: number } | { error: string } {
    if (cell.attributes.timeout !== undefined) {
      const ms = parseTimeout(cell.attributes.timeout);
      if (!ms) return { error: 'attribute "timeout" must be a positive number of seconds or a duration such as 90s' };
      return { ms };
    }
    const env = session.env[TIMEOUT_ENV];
    if (env !== undefined && env !== '') {
      if (!/^\d+$/.test(env) || Number(env) === 0) {
        return { error: `${TIMEOUT_ENV} must be a positive number of milliseconds, not "${env}"` };
      }
      return { ms: Number(env) };
    }
    return { ms: this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS };
  }

  private async endpointFor(cell: CellRequest, session: LabSession, signal: AbortSignal): Promise<ChosenEndpoint> {
    const { backend } = this;
    const configured = configuredEndpoint(backend, cell.attributes.endpoint, session.env);
    if (configured && 'error' in configured) throw new QueryError(configured.error);
    if (configured) return configured;
    const none =
      `no ${backend.title} endpoint: the cell has no endpoint= and ${backend.envVar} is not set ` +
      `(the lab's endpoints.${backend.discovery}, the illmlab.${backend.discovery}.url setting or --${backend.discovery} set it)`;
    if (this.options.discover === false) throw new QueryError(none);
    const known = discovered.get(session)?.get(backend.discovery);
    if (known) return known;
    try {
      const api = await kubeApiFor(session, session.kube);
      const found = await discoverEndpoint(backend.discovery, backend.title, api, signal);
      if (!discovered.has(session)) discovered.set(session, new Map());
      discovered.get(session)!.set(backend.discovery, found);
      return found;
    } catch (e) {
      if (signal.aborted) throw e;
      throw new QueryError(`${none}, and discovery in the cluster failed: ${(e as Error).message}`);
    }
  }

  private async get(
    chosen: ChosenEndpoint,
    session: LabSession,
    path: string,
    where: string,
    signal: AbortSignal,
  ): Promise<RawResponse> {
    const { endpoint } = chosen;
    if (endpoint.kind === 'url') {
      try {
        return await getUrl(apiUrl(endpoint.url, path), signal);
      } catch (e) {
        if (signal.aborted) throw e;
        throw new QueryError(describeNetworkError(e, where));
      }
    }
    const api = await kubeApiFor(session, session.kube);
    try {
      return await api.get(serviceProxyPath(endpoint, path), signal);
    } catch (e) {
      if (e instanceof QueryError) throw new QueryError(`${e.message} (reaching ${where} through its service proxy)`);
      throw e;
    }
  }
}

/** "at line 1, column 20 of the query: <message>" and the caret under the source line. */
function pointAt(source: string, sub: Substituted, sentOffset: number, message?: string): string {
  const at = sub.toSource(sentOffset);
  const { line, column } = lineColumn(source, at.offset);
  const inValue = at.variable ? ` (in the value of \${${at.variable}})` : '';
  return `at line ${line}, column ${column} of the query${inValue}${message ? `: ${message}` : ''}\n${caretBlock(source, at.offset)}`;
}

function formatMs(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms} ms`;
}
