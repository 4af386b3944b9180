/**
 * Two synchronised price clocks, the price discovery of the seed paper's market (PAPER.md §4.3):
 * an explicit, event-driven state machine shared by its truthful double Dutch auction (`t-dda`)
 * and its baseline DDA (`dda-sync`), which differ only in when they stop and how they clear.
 *
 * @packageDocumentation
 */
import { MechanismError } from '../src/errors.js';
import type { Book, SideBook } from '../src/market/book.js';
import { bookOf, type Market } from '../src/market/create-market.js';
import { buildOutcome, clearTopUnits, type FillInput, type Outcome } from '../src/market/outcome.js';
import { scaledToDecimal } from '../src/market/scaled.js';
import type { ClearOptions } from '../src/mechanism.js';
import { Decimal, decimalPow10, type PriceInput } from '../src/money.js';

/**
 * Options of the synchronised clocks (the names of `dda`'s options; PAPER.md's symbols in brackets).
 *
 * @category mechanisms
 */
export interface SyncClockOptions extends ClearOptions {
  /** Where the descending buyer clock starts [p_max] (default: the highest bid or ask + tick). */
  readonly startBuyerPrice?: PriceInput;
  /** Where the ascending seller clock starts [p_min] (default: the lowest bid or ask − tick, floored at 0). */
  readonly startSellerPrice?: PriceInput;
  /** The clock step [Θ], exact and > 0 (default: the market's smallest price step, which divides every price). */
  readonly tick?: PriceInput;
  /** Most clock ticks before the auction is abandoned with a `MechanismError` (a positive integer; default unbounded). */
  readonly maxRounds?: number;
  /** Record every clock move in `outcome.trace` (default false). */
  readonly trace?: boolean;
}

/**
 * One move of two synchronised clocks: both move together (`clock: 'both'`), so the buyer clock
 * shows p_max − round·Θ (floored at 0) and the seller clock p_min + round·Θ (capped at p_max).
 * Shaped like `DdaTraceStep`, so `ddaClockChart` draws either.
 *
 * @category mechanisms
 */
export interface SyncClockTraceStep {
  /** Ticks elapsed since the start. */
  readonly round: number;
  readonly clock: 'start' | 'both';
  readonly buyerPrice: Decimal;
  readonly sellerPrice: Decimal;
  /** Units whose trader has accepted, on each side, after the move. */
  readonly buyerCommitted: number;
  readonly sellerCommitted: number;
}

/**
 * The fixed data of one run: the clocks' grid and every trader's stop price and acceptance time,
 * all as bigints of 10^−scale (prices) or ticks (times), in clearing order (stop price, then id).
 */
export interface SyncClockContext {
  readonly market: Market;
  readonly book: Book;
  readonly scale: number;
  readonly tick: bigint;
  /** p_max and p_min, scaled. */
  readonly pMax: bigint;
  readonly pMin: bigint;
  /** Order indices in clearing order: stop price (buyers descending, sellers ascending), then id. */
  readonly bidOrder: Int32Array;
  readonly askOrder: Int32Array;
  /** Stop prices (26)–(27) and acceptance times (ticks) in clearing order. */
  readonly bidStop: readonly bigint[];
  readonly bidTime: readonly bigint[];
  readonly bidUnits: readonly number[];
  readonly askStop: readonly bigint[];
  readonly askTime: readonly bigint[];
  readonly askUnits: readonly number[];
  /** How many sellers ever accept: a cost above p_max is never reached by the seller clock. */
  readonly askAccepting: number;
  /** The tick at which the buyer clock reaches 0 and the seller clock reaches p_max (their bounds). */
  readonly buyerEnd: bigint;
  readonly sellerEnd: bigint;
  /** The first tick with C_B ≤ C_S. */
  readonly crossing: bigint;
  /** True when ties in stop prices (from a coarse tick) changed the book's priority order. */
  readonly reordered: boolean;
  readonly maxRounds: number;
}

/**
 * The state of the synchronised clocks between two moves.
 *
 * @category mechanisms
 */
export interface SyncClockState {
  readonly context: SyncClockContext;
  /** The tick the clocks are at. */
  readonly time: bigint;
  /** The tick at which this auction stops (set by its stopping rule). */
  readonly stopTime: bigint;
  /** Traders (clearing-order positions) that have accepted on each side. */
  readonly bidPosition: number;
  readonly askPosition: number;
  readonly buyerCommitted: number;
  readonly sellerCommitted: number;
  readonly done: boolean;
}

