#!/usr/bin/env node
/**
 * The `doubledutch` command. Every failure a user can cause prints one line naming the problem
 * and exits non-zero, without a stack trace; only a bug in this package shows one.
 *
 * @packageDocumentation
 */
import './builtins.js';
import type { Command } from './cli/command.js';
import { compareCommand, runCommand } from './cli/compare.js';
import { demoCommand } from './cli/demo.js';
import { mergeCommand, sweepCommand } from './cli/sweep.js';
import { trainCommand } from './cli/train.js';
import { verifyCommand } from './cli/verify.js';
import { DoubleDutchError, UnknownNameError } from './errors.js';

const commands: readonly Command[] = [
  compareCommand,
  runCommand,
  sweepCommand,
  mergeCommand,
  trainCommand,
  verifyCommand,
  demoCommand,
];

function help(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'usage: doubledutch <command> [options]',
    '',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    "Run 'doubledutch <command> --help' for a command's options.",
  ].join('\n');
}

/** Runs the CLI with `argv` (without node and script); resolves to the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
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
