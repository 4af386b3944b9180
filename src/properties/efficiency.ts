import type { Market } from '../market/create-market.js';
import type { Outcome } from '../market/outcome.js';
import { type Check, HOLDS } from './types.js';
import { expectedWelfareFraction } from './utility.js';
import { reportLookup } from './values.js';

/**
 * Efficiency: (expected) welfare equals the optimum Σ_{i≤k} (b_i − s_i), with respect to reports.
 *
 * @example
 * ```ts
 * checkEfficiency(market, getMechanism('welfare-max').clear(market)).holds; // true
 * ```
 * @category properties
 */
export function checkEfficiency(market: Market, outcome: Outcome): Check {
  const expected = expectedWelfareFraction(outcome, reportLookup(market));
  if (expected.numerator.eq(outcome.optimalWelfare.times(expected.denominator))) return HOLDS;
  const shown = expected.numerator.div(expected.denominator).toSignificantDigits(30).toString();
  return {
    holds: false,
    reason: `welfare ${shown} < optimum ${outcome.optimalWelfare.toString()} (k = ${outcome.efficientTrades})`,
  };
}
