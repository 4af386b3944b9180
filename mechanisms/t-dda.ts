/**
 * The seed paper's truthful double Dutch auction (t-DDA, PAPER.md §4.3–4.4).
 *
 * @packageDocumentation
 */
import type { Market } from '../src/market/create-market.js';
import { clearTopUnits, type Outcome } from '../src/market/outcome.js';
import { scaledToDecimal } from '../src/market/scaled.js';
import { orderStatistics } from '../src/market/statistics.js';
import { checkOptionNames, type Mechanism } from '../src/mechanism.js';
import { type Decimal, ZERO } from '../src/money.js';
import {
  clearInClockOrder,
  lazyProperty,
  runSyncClocks,
  type SyncClockContext,
  type SyncClockOptions,
  type SyncClockOutcome,
  type SyncClockState,
  type SyncClockTraceStep,
  syncClockContext,
  withSyncClocks,
} from './sync-clocks.js';

/**
 * Options of `t-dda`: those of the synchronised clocks (`tick` Θ, `startBuyerPrice` p_max,
 * `startSellerPrice` p_min, `maxRounds`, `trace`).
 *
 * @category mechanisms
 */
export type TddaOptions = SyncClockOptions;

/**
 * What the clearing rule (29)–(32) found, in the paper's terms.
 *
 * @category mechanisms
 */
export interface TddaClearing {
  /** k* of (29), from the stop prices. */
  readonly kStar: number;
  /** Case A (31): k* trade at p_mid; Case B (32): k* − 1 trade; 'no-trade' when k* = 0. */
  readonly case: 'A' | 'B' | 'no-trade';
  /** b_(k*+1) and a_[k*+1] as the clocks revealed them; absent where the paper's sentinel stands in (buyer 0, seller +∞). */
  readonly nextBid?: Decimal;
  readonly nextAsk?: Decimal;
  /** p_mid of (30), absent when it is +∞ (no a_[k*+1]). */
  readonly midpoint?: Decimal;
}

/**
 * The outcome of a t-DDA: the clocks' final state, the clearing's case and order statistics, and
 * the trace when `trace: true`.
 *
 * @category mechanisms
 */
export interface TddaOutcome extends SyncClockOutcome {
  readonly clearing: TddaClearing;
}

interface Plan {
  kStar: number;
  bK: bigint;
  aK: bigint;
  bNext: bigint | undefined;
  aNext: bigint | undefined;
  stopTime: bigint;
}

/**
 * k* of (29) on the stop prices, and the tick at which the clocks have revealed everything the
 * clearing needs: b_(k*+1) and a_[k*+1], or the knowledge that a side has none (all its traders
 * accepted, or its clock reached its bound). An auctioneer checking after every tick would stop at
 * the same tick: before it, one of the two stop prices is still unknown and could be anything
 * beyond the clock.
 */
function plan(c: SyncClockContext): Plan {
  const nb = c.bidStop.length;
  const na = c.askStop.length;
  let k = 0;
  let bj = 0;
  let aj = 0;
  let bLeft = c.bidUnits[0] ?? 0;
  let aLeft = c.askUnits[0] ?? 0;
  let bK = 0n;
  let aK = 0n;
  while (bj < nb && aj < c.askAccepting) {
    const b = c.bidStop[bj] as bigint;
    const a = c.askStop[aj] as bigint;
    if (b < a) break;
    const t = Math.min(bLeft, aLeft);
    k += t;
    bK = b;
    aK = a;
    bLeft -= t;
    aLeft -= t;
    if (bLeft === 0 && ++bj < nb) bLeft = c.bidUnits[bj] as number;
    if (aLeft === 0 && ++aj < na) aLeft = c.askUnits[aj] as number;
  }
  const bNext = bj < nb ? (c.bidStop[bj] as bigint) : undefined;
  const aNext = aj < c.askAccepting ? (c.askStop[aj] as bigint) : undefined;
  const tB = bj < nb ? (c.bidTime[bj] as bigint) : nb > 0 ? (c.bidTime[nb - 1] as bigint) : 0n;
  let tS: bigint;
  if (aj < c.askAccepting) tS = c.askTime[aj] as bigint;
  else if (aj < na)
    tS = c.sellerEnd; // it exists but its cost lies above p_max: the clock must reach its bound
  else tS = na > 0 ? (c.askTime[na - 1] as bigint) : 0n;
  return { kStar: k, bK, aK, bNext, aNext, stopTime: tB > tS ? tB : tS };
}

