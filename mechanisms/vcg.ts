/**
 * The Vickrey–Clarke–Groves double auction.
 *
 * @packageDocumentation
 */
import type { Market } from '../src/market/create-market.js';
import { clearTopUnits, type Outcome } from '../src/market/outcome.js';
import { orderStatistics } from '../src/market/statistics.js';
import { type ClearOptions, checkOptionNames, type Mechanism } from '../src/mechanism.js';
import { ZERO } from '../src/money.js';

/**
 * VCG double auction (Vickrey 1961; Clarke 1971; Groves 1973): the k efficient pairs trade; each
 * buyer pays L = max(s_k, b_{k+1}), the least it could have bid and still traded, and each seller
 * receives H = min(b_k, s_{k+1}), the most it could have asked. Each trader's payment is its
 * externality, so truth-telling is dominant and the outcome efficient; the price is a deficit of
 * k·(H − L) to the auctioneer, so it is not budget balanced (Myerson & Satterthwaite, JET 1983).
 *
 * @example
 * ```ts
 * const m = createMarket({ bids: [{ id: 'b', value: 5 }], asks: [{ id: 's', cost: 3 }] });
 * vcg.clear(m).surplus.toString(); // '-2'
 * ```
 * @category mechanisms
 */
export const vcg: Mechanism = {
  name: 'vcg',
  description: 'all k efficient pairs trade; buyers pay L, sellers receive H (deficit k(H − L))',
  claims: { ir: true, dsic: true, weakBudgetBalance: false, strongBudgetBalance: false, efficient: true },
  options: [],
  clear(market: Market, options: ClearOptions = {}): Outcome {
    checkOptionNames(vcg, options);
    const { k, clearingInterval } = orderStatistics(market);
    if (clearingInterval === undefined) return clearTopUnits(market, 'vcg', 0, ZERO, ZERO);
    return clearTopUnits(market, 'vcg', k, clearingInterval[0], clearingInterval[1]);
  },
};
