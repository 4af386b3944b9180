import { type ParseArgsConfig, parseArgs } from 'node:util';
import { didYouMean, escapeControl } from '../text.js';
import { UsageError } from './command.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** The parsed flag values: booleans for boolean flags, strings for the rest. */
export type FlagValues<T extends Options> = {
  [K in keyof T]?: T[K] extends { type: 'boolean' }
    ? boolean
    : T[K] extends { multiple: true }
      ? string[]
      : string;
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
    const code = (error as { code?: string }).code;
    const message = error instanceof Error ? error.message : String(error);
    const unknown = /^Unknown option '([^']*)'/.exec(message)?.[1];
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && unknown !== undefined) {
      const flag = unknown.replace(/^-+/, '').split('=')[0] ?? '';
      const known = Object.keys(options);
      const hint = didYouMean(flag, known).replace(/'([^']*)'\?$/, "'--$1'?");
      throw new UsageError(
        `Unknown option '${escapeControl(unknown)}'${hint || ` (options: ${known.map((k) => `--${k}`).join(', ') || 'none'})`}`,
      );
    }
    // node:util wraps its hints on further lines; keep the whole message on one line.
    throw new UsageError(escapeControl(message.replace(/\s*\n\s*/g, ' ')));
  }
}

/** Reads an integer flag in [min, max], or throws a usage error naming it. */
export function integerFlag(
  value: string | undefined,
  name: string,
  fallback: number,
  min = 0,
  max = Number.MAX_SAFE_INTEGER,
): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^-?\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min) {
    throw new UsageError(`must be an integer ≥ ${min}, got '${escapeControl(value)}'`, `--${name}`);
  }
  if (n > max) throw new UsageError(`must be at most ${max}, got ${value.trim()}`, `--${name}`);
  return n;
}
