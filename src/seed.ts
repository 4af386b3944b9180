/**
 * The one rule for seeds, wherever they enter the library (verify, a mechanism's lottery, a run).
 * Every generator here keeps 32 bits of its seed: fast-check reads it as a 32-bit integer and
 * `createRng` folds it into one. A seed outside those 32 bits, or a fraction, would therefore
 * silently alias another (1.5 ≡ 1, 2^32 ≡ 0 or 1; issue 16), so it is refused instead.
 *
 * @packageDocumentation
 */
import { DoubleDutchError } from './errors.js';

/**
 * The largest seed: 2^32 − 1. Seeds are the integers 0 … MAX_SEED, each giving its own stream.
 *
 * @category experiments
 */
export const MAX_SEED = 2 ** 32 - 1;

/**
 * Thrown for a seed that is not an integer in [0, 2^32 − 1] (code `invalid_seed`), with the
 * argument that carried it as `field`.
 *
 * @category errors
 */
export class SeedError extends DoubleDutchError {
  constructor(message: string, field: string) {
    super('invalid_seed', message, field);
  }
}

/**
 * Returns `seed` if it is an integer in [0, 2^32 − 1]; throws {@link SeedError} naming `field`
 * otherwise. Fractions, negative numbers, numbers above 2^32 − 1, NaN and non-numbers are refused
 * rather than truncated, because every one of them would silently replay another seed's stream.
 *
 * @example
 * ```ts
 * checkSeed(42, 'seed'); // 42
 * checkSeed(1.5, 'seed'); // throws SeedError: 'seed: must be an integer in [0, 4294967295], got 1.5'
 * ```
 * @category experiments
 */
export function checkSeed(seed: unknown, field: string): number {
  if (typeof seed === 'number' && Number.isInteger(seed) && seed >= 0 && seed <= MAX_SEED) return seed;
  throw new SeedError(`must be an integer in [0, ${MAX_SEED}], got ${describe(seed)}`, field);
}

/**
 * Reads a seed written as decimal digits (a command-line flag, a grid file's string) and checks
 * it with {@link checkSeed}. Leading and trailing spaces are allowed; signs, exponents, fractions
 * and hexadecimal are not, so that `1e3` or `0x10` is not read as a different seed than meant.
 *
 * @example
 * ```ts
 * parseSeed('2026', '--seed'); // 2026
 * parseSeed('1e3', '--seed');  // throws SeedError naming --seed
 * ```
 * @category experiments
 */
export function parseSeed(text: string, field: string): number {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed))
    throw new SeedError(`must be an integer in [0, ${MAX_SEED}], got '${text}'`, field);
  return checkSeed(Number(trimmed), field);
}

function describe(value: unknown): string {
  if (typeof value === 'string') return `the string '${value}'`;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'bigint') return `the bigint ${value}n (pass a number)`;
  return value === null ? 'null' : typeof value;
}
