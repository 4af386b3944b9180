import { type ParseArgsConfig, parseArgs } from 'node:util';
import { UsageError } from './command.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** The parsed flag values: booleans for boolean flags, strings for the rest. */
export type FlagValues<T extends Options> = {
  [K in keyof T]?: T[K] extends { type: 'boolean' } ? boolean : string;
};

/**
 * Parses flags with node:util's parseArgs, turning its errors into one-line usage errors.
 * Positional arguments are refused unless `allowPositionals` is set.
 */
export function parseFlags<T extends Options>(
  args: readonly string[],
  options: T,
  allowPositionals = false,
): { values: FlagValues<T>; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({ args: [...args], options, strict: true, allowPositionals });
    return { values: values as FlagValues<T>, positionals };
  } catch (error) {
    // node:util wraps its hints on further lines; keep the whole message on one line.
    const message = error instanceof Error ? error.message.replace(/\s*\n\s*/g, ' ') : String(error);
    throw new UsageError(message);
  }
}

/** Reads an integer flag, or throws a usage error naming it. */
export function integerFlag(value: string | undefined, name: string, fallback: number, min = 0): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^-?\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min) {
    throw new UsageError(`must be an integer ≥ ${min}, got '${value}'`, `--${name}`);
  }
  return n;
}
