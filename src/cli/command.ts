/**
 * The shape of a CLI subcommand and the error it throws for bad usage. Each subcommand lives in
 * its own file under `src/cli/` and is listed in `src/cli.ts`.
 */
import { DoubleDutchError } from '../errors.js';

/** A subcommand of `doubledutch`. */
export interface Command {
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  /** Defaults and accepted names, shown by `--help` (computed then, so plug-ins registered by then appear). */
  readonly details?: () => string;
  /** Runs with the arguments after the subcommand name; resolves to the exit code. */
  run(args: readonly string[]): Promise<number>;
}

/**
 * Bad command-line usage: an unknown flag, a missing or malformed value.
 *
 * @category errors
 */
export class UsageError extends DoubleDutchError {
  constructor(message: string, field?: string) {
    super('usage', message, field);
  }
}
