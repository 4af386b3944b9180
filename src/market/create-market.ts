import { MarketError } from '../errors.js';
import { Decimal, decimalPow10 } from '../money.js';
import { type Book, cumulativeUnits, type SideBook, sortSide } from './book.js';
import { IdIndex } from './id-index.js';
import { integerExponent, type ParsedPrice, parsePrice, placedExponent, placesOf } from './parse-price.js';
import { SAFE, type ScaledArray, scaledToDecimal } from './scaled.js';
import type { Ask, Bid, MarketInput, Side } from './types.js';

const BOOK: unique symbol = Symbol('doubledutch.book');

/**
 * A validated market: every price exact and non-negative, every quantity a positive integer, every
 * id unique across both sides. It can only be made by {@link createMarket}, so code that receives
 * one trusts it. `bids` and `asks` keep the input order.
 *
 * @category mechanisms
 */
export interface Market {
  /** The bids, in input order, with `value` as a `Decimal`. */
  readonly bids: readonly Bid[];
  /** The asks, in input order, with `cost` as a `Decimal`. */
  readonly asks: readonly Ask[];
  /** Total units demanded. */
  readonly bidUnits: number;
  /** Total units offered. */
  readonly askUnits: number;
  /** @internal the sorted scaled-integer book. */
  readonly [BOOK]: Book;
}

class MarketImpl implements Market {
  readonly [BOOK]: Book;
  private bidCache: readonly Bid[] | undefined;
  private askCache: readonly Ask[] | undefined;

  constructor(book: Book) {
    this[BOOK] = book;
  }

  get bidUnits(): number {
    return this[BOOK].bids.units;
  }

  get askUnits(): number {
    return this[BOOK].asks.units;
  }

  // Decimals are made on first access: a million-order market cleared by a built-in mechanism
  // never needs them, and making them would dominate its clearing time.
  get bids(): readonly Bid[] {
    if (this.bidCache === undefined) {
      const { bids, scale } = this[BOOK];
      this.bidCache = Object.freeze(
        bids.ids.map((id, i) => ({
          id,
          value: scaledToDecimal(bids.scaled[i] as number | bigint, scale),
          quantity: bids.quantity[i] as number,
        })),
      );
    }
    return this.bidCache;
  }

  get asks(): readonly Ask[] {
    if (this.askCache === undefined) {
      const { asks, scale } = this[BOOK];
      this.askCache = Object.freeze(
        asks.ids.map((id, i) => ({
          id,
          cost: scaledToDecimal(asks.scaled[i] as number | bigint, scale),
          quantity: asks.quantity[i] as number,
        })),
      );
    }
    return this.askCache;
  }

  toJSON(): {
    bids: { id: string; value: string; quantity: number }[];
    asks: { id: string; cost: string; quantity: number }[];
  } {
    return {
      bids: this.bids.map((b) => ({ id: b.id, value: b.value.toString(), quantity: b.quantity })),
      asks: this.asks.map((a) => ({ id: a.id, cost: a.cost.toString(), quantity: a.quantity })),
    };
  }
}

/** The internal book of a market (for mechanisms and checks inside this package). */
export function bookOf(market: Market): Book {
  const book = (market as Partial<Market>)[BOOK];
  if (book === undefined)
    throw new MarketError('not_a_market', 'expected a Market made by createMarket', 'market');
  return book;
}

interface RawSide {
  ids: string[];
  quantity: number[];
  /**
   * Prices that arrived as plain numbers the fast path reads exactly (NaN elsewhere): non-negative
   * integers below 2^53, and doubles with few decimal places (see `placesOf`).
   */
  doubles: Float64Array;
  /** Every other price, parsed, by order index. */
  parsed: Map<number, ParsedPrice>;
}

interface Extent {
  decimals: number;
  magnitude: number;
  /** Where the finest and the largest price are (for the error that refuses too wide a range). */
  decimalsAt: string;
  /** The exponent of the largest price's first significant digit, exactly, and where it is. */
  exponent: number;
  exponentAt: string;
  /**
   * The largest double with decimal places read so far: a smaller one cannot start at a higher power
   * of ten, so its exponent need not be computed.
   */
  largestPlaced: number;
}