/** A price option as an exact Decimal ≥ 0, or a typed error naming it. */
export function priceOption(value: PriceInput | undefined, name: string): Decimal | undefined {
  if (value === undefined) return undefined;
  let d: Decimal;
  try {
    d = new Decimal(value);
  } catch {
    throw new MechanismError(
      'invalid_option',
      `must be a decimal number, got '${String(value)}'`,
      `options.${name}`,
    );
  }
  if (!d.isFinite() || d.isNegative()) {
    throw new MechanismError(
      'invalid_option',
      `must be a finite number ≥ 0, got ${d.toString()}`,
      `options.${name}`,
    );
  }
  return d;
}

/** A round cap: a positive integer (or unbounded when absent), else a typed error naming it. */
export function roundCapOption(value: number | undefined, name = 'maxRounds'): number {
  if (value === undefined) return Number.POSITIVE_INFINITY;
  if (
    typeof value !== 'number' ||
    !(value === Number.POSITIVE_INFINITY || Number.isSafeInteger(value)) ||
    value < 1
  ) {
    throw new MechanismError(
      'invalid_option',
      `must be a positive integer number of rounds, got ${String(value)}`,
      `options.${name}`,
    );
  }
  return value;
}

/** The larger of two bigints (Math.max takes numbers only). */
export function maxBig(a: bigint, b: bigint): bigint {
  if (a >= b) return a;
  return b;
}

/** The smaller of two bigints. */
export function minBig(a: bigint, b: bigint): bigint {
  if (a <= b) return a;
  return b;
}

/** ceil(a / b) for b > 0. */
export function ceilDiv(a: bigint, b: bigint): bigint {
  return a <= 0n ? -(-a / b) : (a + b - 1n) / b;
}

/** An exact price in integer units of 10^−scale (the clocks' grid). */
export function toScaled(d: Decimal, scale: number): bigint {
  return BigInt(d.times(decimalPow10(scale)).toFixed(0));
}

function scaledAt(side: SideBook, i: number, factor: bigint): bigint {
  const x = side.scaled[i] as number | bigint;
  return (typeof x === 'bigint' ? x : BigInt(x)) * factor;
}

/**
 * Re-sorts runs of equal stop prices by id: the clock sees only stop prices, so traders whose
 * values differ but whose stop prices a coarse tick made equal are tied, and the paper's fixed
 * tie-break (PAPER.md §4.4) orders them. With the default tick stop prices equal values and the
 * book's order stands. Returns whether anything moved.
 */
function tieBreakById(
  order: Int32Array,
  stop: readonly bigint[],
  units: number[],
  ids: readonly string[],
): boolean {
  let moved = false;
  for (let start = 0; start < order.length; ) {
    let end = start + 1;
    while (end < order.length && stop[end] === stop[start]) end++;
    if (end - start > 1) {
      const run = Array.from(order.subarray(start, end));
      let sorted = true;
      for (let j = 1; j < run.length && sorted; j++)
        sorted = (ids[run[j - 1] as number] as string) < (ids[run[j] as number] as string);
      if (!sorted) {
        moved = true;
        run.sort((a, b) => ((ids[a] as string) < (ids[b] as string) ? -1 : 1));
        // Stop prices and times are equal within the run; only units follow the order.
        const unitOf = new Map<number, number>();
        for (let j = start; j < end; j++) unitOf.set(order[j] as number, units[j] as number);
        for (let j = start; j < end; j++) {
          order[j] = run[j - start] as number;
          units[j] = unitOf.get(order[j] as number) as number;
        }
      }
    }
    start = end;
  }
  return moved;
}

/**
 * The clocks' grid and every trader's stop price, with the options checked. A buyer of value v
 * accepts at the first tick with C_B ≤ v, so its stop price b = the largest buyer-grid price ≤ v
 * (p_max when v ≥ p_max, 0 when the clock reaches its bound); a seller of cost c at the first tick
 * with C_S ≥ c, so a = the smallest seller-grid price ≥ c (p_min when c ≤ p_min), and a seller with
 * c > p_max never accepts (PAPER.md §4.3, truthful stopping).
 *
 * @category mechanisms
 */
