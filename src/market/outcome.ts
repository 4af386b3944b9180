import { OutcomeError } from '../errors.js';
import { Decimal, isDecimal, type PriceInput, ZERO } from '../money.js';
import type { Book, SideBook } from './book.js';
import { bookOf, type Market } from './create-market.js';
import { type Scaled, ScaledSum, scaledToDecimal } from './scaled.js';
import { orderStatistics } from './statistics.js';
import type { Side } from './types.js';

/**
 * One participant's part in an outcome: it buys (or sells) `quantity` units at `price` per unit.
 *
 * @category mechanisms
 */
export interface Fill {
  readonly id: string;
  readonly side: Side;
  readonly quantity: number;
  /** What a buyer pays, or a seller receives, per unit. */
  readonly price: Decimal;
}

/**
 * A fill as a mechanism author gives it to {@link buildOutcome}; the price may be any price input.
 *
 * @category mechanisms
 */
export interface FillInput {
  readonly id: string;
  readonly side: Side;
  readonly quantity: number;
  readonly price: PriceInput;
}

/**
 * `quantity` units pass from `seller` to `buyer`. Trades are a matching consistent with the fills.
 *
 * @category mechanisms
 */
export interface Trade {
  readonly buyer: string;
  readonly seller: string;
  readonly quantity: number;
}

/**
 * A lottery described symbolically: `winners` units are drawn uniformly without replacement from
 * the pool's units on `side`, and trade at `price`. The pool is given per order, so its size does
 * not depend on quantities: `pool[i]` (each id once) puts `units[i]` units into the draw, and the
 * pool holds Σ units. The outcome's fills hold one realisation; expected values are taken over
 * the draw (rounded at the 100th significant digit when they do not terminate).
 *
 * @category mechanisms
 */
export interface Lottery {
  readonly side: Side;
  /** The participants in the draw, each once, in priority order. */
  readonly pool: readonly string[];
  /** `units[i]`: how many units `pool[i]` puts into the draw (a positive integer). */
  readonly units: readonly number[];
  readonly winners: number;
  readonly price: Decimal;
}

/**
 * The result of clearing a market.
 *
 * @category mechanisms
 */
export interface Outcome {
  readonly mechanism: string;
  readonly fills: readonly Fill[];
  readonly trades: readonly Trade[];
  /** Σ buyer payments − Σ seller receipts: ≥ 0 is weak budget balance, = 0 strong. */
  readonly surplus: Decimal;
  /** Σ value of units bought − Σ cost of units sold (realised gains from trade). */
  readonly welfare: Decimal;
  /** Welfare in expectation over `lottery` (equal to `welfare` for deterministic outcomes). */
  readonly expectedWelfare: Decimal;
  /** Σ_{i≤k} (b_i − s_i). */
  readonly optimalWelfare: Decimal;
  /** k, the number of trades that maximises welfare. */
  readonly efficientTrades: number;
  /** [L, H] when k ≥ 1. */
  readonly clearingInterval?: readonly [Decimal, Decimal];
  /** The draw of a randomised mechanism, described symbolically. */
  readonly lottery?: Lottery;
}

/**
 * What a mechanism gives {@link buildOutcome}.
 *
 * @category mechanisms
 */
export interface OutcomeSpec {
  readonly mechanism: string;
  readonly fills: readonly FillInput[];
  /** Omit to have a matching derived from the fills in their order. */
  readonly trades?: readonly Trade[];
  readonly lottery?: {
    readonly side: Side;
    /**
     * The participants in the draw. With `units`, each id once; without, one entry per unit (an
     * id repeated for each of its units), as before `units` existed.
     */
    readonly pool: readonly string[];
    /** `units[i]`: the units `pool[i]` puts into the draw; omitted, one per entry of `pool`. */
    readonly units?: readonly number[];
    readonly winners: number;
    readonly price: PriceInput;
  };
}

function toPrice(x: unknown, field: string): Decimal {
  let d: Decimal;
  if (typeof x === 'number' || typeof x === 'string') {
    try {
      d = new Decimal(x);
    } catch {
      throw new OutcomeError('invalid_price', `must be a decimal number, got '${String(x)}'`, field);
    }
  } else if (isDecimal(x)) d = x instanceof Decimal ? x : new Decimal(x);
  else throw new OutcomeError('invalid_price', 'must be a number, a decimal string or a Decimal', field);
  if (!d.isFinite()) throw new OutcomeError('invalid_price', `must be finite, got ${d.toString()}`, field);
  return d;
}

