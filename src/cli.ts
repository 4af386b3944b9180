#!/usr/bin/env node
/**
 * The `doubledutch` command. Every failure a user can cause prints one line naming the problem
 * and exits with a documented code, without a stack trace (src/cli/main.ts).
 *
 * This entry point imports nothing heavy: it installs the signal handlers first and only then loads
 * the commands (mechanisms, policies, TensorFlow.js: over a second on a slow machine), so that
 * Ctrl-C is honoured from the first moment (issue 16 item 1).
 *
 * @packageDocumentation
 */
import { removeUnfinishedWrites } from './experiment/atomic.js';

/** Runs the CLI with `argv` (without node and script); resolves to the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const cli = await import('./cli/main.js');
  return cli.main(argv);
}

// Commands that write results: interrupted (Ctrl-C, a batch scheduler's SIGTERM), they remove what
// was half-written, say so and exit 130/143. A run gives its handler a turn at least every 20 ms
// (simulate's checkpoint between slots), so it stops within that. The other commands (verify,
// demo, help) keep Node's default action, which ends the process at once.
const WRITING = new Set(['compare', 'run', 'sweep', 'merge', 'train', 'scenario', 'reproduce']);

function installHandlers(command: string | undefined): void {
  if (!WRITING.has(command ?? '')) return;
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const) {
    process.once(signal, () => {
      removeUnfinishedWrites();
      process.stderr.write(`\ndoubledutch: interrupted (${signal}); nothing partial was left behind\n`);
      process.exit(code);
    });
  }
}

// Standard output closed early (`| head`) ends the command quietly, as a pipe's reader asked; any
// other failure to write it (`> /dev/full`) is one line and exit 74, not an unhandled error.
function guardStdout(command: string | undefined): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    removeUnfinishedWrites();
    process.stderr.write(
      `doubledutch ${command ?? ''}: cannot write to standard output: ${error.code === 'ENOSPC' ? 'no space left on the device' : error.message} (${error.code ?? 'error'})\n`,
    );
    process.exit(74);
  });
}

const invokedDirectly =
  process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'));
if (invokedDirectly || process.argv[1]?.endsWith('/doubledutch')) {
  const command = process.argv[2];
  installHandlers(command);
  guardStdout(command);
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      // Only reached if loading the commands fails (a broken installation).
      process.stderr.write(
        `doubledutch: internal error: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}\n`,
      );
      if (process.env.DOUBLEDUTCH_DEBUG === '1') console.error(error);
      process.exitCode = 70;
    },
  );
}
