import type { Decimal } from '../money.js';
import { type Book, orderOfUnit, priceOfUnit, type SideBook } from './book.js';
import { bookOf, type Market } from './create-market.js';
import { type Scaled, ScaledSum } from './scaled.js';

/**
 * The order statistics every double auction is defined by, in single-unit notation: units sorted
 * b_1 ≥ b_2 ≥ … (bids) and s_1 ≤ s_2 ≤ … (asks), ties by ascending id.
 *
 * - k = the largest i with b_i ≥ s_i (a zero-gain trade counts), the efficient number of trades;
 * - L = max(s_k, b_{k+1}) and H = min(b_k, s_{k+1}) bound the prices at which exactly k units
 *   clear (a missing b_{k+1} counts as −∞, a missing s_{k+1} as +∞);
 * - the optimal welfare Σ_{i≤k} (b_i − s_i).
 *
 * @category mechanisms
 */
export interface OrderStatistics {
  /** The efficient number of trades. */
  readonly k: number;
  /** Units demanded / offered. */
  readonly bidUnits: number;
  readonly askUnits: number;
  /** [L, H] when k ≥ 1. */
  readonly clearingInterval: readonly [Decimal, Decimal] | undefined;
  /** Σ_{i≤k} (b_i − s_i). */
  readonly optimalWelfare: Decimal;
  /** b_i, the i-th highest bid unit (1-based), or undefined when there are fewer than i. */
  bid(i: number): Decimal | undefined;
  /** s_i, the i-th lowest ask unit (1-based), or undefined when there are fewer than i. */
  ask(i: number): Decimal | undefined;
  /** The id of the buyer owning the i-th bid unit (1-based). */
  bidder(i: number): string | undefined;
  /** The id of the seller owning the i-th ask unit (1-based). */
  asker(i: number): string | undefined;
}

interface Core {
  k: number;
  optimal: ScaledSum;
}

function efficientCore(book: Book): Core {
  const { bids, asks } = book;
  const optimal = new ScaledSum();
  let k = 0;
  let bj = 0;
  let aj = 0;
  let bLeft = bids.sorted.length > 0 ? quantityAt(bids, 0) : 0;
  let aLeft = asks.sorted.length > 0 ? quantityAt(asks, 0) : 0;
  while (bj < bids.sorted.length && aj < asks.sorted.length) {
    const b = bids.scaled[bids.sorted[bj] as number] as Scaled;
    const s = asks.scaled[asks.sorted[aj] as number] as Scaled;
    if (b < s) break;
    const t = Math.min(bLeft, aLeft);
    k += t;
    optimal.add(b, t);
    optimal.add(-s, t);
    bLeft -= t;
    aLeft -= t;
    if (bLeft === 0 && ++bj < bids.sorted.length) bLeft = quantityAt(bids, bj);
    if (aLeft === 0 && ++aj < asks.sorted.length) aLeft = quantityAt(asks, aj);
  }
  return { k, optimal };
}

function quantityAt(side: SideBook, position: number): number {
  return side.quantity[side.sorted[position] as number] as number;
}

const cache = new WeakMap<Market, OrderStatistics>();

/**
 * The order statistics of a market (computed once per market, then cached).
 *
 * @example
 * ```ts
 * const st = orderStatistics(createMarket({ bids: [{ id: 'b', value: 5 }], asks: [{ id: 's', cost: 3 }] }));
 * st.k; // 1
 * st.clearingInterval; // [3, 5]
 * ```
 * @category mechanisms
 */
export function orderStatistics(market: Market): OrderStatistics {
  const hit = cache.get(market);
  if (hit !== undefined) return hit;
  const book = bookOf(market);
  const { k, optimal } = efficientCore(book);
  const bid = (i: number) => priceOfUnit(book, book.bids, i - 1);
  const ask = (i: number) => priceOfUnit(book, book.asks, i - 1);
  let clearingInterval: readonly [Decimal, Decimal] | undefined;
  if (k >= 1) {
    const bk = bid(k) as Decimal;
    const sk = ask(k) as Decimal;
    const bNext = bid(k + 1);
    const sNext = ask(k + 1);
    const low = bNext !== undefined && bNext.gt(sk) ? bNext : sk;
    const high = sNext !== undefined && sNext.lt(bk) ? sNext : bk;
    clearingInterval = [low, high];
  }
  const stats: OrderStatistics = {
    k,
    bidUnits: book.bids.units,
    askUnits: book.asks.units,
    clearingInterval,
    optimalWelfare: optimal.toDecimal(book.scale),
    bid,
    ask,
    bidder: (i) => book.bids.ids[orderOfUnit(book.bids, i - 1)],
    asker: (i) => book.asks.ids[orderOfUnit(book.asks, i - 1)],
  };
  cache.set(market, stats);
  return stats;
}
