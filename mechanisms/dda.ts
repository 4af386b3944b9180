/**
 * The double Dutch auction as an explicit, event-driven state machine.
 *
 * @packageDocumentation
 */
import { MechanismError } from '../src/errors.js';
import type { Book, SideBook } from '../src/market/book.js';
import { bookOf, type Market } from '../src/market/create-market.js';
import { clearTopUnits, type Outcome } from '../src/market/outcome.js';
import { scaledToDecimal } from '../src/market/scaled.js';
import { type ClearOptions, checkOptionNames, type Mechanism } from '../src/mechanism.js';
import { type Decimal, decimalPow10, type PriceInput } from '../src/money.js';
import { ceilDiv, priceOption, toScaled } from './sync-clocks.js';

/**
 * Options of the double Dutch auction.
 *
 * @category mechanisms
 */
export interface DdaOptions extends ClearOptions {
  /** Where the descending buyer clock starts (default: highest bid + tick). */
  readonly startBuyerPrice?: PriceInput;
  /** Where the ascending seller clock starts (default: lowest ask − tick, floored at 0). */
  readonly startSellerPrice?: PriceInput;
  /** The clock step, exact (default: the market's smallest price step, 10^−decimals, which divides every price). */
  readonly tick?: PriceInput;
  /** Which clock runs when both sides have committed the same number of units (default 'buyer'). */
  readonly firstClock?: 'buyer' | 'seller';
  /** The trading price: where the moving clock met the other ('crossing', default) or the midpoint of the two clocks. */
  readonly pricing?: 'crossing' | 'midpoint';
  /** Most clock ticks before the auction is abandoned with a `MechanismError` (default: unbounded). */
  readonly maxRounds?: number;
  /** Record every clock move in `outcome.trace` (default false). */
  readonly trace?: boolean;
}

/**
 * One clock move of a double Dutch auction.
 *
 * @category mechanisms
 */
export interface DdaTraceStep {
  /** Ticks elapsed since the start (both clocks together). */
  readonly round: number;
  /** The clock that moved ('start' for the initial state). */
  readonly clock: 'start' | 'buyer' | 'seller';
  readonly buyerPrice: Decimal;
  readonly sellerPrice: Decimal;
  /** Units committed on each side after the move. */
  readonly buyerCommitted: number;
  readonly sellerCommitted: number;
}

/**
 * The outcome of a double Dutch auction, with its clock trace when `trace: true`.
 *
 * @category mechanisms
 */
export interface DdaOutcome extends Outcome {
  readonly trace?: readonly DdaTraceStep[];
  /** Where the clocks stopped. */
  readonly finalBuyerPrice: Decimal;
  readonly finalSellerPrice: Decimal;
}

/** The fixed data of one auction: sorted scaled prices and the clock grid, all as bigints of 10^−scale. */
export interface DdaContext {
  readonly market: Market;
  readonly book: Book;
  readonly scale: number;
  /** Bid / ask order prices in priority order, scaled. */
  readonly bidPrices: readonly bigint[];
  readonly askPrices: readonly bigint[];
  /** Units of each order in priority order. */
  readonly bidUnits: readonly number[];
  readonly askUnits: readonly number[];
  readonly tick: bigint;
  readonly startBuyer: bigint;
  readonly startSeller: bigint;
  readonly firstClock: 'buyer' | 'seller';
  readonly pricing: 'crossing' | 'midpoint';
  readonly maxRounds: number;
}

/**
 * The state of the auction between two clock moves.
 *
 * @category mechanisms
 */
export interface DdaState {
  readonly context: DdaContext;
  readonly buyerClock: bigint;
  readonly sellerClock: bigint;
  /** Next uncommitted order position on each side. */
  readonly bidPosition: number;
  readonly askPosition: number;
  readonly buyerCommitted: number;
  readonly sellerCommitted: number;
  readonly rounds: bigint;
  readonly lastMoved: 'start' | 'buyer' | 'seller';
  readonly done: boolean;
}

