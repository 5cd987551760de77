import { lokiBackend } from './lokiClient';
import { QueryExecutor, type QueryExecutorOptions } from './queryExecutor';

/** `logql` cells: log and metric queries against Loki's HTTP API. */
export class LogqlExecutor extends QueryExecutor {
  constructor(options: QueryExecutorOptions = {}) {
    super(lokiBackend, options);
  }
}