/**
 * The truthful double Dutch auction of the seed paper (PAPER.md §4.3–4.4, its Section V). A
 * buyer clock falls from p_max and a seller clock rises from p_min, together, by Θ; a buyer
 * accepts at the first tick the buyer clock is at or below its value and a seller at the first tick
 * the seller clock is at or above its cost, each recording its stop price (26)–(27). The clocks run
 * on past their crossing until b_(k*+1) and a_[k*+1] are revealed, or a side has no more traders
 * to accept, or a clock reaches its bound (0, p_max); a missing one takes the paper's sentinel
 * (buyer 0, seller +∞). Clearing is (29)–(32): k* = max{k : b_(k) ≥ a_[k]}, p_mid =
 * (b_(k*+1) + a_[k*+1])/2; Case A (a_[k*] ≤ p_mid ≤ b_(k*)): k* pairs trade at p_mid; Case B:
 * k* − 1 pairs trade, buyers paying b_(k*) and sellers receiving a_[k*]. Ties by ascending id.
 *
 * This is McAfee's (JET 1992) trade-reduction double auction run by clocks: with the default
 * tick and start prices every stop price is its report, and the outcome equals `mcafee`'s wherever
 * both (k*+1)-th orders exist; without a (k*+1)-th bid the paper's sentinel gives p_mid =
 * a_[k*+1]/2 where `mcafee` reduces (see docs/dda.md). Claims (default tick and start prices):
 * individually rational, truthful, weakly budget balanced (strongly in Case A), welfare ≥
 * (1 − 1/k)·OPT. Event-driven: the clocks jump from one acceptance to the next.
 *
 * @example
 * ```ts
 * // PAPER.md §4.9, first worked example: Case A, two trades at p_mid = (4 + 9)/2
 * const m = createMarket({
 *   bids: [{ id: 'b1', value: 10 }, { id: 'b2', value: 8 }, { id: 'b3', value: 4 }],
 *   asks: [{ id: 's1', cost: 2 }, { id: 's2', cost: 5 }, { id: 's3', cost: 9 }],
 * });
 * const o = tDda.clear(m);
 * o.clearing.case; // 'A'
 * o.fills[0]?.price.toString(); // '6.5'
 * ```
 * @category mechanisms
 */
export const tDda: Mechanism<TddaOptions, TddaOutcome> = {
  name: 't-dda',
  description:
    "the paper's truthful double Dutch auction: synchronised clocks record stop prices; McAfee's trade reduction (29)–(32) clears",
  claims: {
    ir: true,
    dsic: true,
    weakBudgetBalance: true,
    strongBudgetBalance: false,
    efficient: false,
    welfareBound: true,
  },
  options: ['startBuyerPrice', 'startSellerPrice', 'tick', 'maxRounds', 'trace'],
  clockTrace(market: Market, options: TddaOptions = {}): readonly SyncClockTraceStep[] {
    checkOptionNames(tDda, options);
    return tDda.clear(market, { ...options, trace: true }).trace ?? [];
  },
  clear(market: Market, options: TddaOptions = {}): TddaOutcome {
    checkOptionNames(tDda, options);
    const onTheBook =
      options.tick === undefined &&
      options.startBuyerPrice === undefined &&
      options.startSellerPrice === undefined &&
      options.maxRounds === undefined &&
      options.trace !== true;
    return onTheBook ? clearOnTheBook(market) : clearByClocks(market, options);
  },
};

