/** Exit codes of `node dist/cli.js`: 0 done, 1 failed, 2 the command line was wrong. */
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

/** A failure whose message is the one line the operator needs; printed to stderr without a stack. */
export class CliError extends Error {
  override name = 'CliError';

  constructor(
    message: string,
    readonly exitCode: number = EXIT_FAILED,
  ) {
    super(message);
  }
}