function sidePrices(side: SideBook, factor: bigint): { prices: bigint[]; units: number[] } {
  const prices: bigint[] = [];
  const units: number[] = [];
  for (const i of side.sorted) {
    const x = side.scaled[i] as number | bigint;
    prices.push((typeof x === 'bigint' ? x : BigInt(x)) * factor);
    units.push(side.quantity[i] as number);
  }
  return { prices, units };
}

/**
 * The initial state: both clocks at their start prices, and every trader whose threshold is
 * already met (a bid ≥ the start buyer price, an ask ≤ the start seller price) committed.
 *
 * @category mechanisms
 */
export function ddaInitialState(market: Market, options: DdaOptions = {}): DdaState {
  const book = bookOf(market);
  const tickOption = priceOption(options.tick, 'tick');
  if (tickOption?.isZero()) throw new MechanismError('invalid_option', 'must be > 0', 'options.tick');
  const startBuyerOption = priceOption(options.startBuyerPrice, 'startBuyerPrice');
  const startSellerOption = priceOption(options.startSellerPrice, 'startSellerPrice');
  const firstClock = options.firstClock ?? 'buyer';
  if (firstClock !== 'buyer' && firstClock !== 'seller') {
    throw new MechanismError(
      'invalid_option',
      `must be 'buyer' or 'seller', got '${String(firstClock)}'`,
      'options.firstClock',
    );
  }
  const pricing = options.pricing ?? 'crossing';
  if (pricing !== 'crossing' && pricing !== 'midpoint') {
    throw new MechanismError(
      'invalid_option',
      `must be 'crossing' or 'midpoint', got '${String(pricing)}'`,
      'options.pricing',
    );
  }
  const maxRounds = options.maxRounds ?? Number.POSITIVE_INFINITY;
  if (typeof maxRounds !== 'number' || Number.isNaN(maxRounds) || maxRounds < 0) {
    throw new MechanismError(
      'invalid_option',
      `must be a number ≥ 0, got ${String(maxRounds)}`,
      'options.maxRounds',
    );
  }
  const scale = Math.max(
    book.scale,
    tickOption?.decimalPlaces() ?? 0,
    startBuyerOption?.decimalPlaces() ?? 0,
    startSellerOption?.decimalPlaces() ?? 0,
  );
  const factor = 10n ** BigInt(scale - book.scale);
  const bids = sidePrices(book.bids, factor);
  const asks = sidePrices(book.asks, factor);
  const tick = tickOption === undefined ? 10n ** BigInt(scale - book.scale) : toScaled(tickOption, scale);
  const startBuyer =
    startBuyerOption === undefined
      ? (bids.prices[0] ?? asks.prices[0] ?? 0n) + tick
      : toScaled(startBuyerOption, scale);
  let startSeller =
    startSellerOption === undefined
      ? (asks.prices[0] ?? bids.prices[0] ?? 0n) - tick
      : toScaled(startSellerOption, scale);
  if (startSeller < 0n) startSeller = 0n;
  const context: DdaContext = {
    market,
    book,
    scale,
    bidPrices: bids.prices,
    askPrices: asks.prices,
    bidUnits: bids.units,
    askUnits: asks.units,
    tick,
    startBuyer,
    startSeller,
    firstClock,
    pricing,
    maxRounds,
  };
  const start: DdaState = {
    context,
    buyerClock: startBuyer,
    sellerClock: startSeller,
    bidPosition: 0,
    askPosition: 0,
    buyerCommitted: 0,
    sellerCommitted: 0,
    rounds: 0n,
    lastMoved: 'start',
    done: startBuyer <= startSeller,
  };
  return commit(start, startBuyer, startSeller, 'start', start.done, 0n);
}

/**
 * Commits every trader whose threshold the clocks have reached; one new state object per call
 * (the verifier clears millions of small markets, where allocation is the cost).
 */