export function syncClockContext(market: Market, options: SyncClockOptions = {}): SyncClockContext {
  const book = bookOf(market);
  const tickOption = priceOption(options.tick, 'tick');
  if (tickOption?.isZero()) throw new MechanismError('invalid_option', 'must be > 0, got 0', 'options.tick');
  const startBuyerOption = priceOption(options.startBuyerPrice, 'startBuyerPrice');
  const startSellerOption = priceOption(options.startSellerPrice, 'startSellerPrice');
  const maxRounds = roundCapOption(options.maxRounds);
  const scale = Math.max(
    book.scale,
    tickOption?.decimalPlaces() ?? 0,
    startBuyerOption?.decimalPlaces() ?? 0,
    startSellerOption?.decimalPlaces() ?? 0,
  );
  const factor = 10n ** BigInt(scale - book.scale);
  const tick = tickOption === undefined ? factor : toScaled(tickOption, scale);
  // Defaults bracket every order, bids and asks alike, so that every trader's stop price is its
  // report (a seller above p_max would never accept and count as missing).
  let high: bigint | undefined;
  let low: bigint | undefined;
  for (const side of [book.bids, book.asks]) {
    const n = side.sorted.length;
    if (n === 0) continue;
    const first = scaledAt(side, side.sorted[0] as number, factor);
    const last = scaledAt(side, side.sorted[n - 1] as number, factor);
    const hi = maxBig(first, last);
    const lo = minBig(first, last);
    if (high === undefined || hi > high) high = hi;
    if (low === undefined || lo < low) low = lo;
  }
  const pMax = startBuyerOption === undefined ? (high ?? 0n) + tick : toScaled(startBuyerOption, scale);
  let pMin = startSellerOption === undefined ? (low ?? 0n) - tick : toScaled(startSellerOption, scale);
  if (pMin < 0n) pMin = 0n;
  if (pMin >= pMax) {
    const field = startSellerOption !== undefined ? 'startSellerPrice' : 'startBuyerPrice';
    throw new MechanismError(
      'invalid_option',
      `the seller clock must start below the buyer clock (p_min < p_max), got p_min = ${scaledToDecimal(pMin, scale).toString()} and p_max = ${scaledToDecimal(pMax, scale).toString()}`,
      `options.${field}`,
    );
  }
  const buyerEnd = ceilDiv(pMax, tick);
  const sellerEnd = ceilDiv(pMax - pMin, tick);
  const crossing = ceilDiv(pMax - pMin, 2n * tick);

  // When every stop price is its report (always with the default tick and start prices), the
  // book's priority order is the clearing order and the tie-break pass is skipped.
  let exact = true;
  const nb = book.bids.sorted.length;
  const bidOrder = Int32Array.from(book.bids.sorted);
  const bidStop: bigint[] = new Array(nb);
  const bidTime: bigint[] = new Array(nb);
  const bidUnits: number[] = new Array(nb);
  for (let j = 0; j < nb; j++) {
    const i = bidOrder[j] as number;
    const v = scaledAt(book.bids, i, factor);
    const t = v >= pMax ? 0n : ceilDiv(pMax - v, tick);
    const clock = pMax - t * tick;
    bidTime[j] = t;
    bidStop[j] = clock < 0n ? 0n : clock;
    if (bidStop[j] !== v) exact = false;
    bidUnits[j] = book.bids.quantity[i] as number;
  }
  const na = book.asks.sorted.length;
  const askOrder = Int32Array.from(book.asks.sorted);
  const askStop: bigint[] = new Array(na);
  const askTime: bigint[] = new Array(na);
  const askUnits: number[] = new Array(na);
  let askAccepting = 0;
  for (let j = 0; j < na; j++) {
    const i = askOrder[j] as number;
    const c = scaledAt(book.asks, i, factor);
    askUnits[j] = book.asks.quantity[i] as number;
    if (c > pMax) {
      // Never reached: kept for the order, with the sentinel meaning of "no stop price".
      askTime[j] = -1n;
      askStop[j] = -1n;
      continue;
    }
    const t = c <= pMin ? 0n : ceilDiv(c - pMin, tick);
    const clock = pMin + t * tick;
    askTime[j] = t;
    askStop[j] = minBig(clock, pMax);
    if (askStop[j] !== c) exact = false;
    askAccepting = j + 1;
  }
  const reorderedBids = !exact && tieBreakById(bidOrder, bidStop, bidUnits, book.bids.ids);
  const reorderedAsks =
    !exact && tieBreakById(askOrder.subarray(0, askAccepting), askStop, askUnits, book.asks.ids);
  return {
    market,
    book,
    scale,
    tick,
    pMax,
    pMin,
    bidOrder,
    askOrder,
    bidStop,
    bidTime,
    bidUnits,
    askStop,
    askTime,
    askUnits,
    askAccepting,
    buyerEnd,
    sellerEnd,
    crossing,
    reordered: reorderedBids || reorderedAsks,
    maxRounds,
  };
}