/**
 * The most significant digits a market's prices may span, from the first digit of the largest to
 * the finest decimal place of any. With {@link Decimal}'s 100-digit precision this leaves room for
 * every sum of prices times quantities a market can hold, so that no amount is ever rounded.
 */
export const MAX_PRICE_DIGITS = 40;

const TWO_53 = 2 ** 53;

function readSide(orders: unknown, side: Side, extent: Extent): RawSide {
  const list = side === 'buy' ? 'bids' : 'asks';
  const priceKey = side === 'buy' ? 'value' : 'cost';
  if (!Array.isArray(orders)) throw new MarketError('missing_field', 'must be an array of orders', list);
  const n = orders.length;
  const ids = new Array<string>(n);
  const quantity = new Array<number>(n);
  const doubles = new Float64Array(n);
  const parsed = new Map<number, ParsedPrice>();
  // The largest plain integer price of this side: its digits are counted once, at the end.
  let maxInteger = 0;
  let maxIntegerIndex = -1;
  let units = 0;
  let places = 0;
  // Field names are built only on the error path: a template string per order would cost more
  // than the rest of the validation of a million-order market.
  const at = (i: number, key?: string) => `${list}[${i}]${key === undefined ? '' : `.${key}`}`;
  for (let i = 0; i < n; i++) {
    const order: unknown = orders[i];
    if (typeof order !== 'object' || order === null)
      throw new MarketError('invalid_order', 'must be an object', at(i));
    const o = order as Record<string, unknown>;
    const id = o.id;
    if (typeof id !== 'string' || id.length === 0) {
      if (id === undefined) throw new MarketError('missing_field', 'is required', at(i, 'id'));
      throw new MarketError('invalid_id', 'must be a non-empty string', at(i, 'id'));
    }
    const price = o[priceKey];
    if (typeof price === 'number' && Number.isInteger(price) && price >= 0 && price < TWO_53) {
      doubles[i] = price;
      if (price > extent.magnitude) extent.magnitude = price;
      if (price > maxInteger) {
        maxInteger = price;
        maxIntegerIndex = i;
      }
    } else if (typeof price === 'number' && (places = placesOf(price)) > 0) {
      // A double with few decimals (the slot markets' USD prices, issue 15), read as the general
      // path below would read it, without its text or a parsed record.
      doubles[i] = price;
      if (places > extent.decimals) {
        extent.decimals = places;
        extent.decimalsAt = at(i, priceKey);
      }
      if (price > extent.magnitude) extent.magnitude = price;
      if (price > extent.largestPlaced) {
        extent.largestPlaced = price;
        const exponent = placedExponent(price, places);
        if (exponent > extent.exponent) {
          extent.exponent = exponent;
          extent.exponentAt = at(i, priceKey);
        }
      }
    } else {
      if (price === undefined && !(priceKey in o))
        throw new MarketError('missing_field', 'is required', at(i, priceKey));
      const p = parsePrice(price, at(i, priceKey));
      doubles[i] = Number.NaN;
      parsed.set(i, p);
      if (p.decimals > extent.decimals) {
        extent.decimals = p.decimals;
        extent.decimalsAt = at(i, priceKey);
      }
      if (p.magnitude > extent.magnitude) extent.magnitude = p.magnitude;
      if (p.exponent > extent.exponent) {
        extent.exponent = p.exponent;
        extent.exponentAt = at(i, priceKey);
      }
    }
    const q = o.quantity;
    if (q === undefined) quantity[i] = 1;
    else if (typeof q === 'number' && Number.isSafeInteger(q) && q > 0) quantity[i] = q;
    else
      throw new MarketError(
        'invalid_quantity',
        `must be a positive integer, got ${String(q)}`,
        at(i, 'quantity'),
      );
    units += quantity[i] as number;
    // Unit counts, ranks and cumulative sums are doubles everywhere downstream: beyond 2^53 − 1
    // they would round, and mechanisms would trade units that do not exist (issue 16).
    if (units > Number.MAX_SAFE_INTEGER)
      throw new MarketError(
        'too_many_units',
        `brings the ${list}' total quantity above 2^53 − 1 (${Number.MAX_SAFE_INTEGER}) units, the most a market counts exactly`,
        at(i, 'quantity'),
      );
    ids[i] = id;
  }
  const exponent = integerExponent(maxInteger);
  if (exponent > extent.exponent) {
    extent.exponent = exponent;
    extent.exponentAt = at(maxIntegerIndex, priceKey);
  }
  return { ids, quantity, doubles, parsed };
}

