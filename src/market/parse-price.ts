import { MarketError } from '../errors.js';
import { Decimal, isDecimal } from '../money.js';

/**
 * A price read at the boundary: either a double that is exactly an integer count of 10^-decimals
 * (the fast path, no Decimal allocated) or an exact Decimal.
 */
export interface ParsedPrice {
  /** The price as a double when it is one the user gave (its shortest decimal representation is meant). */
  readonly num: number | undefined;
  /** The price as a Decimal when it was given as a string or Decimal, or needs one. */
  readonly dec: Decimal | undefined;
  /** Decimal places of the price. */
  readonly decimals: number;
  /** |price| as a double, for range checks. */
  readonly magnitude: number;
}

const DECIMAL_STRING = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/;

/** Parses one price, or throws `MarketError` naming `field`. */
export function parsePrice(input: unknown, field: string): ParsedPrice {
  if (typeof input === 'number') {
    if (!Number.isFinite(input))
      throw new MarketError('non_finite_price', `must be a finite number, got ${input}`, field);
    if (input < 0) throw new MarketError('negative_price', `must be ≥ 0, got ${input}`, field);
    if (Number.isInteger(input) && input < 2 ** 53)
      return { num: input, dec: undefined, decimals: 0, magnitude: input };
    const text = String(input);
    const dot = text.indexOf('.');
    if (dot >= 0 && !text.includes('e')) {
      return { num: input, dec: undefined, decimals: text.length - dot - 1, magnitude: input };
    }
    const dec = new Decimal(text);
    return { num: undefined, dec, decimals: dec.decimalPlaces(), magnitude: input };
  }
  if (typeof input === 'string') {
    if (!DECIMAL_STRING.test(input)) {
      const code = /^\s*[+-]?(Infinity|NaN)\s*$/i.test(input) ? 'non_finite_price' : 'invalid_price';
      throw new MarketError(code, `must be a decimal number, got '${input}'`, field);
    }
    return fromDecimal(new Decimal(input.trim()), field, input);
  }
  if (isDecimal(input)) return fromDecimal(new Decimal(input), field, input.toString());
  if (input === undefined || input === null) throw new MarketError('missing_field', 'is required', field);
  throw new MarketError(
    'invalid_price',
    `must be a number, a decimal string or a Decimal, got ${typeof input}`,
    field,
  );
}

function fromDecimal(dec: Decimal, field: string, shown: string): ParsedPrice {
  if (!dec.isFinite()) throw new MarketError('non_finite_price', `must be finite, got '${shown}'`, field);
  if (dec.isNegative() && !dec.isZero())
    throw new MarketError('negative_price', `must be ≥ 0, got '${shown}'`, field);
  const clean = dec.isZero() ? new Decimal(0) : dec;
  return { num: undefined, dec: clean, decimals: clean.decimalPlaces(), magnitude: clean.toNumber() };
}
