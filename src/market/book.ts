/**
 * The sorted order book behind a `Market`: per side, the orders' ids, quantities and scaled
 * prices, and the priority order (bids by value descending, asks by cost ascending, ties by
 * ascending id, compared by UTF-16 code units so the order never depends on a locale or the input
 * order). Multi-unit orders are expanded into units only conceptually, through cumulative counts.
 */
import type { Decimal } from '../money.js';
import { SAFE, type Scaled, type ScaledArray, scaledToDecimal } from './scaled.js';
import type { Side } from './types.js';

/** One side of the book. */
export interface SideBook {
  readonly side: Side;
  readonly ids: readonly string[];
  readonly quantity: readonly number[];
  readonly scaled: ScaledArray;
  /** Order indices in priority order. */
  readonly sorted: Int32Array;
  /** cumUnits[j] = units of sorted[0..j], or undefined when every order is one unit. */
  readonly cumUnits: Float64Array | undefined;
  readonly units: number;
}

/** The whole book. */
export interface Book {
  readonly scale: number;
  readonly bids: SideBook;
  readonly asks: SideBook;
  /** id → index on its side: `i` for bids, `-(i + 1)` for asks. */
  readonly index: { get(id: string): number | undefined };
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Sorts order indices by (price in the side's direction, id ascending). For doubles whose packed
 * key (price rank × n + index) stays exact, a native Float64Array sort does the work and only runs
 * of equal prices are re-sorted by id; otherwise a comparator sort.
 */
export function sortSide(ids: readonly string[], scaled: ScaledArray, descending: boolean): Int32Array {
  const n = ids.length;
  const order = new Int32Array(n);
  if (scaled instanceof Float64Array) {
    let max = 0;
    for (let i = 0; i < n; i++) if ((scaled[i] as number) > max) max = scaled[i] as number;
    if (max + 1 <= 4 * n + 1024) {
      // A narrow range of integer prices: a counting sort is linear, several times faster than a
      // comparison sort of a million keys. It is stable, so equal prices stay in input order until
      // their runs are re-sorted by id.
      const counts = new Int32Array(max + 2);
      for (let i = 0; i < n; i++) {
        const slot = (descending ? max - (scaled[i] as number) : (scaled[i] as number)) + 1;
        counts[slot] = (counts[slot] as number) + 1;
      }
      for (let k = 1; k < counts.length; k++) counts[k] = (counts[k] as number) + (counts[k - 1] as number);
      const ranks = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const key = descending ? max - (scaled[i] as number) : (scaled[i] as number);
        const at = counts[key] as number;
        counts[key] = at + 1;
        order[at] = i;
        ranks[at] = key;
      }
      sortTieRunsById(order, ids, ranks);
      return order;
    }
    if ((max + 1) * Math.max(n, 1) < SAFE) {
      const keys = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const v = scaled[i] as number;
        keys[i] = (descending ? max - v : v) * n + i;
      }
      keys.sort();
      for (let j = 0; j < n; j++) {
        const key = keys[j] as number;
        const rank = Math.floor(key / n);
        order[j] = key - rank * n;
        keys[j] = rank;
      }
      sortTieRunsById(order, ids, keys);
      return order;
    }
  }
  for (let i = 0; i < n; i++) order[i] = i;
  const sign = descending ? -1 : 1;
  const compare = (a: number, b: number): number => {
    const x = scaled[a] as Scaled;
    const y = scaled[b] as Scaled;
    if (x !== y) return x < y ? -sign : sign;
    return compareIds(ids[a] as string, ids[b] as string);
  };
  order.sort(compare);
  return order;
}

/** Re-sorts by id each run of equal `rankInOrder` (the price ranks, already in sorted order). */
function sortTieRunsById(order: Int32Array, ids: readonly string[], rankInOrder: Float64Array): void {
  const n = order.length;
  const byId = (a: number, b: number) => compareIds(ids[a] as string, ids[b] as string);
  let start = 0;
  while (start < n) {
    const v = rankInOrder[start];
    let end = start + 1;
    while (end < n && rankInOrder[end] === v) end++;
    const length = end - start;
    if (length > 16) order.subarray(start, end).sort(byId);
    else if (length > 1) {
      // Runs of equal prices are mostly pairs in real books: insertion sort, no closures.
      for (let j = start + 1; j < end; j++) {
        const x = order[j] as number;
        const id = ids[x] as string;
        let m = j - 1;
        while (m >= start && (ids[order[m] as number] as string) > id) {
          order[m + 1] = order[m] as number;
          m--;
        }
        order[m + 1] = x;
      }
    }
    start = end;
  }
}

/** Builds the cumulative unit counts of a side in priority order (undefined when all single-unit). */
export function cumulativeUnits(quantity: readonly number[], sorted: Int32Array): Float64Array | undefined {
  let multi = false;
  for (const q of quantity) {
    if (q !== 1) {
      multi = true;
      break;
    }
  }
  if (!multi) return undefined;
  const cum = new Float64Array(sorted.length);
  let total = 0;
  for (let j = 0; j < sorted.length; j++) {
    total += quantity[sorted[j] as number] as number;
    cum[j] = total;
  }
  return cum;
}

/** The position in priority order of the order holding unit `rank` (0-based). */
export function positionOfUnit(side: SideBook, rank: number): number {
  const cum = side.cumUnits;
  if (cum === undefined) return rank;
  let lo = 0;
  let hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((cum[mid] as number) > rank) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The order index holding unit `rank` (0-based), or -1 when the side has fewer units. */
export function orderOfUnit(side: SideBook, rank: number): number {
  if (rank < 0 || rank >= side.units) return -1;
  return side.sorted[positionOfUnit(side, rank)] as number;
}

/** The scaled price of unit `rank` (0-based), or undefined past the last unit. */
export function scaledOfUnit(side: SideBook, rank: number): Scaled | undefined {
  const i = orderOfUnit(side, rank);
  return i < 0 ? undefined : (side.scaled[i] as Scaled);
}

/** The exact price of unit `rank` (0-based), or undefined past the last unit. */
export function priceOfUnit(book: Book, side: SideBook, rank: number): Decimal | undefined {
  const x = scaledOfUnit(side, rank);
  return x === undefined ? undefined : scaledToDecimal(x, book.scale);
}
