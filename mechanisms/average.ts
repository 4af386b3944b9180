/**
 * The average mechanism.
 *
 * @packageDocumentation
 */
import type { Market } from '../src/market/create-market.js';
import { clearTopUnits, type Outcome } from '../src/market/outcome.js';
import { orderStatistics } from '../src/market/statistics.js';
import { type ClearOptions, checkOptionNames, type Mechanism } from '../src/mechanism.js';
import { type Decimal, ZERO } from '../src/money.js';

/**
 * Average mechanism: all k efficient pairs trade at (b_k + s_k)/2, the mean of the marginal
 * traders' reports. Individually rational (b_i ≥ b_k ≥ p ≥ s_k ≥ s_i for every trader), strongly
 * budget balanced and efficient with respect to reports; manipulable by the marginal traders, whose
 * own reports set the price.
 *
 * @example
 * ```ts
 * const m = createMarket({ bids: [{ id: 'b', value: 5 }], asks: [{ id: 's', cost: 3 }] });
 * average.clear(m).fills[0]?.price.toString(); // '4'
 * ```
 * @category mechanisms
 */
export const average: Mechanism = {
  name: 'average',
  description: 'all k efficient pairs trade at (b_k + s_k)/2',
  claims: { ir: true, dsic: false, weakBudgetBalance: true, strongBudgetBalance: true, efficient: true },
  options: [],
  clear(market: Market, options: ClearOptions = {}): Outcome {
    checkOptionNames(average, options);
    const stats = orderStatistics(market);
    if (stats.k === 0) return clearTopUnits(market, 'average', 0, ZERO, ZERO);
    const price = (stats.bid(stats.k) as Decimal).plus(stats.ask(stats.k) as Decimal).div(2);
    return clearTopUnits(market, 'average', stats.k, price, price);
  },
};