function sideBook(book: Book, side: Side): SideBook {
  return side === 'buy' ? book.bids : book.asks;
}

/** Locates `id` on `side`, or throws naming `field`. */
function orderIndex(book: Book, id: unknown, side: Side, field: string): number {
  if (typeof id !== 'string')
    throw new OutcomeError('unknown_participant', 'must be a participant id', field);
  const key = book.index.get(id);
  if (key === undefined) throw new OutcomeError('unknown_participant', `no order with id '${id}'`, field);
  const onSide: Side = key >= 0 ? 'buy' : 'sell';
  if (onSide !== side)
    throw new OutcomeError('wrong_side', `'${id}' is a ${onSide === 'buy' ? 'buyer' : 'seller'}`, field);
  return key >= 0 ? key : -key - 1;
}

/**
 * Builds a complete {@link Outcome} from a mechanism's fills (and optionally its trades and
 * lottery), deriving surplus, welfare, expected welfare, the optimum, k and [L, H], and checking
 * feasibility: every participant exists on the stated side and appears once, no order is
 * overfilled, units bought equal units sold, and trades (given or derived) match the fills.
 * Throws {@link OutcomeError} naming the field otherwise. This is the door for users' own mechanisms.
 *
 * @example
 * ```ts
 * // pay-as-bid: every trader in the efficient set pays (or gets) its own report
 * const market = createMarket({ bids: [{ id: 'b', value: 5 }], asks: [{ id: 's', cost: 3 }] });
 * const outcome = buildOutcome(market, {
 *   mechanism: 'pay-as-bid',
 *   fills: [{ id: 'b', side: 'buy', quantity: 1, price: 5 }, { id: 's', side: 'sell', quantity: 1, price: 3 }],
 * });
 * outcome.surplus.toString(); // '2'
 * ```
 * @category mechanisms
 */
export function buildOutcome(market: Market, spec: OutcomeSpec): Outcome {
  const book = bookOf(market);
  if (typeof spec?.mechanism !== 'string' || spec.mechanism.length === 0) {
    throw new OutcomeError('missing_field', 'must name the mechanism', 'mechanism');
  }
  if (!Array.isArray(spec.fills)) throw new OutcomeError('missing_field', 'must be an array', 'fills');
  const seen = new Set<string>();
  const fills: Fill[] = [];
  const filled = new Map<string, { side: Side; quantity: number }>();
  let bought = 0;
  let sold = 0;
  spec.fills.forEach((f, n) => {
    const at = `fills[${n}]`;
    if (f.side !== 'buy' && f.side !== 'sell')
      throw new OutcomeError('invalid_side', "must be 'buy' or 'sell'", `${at}.side`);
    const i = orderIndex(book, f.id, f.side, `${at}.id`);
    if (seen.has(f.id))
      throw new OutcomeError('duplicate_fill', `'${f.id}' has more than one fill`, `${at}.id`);
    seen.add(f.id);
    const limit = sideBook(book, f.side).quantity[i] as number;
    if (!Number.isSafeInteger(f.quantity) || f.quantity <= 0 || f.quantity > limit) {
      throw new OutcomeError(
        'invalid_quantity',
        `must be an integer in 1..${limit}, got ${f.quantity}`,
        `${at}.quantity`,
      );
    }
    if (f.side === 'buy') bought += f.quantity;
    else sold += f.quantity;
    fills.push({ id: f.id, side: f.side, quantity: f.quantity, price: toPrice(f.price, `${at}.price`) });
    filled.set(f.id, { side: f.side, quantity: f.quantity });
  });
  if (bought !== sold) {
    throw new OutcomeError(
      'unbalanced',
      `units bought (${bought}) differ from units sold (${sold})`,
      'fills',
    );
  }
  const trades = spec.trades === undefined ? matchFills(fills) : checkTrades(spec.trades, filled);
  let lottery: Lottery | undefined;
  let expectedWelfare: Decimal | undefined;
  if (spec.lottery !== undefined) {
    const l = spec.lottery;
    if (l.side !== 'buy' && l.side !== 'sell')
      throw new OutcomeError('invalid_side', "must be 'buy' or 'sell'", 'lottery.side');
    if (!Array.isArray(l.pool))
      throw new OutcomeError('missing_field', 'must be an array of ids', 'lottery.pool');
    const units = lotteryUnits(book, l);
    let size = 0;
    for (const u of units.values()) size += u;
    if (!Number.isSafeInteger(l.winners) || l.winners < 0 || l.winners > size) {
      throw new OutcomeError('invalid_quantity', `must be an integer in 0..${size}`, 'lottery.winners');
    }
    let drawn = 0;
    for (const [id, f] of filled) if (units.has(id) && f.side === l.side) drawn += f.quantity;
    if (drawn !== l.winners) {
      throw new OutcomeError(
        'invalid_realisation',
        `fills draw ${drawn} units from the pool, the lottery ${l.winners}`,
        'lottery',
      );
    }
    lottery = {
      side: l.side,
      pool: [...units.keys()],
      units: [...units.values()],
      winners: l.winners,
      price: toPrice(l.price, 'lottery.price'),
    };
    expectedWelfare = lotteryExpectedWelfare(book, fills, lottery, units);
  }
  return assemble(
    market,
    spec.mechanism,
    fills,
    trades,
    realisedWelfare(book, fills),
    lottery,
    expectedWelfare,
  );
}

