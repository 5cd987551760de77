import { parseArgs } from 'node:util';
import { cellsCommand } from './cellsCommand';
import type { CommandResult } from './commandResult';
import { USAGE, UsageError } from './usage';
import { validateCommand } from './validateCommand';

/** Runs one CLI invocation. Exported for in-process tests; bin/illmlab calls it with argv. */
export function runCli(argv: readonly string[]): CommandResult {
  const [verb, ...rest] = argv;
  try {
    switch (verb) {
      case 'cells': {
        const { values, positionals } = parse(rest, { json: { type: 'boolean' } });
        if (positionals.length !== 1) throw new UsageError('cells takes exactly one lab file');
        return cellsCommand(positionals[0], values.json === true);
      }
      case 'validate': {
        const { values, positionals } = parse(rest, { json: { type: 'boolean' } });
        return validateCommand(positionals, values.json === true);
      }
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        return {
          exitCode: verb === undefined ? 2 : 0,
          stdout: verb === undefined ? '' : USAGE + '\n',
          stderr: verb === undefined ? USAGE + '\n' : '',
        };
      default:
        throw new UsageError(`unknown command "${verb}"`);
    }
  } catch (e) {
    if (e instanceof UsageError) return { exitCode: 2, stdout: '', stderr: `illmlab: ${e.message}\n\n${USAGE}\n` };
    throw e;
  }
}

type Options = Parameters<typeof parseArgs>[0] extends infer C ? (C extends { options?: infer O } ? O : never) : never;

function parse(args: readonly string[], options: NonNullable<Options>) {
  try {
    return parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (e) {
    // node:util's messages name the flag; drop its advice about "--" which does not apply here.
    throw new UsageError((e as Error).message.split('. To specify')[0]);
  }
}

if (require.main === module) {
  let result: CommandResult;
  try {
    result = runCli(process.argv.slice(2));
  } catch (e) {
    // A bug in illmlab, not in the input: say so plainly, with the detail for a report.
    result = {
      exitCode: 70,
      stdout: '',
      stderr: `illmlab: internal error: ${(e as Error).message}\nPlease report this with the command you ran.\n`,
    };
  }
  process.stdout.write(result.stdout);
  if (result.stderr) process.stderr.write(result.stderr);
  process.exitCode = result.exitCode;
}
