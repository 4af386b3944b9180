import type { Market } from '../market/create-market.js';
import type { Outcome } from '../market/outcome.js';
import { type Check, HOLDS } from './types.js';
import { expectedWelfareFraction } from './utility.js';
import { reportLookup } from './values.js';

/**
 * The trade-reduction welfare bound: (expected) welfare ≥ (1 − 1/k)·OPT, checked exactly as
 * k·W·d ≥ (k − 1)·OPT·d for expected welfare W = n/d. Holds trivially when k = 0.
 *
 * @example
 * ```ts
 * checkWelfareBound(market, getMechanism('trade-reduction').clear(market)).holds; // true
 * ```
 * @category properties
 */
export function checkWelfareBound(market: Market, outcome: Outcome): Check {
  const k = outcome.efficientTrades;
  if (k === 0) return HOLDS;
  const expected = expectedWelfareFraction(outcome, reportLookup(market));
  const lhs = expected.numerator.times(k);
  const rhs = outcome.optimalWelfare.times(k - 1).times(expected.denominator);
  if (lhs.gte(rhs)) return HOLDS;
  const shown = expected.numerator.div(expected.denominator).toSignificantDigits(30).toString();
  return {
    holds: false,
    reason: `welfare ${shown} < (1 − 1/${k})·${outcome.optimalWelfare.toString()}`,
  };
}