/**
 * The pool of a lottery spec as id → units, in first-appearance order, checked against the book:
 * every id on the lottery's side, no order drawing more units than it has.
 */
function lotteryUnits(book: Book, l: NonNullable<OutcomeSpec['lottery']>): Map<string, number> {
  if (!Array.isArray(l.pool))
    throw new OutcomeError('missing_field', 'must be an array of ids', 'lottery.pool');
  if (l.units !== undefined && (!Array.isArray(l.units) || l.units.length !== l.pool.length)) {
    throw new OutcomeError(
      'invalid_pool',
      `must be an array of ${l.pool.length} unit counts, one per pool entry`,
      'lottery.units',
    );
  }
  const perOrder = l.units !== undefined;
  const units = new Map<string, number>();
  l.pool.forEach((id, n) => {
    const i = orderIndex(book, id, l.side, `lottery.pool[${n}]`);
    const limit = sideBook(book, l.side).quantity[i] as number;
    const add = perOrder ? (l.units?.[n] as number) : 1;
    if (perOrder && (!Number.isSafeInteger(add) || add <= 0 || add > limit)) {
      throw new OutcomeError(
        'invalid_quantity',
        `must be an integer in 1..${limit}, got ${add}`,
        `lottery.units[${n}]`,
      );
    }
    if (perOrder && units.has(id))
      throw new OutcomeError('invalid_pool', `'${id}' appears twice`, `lottery.pool[${n}]`);
    const total = (units.get(id) ?? 0) + add;
    if (total > limit) {
      throw new OutcomeError(
        'invalid_pool',
        `'${id}' appears more often than its quantity`,
        `lottery.pool[${n}]`,
      );
    }
    units.set(id, total);
  });
  return units;
}

function signedValue(book: Book, fill: { id: string; side: Side }): Scaled {
  const key = book.index.get(fill.id) as number;
  const side = sideBook(book, fill.side);
  const x = side.scaled[key >= 0 ? key : -key - 1] as Scaled;
  return fill.side === 'buy' ? x : -x;
}

function realisedWelfare(book: Book, fills: readonly Fill[]): Decimal {
  const sum = new ScaledSum();
  for (const f of fills) sum.add(signedValue(book, f), f.quantity);
  return sum.toDecimal(book.scale);
}

function lotteryExpectedWelfare(
  book: Book,
  fills: readonly Fill[],
  lottery: Lottery,
  pool: Map<string, number>,
): Decimal {
  const fixed = new ScaledSum();
  for (const f of fills)
    if (!(f.side === lottery.side && pool.has(f.id))) fixed.add(signedValue(book, f), f.quantity);
  const drawn = new ScaledSum();
  let size = 0;
  for (const [id, units] of pool) {
    drawn.add(signedValue(book, { id, side: lottery.side }), units);
    size += units;
  }
  const share = size === 0 ? ZERO : new Decimal(lottery.winners).div(size);
  return fixed.toDecimal(book.scale).plus(drawn.toDecimal(book.scale).times(share));
}

