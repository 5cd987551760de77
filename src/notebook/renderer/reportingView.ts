import { Error as ErrorLevel, View, Warn, type LoggerInterface } from 'vega';

/**
 * A Vega View whose errors (a bad expression, data that failed to load: Vega logs that one as
 * a warning) are shown where the chart is, as well as in the developer console, where nobody
 * looking at a notebook would see them.
 */
export function reportingViewClass(report: (message: string) => void): typeof View {
  return class ReportingView extends View {
    constructor(...[runtime, options]: ConstructorParameters<typeof View>) {
      super(runtime, { ...options, logger: reportingLogger(report, options?.logLevel ?? Warn) });
    }
  };
}

function reportingLogger(report: (message: string) => void, initial: number): LoggerInterface {
  let level = initial;
  const text = (args: readonly unknown[]) => args.map((a) => (a instanceof Error ? a.message : String(a))).join(' ');
  const logger = {
    level(next?: number) {
      if (next === undefined) return level;
      level = next;
      return logger;
    },
    error(...args: readonly unknown[]) {
      report(text(args));
      if (level >= ErrorLevel) console.error(...args);
      return logger;
    },
    warn(...args: readonly unknown[]) {
      if (args[0] === 'Loading failed') report(text(args));
      if (level >= Warn) console.warn(...args);
      return logger;
    },
    info(...args: readonly unknown[]) {
      if (level > Warn) console.info(...args);
      return logger;
    },
    debug(...args: readonly unknown[]) {
      if (level > Warn + 1) console.debug(...args);
      return logger;
    },
  };
  return logger as unknown as LoggerInterface;
}
