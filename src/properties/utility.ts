/**
 * Exact (expected) utilities. With a lottery, a pool member's expected units are
 * units_in_pool · winners / pool size, so expected utilities are fractions with the pool size as
 * denominator; they are compared by cross-multiplication, never by rounding.
 */
import type { Fill, Lottery, Outcome } from '../market/outcome.js';
import type { Side } from '../market/types.js';
import { Decimal, ZERO } from '../money.js';

/** numerator / denominator, denominator a positive integer. */
export interface Fraction {
  readonly numerator: Decimal;
  readonly denominator: number;
}

/** a − b, exactly. */
export function subtract(a: Fraction, b: Fraction): Fraction {
  if (a.denominator === b.denominator)
    return { numerator: a.numerator.minus(b.numerator), denominator: a.denominator };
  return {
    numerator: a.numerator.times(b.denominator).minus(b.numerator.times(a.denominator)),
    denominator: a.denominator * b.denominator,
  };
}

/** The sign of a fraction: −1, 0 or 1. */
export function sign(a: Fraction): number {
  return a.numerator.isZero() ? 0 : a.numerator.isNegative() ? -1 : 1;
}

/** The fraction as a decimal string (exact when it terminates, else 30 significant digits). */
export function fractionToString(a: Fraction): string {
  return a.denominator === 1
    ? a.numerator.toString()
    : a.numerator.div(a.denominator).toSignificantDigits(30).toString();
}

/** Index of an outcome's fills by participant id. */
export function fillsById(outcome: Outcome): Map<string, Fill> {
  return new Map(outcome.fills.map((f) => [f.id, f]));
}

/**
 * The exact expected utility of participant `id` on `side`, whose true value (or cost) per unit is
 * `truth`, in `outcome`: q·(v − p) for a buyer, q·(p − c) for a seller, 0 without a fill, and
 * over the lottery for a pool member.
 */
export function expectedUtility(
  outcome: Outcome,
  fills: Map<string, Fill>,
  id: string,
  side: Side,
  truth: Decimal,
): Fraction {
  const lottery = outcome.lottery;
  if (lottery !== undefined && lottery.side === side) {
    const at = lottery.pool.indexOf(id);
    if (at >= 0) {
      const units = lottery.units[at] as number;
      const perUnit = side === 'buy' ? truth.minus(lottery.price) : lottery.price.minus(truth);
      return {
        numerator: perUnit.times(units).times(lottery.winners),
        denominator: poolSize(lottery),
      };
    }
  }
  const fill = fills.get(id);
  if (fill === undefined) return { numerator: ZERO, denominator: 1 };
  const perUnit = side === 'buy' ? truth.minus(fill.price) : fill.price.minus(truth);
  return { numerator: perUnit.times(fill.quantity), denominator: 1 };
}

/** Exact expected welfare as a fraction (deterministic part plus the pool's share). */
export function expectedWelfareFraction(
  outcome: Outcome,
  reportOf: (id: string, side: Side) => Decimal,
): Fraction {
  const lottery = outcome.lottery;
  const pool = new Set(lottery?.pool ?? []);
  let fixed = new Decimal(0);
  for (const f of outcome.fills) {
    if (lottery !== undefined && f.side === lottery.side && pool.has(f.id)) continue;
    const v = reportOf(f.id, f.side).times(f.quantity);
    fixed = f.side === 'buy' ? fixed.plus(v) : fixed.minus(v);
  }
  if (lottery === undefined || lottery.pool.length === 0) return { numerator: fixed, denominator: 1 };
  let drawn = new Decimal(0);
  lottery.pool.forEach((id, n) => {
    const v = reportOf(id, lottery.side).times(lottery.units[n] as number);
    drawn = lottery.side === 'buy' ? drawn.plus(v) : drawn.minus(v);
  });
  const size = poolSize(lottery);
  return {
    numerator: fixed.times(size).plus(drawn.times(lottery.winners)),
    denominator: size,
  };
}

/** The number of units in a lottery's pool. */
function poolSize(lottery: Lottery): number {
  let size = 0;
  for (const u of lottery.units) size += u;
  return size;
}
