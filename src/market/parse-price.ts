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
  if (n === 0) return Number.NEGATIVE_INFINITY;
  // Counted against powers of ten, which are exact doubles up to 10^22: no text is made.
  let exponent = 0;
  for (let power = 10; power <= n; power *= 10) exponent++;
  return exponent;
}

/** A Decimal's exponent (exact at any size). */
function exponentOf(dec: Decimal): number {
  return dec.isZero() ? Number.NEGATIVE_INFINITY : dec.e;
}

// Every scaled price tried by the fast path stays below 2^51, where a double's spacing is at most 1/4.
const TWO_51 = 2 ** 51;
/** 10^0 … 10^22, each an exact double (made by exact products, not by `**`). */
const POW10: readonly number[] = Array.from({ length: 23 }, (_, d) => {
  let p = 1;
  for (let k = 0; k < d; k++) p *= 10;
  return p;
});
/** The most places the first try settles: the slot markets round USD prices to 10^-9 (issue 15). */
const FIRST_TRY = 9;

/**
 * The decimal places of a double with few of them, such as a USD price already rounded to 10^-9
 * (the slot markets, issue 15): the places of `String(x)`, found without making the text (which was
 * most of the cost of a market of such prices). Returns 0 to leave `x` to the general path: below
 * 10^-6 (where `String` writes an exponent), not finite, an integer, or with so many places that
 * `x · 10^places` reaches 2^51.
 *
 * Why it is exact. Let `m = Math.round(x · 10^d)`. (1) If `m / 10^d === x` (both operands exact
 * doubles, so the quotient is m·10^-d correctly rounded), the decimal m·10^-d reads back as `x`.
 * (2) Conversely, if a decimal with d places reads back as `x`, it is within half an ulp of `x`, so
 * its scaled value is within 1.5 ulp(x · 10^d) ≤ 3/8 of the computed `x · 10^d` (below 2^51), and
 * `Math.round` finds it: the test of (1) holds. (3) Below 2^51 at most one decimal with d places
 * reads back as `x` (two differ by 1 once scaled, more than the spacing there). So the fewest places
 * d* of any decimal that reads back as `x` is the first d that passes when trying d = 1, 2, …; and
 * when d = 9 passes, the decimal it finds is the one with d* places (it has at most 9, so it is
 * also a decimal with 9 places, the only one), and d* is 9 less its trailing zeros. d* is the
 * number of places of `String(x)`, the decimal with the fewest significant digits that reads back as
 * `x` (ECMAScript Number::toString): two decimals that read back as `x` are within 2^-52·x of each
 * other, so they cannot start at different powers of ten unless that power of ten itself reads
 * back, with one digit. By (3) its value is m·10^-d*.
 */
export function placesOf(x: number): number {
  if (!(x >= 1e-6) || Number.isInteger(x)) return 0; // also NaN
  for (let d = x * (POW10[FIRST_TRY] as number) < TWO_51 ? FIRST_TRY : 1; d <= 22; d++) {
    const scale = POW10[d] as number;
    const scaled = x * scale;
    if (scaled >= TWO_51) return 0;
    let m = Math.round(scaled);
    if (m / scale === x) {
      for (; m % 10 === 0; m /= 10) d--;
      return d;
    }
  }
  return 0;
}

/**
 * The power of ten of the first significant digit of a double `x` with `places` decimal places
 * (from {@link placesOf}), exactly: m = x · 10^places is an integer, and the price starts `places`
 * digits below m's first digit.
 */
export function placedExponent(x: number, places: number): number {
  return integerExponent(Math.round(x * (POW10[places] as number))) - places;
}

/** The fast path of {@link parsePrice} for a double with few decimal places, or undefined. */
export function fewDecimals(x: number): ParsedPrice | undefined {
  const decimals = placesOf(x);
  if (decimals === 0) return undefined;
  return { num: x, dec: undefined, decimals, magnitude: x, exponent: placedExponent(x, decimals) };
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
    const few = fewDecimals(input);
    if (few !== undefined) return few;
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