/** The buyer clock at tick t: p_max − t·Θ, stopped at its bound 0. */
export function buyerClockAt(c: SyncClockContext, t: bigint): bigint {
  const x = c.pMax - t * c.tick;
  return x < 0n ? 0n : x;
}

/** The seller clock at tick t: p_min + t·Θ, stopped at its bound p_max. */
export function sellerClockAt(c: SyncClockContext, t: bigint): bigint {
  const x = c.pMin + t * c.tick;
  return minBig(x, c.pMax);
}

function checkRounds(c: SyncClockContext, tick: bigint): void {
  if (Number(tick) > c.maxRounds) {
    throw new MechanismError(
      'max_rounds',
      `the clocks needed more than ${c.maxRounds} ticks (tick ${scaledToDecimal(c.tick, c.scale).toString()}); raise maxRounds or the tick`,
      'options.maxRounds',
    );
  }
}

function accept(state: SyncClockState, time: bigint): SyncClockState {
  const c = state.context;
  let { bidPosition, askPosition, buyerCommitted, sellerCommitted } = state;
  while (bidPosition < c.bidTime.length && (c.bidTime[bidPosition] as bigint) <= time) {
    buyerCommitted += c.bidUnits[bidPosition] as number;
    bidPosition++;
  }
  while (askPosition < c.askAccepting && (c.askTime[askPosition] as bigint) <= time) {
    sellerCommitted += c.askUnits[askPosition] as number;
    askPosition++;
  }
  return {
    context: c,
    time,
    stopTime: state.stopTime,
    bidPosition,
    askPosition,
    buyerCommitted,
    sellerCommitted,
    done: time >= state.stopTime,
  };
}

/**
 * The initial state (tick 0: traders whose thresholds the start prices already meet accept) for an
 * auction that stops at tick `stopTime`.
 *
 * @category mechanisms
 */
export function syncInitialState(context: SyncClockContext, stopTime: bigint): SyncClockState {
  const start: SyncClockState = {
    context,
    time: 0n,
    stopTime,
    bidPosition: 0,
    askPosition: 0,
    buyerCommitted: 0,
    sellerCommitted: 0,
    done: false,
  };
  return accept(start, 0n);
}

/**
 * One transition: both clocks jump together to the next tick at which a trader accepts, the
 * crossing, or the stop, whichever comes first (ticks without an acceptance move the clocks by
 * (28), so jumping over them changes nothing). Event-driven: a step costs O(traders accepting),
 * whatever Θ.
 *
 * @category mechanisms
 */
export function syncStep(state: SyncClockState): SyncClockState {
  if (state.done) return state;
  const c = state.context;
  let next = state.stopTime;
  const b = c.bidTime[state.bidPosition];
  if (b !== undefined && b < next) next = b;
  if (state.askPosition < c.askAccepting) {
    const a = c.askTime[state.askPosition] as bigint;
    if (a < next) next = a;
  }
  if (state.time < c.crossing && c.crossing < next) next = c.crossing;
  if (next <= state.time) next = state.time + 1n;
  checkRounds(c, next);
  return accept(state, next);
}

/**
 * Runs the clocks from tick 0 to `stopTime`, recording the trace when asked (kept as columns of
 * primitives; Decimal step objects are made only when the trace is read).
 */
