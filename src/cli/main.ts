/**
 * The commands of `doubledutch` and how their failures reach the user: every failure a user can
 * cause is one line on stderr naming the problem (control bytes escaped) and a documented exit
 * code (docs/experiments.md, "Exit codes"); only a bug in this package is reported as internal.
 */
import '../builtins.js';
import { readFileSync } from 'node:fs';
import { DoubleDutchError, MarketError, OutcomeError, UnknownNameError } from '../errors.js';
import { didYouMean, escapeControl } from '../text.js';
import { type Command, UsageError } from './command.js';
import { compareCommand, runCommand } from './compare.js';
import { demoCommand } from './demo.js';
import { loadPlugins, plugins, setPlugins } from './plugins.js';
import { reproduceCommand } from './reproduce.js';
import { scenarioCommand } from './scenario.js';
import { mergeCommand, sweepCommand } from './sweep.js';
import { trainCommand } from './train.js';
import { verifyCommand } from './verify.js';

/** The exit codes of `doubledutch` (sysexits.h where one fits). */
export const EXIT = {
  ok: 0,
  /** Bad input: an invalid scenario, grid or result file, a failed run. */
  failure: 1,
  /** Bad usage: an unknown command, flag or name, a malformed flag value. */
  usage: 2,
  /** A bug in doubledutch (EX_SOFTWARE). */
  internal: 70,
  /** Results could not be written: no space, no permission, a read-only file system (EX_IOERR). */
  io: 74,
} as const;

const commands: readonly Command[] = [
  compareCommand,
  runCommand,
  sweepCommand,
  mergeCommand,
  trainCommand,
  verifyCommand,
  reproduceCommand,
  scenarioCommand,
  demoCommand,
];

// The commands that use registered mechanisms or policies, and so load --plugin modules.
const PLUGIN_COMMANDS = new Set(['compare', 'run', 'sweep', 'train', 'verify', 'demo']);

/** The package's version, from its package.json (two levels up when built, one in the sources). */
export function version(): string {
  for (const relative of ['../../package.json', '../../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(relative, import.meta.url), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (pkg.name === 'doubledutch' && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // not this one
    }
  }
  return 'unknown';
}

function help(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'usage: doubledutch <command> [options] [--plugin FILE ...]',
    '       doubledutch help <command> | --version',
    '',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    '--plugin FILE imports a JavaScript module file that registers your own mechanisms and policies',
    '(registerMechanism, registerPolicy) before the command runs; sweeps load it in every worker.',
    'Loading a plug-in RUNS ITS CODE with your permissions: give only modules you trust.',
    '',
    "Run 'doubledutch help <command>' for a command's options. Exit codes: 0 done, 1 bad input or a",
    'failed run, 2 bad usage, 70 internal error, 74 results not written (disk full, no permission),',
    '130/143 interrupted (SIGINT/SIGTERM).',
  ].join('\n');
}

function commandHelp(command: Command): string {
  const details = command.details === undefined ? '' : `\n\n${command.details()}`;
  const plugin = PLUGIN_COMMANDS.has(command.name)
    ? '\n  --plugin FILE       load a module registering mechanisms/policies (runs its code; repeatable)'
    : '';
  // The flag goes with the other options, before any paragraph of notes that follows them.
  const notes = details.indexOf('\n\n', 2);
  return notes < 0
    ? `usage: ${command.usage}\n\n${command.summary}${details}${plugin}`
    : `usage: ${command.usage}\n\n${command.summary}${details.slice(0, notes)}${plugin}${details.slice(notes)}`;
}

function unknownCommand(name: string): string {
  const names = commands.map((c) => c.name);
  return `doubledutch: unknown command '${escapeControl(name)}'${didYouMean(name, names)} (commands: ${names.join(', ')})`;
}

/** Splits `--plugin FILE` / `--plugin=FILE` (repeatable, anywhere) from the other arguments. */
function takePlugins(args: readonly string[]): { plugins: string[]; rest: string[] } {
  const found: string[] = [];
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--plugin') {
      const value = args[i + 1];
      if (value === undefined || value.startsWith('--'))
        throw new UsageError('needs a module: --plugin ./my-mechanism.js', '--plugin');
      found.push(value);
      i++;
    } else if (arg.startsWith('--plugin=')) found.push(arg.slice('--plugin='.length));
    else rest.push(arg);
  }
  return { plugins: found, rest };
}

