import type { Market } from '../market/create-market.js';
import type { Outcome } from '../market/outcome.js';
import { type Check, HOLDS } from './types.js';

/**
 * Strong budget balance: the auctioneer's surplus is exactly 0, whatever the lottery draws
 * (every lottery unit trades at one price on both sides of its trade, so the realised surplus is
 * the one that matters).
 *
 * @example
 * ```ts
 * checkStrongBudgetBalance(market, getMechanism('sbba').clear(market)).holds; // true
 * ```
 * @category properties
 */
export function checkStrongBudgetBalance(_market: Market, outcome: Outcome): Check {
  if (outcome.surplus.isZero()) return HOLDS;
  return { holds: false, reason: `surplus ${outcome.surplus.toString()} ≠ 0` };
}
