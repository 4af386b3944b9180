import { bookOf, createMarket, type Market, repriced } from '../market/create-market.js';
import type { AskInput, BidInput, Side } from '../market/types.js';
import type { Mechanism } from '../mechanism.js';
import type { Decimal } from '../money.js';
import { checkSeed } from '../seed.js';
import { type Check, HOLDS } from './types.js';
import { expectedUtility, type Fraction, fillsById, fractionToString, sign, subtract } from './utility.js';

/** The market in which participant `id` reports `misreport` instead of its true price. */
export function withMisreport(market: Market, id: string, side: Side, misreport: Decimal): Market {
  // The DSIC check's hot path: reprice the one order in the scaled book; through createMarket only
  // where that could give another market (see `repriced`).
  const key = bookOf(market).index.get(id);
  if (key !== undefined && key >= 0 === (side === 'buy')) {
    const fast = repriced(market, side, key >= 0 ? key : -key - 1, misreport);
    if (fast !== undefined) return fast;
  }
  const bids: BidInput[] = market.bids.map((b) => ({
    id: b.id,
    value: side === 'buy' && b.id === id ? misreport : b.value,
    quantity: b.quantity,
  }));
  const asks: AskInput[] = market.asks.map((a) => ({
    id: a.id,
    cost: side === 'sell' && a.id === id ? misreport : a.cost,
    quantity: a.quantity,
  }));
  return createMarket({ bids, asks });
}

/** The true (reported) price of a participant. */
export function truePrice(market: Market, id: string, side: Side): Decimal {
  const order = side === 'buy' ? market.bids.find((b) => b.id === id) : market.asks.find((a) => a.id === id);
  if (order === undefined) throw new Error(`no ${side === 'buy' ? 'bid' : 'ask'} with id '${id}'`);
  return 'value' in order ? order.value : order.cost;
}

/**
 * The exact gain in (expected) utility of participant `id` from reporting `misreport` instead of
 * its true price, all else equal. Positive means the misreport pays.
 *
 * @category properties
 */
export function misreportGain(
  mechanism: Mechanism,
  market: Market,
  participant: { readonly id: string; readonly side: Side },
  misreport: Decimal,
  options: { readonly seed?: number; readonly truthful?: ReturnType<Mechanism['clear']> } = {},
): Fraction {
  const { id, side } = participant;
  const truth = truePrice(market, id, side);
  const seed = checkSeed(options.seed ?? 0, 'options.seed');
  const honest = options.truthful ?? mechanism.clear(market, { seed });
  const lying = mechanism.clear(withMisreport(market, id, side, misreport), { seed });
  return subtract(
    expectedUtility(lying, fillsById(lying), id, side, truth),
    expectedUtility(honest, fillsById(honest), id, side, truth),
  );
}

/**
 * Checks one unilateral misreport: it fails when reporting `misreport` raises the participant's
 * exact (expected) utility above truthful reporting.
 *
 * @example
 * ```ts
 * // In the average mechanism, buyer b1 (value 10) gains by reporting 8: the price falls from 6 to 5.
 * checkMisreport(getMechanism('average'), market, { id: 'b1', side: 'buy' }, new Decimal(8)).gain; // '1'
 * ```
 * @category properties
 */
export function checkMisreport(
  mechanism: Mechanism,
  market: Market,
  participant: { readonly id: string; readonly side: Side },
  misreport: Decimal,
  options: { readonly seed?: number } = {},
): Check {
  const gain = misreportGain(mechanism, market, participant, misreport, options);
  if (sign(gain) <= 0) return HOLDS;
  return profitable(market, participant, misreport, gain);
}

export function profitable(
  market: Market,
  participant: { readonly id: string; readonly side: Side },
  misreport: Decimal,
  gain: Fraction,
): Check {
  const truth = truePrice(market, participant.id, participant.side).toString();
  const role = participant.side === 'buy' ? 'buyer' : 'seller';
  return {
    holds: false,
    participant: participant.id,
    misreport: misreport.toString(),
    gain: fractionToString(gain),
    reason: `${role} ${participant.id} (true ${truth}) gains ${fractionToString(gain)} by reporting ${misreport.toString()}`,
  };
}
