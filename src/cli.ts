#!/usr/bin/env node
/**
 * The `doubledutch` command. Every failure a user can cause prints one line naming the problem
 * and exits non-zero, without a stack trace; only a bug in this package shows one.
 *
 * @packageDocumentation
 */
import './builtins.js';
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Command, UsageError } from './cli/command.js';
import { compareCommand, runCommand } from './cli/compare.js';
import { demoCommand } from './cli/demo.js';
import { setPlugins } from './cli/plugins.js';
import { scenarioCommand } from './cli/scenario.js';
import { mergeCommand, sweepCommand } from './cli/sweep.js';
import { trainCommand } from './cli/train.js';
import { verifyCommand } from './cli/verify.js';
import { DoubleDutchError, UnknownNameError } from './errors.js';
import { removeUnfinishedWrites } from './experiment/atomic.js';

const commands: readonly Command[] = [
  compareCommand,
  runCommand,
  sweepCommand,
  mergeCommand,
  trainCommand,
  verifyCommand,
  scenarioCommand,
  demoCommand,
];

function help(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'usage: doubledutch <command> [options] [--plugin FILE ...]',
    '',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    '--plugin FILE imports a JavaScript module file that registers your own mechanisms and policies',
    '(registerMechanism, registerPolicy) before the command runs; sweeps load it in every worker.',
    '',
    "Run 'doubledutch <command> --help' for a command's options.",
  ].join('\n');
}

/** Splits `--plugin FILE` / `--plugin=FILE` (repeatable, anywhere) from the other arguments. */
function takePlugins(args: readonly string[]): { plugins: string[]; rest: string[] } {
  const plugins: string[] = [];
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--plugin') {
      const value = args[i + 1];
      if (value === undefined || value.startsWith('--'))
        throw new UsageError('needs a module: --plugin ./my-mechanism.js', '--plugin');
      plugins.push(value);
      i++;
    } else if (arg.startsWith('--plugin=')) plugins.push(arg.slice('--plugin='.length));
    else rest.push(arg);
  }
  return { plugins, rest };
}

/**
 * Imports plug-in modules, which register mechanisms and policies as they load. Each is the path
 * of a JavaScript module file (relative to the working directory; for an installed package, the
 * path of its entry file). Returns their URLs.
 */
async function loadPlugins(specs: readonly string[]): Promise<string[]> {
  const urls: string[] = [];
  for (const spec of specs) {
    if (!existsSync(spec) || !statSync(spec).isFile())
      throw new DoubleDutchError(
        'plugin',
        `cannot load plugin '${spec}': no such file (give the path of a JavaScript module)`,
        '--plugin',
      );
    const url = pathToFileURL(resolve(spec)).href;
    try {
      await import(url);
    } catch (error) {
      const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
      throw new DoubleDutchError('plugin', `cannot load plugin '${spec}': ${reason}`, '--plugin');
    }
    urls.push(url);
  }
  return urls;
}

/** Runs the CLI with `argv` (without node and script); resolves to the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(help());
    return name === undefined ? 2 : 0;
  }
  const command = commands.find((c) => c.name === name);
  if (command === undefined) {
    console.error(
      `doubledutch: unknown command '${name}'; commands: ${commands.map((c) => c.name).join(', ')}`,
    );
    return 2;
  }
  let rest: string[];
  try {
    const taken = takePlugins(args);
    rest = taken.rest;
    setPlugins(await loadPlugins(taken.plugins));
  } catch (error) {
    if (!(error instanceof DoubleDutchError)) throw error;
    console.error(`doubledutch ${name}: ${error.message}`);
    return error.code === 'usage' ? 2 : 1;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    const details = command.details === undefined ? '' : `\n\n${command.details()}`;
    console.log(`usage: ${command.usage}\n\n${command.summary}${details}`);
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (error) {
    if (error instanceof DoubleDutchError) {
      const hint = error.code === 'usage' ? ` (see 'doubledutch ${name} --help')` : '';
      console.error(`doubledutch ${name}: ${error.message}${hint}`);
      return error.code === 'usage' || error instanceof UnknownNameError ? 2 : 1;
    }
    throw error;
  }
}

const invokedDirectly =
  process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'));
if (invokedDirectly || process.argv[1]?.endsWith('/doubledutch')) {
  // Interrupted (Ctrl-C, a batch scheduler's SIGTERM) while a command that writes results runs:
  // remove what was half-written, say so, stop. Those commands yield between runs, so the handler
  // runs promptly; the others (verify, demo) keep Node's default, immediate exit.
  const writes = ['compare', 'run', 'sweep', 'merge', 'train', 'scenario'];
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    if (!writes.includes(process.argv[2] ?? '')) break;
    process.once(signal, () => {
      removeUnfinishedWrites();
      process.stderr.write(`\ndoubledutch: interrupted (${signal}); nothing partial was left behind\n`);
      process.exit(code);
    });
  }
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 70;
    },
  );
}
