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
  /**
   * The power of ten of the price's first significant digit, exactly (2 for 123.4, −2 for 0.05);
   * −Infinity for 0.
   */
  readonly exponent: number;
}

/** The exponent of a non-negative safe integer's first digit (2 for 123); −Infinity for 0. */
export function integerExponent(n: number): number {
  return n === 0 ? Number.NEGATIVE_INFINITY : String(n).length - 1;
}

/** A Decimal's exponent (exact at any size). */
function exponentOf(dec: Decimal): number {
  return dec.isZero() ? Number.NEGATIVE_INFINITY : dec.e;
}

const DECIMAL_STRING = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/;

/** Parses one price, or throws `MarketError` naming `field`. */
export function parsePrice(input: unknown, field: string): ParsedPrice {
  if (typeof input === 'number') {
    if (!Number.isFinite(input))
      throw new MarketError('non_finite_price', `must be a finite number, got ${input}`, field);
    if (input < 0) throw new MarketError('negative_price', `must be ≥ 0, got ${input}`, field);
    if (Number.isInteger(input) && input < 2 ** 53)
      return {
        num: input,
        dec: undefined,
        decimals: 0,
        magnitude: input,
        exponent: integerExponent(input),
      };
    const text = String(input);
    const dot = text.indexOf('.');
    if (dot >= 0 && !text.includes('e')) {
      // "123.45" → 2; "0.0045" → −3 (input > 0 here, so a non-zero digit follows).
      const exponent = text.startsWith('0.') ? -(text.slice(2).search(/[1-9]/) + 1) : dot - 1;
      return { num: input, dec: undefined, decimals: text.length - dot - 1, magnitude: input, exponent };
    }
    const dec = new Decimal(text);
    return {
      num: undefined,
      dec,
      decimals: dec.decimalPlaces(),
      magnitude: input,
      exponent: exponentOf(dec),
    };
  }
  if (typeof input === 'string') {
    if (!DECIMAL_STRING.test(input)) {
      const code = /^\s*[+-]?(Infinity|NaN)\s*$/i.test(input) ? 'non_finite_price' : 'invalid_price';
      throw new MarketError(code, `must be a decimal number, got '${input}'`, field);
    }
    const mantissa = input.split(/[eE]/)[0] as string;
    return fromDecimal(new Decimal(input.trim()), field, input, /[1-9]/.test(mantissa));
  }
  if (isDecimal(input))
    return fromDecimal(new Decimal(input), field, input.toString(), input.isFinite() && !input.isZero());
  if (input === undefined || input === null) throw new MarketError('missing_field', 'is required', field);
  throw new MarketError(
    'invalid_price',
    `must be a number, a decimal string or a Decimal, got ${typeof input}`,
    field,
  );
}

/**
 * `finiteNonZero` says whether the input was finite with a non-zero digit: decimal.js reads an
 * exponent beyond its range as 0 or ±Infinity, and '1e-99999999999999999' must not become a price
 * of 0 (issue 16).
 */
function fromDecimal(dec: Decimal, field: string, shown: string, finiteNonZero: boolean): ParsedPrice {
  if (dec.isNaN() || (!dec.isFinite() && !finiteNonZero))
    throw new MarketError('non_finite_price', `must be finite, got '${shown}'`, field);
  if (dec.isNegative() && (!dec.isZero() || finiteNonZero))
    throw new MarketError('negative_price', `must be ≥ 0, got '${abbreviate(shown)}'`, field);
  if (finiteNonZero && (!dec.isFinite() || dec.isZero())) {
    // Only an exponent beyond decimal.js's range gets here: far more digits than a market's
    // prices may span (MAX_PRICE_DIGITS), so it is refused like any other too precise price.
    throw new MarketError(
      'too_precise',
      `is too ${dec.isZero() ? 'small' : 'large'} to keep exact, got '${abbreviate(shown)}'; prices are kept exact up to 40 significant digits`,
      field,
    );
  }
  const clean = dec.isZero() ? new Decimal(0) : dec;
  return {
    num: undefined,
    dec: clean,
    decimals: clean.decimalPlaces(),
    magnitude: clean.toNumber(),
    exponent: exponentOf(clean),
  };
}

function abbreviate(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