function checkTrades(
  trades: readonly Trade[],
  filled: Map<string, { side: Side; quantity: number }>,
): Trade[] {
  if (!Array.isArray(trades)) throw new OutcomeError('missing_field', 'must be an array', 'trades');
  const matched = new Map<string, number>();
  const out: Trade[] = [];
  trades.forEach((t, n) => {
    const at = `trades[${n}]`;
    if (filled.get(t.buyer)?.side !== 'buy')
      throw new OutcomeError('unknown_participant', `'${t.buyer}' has no buy fill`, `${at}.buyer`);
    if (filled.get(t.seller)?.side !== 'sell')
      throw new OutcomeError('unknown_participant', `'${t.seller}' has no sell fill`, `${at}.seller`);
    if (!Number.isSafeInteger(t.quantity) || t.quantity <= 0) {
      throw new OutcomeError('invalid_quantity', 'must be a positive integer', `${at}.quantity`);
    }
    matched.set(t.buyer, (matched.get(t.buyer) ?? 0) + t.quantity);
    matched.set(t.seller, (matched.get(t.seller) ?? 0) + t.quantity);
    out.push({ buyer: t.buyer, seller: t.seller, quantity: t.quantity });
  });
  for (const [id, f] of filled) {
    if ((matched.get(id) ?? 0) !== f.quantity) {
      throw new OutcomeError(
        'trades_mismatch',
        `trades give '${id}' ${matched.get(id) ?? 0} units, its fill ${f.quantity}`,
        'trades',
      );
    }
  }
  return out;
}

/** Matches buy fills to sell fills in the order given (both sides hold the same number of units). */
function matchFills(fills: readonly Fill[]): Trade[] {
  const buys = fills.filter((f) => f.side === 'buy');
  const sells = fills.filter((f) => f.side === 'sell');
  return mergeUnits(
    buys.map((f) => f.id),
    buys.map((f) => f.quantity),
    sells.map((f) => f.id),
    sells.map((f) => f.quantity),
  );
}

/** Pairs two equally long unit sequences, run by run. */
export function mergeUnits(
  buyers: readonly string[],
  buyerUnits: readonly number[],
  sellers: readonly string[],
  sellerUnits: readonly number[],
): Trade[] {
  const trades: Trade[] = [];
  let i = 0;
  let j = 0;
  let bLeft = buyerUnits[0] ?? 0;
  let sLeft = sellerUnits[0] ?? 0;
  while (i < buyers.length && j < sellers.length) {
    const q = Math.min(bLeft, sLeft);
    trades.push({ buyer: buyers[i] as string, seller: sellers[j] as string, quantity: q });
    bLeft -= q;
    sLeft -= q;
    if (bLeft === 0) bLeft = buyerUnits[++i] ?? 0;
    if (sLeft === 0) sLeft = sellerUnits[++j] ?? 0;
  }
  return trades;
}

/** Derives the group totals of an outcome whose fills and trades are already known to be feasible. */
export function assemble(
  market: Market,
  mechanism: string,
  fills: readonly Fill[],
  trades: readonly Trade[],
  welfare: Decimal,
  lottery?: Lottery,
  expectedWelfare?: Decimal,
  knownSurplus?: Decimal,
): Outcome {
  const stats = orderStatistics(market);
  const surplus = withoutSign(knownSurplus ?? surplusOf(fills));
  const outcome: Outcome = {
    mechanism,
    fills,
    trades,
    surplus,
    welfare: withoutSign(welfare),
    expectedWelfare: withoutSign(expectedWelfare ?? welfare),
    optimalWelfare: stats.optimalWelfare,
    efficientTrades: stats.k,
    ...(stats.clearingInterval === undefined ? {} : { clearingInterval: stats.clearingInterval }),
    ...(lottery === undefined ? {} : { lottery }),
  };
  return outcome;
}

/** decimal.js keeps the sign of a zero (x·0 for negative x is −0, printed '-0'); money has none. */
function withoutSign(amount: Decimal): Decimal {
  return amount.isZero() ? ZERO : amount;
}

