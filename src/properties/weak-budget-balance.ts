import type { Market } from '../market/create-market.js';
import type { Outcome } from '../market/outcome.js';
import { type Check, HOLDS } from './types.js';

/**
 * Weak budget balance: the auctioneer's surplus (Σ payments − Σ receipts) is ≥ 0.
 *
 * @example
 * ```ts
 * checkWeakBudgetBalance(market, getMechanism('vcg').clear(market)); // fails when H > L
 * ```
 * @category properties
 */
export function checkWeakBudgetBalance(_market: Market, outcome: Outcome): Check {
  if (!outcome.surplus.isNegative() || outcome.surplus.isZero()) return HOLDS;
  return { holds: false, reason: `the auctioneer runs a deficit: surplus ${outcome.surplus.toString()} < 0` };
}
