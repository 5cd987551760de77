/** What a CLI command produced; main.ts writes it out, so commands stay testable in-process. */
export interface CommandResult {
  exitCode: number;
  stdout: string;
  stderr?: string;
}
