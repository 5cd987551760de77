import type { AttributeValue } from '../../notebook/format';
import type { Backend } from './discovery';
import type { BackendNames } from './endpoints';
import type { OutputContext } from './queryOutputs';
import type { QueryLanguage } from './querySyntax';

/** What a query API needs to be asked one query, and what the outputs need to know about it. */
export interface PreparedQuery {
  /** API path with its query string: /api/v1/query_range?query=...&start=... */
  path: string;
  output: Omit<OutputContext, 'language' | 'query'>;
  /** Said in a note: how the query ran ("range 1h, step 15s (default: range/250)"). */
  describe: string;
}

/** A query language and the API that answers it: the part that differs between PromQL and LogQL. */
export interface QueryBackend extends BackendNames {
  language: QueryLanguage;
  /** "PromQL" / "LogQL" in messages. */
  label: string;
  discovery: Backend;
  prepare(
    query: string,
    attributes: Record<string, AttributeValue>,
    now: number,
    timeoutMs: number,
  ): PreparedQuery | { error: string };
}
