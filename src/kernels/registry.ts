import { K6Executor } from './k6/k6Executor';
import { LogqlExecutor } from './query/logqlExecutor';
import { PromqlExecutor } from './query/promqlExecutor';
import { ShellExecutor } from './shell/shellExecutor';
import type { Executor } from './types';

/** One executor per cell language. Languages without one are reported as skipped, with why. */
export function createExecutors(): Map<string, Executor> {
  const executors = new Map<string, Executor>();
  for (const executor of [new ShellExecutor(), new PromqlExecutor(), new LogqlExecutor(), new K6Executor()]) {
    for (const language of executor.languages) executors.set(language, executor);
  }
  return executors;
}