function commit(
  state: DdaState,
  buyerClock: bigint,
  sellerClock: bigint,
  lastMoved: DdaState['lastMoved'],
  done: boolean,
  rounds: bigint,
): DdaState {
  const c = state.context;
  let { bidPosition, askPosition, buyerCommitted, sellerCommitted } = state;
  while (bidPosition < c.bidPrices.length && (c.bidPrices[bidPosition] as bigint) >= buyerClock) {
    buyerCommitted += c.bidUnits[bidPosition] as number;
    bidPosition++;
  }
  while (askPosition < c.askPrices.length && (c.askPrices[askPosition] as bigint) <= sellerClock) {
    sellerCommitted += c.askUnits[askPosition] as number;
    askPosition++;
  }
  return {
    context: c,
    buyerClock,
    sellerClock,
    bidPosition,
    askPosition,
    buyerCommitted,
    sellerCommitted,
    rounds,
    lastMoved,
    done,
  };
}

/** The largest buyer-grid price (start − m·tick) at or below x. */
function buyerGridFloor(c: DdaContext, x: bigint): bigint {
  return c.startBuyer - ceilDiv(c.startBuyer - x, c.tick) * c.tick;
}

/** The smallest seller-grid price (start + m·tick) at or above x. */
function sellerGridCeil(c: DdaContext, x: bigint): bigint {
  return c.startSeller + ceilDiv(x - c.startSeller, c.tick) * c.tick;
}

/** The clock that runs next: the side with fewer committed units, `firstClock` on a tie. */
export function ddaNextClock(state: DdaState): 'buyer' | 'seller' {
  if (state.buyerCommitted !== state.sellerCommitted) {
    return state.buyerCommitted < state.sellerCommitted ? 'buyer' : 'seller';
  }
  return state.context.firstClock;
}

/**
 * One transition: the running clock jumps to the next price on its grid at which a trader
 * commits, or to the first price at which it meets the other clock, whichever comes first;
 * meeting the other clock ends the auction. Event-driven, so a step costs O(traders committed),
 * whatever the tick.
 *
 * @category mechanisms
 */
export function ddaStep(state: DdaState): DdaState {
  if (state.done) return state;
  const c = state.context;
  const clock = ddaNextClock(state);
  let to: bigint;
  let crosses: boolean;
  if (clock === 'buyer') {
    const nextValue = c.bidPrices[state.bidPosition];
    let cross = buyerGridFloor(c, state.sellerClock);
    // Prices are never negative: a clock that would pass 0 stops there.
    if (cross < 0n) cross = 0n;
    const target = nextValue === undefined ? undefined : buyerGridFloor(c, nextValue);
    crosses = target === undefined || target <= cross;
    to = crosses ? cross : (target as bigint);
  } else {
    const nextCost = c.askPrices[state.askPosition];
    const cross = sellerGridCeil(c, state.buyerClock);
    const target = nextCost === undefined ? undefined : sellerGridCeil(c, nextCost);
    crosses = target === undefined || target >= cross;
    to = crosses ? cross : (target as bigint);
  }
  const moved = clock === 'buyer' ? state.buyerClock - to : to - state.sellerClock;
  const rounds = state.rounds + ceilDiv(moved, c.tick);
  if (Number(rounds) > c.maxRounds) {
    throw new MechanismError(
      'max_rounds',
      `the clocks did not cross within ${c.maxRounds} ticks (tick ${scaledString(c.tick, c.scale)}); raise maxRounds or the tick`,
      'options.maxRounds',
    );
  }
  return clock === 'buyer'
    ? commit(state, to, state.sellerClock, 'buyer', crosses, rounds)
    : commit(state, state.buyerClock, to, 'seller', crosses, rounds);
}

/** True when the clocks have crossed. @category mechanisms */
export function ddaIsTerminal(state: DdaState): boolean {
  return state.done;
}

function scaledString(x: bigint, scale: number): string {
  return scaledToDecimal(x, scale).toString();
}

