/**
 * Exact money. This module is the only place that configures decimal.js, and it does so on an
 * isolated clone (never `Decimal.set` on the global), so a user's own decimal.js settings are
 * untouched and ours cannot be changed from outside.
 *
 * @packageDocumentation
 */
import DecimalModule, { type Decimal as DecimalJs } from 'decimal.js';

// decimal.js ships CommonJS-style typings with an ESM build: under NodeNext the typings describe
// the default import as the module object, while at run time it is the class itself.
const DecimalClass: typeof DecimalJs =
  (DecimalModule as unknown as { Decimal?: typeof DecimalJs }).Decimal ??
  (DecimalModule as unknown as typeof DecimalJs);

/**
 * The Decimal constructor used for every amount of money in this package: 100 significant digits,
 * half-even rounding. `createMarket` refuses prices that span more than 40 significant digits
 * (`MAX_PRICE_DIGITS`), so every price, sum, difference, midpoint and product by a quantity is
 * exact; only a division that does not terminate (an expected value over k, e.g. 35/3) rounds,
 * at the 100th digit. The verifier compares such values as exact fractions.
 *
 * @category mechanisms
 */
export const Decimal: DecimalJs.Constructor = DecimalClass.clone({
  precision: 100,
  rounding: DecimalClass.ROUND_HALF_EVEN,
  toExpNeg: -30,
  toExpPos: 40,
});
/** An exact decimal amount of money. @category mechanisms */
export type Decimal = DecimalJs;

/**
 * A price as a user may give it: a JavaScript number (read as its shortest decimal representation,
 * so `0.1` is one tenth), a decimal string such as `'14.50'`, or a decimal.js `Decimal`.
 *
 * @category mechanisms
 */
export type PriceInput = number | string | DecimalJs;

/** Zero, shared. @category mechanisms */
export const ZERO: Decimal = new Decimal(0);

/** True when `x` is a decimal.js value from any copy or clone of the library. */
export function isDecimal(x: unknown): x is DecimalJs {
  return DecimalClass.isDecimal(x);
}

/** Converts a validated price input to a `Decimal` of this package's configuration. */
export function toDecimal(x: PriceInput): Decimal {
  return x instanceof Decimal ? x : new Decimal(x);
}

const powersOfTen: Decimal[] = [];
/** 10^n as a Decimal, memoised (scales are small and reused on every conversion). */
export function decimalPow10(n: number): Decimal {
  let p = powersOfTen[n];
  if (p === undefined) {
    p = new Decimal(10).pow(n);
    powersOfTen[n] = p;
  }
  return p;
}

/** The larger of two decimals. */
export function maxDecimal(a: Decimal, b: Decimal): Decimal {
  return a.gte(b) ? a : b;
}

/** The smaller of two decimals. */
export function minDecimal(a: Decimal, b: Decimal): Decimal {
  return a.lte(b) ? a : b;
}
