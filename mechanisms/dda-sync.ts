/**
 * The seed paper's baseline double Dutch auction: synchronised clocks, one price from the
 * terminal clocks (PAPER.md §4.7).
 *
 * @packageDocumentation
 */
import { MechanismError } from '../src/errors.js';
import type { Market } from '../src/market/create-market.js';
import { scaledToDecimal } from '../src/market/scaled.js';
import { checkOptionNames, type Mechanism } from '../src/mechanism.js';
import { Decimal, decimalPow10, type PriceInput } from '../src/money.js';
import {
  buyerClockAt,
  clearInClockOrder,
  runSyncClocks,
  type SyncClockOptions,
  type SyncClockOutcome,
  type SyncClockTraceStep,
  sellerClockAt,
  syncClockContext,
  withSyncClocks,
} from './sync-clocks.js';

/**
 * Options of `dda-sync`: the synchronised clocks' options and the weight of the last buyer clock
 * in the price.
 *
 * @category mechanisms
 */
export interface DdaSyncOptions extends SyncClockOptions {
  /** w in p = w·C_B + (1 − w)·C_S, in [0, 1] (default 1/2: the midpoint of the terminal clocks). */
  readonly weight?: PriceInput;
}

function weightOption(value: PriceInput | undefined): Decimal {
  if (value === undefined) return new Decimal('0.5');
  let w: Decimal;
  try {
    w = new Decimal(value);
  } catch {
    throw new MechanismError(
      'invalid_option',
      `must be a number in [0, 1], got '${String(value)}'`,
      'options.weight',
    );
  }
  if (!w.isFinite() || w.isNegative() || w.gt(1)) {
    throw new MechanismError(
      'invalid_option',
      `must be a number in [0, 1], got ${w.toString()}`,
      'options.weight',
    );
  }
  return w;
}

/** Units of the clearing-order prefix whose stop prices satisfy `ok`. */
function prefixUnits(
  stops: readonly bigint[],
  units: readonly number[],
  count: number,
  ok: (x: bigint) => boolean,
): number {
  let total = 0;
  for (let j = 0; j < count && ok(stops[j] as bigint); j++) total += units[j] as number;
  return total;
}

/**
 * The paper's baseline DDA (PAPER.md §4.7, its Section II and Table I): the buyer clock falls
 * from p_max and the seller clock rises from p_min together by Θ, traders accepting as in
 * `t-dda`; the auction stops at the first tick the clocks cross (C_B ≤ C_S), and one uniform
 * price is set from the terminal clocks, p = w·C_B + (1 − w)·C_S (w = 1/2, the midpoint, by
 * default; another w is the paper's "weighted last clock"). Every accepted trader whose stop price
 * is compatible with p (buyers b ≥ p, sellers a ≤ p) is eligible; as many units trade as the short
 * side holds, at p, the long side rationed by stop price and then id. The paper gives no formula:
 * this reading is PAPER.md §4.7's [impl] one, and ours.
 *
 * Because the clocks do not wait for each other, they cross at about (p_max + p_min)/2 whatever
 * the orders are, so the price is set by the start prices (by default the market's highest and
 * lowest orders) rather than by the marginal traders. Claims: individually rational and strongly
 * budget balanced (one price); not truthful (the trader whose order sets p_max moves the price),
 * not efficient and with no welfare bound (the price can lie outside [L, H]).
 *
 * @example
 * ```ts
 * const m = createMarket({
 *   bids: [{ id: 'b1', value: 10 }, { id: 'b2', value: 8 }, { id: 'b3', value: 4 }],
 *   asks: [{ id: 's1', cost: 2 }, { id: 's2', cost: 5 }, { id: 's3', cost: 9 }],
 * });
 * // p_max = 11, p_min = 1: the clocks cross at tick 5 (6 and 6), so p = 6; b1, b2 with s1, s2
 * ddaSync.clear(m).fills.length; // 4
 * ```
 * @category mechanisms
 */
export const ddaSync: Mechanism<DdaSyncOptions, SyncClockOutcome> = {
  name: 'dda-sync',
  description:
    "the paper's baseline DDA: synchronised clocks stop where they cross; one price w·C_B + (1 − w)·C_S for every compatible trader",
  claims: {
    ir: true,
    dsic: false,
    weakBudgetBalance: true,
    strongBudgetBalance: true,
    efficient: false,
    welfareBound: false,
  },
  options: ['startBuyerPrice', 'startSellerPrice', 'tick', 'maxRounds', 'trace', 'weight'],
  clockTrace(market: Market, options: DdaSyncOptions = {}): readonly SyncClockTraceStep[] {
    checkOptionNames(ddaSync, options);
    return ddaSync.clear(market, { ...options, trace: true }).trace ?? [];
  },
  clear(market: Market, options: DdaSyncOptions = {}): SyncClockOutcome {
    checkOptionNames(ddaSync, options);
    const weight = weightOption(options.weight);
    const context = syncClockContext(market, options);
    const { state, trace } = runSyncClocks(context, context.crossing, options.trace === true);
    const scale = context.scale;
    const cB = scaledToDecimal(buyerClockAt(context, state.time), scale);
    const cS = scaledToDecimal(sellerClockAt(context, state.time), scale);
    const price = weight.times(cB).plus(new Decimal(1).minus(weight).times(cS));
    // Stop prices are integers of 10^−scale: b ≥ p ⇔ b ≥ ⌈p⌉ and a ≤ p ⇔ a ≤ ⌊p⌋ in those units.
    const scaled = price.times(decimalPow10(scale));
    const ceil = BigInt(scaled.ceil().toFixed(0));
    const floor = BigInt(scaled.floor().toFixed(0));
    const demand = prefixUnits(context.bidStop, context.bidUnits, state.bidPosition, (b) => b >= ceil);
    const supply = prefixUnits(context.askStop, context.askUnits, state.askPosition, (a) => a <= floor);
    const units = Math.min(demand, supply);
    const outcome = clearInClockOrder(context, 'dda-sync', units, price, price);
    return withSyncClocks(outcome, state, trace);
  },
};
