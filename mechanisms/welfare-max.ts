/**
 * The welfare-maximising reference mechanism.
 *
 * @packageDocumentation
 */
import type { Market } from '../src/market/create-market.js';
import { clearTopUnits, type Outcome } from '../src/market/outcome.js';
import { orderStatistics } from '../src/market/statistics.js';
import { type ClearOptions, checkOptionNames, type Mechanism } from '../src/mechanism.js';
import { ZERO } from '../src/money.js';

/**
 * Welfare-maximising reference. Every one of the k efficient pairs trades at one price, (L + H)/2,
 * the midpoint of the Walrasian interval [L, H] = [max(s_k, b_{k+1}), min(b_k, s_{k+1})], so it is
 * individually rational, strongly budget balanced and efficient with respect to the reports. It is
 * not truthful (Myerson & Satterthwaite, JET 1983): a price-setting trader gains by shading.
 *
 * @example
 * ```ts
 * const m = createMarket({ bids: [{ id: 'b', value: 5 }], asks: [{ id: 's', cost: 3 }] });
 * welfareMax.clear(m).fills[0]?.price.toString(); // '4'
 * ```
 * @category mechanisms
 */
export const welfareMax: Mechanism = {
  name: 'welfare-max',
  description: 'all k efficient pairs trade at (L + H)/2, the midpoint of the Walrasian interval',
  claims: { ir: true, dsic: false, weakBudgetBalance: true, strongBudgetBalance: true, efficient: true },
  options: [],
  clear(market: Market, options: ClearOptions = {}): Outcome {
    checkOptionNames(welfareMax, options);
    const { k, clearingInterval } = orderStatistics(market);
    if (clearingInterval === undefined) return clearTopUnits(market, 'welfare-max', 0, ZERO, ZERO);
    const price = clearingInterval[0].plus(clearingInterval[1]).div(2);
    return clearTopUnits(market, 'welfare-max', k, price, price);
  },
};