function scaleSide(raw: RawSide, scale: number, fast: boolean): ScaledArray {
  const n = raw.ids.length;
  if (fast) {
    const out = raw.doubles;
    const factor = 10 ** scale;
    // A double with at most `scale` decimals, times 10^scale, is within an ulp of an integer below
    // 2^53, so rounding recovers that integer exactly (an integer price's product is exact already).
    if (scale > 0) for (let i = 0; i < n; i++) out[i] = Math.round((out[i] as number) * factor);
    for (const [i, p] of raw.parsed) {
      // A double with at most `scale` decimals, times 10^scale, is within an ulp of an integer
      // below 2^53, so rounding recovers that integer exactly.
      out[i] =
        p.num !== undefined
          ? Math.round(p.num * factor)
          : (p.dec as Decimal).times(decimalPow10(scale)).toNumber();
    }
    return out;
  }
  const out = new Array<bigint>(n);
  const factor = decimalPow10(scale);
  for (let i = 0; i < n; i++) {
    const p = raw.parsed.get(i);
    const d =
      // Decimal reads a non-integer number through its text, as String(x) writes it.
      p === undefined ? new Decimal(raw.doubles[i] as number) : (p.dec ?? new Decimal(String(p.num)));
    out[i] = BigInt(d.times(factor).toFixed(0));
  }
  return out;
}

function makeSide(side: Side, raw: RawSide, scaled: ScaledArray): SideBook {
  const sorted = sortSide(raw.ids, scaled, side === 'buy');
  const cumUnits = cumulativeUnits(raw.quantity, sorted);
  const units = cumUnits === undefined ? raw.ids.length : (cumUnits[cumUnits.length - 1] ?? 0);
  return { side, ids: raw.ids, quantity: raw.quantity, scaled, sorted, cumUnits, units };
}

/** Throws when the prices span more digits than can be kept exact (see {@link MAX_PRICE_DIGITS}). */
function refuseInexactRange(extent: Extent): void {
  if (extent.exponent === Number.NEGATIVE_INFINITY) return; // every price is 0
  // The digits of the largest scaled integer: from the largest price's first significant digit
  // down to the finest decimal place of any price.
  const digits = extent.exponent + 1 + extent.decimals;
  if (digits <= MAX_PRICE_DIGITS) return;
  const alone = extent.exponent + 1 > MAX_PRICE_DIGITS || extent.decimals === 0;
  throw new MarketError(
    'too_precise',
    alone
      ? `has ${extent.exponent + 1} digits before the decimal point; prices are kept exact up to ${MAX_PRICE_DIGITS} significant digits`
      : `has ${extent.decimals} decimal places, and the largest price (${extent.exponentAt}) starts at 10^${extent.exponent}, so the market's prices span ${digits} digits; prices are kept exact up to ${MAX_PRICE_DIGITS} significant digits from the largest price's first digit to the finest decimal place`,
    alone ? extent.exponentAt : extent.decimalsAt,
  );
}

/**
 * Validates buyers' bids and sellers' asks into a {@link Market}. Nothing is dropped or repaired:
 * any invalid order throws a {@link MarketError} whose `code` says what is wrong and whose `field`
 * names the input (`bids[3].value`).
 *
 * @example
 * ```ts
 * const market = createMarket({
 *   bids: [{ id: 'b1', value: 17 }, { id: 'b2', value: '14.5', quantity: 2 }],
 *   asks: [{ id: 's1', cost: 1 }, { id: 's2', cost: 4 }],
 * });
 * market.bids[1]?.value.toString(); // '14.5'
 * ```
 * @category mechanisms
 */