/** The trading price of a terminal state: where the clocks met, or their midpoint. */
export function ddaPrice(state: DdaState): Decimal {
  const c = state.context;
  const buyer = scaledToDecimal(state.buyerClock, c.scale);
  const seller = scaledToDecimal(state.sellerClock, c.scale);
  if (c.pricing === 'midpoint' || state.lastMoved === 'start') return buyer.plus(seller).div(2);
  // The clock that moved last ran into the other one: the other clock's price is where they met.
  return state.lastMoved === 'buyer' ? seller : buyer;
}

/** Units on a side whose price satisfies `ok`, counted from the front of priority order. */
function unitsWhile(prices: readonly bigint[], units: readonly number[], ok: (p: bigint) => boolean): number {
  let total = 0;
  for (let j = 0; j < prices.length && ok(prices[j] as bigint); j++) total += units[j] as number;
  return total;
}

/**
 * The outcome of a terminal state: all committed units that are individually rational at the
 * trading price p (bids ≥ p, asks ≤ p) trade at p, as many as the short side holds; the long side
 * is rationed by price priority, then ascending id.
 *
 * @category mechanisms
 */
export function ddaOutcome(state: DdaState, name = 'dda'): DdaOutcome {
  const { units, price } = ddaTrade(state);
  return withClocks(clearTopUnits(state.context.market, name, units, price, price), state);
}

/**
 * The trading price of a terminal state and the units that trade at it: as many as the short side
 * holds of the committed units that are individually rational at that price.
 *
 * @category mechanisms
 */
export function ddaTrade(state: DdaState): { units: number; price: Decimal } {
  if (!state.done) throw new MechanismError('not_terminal', 'the clocks have not crossed yet', 'state');
  const c = state.context;
  const price = ddaPrice(state);
  // Twice the scaled price is an integer for both pricing rules, so the comparisons stay in bigint.
  const twicePrice = BigInt(price.times(decimalPow10(c.scale)).times(2).toFixed(0));
  const demand = unitsWhile(c.bidPrices, c.bidUnits, (p) => 2n * p >= twicePrice);
  const supply = unitsWhile(c.askPrices, c.askUnits, (p) => 2n * p <= twicePrice);
  return { units: Math.min(demand, supply), price };
}

/** Adds the final clock prices to an outcome (keeping lazily materialised fields lazy). */
export function withClocks(outcome: Outcome, state: DdaState): DdaOutcome {
  const c = state.context;
  Object.defineProperty(outcome, 'finalBuyerPrice', {
    enumerable: true,
    value: scaledToDecimal(state.buyerClock, c.scale),
  });
  Object.defineProperty(outcome, 'finalSellerPrice', {
    enumerable: true,
    value: scaledToDecimal(state.sellerClock, c.scale),
  });
  return outcome as DdaOutcome;
}

/** Runs the machine to its terminal state, recording the trace when asked. */
export function runDda(
  market: Market,
  options: DdaOptions,
): { state: DdaState; trace?: () => DdaTraceStep[] } {
  let state = ddaInitialState(market, options);
  if (options.trace !== true) {
    while (!state.done) state = ddaStep(state);
    return { state };
  }
  // Kept as columns of primitives: a 200,000-order auction has ~400,000 moves, and Decimal step
  // objects are made only when the trace is read.
  const clocks: ('start' | 'buyer' | 'seller')[] = ['start'];
  const buyerPrices: bigint[] = [state.buyerClock];
  const sellerPrices: bigint[] = [state.sellerClock];
  const buyerCommitted: number[] = [state.buyerCommitted];
  const sellerCommitted: number[] = [state.sellerCommitted];
  const rounds: bigint[] = [0n];
  while (!state.done) {
    state = ddaStep(state);
    clocks.push(state.lastMoved);
    buyerPrices.push(state.buyerClock);
    sellerPrices.push(state.sellerClock);
    buyerCommitted.push(state.buyerCommitted);
    sellerCommitted.push(state.sellerCommitted);
    rounds.push(state.rounds);
  }
  const scale = state.context.scale;
  const trace = (): DdaTraceStep[] =>
    Array.from({ length: clocks.length }, (_, j) => ({
      round: Number(rounds[j]),
      clock: clocks[j] as 'start' | 'buyer' | 'seller',
      buyerPrice: scaledToDecimal(buyerPrices[j] as bigint, scale),
      sellerPrice: scaledToDecimal(sellerPrices[j] as bigint, scale),
      buyerCommitted: buyerCommitted[j] as number,
      sellerCommitted: sellerCommitted[j] as number,
    }));
  return { state, trace };
}

