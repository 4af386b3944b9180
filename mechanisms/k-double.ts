/**
 * The k-double auction.
 *
 * @packageDocumentation
 */
import { MechanismError } from '../src/errors.js';
import type { Market } from '../src/market/create-market.js';
import { clearTopUnits, type Outcome } from '../src/market/outcome.js';
import { orderStatistics } from '../src/market/statistics.js';
import { type ClearOptions, checkOptionNames, type Mechanism } from '../src/mechanism.js';
import { Decimal, type PriceInput, ZERO } from '../src/money.js';

/**
 * Options of the k-double auction.
 *
 * @category mechanisms
 */
export interface KDoubleOptions extends ClearOptions {
  /** Where in [L, H] the price lies: 0 gives L, the lowest clearing price (best for buyers); 1 gives H, the highest (best for sellers). Default 0.5. */
  readonly k?: PriceInput;
}

/**
 * k-double auction (Chatterjee & Samuelson, Operations Research 1983; Satterthwaite & Williams,
 * JET 1989): all k efficient pairs trade at p = (1 − k)·L + k·H with k ∈ [0, 1]. Individually
 * rational, strongly budget balanced and efficient with respect to reports, but manipulable: the
 * marginal traders shade their reports to move the price (Myerson & Satterthwaite, JET 1983).
 *
 * @example
 * ```ts
 * const m = createMarket({ bids: [{ id: 'b', value: 5 }], asks: [{ id: 's', cost: 3 }] });
 * kDouble.clear(m, { k: 1 }).fills[0]?.price.toString(); // '5'
 * ```
 * @category mechanisms
 */
export const kDouble: Mechanism<KDoubleOptions> = {
  name: 'k-double',
  description: 'all k efficient pairs trade at (1 − k)·L + k·H (option k in [0, 1], default 0.5)',
  claims: { ir: true, dsic: false, weakBudgetBalance: true, strongBudgetBalance: true, efficient: true },
  options: ['k'],
  clear(market: Market, options: KDoubleOptions = {}): Outcome {
    checkOptionNames(kDouble, options);
    const weight = parseWeight(options.k ?? '0.5');
    const { k, clearingInterval } = orderStatistics(market);
    if (clearingInterval === undefined) return clearTopUnits(market, 'k-double', 0, ZERO, ZERO);
    const [low, high] = clearingInterval;
    const price = low.plus(high.minus(low).times(weight));
    return clearTopUnits(market, 'k-double', k, price, price);
  },
};

function parseWeight(k: PriceInput): Decimal {
  let weight: Decimal;
  try {
    weight = new Decimal(k);
  } catch {
    throw new MechanismError('invalid_option', `must be a number in [0, 1], got '${String(k)}'`, 'options.k');
  }
  if (!weight.isFinite() || weight.lt(0) || weight.gt(1)) {
    throw new MechanismError(
      'invalid_option',
      `must be a number in [0, 1], got ${weight.toString()}`,
      'options.k',
    );
  }
  return weight;
}