export function createMarket(input: MarketInput): Market {
  if (typeof input !== 'object' || input === null) {
    throw new MarketError('invalid_input', 'must be an object with bids and asks', 'market');
  }
  const extent: Extent = {
    decimals: 0,
    magnitude: 0,
    decimalsAt: '',
    exponent: Number.NEGATIVE_INFINITY,
    exponentAt: '',
    largestPlaced: 0,
  };
  const rawBids = readSide((input as { bids?: unknown }).bids, 'buy', extent);
  const rawAsks = readSide((input as { asks?: unknown }).asks, 'sell', extent);
  const index = new IdIndex(rawBids.ids, rawAsks.ids, (key, id) => {
    const field = key >= 0 ? `bids[${key}].id` : `asks[${-key - 1}].id`;
    throw new MarketError(
      'duplicate_id',
      `duplicate id '${id}' (ids are unique across bids and asks)`,
      field,
    );
  });
  const scale = extent.decimals;
  refuseInexactRange(extent);
  // Doubles hold every scaled price exactly below 2^53; sums of them go through ScaledSum, which
  // moves to bigint before a double could round.
  const fast = extent.magnitude * 10 ** scale < SAFE / 4;
  const book: Book = {
    scale,
    bids: makeSide('buy', rawBids, scaleSide(rawBids, scale, fast)),
    asks: makeSide('sell', rawAsks, scaleSide(rawAsks, scale, fast)),
    index,
  };
  return new MarketImpl(book);
}

/**
 * Below this every scaled price of a market built from doubles is far from `SAFE / 4`, where
 * {@link createMarket} moves to bigint, so a market kept under it takes the doubles' path there too.
 */
const REPRICE_LIMIT = 2 ** 49;

/** Decimal places of a scaled integer price at `scale` (its trailing zeros cut, at most `scale`). */
function placesAt(scaled: number, scale: number): number {
  let places = scale;
  for (let v = scaled; places > 0 && v % 10 === 0; v /= 10) places--;
  return places;
}

/**
 * The market in which the order at `index` on `side` reports `price` instead, built from `market`'s
 * book: the same {@link Market} that {@link createMarket} makes of the same orders (same scale, same
 * scaled prices, same priority order), without reading every price again through decimal.js. The
 * DSIC check builds one such market per participant and misreport, so this is its hot path.
 * Returns undefined where the two could differ, for the caller to use `createMarket`: a price that
 * is not a non-negative decimal with at most the market's decimal places, a market of bigints, a
 * scaled price near the doubles' exact range, or a scale that the new price would lower.
 *
 * @internal
 */
export function repriced(market: Market, side: Side, index: number, price: Decimal): Market | undefined {
  const book = bookOf(market);
  const { scale } = book;
  const own = side === 'buy' ? book.bids : book.asks;
  const other = side === 'buy' ? book.asks : book.bids;
  if (!(own.scaled instanceof Float64Array) || !(other.scaled instanceof Float64Array)) return undefined;
  if (!Number.isInteger(index) || index < 0 || index >= own.ids.length) return undefined;
  if (!price.isFinite() || price.isNegative()) return undefined; // also −0, which createMarket reads as 0
  const places = price.decimalPlaces();
  if (places > scale) return undefined;
  const scaledPrice = price.times(decimalPow10(scale)).toNumber();
  if (!(scaledPrice < REPRICE_LIMIT)) return undefined;
  // The market's scale is the most places any price has: kept only if some price still has them.
  let keepsScale = places === scale;
  for (const s of [own, other]) {
    const values = s.scaled as Float64Array;
    for (let i = 0; i < values.length; i++) {
      const v = values[i] as number;
      if (!(v < REPRICE_LIMIT)) return undefined;
      if (!keepsScale && !(s === own && i === index) && placesAt(v, scale) === scale) keepsScale = true;
    }
  }
  if (!keepsScale) return undefined;
  const scaled = Float64Array.from(own.scaled);
  scaled[index] = scaledPrice;
  const sorted = sortSide(own.ids, scaled, side === 'buy');
  const cumUnits = cumulativeUnits(own.quantity, sorted);
  const units = cumUnits === undefined ? own.ids.length : (cumUnits[cumUnits.length - 1] ?? 0);
  const rebuilt: SideBook = { side, ids: own.ids, quantity: own.quantity, scaled, sorted, cumUnits, units };
  return new MarketImpl({
    scale,
    bids: side === 'buy' ? rebuilt : other,
    asks: side === 'buy' ? other : rebuilt,
    index: book.index,
  });
}
