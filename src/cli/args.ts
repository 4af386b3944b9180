import { type ParseArgsConfig, parseArgs } from 'node:util';
import { UsageError } from './command.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** The parsed flag values: booleans for boolean flags, strings for the rest. */
export type FlagValues<T extends Options> = {
  [K in keyof T]?: T[K] extends { type: 'boolean' } ? boolean : string;
};

/** Parses flags with node:util's parseArgs, turning its errors into one-line usage errors. */
export function parseFlags<T extends Options>(
  args: readonly string[],
  options: T,
  usage: string,
): { values: FlagValues<T> } {
  try {
    const { values } = parseArgs({ args: [...args], options, strict: true, allowPositionals: false });
    return { values: values as FlagValues<T> };
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new UsageError(`${message}\nusage: ${usage}`);
  }
}

/** Reads an integer flag, or throws a usage error naming it. */
export function integerFlag(value: string | undefined, name: string, fallback: number, min = 0): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^-?\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min) {
    throw new UsageError(`--${name} must be an integer ≥ ${min}, got '${value}'`, `--${name}`);
  }
  return n;
}
