/**
 * The trade-reduction mechanism.
 *
 * @packageDocumentation
 */
import type { Market } from '../src/market/create-market.js';
import { clearTopUnits, type Outcome } from '../src/market/outcome.js';
import { orderStatistics } from '../src/market/statistics.js';
import { type ClearOptions, checkOptionNames, type Mechanism } from '../src/mechanism.js';
import { type Decimal, ZERO } from '../src/money.js';

/**
 * Trade reduction (McAfee, JET 1992; Babaioff & Nisan, JAIR 2004): the k-th, least profitable
 * efficient pair is dropped; buyers 1..k−1 pay b_k and sellers 1..k−1 receive s_k. A trader's
 * price is set by a report it cannot influence while it trades, so truth-telling is dominant; the
 * surplus (k−1)(b_k − s_k) ≥ 0 stays with the auctioneer, and one efficient trade is lost, so
 * welfare ≥ (1 − 1/k)·OPT.
 *
 * @example
 * ```ts
 * const m = createMarket({
 *   bids: [{ id: 'b1', value: 9 }, { id: 'b2', value: 7 }],
 *   asks: [{ id: 's1', cost: 1 }, { id: 's2', cost: 3 }],
 * });
 * tradeReduction.clear(m).surplus.toString(); // '4'
 * ```
 * @category mechanisms
 */
export const tradeReduction: Mechanism = {
  name: 'trade-reduction',
  description: 'drop the k-th pair; buyers 1..k−1 pay b_k, sellers 1..k−1 receive s_k',
  claims: {
    ir: true,
    dsic: true,
    weakBudgetBalance: true,
    strongBudgetBalance: false,
    efficient: false,
    welfareBound: true,
  },
  options: [],
  clear(market: Market, options: ClearOptions = {}): Outcome {
    checkOptionNames(tradeReduction, options);
    return reduceTrade(market, 'trade-reduction');
  },
};

/** Trade reduction under a given mechanism name (McAfee's mechanism falls back to it). */
export function reduceTrade(market: Market, mechanism: string): Outcome {
  const stats = orderStatistics(market);
  if (stats.k <= 1) return clearTopUnits(market, mechanism, 0, ZERO, ZERO);
  return clearTopUnits(
    market,
    mechanism,
    stats.k - 1,
    stats.bid(stats.k) as Decimal,
    stats.ask(stats.k) as Decimal,
  );
}
