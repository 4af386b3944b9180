/**
 * The trade-reduced double Dutch auction.
 *
 * @packageDocumentation
 */
import type { Market } from '../src/market/create-market.js';
import { clearTopUnits } from '../src/market/outcome.js';
import { checkOptionNames, type Mechanism } from '../src/mechanism.js';
import { Decimal, decimalPow10 } from '../src/money.js';
import {
  attachTrace,
  DDA_OPTION_NAMES,
  type DdaOptions,
  type DdaOutcome,
  type DdaState,
  type DdaTraceStep,
  ddaTrade,
  runDda,
  withClocks,
} from './dda.js';

/** The clock price at which the q-th unit of a side committed (its threshold rounded onto the clock's grid). */
function commitPrice(state: DdaState, side: 'buy' | 'sell', q: number): Decimal {
  const c = state.context;
  const prices = side === 'buy' ? c.bidPrices : c.askPrices;
  const units = side === 'buy' ? c.bidUnits : c.askUnits;
  let seen = 0;
  let j = 0;
  while (j < prices.length && seen + (units[j] as number) < q) seen += units[j++] as number;
  const x = prices[j] as bigint;
  let clock: bigint;
  if (side === 'buy') {
    const steps = (c.startBuyer - x + c.tick - 1n) / c.tick;
    clock = c.startBuyer - (steps < 0n ? 0n : steps) * c.tick;
    if (clock < 0n) clock = 0n;
  } else {
    const distance = x - c.startSeller;
    const steps = distance <= 0n ? 0n : (distance + c.tick - 1n) / c.tick;
    clock = c.startSeller + steps * c.tick;
  }
  return new Decimal(clock.toString()).div(decimalPow10(c.scale));
}

/**
 * The trade-reduced double Dutch auction: the clocks run as in {@link dda}; of the q units the
 * double Dutch auction would trade, the marginal (q-th) pair is dropped, and the other q − 1 trade,
 * buyers paying the buyer clock's price when the marginal buyer committed and sellers receiving the
 * seller clock's price when the marginal seller committed. With the default tick those prices are
 * b_q and s_q and q = k, so this is a clock implementation of trade reduction (McAfee, JET 1992):
 * truthful, individually rational, weakly budget balanced, welfare ≥ (1 − 1/k)·OPT. With a coarse
 * tick whose rounding would put the buyers' price below the sellers', nothing trades (the budget
 * must not run a deficit).
 *
 * @example
 * ```ts
 * const m = createMarket({
 *   bids: [{ id: 'b1', value: 10 }, { id: 'b2', value: 9 }, { id: 'b3', value: 7 }, { id: 'b4', value: 4 }],
 *   asks: [{ id: 's1', cost: 2 }, { id: 's2', cost: 3 }, { id: 's3', cost: 6 }, { id: 's4', cost: 8 }],
 * });
 * ddaTr.clear(m).surplus.toString(); // '2' (b1, b2 pay 7; s1, s2 receive 6)
 * ```
 * @category mechanisms
 */
export const ddaTr: Mechanism<DdaOptions, DdaOutcome> = {
  name: 'dda-tr',
  description:
    'trade-reduced double Dutch: drop the marginal committed pair; buyers pay the buyer clock, sellers get the seller clock',
  claims: {
    ir: true,
    dsic: true,
    weakBudgetBalance: true,
    strongBudgetBalance: false,
    efficient: false,
    welfareBound: true,
  },
  options: DDA_OPTION_NAMES,
  clockTrace(market: Market, options: DdaOptions = {}): readonly DdaTraceStep[] {
    checkOptionNames(ddaTr, options);
    return ddaTr.clear(market, { ...options, trace: true }).trace ?? [];
  },
  clear(market: Market, options: DdaOptions = {}): DdaOutcome {
    checkOptionNames(ddaTr, options);
    const { state, trace } = runDda(market, options);
    const q = ddaTrade(state).units;
    let outcome: DdaOutcome;
    if (q <= 1) {
      outcome = withClocks(clearTopUnits(market, 'dda-tr', 0, new Decimal(0), new Decimal(0)), state);
    } else {
      const buyerPrice = commitPrice(state, 'buy', q);
      const sellerPrice = commitPrice(state, 'sell', q);
      const units = buyerPrice.gte(sellerPrice) ? q - 1 : 0;
      outcome = withClocks(clearTopUnits(market, 'dda-tr', units, buyerPrice, sellerPrice), state);
    }
    if (trace !== undefined) attachTrace(outcome, trace);
    return outcome;
  },
};
