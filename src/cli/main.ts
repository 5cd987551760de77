import { parseArgs, type ParseArgsConfig } from 'node:util';
import { cellsCommand } from './cellsCommand';
import { isNamespaceName } from '../kernels/kube/kubeContext';
import { MissingPathError } from '../labs/labFiles';
import { processIo, type CliIo } from './io';
import { doctorCommand } from './doctorCommand';
import { k6ReportCommand } from './k6ReportCommand';
import { progressCommand } from './progressCommand';
import { runCommand } from './runCommand';
import { USAGE, UsageError } from './usage';
import { validateCommand } from './validateCommand';

/** Runs one CLI invocation and returns its exit code. Exported for in-process tests. */
export async function runCli(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  const [verb, ...rest] = argv;
  try {
    switch (verb) {
      case 'cells': {
        const { values, positionals } = parse(rest, { json: { type: 'boolean' } });
        if (positionals.length !== 1) throw new UsageError('cells takes exactly one lab file');
        return cellsCommand(positionals[0], values.json === true, io);
      }
      case 'validate': {
        const { values, positionals } = parse(rest, { json: { type: 'boolean' } });
        return await validateCommand(positionals, values.json === true, io);
      }
      case 'doctor': {
        const { values, positionals } = parse(rest, {
          json: { type: 'boolean' },
          context: { type: 'string' },
          kubeconfig: { type: 'string' },
          prometheus: { type: 'string' },
          loki: { type: 'string' },
        });
        if (positionals.length > 0) throw new UsageError('doctor takes no arguments, only options');
        return await doctorCommand(
          {
            json: values.json === true,
            context: values.context as string | undefined,
            kubeconfig: values.kubeconfig as string | undefined,
            prometheus: values.prometheus as string | undefined,
            loki: values.loki as string | undefined,
          },
          io,
        );
      }
      case 'k6': {
        const [sub, ...args] = rest;
        if (sub !== 'report') {
          throw new UsageError(
            sub ? `unknown k6 command "${sub}" (there is: k6 report)` : 'k6 needs a command: k6 report <file>',
          );
        }
        return await k6ReportCommand(args, io);
      }
      case 'progress': {
        const { values, positionals } = parse(rest, { json: { type: 'boolean' } });
        if (positionals.length > 1) throw new UsageError('progress takes at most one labs folder');
        return progressCommand(positionals[0] ?? 'labs', values.json === true, io);
      }
      case 'run': {
        const { values, positionals } = parse(rest, {
          cell: { type: 'string', multiple: true },
          context: { type: 'string' },
          namespace: { type: 'string' },
          kubeconfig: { type: 'string' },
          prometheus: { type: 'string' },
          loki: { type: 'string' },
          'keep-going': { type: 'boolean' },
          'update-progress': { type: 'boolean' },
          report: { type: 'string' },
          json: { type: 'boolean' },
        });
        if (positionals.length !== 1) throw new UsageError('run takes exactly one lab file');
        const namespace = values.namespace as string | undefined;
        if (namespace !== undefined && !isNamespaceName(namespace)) {
          throw new UsageError(
            `--namespace "${namespace}" is not a namespace name (lowercase letters, digits and dashes, at most 63)`,
          );
        }
        return await runCommand(
          {
            lab: positionals[0],
            cells: (values.cell as string[] | undefined) ?? [],
            context: values.context as string | undefined,
            namespace,
            kubeconfig: values.kubeconfig as string | undefined,
            prometheus: values.prometheus as string | undefined,
            loki: values.loki as string | undefined,
            keepGoing: values['keep-going'] === true,
            updateProgress: values['update-progress'] === true,
            report: values.report as string | undefined,
            json: values.json === true,
          },
          io,
        );
      }
      case 'help':
      case '--help':
      case '-h':
        io.out(USAGE + '\n');
        return 0;
      case undefined:
        io.err(USAGE + '\n');
        return 2;
      default:
        throw new UsageError(`unknown command "${verb}"`);
    }
  } catch (e) {
    if (!(e instanceof UsageError) && !(e instanceof MissingPathError)) throw e;
    io.err(`illmlab: ${e.message}\n\n${USAGE}\n`);
    return 2;
  }
}

function parse(args: readonly string[], options: NonNullable<ParseArgsConfig['options']>) {
  try {
    return parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (e) {
    // node:util's messages name the flag; its advice about "--" does not apply here.
    throw new UsageError((e as Error).message.split('. To specify')[0]);
  }
}

if (require.main === module) {
  // `illmlab progress | head`: a closed pipe is the reader being done, not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  runCli(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (e: Error) => {
      // A bug in illmlab, not in the input: say so plainly.
      process.stderr.write(`illmlab: internal error: ${e.message}\nPlease report this with the command you ran.\n`);
      process.exitCode = 70;
    },
  );
}