// File-system failures of writing results, in words (libuv's own strings are terse).
const IO_REASONS: Readonly<Record<string, string>> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  EIO: 'input/output error',
  ENOTDIR: 'a part of the path is not a directory',
  EISDIR: 'is a directory',
  ENAMETOOLONG: 'name too long',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files',
  ENOENT: 'no such file or directory',
  EEXIST: 'already exists',
  EBUSY: 'resource busy',
  EXDEV: 'crosses file systems',
};

/** The one line and the exit code of an error that escaped a command. */
export function describeFailure(name: string, error: unknown): { line: string; code: number } {
  const prefix = `doubledutch ${name}: `;
  if (error instanceof UnknownNameError) {
    const typed = /'([^']*)'/.exec(error.message)?.[1];
    const hint = typed === undefined ? '' : didYouMean(typed, error.known);
    return { line: prefix + error.message + hint, code: EXIT.usage };
  }
  if ((error instanceof MarketError || error instanceof OutcomeError) && plugins().length === 0)
    // A slot market built from the scenario's values: the user can fix the scenario, not `bids[3]`.
    return {
      line: `${prefix}a slot market built from the scenario is invalid (${error.message}); check the scenario's costWeights, market and workload values`,
      code: EXIT.failure,
    };
  if (error instanceof DoubleDutchError) {
    const hint = error.code === 'usage' ? ` (see 'doubledutch help ${name}')` : '';
    const code = error.code === 'usage' ? EXIT.usage : error.code === 'io' ? EXIT.io : EXIT.failure;
    return { line: prefix + error.message + hint, code };
  }
  const errno = error as NodeJS.ErrnoException;
  if (typeof errno?.code === 'string' && errno.code in IO_REASONS) {
    const where = typeof errno.path === 'string' ? ` '${errno.path}'` : '';
    return {
      line: `${prefix}cannot write${where}: ${IO_REASONS[errno.code]} (${errno.code}); nothing partial was left behind`,
      code: EXIT.io,
    };
  }
  const what = error instanceof Error ? `${error.name}: ${error.message.split('\n')[0]}` : String(error);
  const loaded = plugins();
  const blame =
    loaded.length > 0
      ? `an error inside a plug-in or doubledutch (plug-ins: ${loaded.join(', ')})`
      : 'internal error (a bug in doubledutch; please report it)';
  return {
    line: `${prefix}${blame}: ${what}; DOUBLEDUTCH_DEBUG=1 shows the stack trace`,
    code: EXIT.internal,
  };
}

function fail(name: string, error: unknown): number {
  const { line, code } = describeFailure(name, error);
  console.error(escapeControl(line));
  if (process.env.DOUBLEDUTCH_DEBUG === '1' && error instanceof Error) console.error(error.stack);
  return code;
}

/** Runs the CLI with `argv` (without node and script); resolves to the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h') {
    console.log(help());
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === '--version' || name === '-V' || name === 'version') {
    console.log(`doubledutch ${version()}`);
    return EXIT.ok;
  }
  if (name === 'help') {
    const topic = args[0];
    if (topic === undefined) {
      console.log(help());
      return EXIT.ok;
    }
    const command = commands.find((c) => c.name === topic);
    if (command === undefined) {
      console.error(unknownCommand(topic));
      return EXIT.usage;
    }
    console.log(commandHelp(command));
    return EXIT.ok;
  }
  const command = commands.find((c) => c.name === name);
  if (command === undefined) {
    console.error(unknownCommand(name));
    return EXIT.usage;
  }
  let rest: string[];
  setPlugins([]);
  try {
    const taken = takePlugins(args);
    rest = taken.rest;
    // --help is answered before any plug-in runs (loading one runs its code).
    if (rest.includes('--help') || rest.includes('-h')) {
      console.log(commandHelp(command));
      return EXIT.ok;
    }
    if (taken.plugins.length > 0) {
      if (!PLUGIN_COMMANDS.has(name))
        throw new UsageError(
          `'${name}' uses no mechanisms or policies; give --plugin to another command`,
          '--plugin',
        );
      setPlugins(await loadPlugins(taken.plugins));
    }
  } catch (error) {
    return fail(name, error);
  }
  try {
    return await command.run(rest);
  } catch (error) {
    return fail(name, error);
  }
}
