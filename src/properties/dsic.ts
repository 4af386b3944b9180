import type { Market } from '../market/create-market.js';
import { orderStatistics } from '../market/statistics.js';
import type { Side } from '../market/types.js';
import type { Mechanism } from '../mechanism.js';
import { Decimal } from '../money.js';
import { checkSeed } from '../seed.js';
import { misreportGain, profitable } from './misreport.js';
import { type Check, HOLDS } from './types.js';
import { sign } from './utility.js';

/**
 * The critical misreports of a market: every report, each ± the smallest price step the market
 * uses, L and H, McAfee's p0 = (b_{k+1} + s_{k+1})/2, 0, and the maximum report plus a step. A
 * mechanism's prices and allocation change only at such points, so a coarse grid misses what
 * these find.
 *
 * @category properties
 */
export function criticalMisreports(market: Market): Decimal[] {
  const reports = [...market.bids.map((b) => b.value), ...market.asks.map((a) => a.cost)];
  const decimals = Math.max(0, ...reports.map((r) => r.decimalPlaces()));
  const step = new Decimal(10).pow(-decimals);
  const points: Decimal[] = [new Decimal(0)];
  for (const r of reports) points.push(r, r.plus(step), r.minus(step));
  const stats = orderStatistics(market);
  if (stats.clearingInterval !== undefined) points.push(...stats.clearingInterval);
  const bNext = stats.bid(stats.k + 1);
  const sNext = stats.ask(stats.k + 1);
  if (bNext !== undefined && sNext !== undefined) points.push(bNext.plus(sNext).div(2));
  if (reports.length > 0) points.push(Decimal.max(...reports).plus(step));
  const unique = new Map<string, Decimal>();
  for (const p of points) if (!p.isNegative()) unique.set(p.toString(), p);
  return [...unique.values()].sort((a, b) => a.comparedTo(b));
}

/**
 * Dominant-strategy incentive compatibility on one market: no participant gains (in exact
 * expected utility, for randomised mechanisms) from any unilateral misreport in
 * {@link criticalMisreports}. Fails with the first profitable misreport found.
 *
 * @example
 * ```ts
 * checkDsic(getMechanism('mcafee'), market).holds; // true
 * checkDsic(getMechanism('average'), market).misreport; // a profitable report, when there is one
 * ```
 * @category properties
 */
export function checkDsic(
  mechanism: Mechanism,
  market: Market,
  options: { readonly seed?: number } = {},
): Check {
  const seed = checkSeed(options.seed ?? 0, 'options.seed');
  const truthful = mechanism.clear(market, { seed });
  const misreports = criticalMisreports(market);
  const participants: { id: string; side: Side; truth: Decimal }[] = [
    ...market.bids.map((b) => ({ id: b.id, side: 'buy' as const, truth: b.value })),
    ...market.asks.map((a) => ({ id: a.id, side: 'sell' as const, truth: a.cost })),
  ];
  for (const participant of participants) {
    for (const misreport of misreports) {
      if (misreport.eq(participant.truth)) continue;
      const gain = misreportGain(mechanism, market, participant, misreport, { seed, truthful });
      if (sign(gain) > 0) return profitable(market, participant, misreport, gain);
    }
  }
  return HOLDS;
}
