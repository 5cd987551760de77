import { prometheusBackend } from './promClient';
import { QueryExecutor, type QueryExecutorOptions } from './queryExecutor';

/** `promql` cells: queries against Prometheus' HTTP API. */
export class PromqlExecutor extends QueryExecutor {
  constructor(options: QueryExecutorOptions = {}) {
    super(prometheusBackend, options);
  }
}