/**
 * The default grid: the tick is the market's step and the start prices lie on it beyond every
 * order, so every stop price is its report and the clearing reads the book's order statistics
 * directly, as `mcafee` does (the verifier clears millions of small markets). The clocks are run
 * only if the outcome's clock fields are read. A test checks this equals {@link clearByClocks}.
 */
function clearOnTheBook(market: Market): TddaOutcome {
  const stats = orderStatistics(market);
  const k = stats.k;
  const bNext = stats.bid(k + 1);
  const aNext = stats.ask(k + 1);
  const midpoint = aNext === undefined ? undefined : (bNext ?? ZERO).plus(aNext).div(2);
  const bK = stats.bid(k);
  const aK = stats.ask(k);
  const caseA =
    k > 0 && midpoint !== undefined && (aK as Decimal).lte(midpoint) && midpoint.lte(bK as Decimal);
  let outcome: Outcome;
  if (k === 0) outcome = clearTopUnits(market, 't-dda', 0, ZERO, ZERO);
  else if (caseA) outcome = clearTopUnits(market, 't-dda', k, midpoint as Decimal, midpoint as Decimal);
  else outcome = clearTopUnits(market, 't-dda', k - 1, bK as Decimal, aK as Decimal);
  // Eager: its Decimals are the order statistics' own, so it costs one small object.
  const clearing: TddaClearing = {
    kStar: k,
    case: k === 0 ? 'no-trade' : caseA ? 'A' : 'B',
    ...(bNext === undefined ? {} : { nextBid: bNext }),
    ...(aNext === undefined ? {} : { nextAsk: aNext }),
    ...(midpoint === undefined || k === 0 ? {} : { midpoint }),
  };
  Object.defineProperty(outcome, 'clearing', { enumerable: true, value: clearing });
  let state: SyncClockState | undefined;
  const clocks = (): SyncClockState => {
    if (state === undefined) {
      const context = syncClockContext(market);
      state = runSyncClocks(context, plan(context).stopTime, false).state;
    }
    return state;
  };
  return withSyncClocks(outcome, clocks) as TddaOutcome;
}

/** The clocks run (and traced when asked), then (29)–(32) on the stop prices they revealed. */
function clearByClocks(market: Market, options: TddaOptions): TddaOutcome {
  const context = syncClockContext(market, options);
  const p = plan(context);
  const { state, trace } = runSyncClocks(context, p.stopTime, options.trace === true);
  const scale = context.scale;
  const dec = (x: bigint): Decimal => scaledToDecimal(x, scale);
  const k = p.kStar;
  // Twice p_mid, so the Case test (30)–(31) stays in integers; the buyer sentinel is 0, and the
  // seller sentinel +∞ leaves p_mid undefined (Case B).
  const twiceMid = p.aNext === undefined ? undefined : (p.bNext ?? 0n) + p.aNext;
  const caseA = k > 0 && twiceMid !== undefined && 2n * p.aK <= twiceMid && twiceMid <= 2n * p.bK;
  const midpoint = twiceMid === undefined ? undefined : dec(twiceMid).div(2);
  let outcome: Outcome;
  if (k === 0) outcome = clearInClockOrder(context, 't-dda', 0, ZERO, ZERO);
  else if (caseA) outcome = clearInClockOrder(context, 't-dda', k, midpoint as Decimal, midpoint as Decimal);
  else outcome = clearInClockOrder(context, 't-dda', k - 1, dec(p.bK), dec(p.aK));
  lazyProperty(
    outcome,
    'clearing',
    (): TddaClearing => ({
      kStar: k,
      case: k === 0 ? 'no-trade' : caseA ? 'A' : 'B',
      ...(p.bNext === undefined ? {} : { nextBid: dec(p.bNext) }),
      ...(p.aNext === undefined ? {} : { nextAsk: dec(p.aNext) }),
      ...(midpoint === undefined || k === 0 ? {} : { midpoint }),
    }),
  );
  return withSyncClocks(outcome, state, trace) as TddaOutcome;
}