/** Defines `outcome.trace` as a property made on first read, then kept. */
export function attachTrace(outcome: DdaOutcome, make: () => DdaTraceStep[]): void {
  let made: DdaTraceStep[] | undefined;
  Object.defineProperty(outcome, 'trace', {
    enumerable: true,
    get: () => {
      made ??= make();
      return made;
    },
  });
}

/**
 * The names of {@link DdaOptions} (besides `seed`), as `dda` and `dda-tr` declare them.
 *
 * @category mechanisms
 */
export const DDA_OPTION_NAMES: readonly string[] = Object.freeze([
  'startBuyerPrice',
  'startSellerPrice',
  'tick',
  'firstClock',
  'pricing',
  'maxRounds',
  'trace',
]);

/**
 * The double Dutch auction (McCabe, Rassenti & Smith, "Designing call auction institutions: is
 * double Dutch the best?", Economic Journal 102, 1992; used as the resource market of edge
 * computing by Xu, Niyato et al.). A buyer clock descends from `startBuyerPrice` and a seller clock
 * ascends from `startSellerPrice`, by `tick`; one clock runs at a time, the side with fewer
 * committed units (`firstClock` on a tie). A buyer commits when the buyer clock reaches its value,
 * a seller when the seller clock reaches its cost (threshold play: reports are thresholds). When
 * the clocks cross the auction stops, and the committed units that are individually rational at
 * the trading price p (the crossing price, or the clocks' midpoint) trade at p, the long side
 * rationed by price priority then id.
 *
 * Claims, for the default tick (the market's price step, which divides every price) and default
 * start prices (on that grid): individually rational, strongly budget balanced (one price),
 * efficient (p ∈ [L, H], so k units trade), not truthful (a trader can gain by committing
 * later, see docs/dda.md). With a coarse tick, or a start price off the tick grid, the outcome
 * stays feasible, IR and budget balanced, but trades can be lost.
 *
 * @example
 * ```ts
 * const m = createMarket({
 *   bids: [{ id: 'b1', value: 10 }, { id: 'b2', value: 9 }, { id: 'b3', value: 7 }, { id: 'b4', value: 4 }],
 *   asks: [{ id: 's1', cost: 2 }, { id: 's2', cost: 3 }, { id: 's3', cost: 6 }, { id: 's4', cost: 8 }],
 * });
 * const o = dda.clear(m, { trace: true });
 * o.fills.length; // 6 (three pairs at 6, where the buyer clock met the seller clock)
 * o.trace?.length; // 8: the start and seven clock moves
 * ```
 * @category mechanisms
 */
export const dda: Mechanism<DdaOptions, DdaOutcome> = {
  name: 'dda',
  description:
    'double Dutch: a descending buyer clock and an ascending seller clock; committed units trade where they cross',
  claims: { ir: true, dsic: false, weakBudgetBalance: true, strongBudgetBalance: true, efficient: true },
  options: DDA_OPTION_NAMES,
  clockTrace(market: Market, options: DdaOptions = {}): readonly DdaTraceStep[] {
    checkOptionNames(dda, options);
    return dda.clear(market, { ...options, trace: true }).trace ?? [];
  },
  clear(market: Market, options: DdaOptions = {}): DdaOutcome {
    checkOptionNames(dda, options);
    const { state, trace } = runDda(market, options);
    const outcome = ddaOutcome(state, 'dda');
    if (trace !== undefined) attachTrace(outcome, trace);
    return outcome;
  },
};