export function runSyncClocks(
  context: SyncClockContext,
  stopTime: bigint,
  traced: boolean,
): { state: SyncClockState; trace?: () => SyncClockTraceStep[] } {
  let state = syncInitialState(context, stopTime);
  if (!traced) {
    // Without a trace the moves between acceptances leave nothing to record: one jump to the stop
    // tick reaches the state the steps would (the state-machine test checks they agree).
    if (!state.done) {
      checkRounds(context, stopTime);
      state = accept(state, stopTime);
    }
    return { state };
  }
  const times: bigint[] = [0n];
  const buyerCommitted: number[] = [state.buyerCommitted];
  const sellerCommitted: number[] = [state.sellerCommitted];
  while (!state.done) {
    state = syncStep(state);
    times.push(state.time);
    buyerCommitted.push(state.buyerCommitted);
    sellerCommitted.push(state.sellerCommitted);
  }
  const trace = (): SyncClockTraceStep[] =>
    times.map((t, j) => ({
      round: Number(t),
      clock: j === 0 ? 'start' : 'both',
      buyerPrice: scaledToDecimal(buyerClockAt(context, t), context.scale),
      sellerPrice: scaledToDecimal(sellerClockAt(context, t), context.scale),
      buyerCommitted: buyerCommitted[j] as number,
      sellerCommitted: sellerCommitted[j] as number,
    }));
  return { state, trace };
}

/**
 * The outcome in which the first `units` units of each side in clearing order trade, buyers
 * paying `buyerPrice` and sellers receiving `sellerPrice`. When the clearing order is the book's
 * (always with the default tick) this is the linear-time `clearTopUnits`; otherwise the fills are
 * listed and checked by `buildOutcome`.
 */
export function clearInClockOrder(
  context: SyncClockContext,
  mechanism: string,
  units: number,
  buyerPrice: Decimal,
  sellerPrice: Decimal,
): Outcome {
  if (!context.reordered || units === 0) {
    return clearTopUnits(context.market, mechanism, units, buyerPrice, sellerPrice);
  }
  const fills: FillInput[] = [];
  const take = (order: Int32Array, qty: readonly number[], side: SideBook, price: Decimal): void => {
    let left = units;
    for (let j = 0; left > 0 && j < order.length; j++) {
      const q = Math.min(left, qty[j] as number);
      fills.push({ id: side.ids[order[j] as number] as string, side: side.side, quantity: q, price });
      left -= q;
    }
  };
  take(context.bidOrder, context.bidUnits, context.book.bids, buyerPrice);
  take(context.askOrder, context.askUnits, context.book.asks, sellerPrice);
  return buildOutcome(context.market, { mechanism, fills });
}

/**
 * A clock outcome: an outcome with where the clocks stopped, the tick they stopped at, and the
 * clock trace when `trace: true`.
 *
 * @category mechanisms
 */
export interface SyncClockOutcome extends Outcome {
  readonly trace?: readonly SyncClockTraceStep[];
  /** Where the clocks stopped (C_B and C_S at the last tick). */
  readonly finalBuyerPrice: Decimal;
  readonly finalSellerPrice: Decimal;
  /** Ticks the clocks ran. */
  readonly rounds: number;
}

/** Adds the clocks' final state (and the lazily made trace) to an outcome. */
export function withSyncClocks(
  outcome: Outcome,
  final: SyncClockState | (() => SyncClockState),
  trace?: () => SyncClockTraceStep[],
): SyncClockOutcome {
  const state = typeof final === 'function' ? final : () => final;
  // Made on first read: the verifier clears millions of small markets and reads none of them.
  lazyProperty(outcome, 'finalBuyerPrice', () => {
    const s = state();
    return scaledToDecimal(buyerClockAt(s.context, s.time), s.context.scale);
  });
  lazyProperty(outcome, 'finalSellerPrice', () => {
    const s = state();
    return scaledToDecimal(sellerClockAt(s.context, s.time), s.context.scale);
  });
  lazyProperty(outcome, 'rounds', () => Number(state().time));
  if (trace !== undefined) lazyProperty(outcome, 'trace', trace);
  return outcome as SyncClockOutcome;
}

/** Defines an enumerable property computed on first read, then kept. */
export function lazyProperty<T>(target: object, name: string, make: () => T): void {
  let made: { value: T } | undefined;
  Object.defineProperty(target, name, {
    enumerable: true,
    get: () => {
      made ??= { value: make() };
      return made.value;
    },
  });
}