/** Σ buyer payments − Σ seller receipts. */
function surplusOf(fills: readonly Fill[]): Decimal {
  // Sum quantities per distinct price object first: mechanisms share one Decimal per price, so
  // many fills cost a handful of Decimal multiplications.
  const byPrice = new Map<Decimal, number>();
  for (const f of fills) {
    const q = f.side === 'buy' ? f.quantity : -f.quantity;
    byPrice.set(f.price, (byPrice.get(f.price) ?? 0) + q);
  }
  let surplus = ZERO;
  for (const [price, q] of byPrice) if (q !== 0) surplus = surplus.plus(price.times(q));
  return surplus;
}

/** The fills of the first `units` units of a side in priority order, all at `price`. */
function prefixFills(side: SideBook, units: number, price: Decimal, into: Fill[]): void {
  let left = units;
  for (let j = 0; left > 0 && j < side.sorted.length; j++) {
    const i = side.sorted[j] as number;
    const q = Math.min(left, side.quantity[i] as number);
    into.push({ id: side.ids[i] as string, side: side.side, quantity: q, price });
    left -= q;
  }
}

/** Pairs the buy fills with the sell fills of a list holding first all buys, then all sells. */
function matchRuns(fills: readonly Fill[], buyCount: number): Trade[] {
  const trades: Trade[] = [];
  let i = 0;
  let j = buyCount;
  let bLeft = fills[0]?.quantity ?? 0;
  let sLeft = fills[j]?.quantity ?? 0;
  while (i < buyCount && j < fills.length) {
    const q = Math.min(bLeft, sLeft);
    trades.push({ buyer: (fills[i] as Fill).id, seller: (fills[j] as Fill).id, quantity: q });
    bLeft -= q;
    sLeft -= q;
    if (bLeft === 0) bLeft = fills[++i]?.quantity ?? 0;
    if (sLeft === 0) sLeft = fills[++j]?.quantity ?? 0;
  }
  return trades;
}

function prefixValue(side: SideBook, units: number): ScaledSum {
  const sum = new ScaledSum();
  let left = units;
  for (let j = 0; left > 0 && j < side.sorted.length; j++) {
    const i = side.sorted[j] as number;
    const q = Math.min(left, side.quantity[i] as number);
    sum.add(side.scaled[i] as Scaled, q);
    left -= q;
  }
  return sum;
}

/**
 * The outcome in which the `units` highest bid units buy at `buyerPrice` and the `units` lowest
 * ask units sell at `sellerPrice`, ties by ascending id: the shape of every deterministic
 * mechanism here. Built without re-validation, in time linear in the number of traders.
 */
export function clearTopUnits(
  market: Market,
  mechanism: string,
  units: number,
  buyerPrice: Decimal,
  sellerPrice: Decimal,
): Outcome {
  const book = bookOf(market);
  if (!Number.isSafeInteger(units) || units < 0 || units > book.bids.units || units > book.asks.units) {
    throw new OutcomeError('infeasible', `cannot trade ${units} units`, 'units');
  }
  const welfareScaled = prefixValue(book.bids, units).value();
  const costScaled = prefixValue(book.asks, units).value();
  // Both sums are exact; a difference of two doubles below 2^53 is exact too.
  const welfare =
    typeof welfareScaled === 'number' && typeof costScaled === 'number'
      ? scaledToDecimal(welfareScaled - costScaled, book.scale)
      : scaledToDecimal(BigInt(welfareScaled) - BigInt(costScaled), book.scale);
  // Fills and trades are materialised on first read: a million-trade outcome's totals are ready at
  // once, and its three million small objects are made only for a caller that reads them.
  let fills: Fill[] | undefined;
  let trades: Trade[] | undefined;
  const materialise = (): void => {
    fills = [];
    prefixFills(book.bids, units, buyerPrice, fills);
    const buyCount = fills.length;
    prefixFills(book.asks, units, sellerPrice, fills);
    trades = matchRuns(fills, buyCount);
  };
  const surplus = buyerPrice.minus(sellerPrice).times(units);
  const outcome = assemble(market, mechanism, [], [], welfare, undefined, undefined, surplus);
  Object.defineProperty(outcome, 'fills', {
    enumerable: true,
    get: () => {
      if (fills === undefined) materialise();
      return fills;
    },
  });
  Object.defineProperty(outcome, 'trades', {
    enumerable: true,
    get: () => {
      if (trades === undefined) materialise();
      return trades;
    },
  });
  return outcome;
}
