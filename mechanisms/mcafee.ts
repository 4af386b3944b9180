/**
 * McAfee's dominant-strategy double auction.
 *
 * @packageDocumentation
 */
import type { Market } from '../src/market/create-market.js';
import { clearTopUnits, type Outcome } from '../src/market/outcome.js';
import { orderStatistics } from '../src/market/statistics.js';
import { type ClearOptions, checkOptionNames, type Mechanism } from '../src/mechanism.js';
import type { Decimal } from '../src/money.js';
import { reduceTrade } from './trade-reduction.js';

/**
 * McAfee's double auction (McAfee, "A dominant strategy double auction", JET 56, 1992). With
 * p0 = (b_{k+1} + s_{k+1})/2: if s_k ≤ p0 ≤ b_k, all k efficient pairs trade at p0 (strong budget
 * balance); otherwise the k-th pair is dropped and buyers pay b_k, sellers receive s_k (trade
 * reduction, a surplus). Without a (k+1)-th bid or ask this library takes p0 as undefined and
 * reduces (a convention of this library); McAfee's paper instead fills the missing order with the
 * bound of the value support, which a market of reports does not know.
 * Truthful, individually rational, weakly budget balanced, and welfare ≥ (1 − 1/k)·OPT.
 *
 * @example
 * ```ts
 * const m = createMarket({
 *   bids: [{ id: 'b1', value: 10 }, { id: 'b2', value: 8 }, { id: 'b3', value: 3 }],
 *   asks: [{ id: 's1', cost: 1 }, { id: 's2', cost: 2 }, { id: 's3', cost: 9 }],
 * });
 * mcafee.clear(m).fills[0]?.price.toString(); // '6' (p0 = (3 + 9)/2)
 * ```
 * @category mechanisms
 */
export const mcafee: Mechanism = {
  name: 'mcafee',
  description: 'all k pairs trade at p0 = (b_{k+1} + s_{k+1})/2 when s_k ≤ p0 ≤ b_k, else trade reduction',
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
    checkOptionNames(mcafee, options);
    const stats = orderStatistics(market);
    const { k } = stats;
    if (k === 0) return reduceTrade(market, 'mcafee');
    const bNext = stats.bid(k + 1);
    const sNext = stats.ask(k + 1);
    if (bNext !== undefined && sNext !== undefined) {
      const p0 = bNext.plus(sNext).div(2);
      if ((stats.ask(k) as Decimal).lte(p0) && p0.lte(stats.bid(k) as Decimal)) {
        return clearTopUnits(market, 'mcafee', k, p0, p0);
      }
    }
    return reduceTrade(market, 'mcafee');
  },
};
