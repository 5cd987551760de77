/** A mistake in how the CLI was called: exit code 2 and the usage text, never a stack trace. */
export class UsageError extends Error {}

export const USAGE = `Usage: illmlab <command> [options]

Commands:
  cells <lab> [--json]              list a lab's cells (index, kind, language, id, attributes, line)
  validate [paths...] [--json]      check labs (files or folders searched for *.illmlab; default: labs/)

Exit codes: 0 ok, 1 problems found, 2 usage error.
Docs: docs/cli.md`;
