/**
 * The iterative double auction (IDA), the market baseline of the seed paper's Fig. 6, as DESIGN.md
 * §8.4 reads the paper's words (PAPER.md §4.8).
 *
 * @packageDocumentation
 */
import { MechanismError } from '../src/errors.js';
import type { SideBook } from '../src/market/book.js';
import { bookOf, type Market } from '../src/market/create-market.js';
import { buildOutcome, type FillInput, type Outcome, type Trade } from '../src/market/outcome.js';
import { scaledToDecimal } from '../src/market/scaled.js';
import { type ClearOptions, checkOptionNames, type Mechanism } from '../src/mechanism.js';
import type { PriceInput } from '../src/money.js';
import { ceilDiv, maxBig, minBig, priceOption, roundCapOption, toScaled } from './sync-clocks.js';

/**
 * Options of `ida`.
 *
 * @category mechanisms
 */
export interface IdaOptions extends ClearOptions {
  /** How far an unmatched trader moves its quote in its side's round, exact and > 0 (default: the market's smallest price step). */
  readonly step?: PriceInput;
  /** Every buyer's first standing bid, capped at its value (default: the lowest bid or ask − step, floored at 0). */
  readonly startBid?: PriceInput;
  /** Every seller's first standing ask, floored at its cost (default: the highest bid or ask + step). */
  readonly startAsk?: PriceInput;
  /** Rounds (one side's move each) after which the auction stops with the trades made so far (a positive integer; default unbounded). */
  readonly maxRounds?: number;
}

/**
 * The outcome of an IDA, with the number of rounds it ran.
 *
 * @category mechanisms
 */
export interface IdaOutcome extends Outcome {
  /** Rounds run (each is one side's move), including the final full round without change. */
  readonly rounds: number;
  /** True when `maxRounds` stopped the auction before it came to rest. */
  readonly capped: boolean;
}

/** A binary min-heap of positions keyed by a rank (ids' order), for "the lowest id among ties". */
class RankHeap {
  private readonly items: number[] = [];
  constructor(private readonly rank: Int32Array) {}
  push(x: number): void {
    const a = this.items;
    a.push(x);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if ((this.rank[a[p] as number] as number) <= (this.rank[x] as number)) break;
      a[i] = a[p] as number;
      i = p;
    }
    a[i] = x;
  }
  top(): number | undefined {
    return this.items[0];
  }
  pop(): void {
    const a = this.items;
    const last = a.pop() as number;
    if (a.length === 0) return;
    let i = 0;
    const n = a.length;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && (this.rank[a[c + 1] as number] as number) < (this.rank[a[c] as number] as number)) c++;
      if ((this.rank[a[c] as number] as number) >= (this.rank[last] as number)) break;
      a[i] = a[c] as number;
      i = c;
    }
    a[i] = last;
  }
}

/**
 * One side of the auction in priority order (bids by value descending, asks by cost ascending,
 * ties by id). Every unmatched trader's quote is the side's common level capped at its own limit
 * (a buyer's min(v, B), a seller's max(c, S)), because all start at the same quote and move by
 * the same step: traders still at the level form a prefix of the order (the "group"), tied at the
 * level and ranked by id; the rest sit at their limits.
 */
class Side {
  readonly n: number;
  readonly limit: bigint[];
  readonly units: number[];
  readonly ids: string[];
  private readonly matched: Uint8Array;
  /** Union-find "next unmatched position at or after p" (n when none). */
  private readonly next: Int32Array;
  private readonly heap: RankHeap;
  /** Positions [0, group) are at the level. */
  private group: number;

  constructor(
    side: SideBook,
    factor: bigint,
    readonly buyer: boolean,
    public level: bigint,
  ) {
    this.n = side.sorted.length;
    this.limit = new Array(this.n);
    this.units = new Array(this.n);
    this.ids = new Array(this.n);
    for (let j = 0; j < this.n; j++) {
      const i = side.sorted[j] as number;
      const x = side.scaled[i] as number | bigint;
      this.limit[j] = (typeof x === 'bigint' ? x : BigInt(x)) * factor;
      this.units[j] = side.quantity[i] as number;
      this.ids[j] = side.ids[i] as string;
    }
    const byId = Array.from({ length: this.n }, (_, j) => j).sort((a, b) =>
      (this.ids[a] as string) < (this.ids[b] as string) ? -1 : 1,
    );
    const rank = new Int32Array(this.n);
    byId.forEach((j, r) => {
      rank[j] = r;
    });
    this.matched = new Uint8Array(this.n);
    this.next = Int32Array.from({ length: this.n + 1 }, (_, j) => j);
    this.heap = new RankHeap(rank);
    this.group = 0;
    while (this.group < this.n && this.atLevel(this.limit[this.group] as bigint))
      this.heap.push(this.group++);
  }

  /** Whether a trader with this limit quotes the level (its limit does not bind). */
  private atLevel(limit: bigint): boolean {
    return this.buyer ? limit >= this.level : limit <= this.level;
  }

  private find(p: number): number {
    let root = p;
    while (this.next[root] !== root) root = this.next[root] as number;
    while (this.next[p] !== root) {
      const up = this.next[p] as number;
      this.next[p] = root;
      p = up;
    }
    return root;
  }

  /** Moves the level by `delta` (signed, in the side's direction) and shrinks the group. */
  move(delta: bigint): void {
    this.level += this.buyer ? delta : -delta;
    while (this.group > 0 && !this.atLevel(this.limit[this.group - 1] as bigint)) this.group--;
  }

  /** The best unmatched trader: the lowest id at the level, else the best limit below it. */
  best(): { position: number; quote: bigint } | undefined {
    for (let top = this.heap.top(); top !== undefined; top = this.heap.top()) {
      if (this.matched[top] === 0 && top < this.group) return { position: top, quote: this.level };
      this.heap.pop();
    }
    const p = this.find(this.group);
    return p < this.n ? { position: p, quote: this.limit[p] as bigint } : undefined;
  }

  /** The highest value (lowest cost) still unmatched. */
  bestLimit(): bigint | undefined {
    const p = this.find(0);
    return p < this.n ? (this.limit[p] as bigint) : undefined;
  }

  match(p: number): void {
    this.matched[p] = 1;
    this.next[p] = p + 1;
  }
}

/** Minimal rounds m, counted from the side that moves next, in which that side moves ≥ x times. */
function roundsFor(x: bigint, movesFirst: boolean): bigint {
  if (x <= 0n) return 0n;
  return movesFirst ? 2n * x - 1n : 2n * x;
}

/**
 * The iterative double auction, as DESIGN.md §8.4 reads the seed paper's Table I (PAPER.md §4.8;
 * the paper describes IDA in words only, and this reading is ours). Every buyer starts with the
 * standing bid `startBid` (capped at its value), every seller with the ask `startAsk` (floored at
 * its cost). Rounds alternate, buyers first: in a buyer round every unmatched buyer raises its bid
 * by `step` towards its value, never above it; in a seller round every unmatched seller lowers its
 * ask by `step` towards its cost, never below it. Whenever the best standing bid is at least the
 * best standing ask, that pair trades at the midpoint of its two quotes and both leave (ties among
 * equal quotes by ascending id); a pair of multi-unit traders trades as many units as both hold,
 * and each trader trades once (one price per trader). The auction stops when a full round (one
 * move of each side) changes no quote and makes no trade, or after `maxRounds` rounds.
 *
 * Event-driven: since all quotes start together and move by the same step, the rounds between two
 * trades are skipped in one jump, so the cost grows with the number of traders, not with the price
 * range over the step. Claims: individually rational (a buyer's quote never exceeds its value, a
 * seller's never falls below its cost, and the price lies between them) and strongly budget
 * balanced (each pair's buyer pays what its seller receives); not truthful, not efficient (the
 * pair that meets first need not be an efficient pair) and with no welfare bound.
 *
 * @example
 * ```ts
 * const m = createMarket({
 *   bids: [{ id: 'b1', value: 6 }, { id: 'b2', value: 10 }],
 *   asks: [{ id: 's1', cost: 1 }, { id: 's2', cost: 8 }],
 * });
 * // Bids rise from 0, asks fall from 11; they meet at 6, where b1 and b2 both bid 6 and b1 has
 * // the lower id: b1 buys from s1 at 6; b2's bid rises on to s2's cost and they trade at 8.
 * ida.clear(m).welfare.toString(); // '7', where the efficient b2–s1 trade alone gives 9
 * ```
 * @category mechanisms
 */
export const ida: Mechanism<IdaOptions, IdaOutcome> = {
  name: 'ida',
  description:
    'iterative double auction: alternating rounds of quote improvements; the best bid and ask trade at their midpoint when they meet',
  claims: {
    ir: true,
    dsic: false,
    weakBudgetBalance: true,
    strongBudgetBalance: true,
    efficient: false,
    welfareBound: false,
  },
  options: ['step', 'startBid', 'startAsk', 'maxRounds'],
  clear(market: Market, options: IdaOptions = {}): IdaOutcome {
    checkOptionNames(ida, options);
    const book = bookOf(market);
    const stepOption = priceOption(options.step, 'step');
    if (stepOption?.isZero())
      throw new MechanismError('invalid_option', 'must be > 0, got 0', 'options.step');
    const startBidOption = priceOption(options.startBid, 'startBid');
    const startAskOption = priceOption(options.startAsk, 'startAsk');
    const maxRounds = roundCapOption(options.maxRounds);
    const scale = Math.max(
      book.scale,
      stepOption?.decimalPlaces() ?? 0,
      startBidOption?.decimalPlaces() ?? 0,
      startAskOption?.decimalPlaces() ?? 0,
    );
    const factor = 10n ** BigInt(scale - book.scale);
    const step = stepOption === undefined ? factor : toScaled(stepOption, scale);
    const prices: bigint[] = [];
    for (const side of [book.bids, book.asks]) {
      const n = side.sorted.length;
      for (const j of n === 0 ? [] : [0, n - 1]) {
        const x = side.scaled[side.sorted[j] as number] as number | bigint;
        prices.push((typeof x === 'bigint' ? x : BigInt(x)) * factor);
      }
    }
    const high = prices.reduce(maxBig, 0n);
    const low = prices.reduce(minBig, high);
    const startAsk = startAskOption === undefined ? high + step : toScaled(startAskOption, scale);
    let startBid = startBidOption === undefined ? low - step : toScaled(startBidOption, scale);
    if (startBid < 0n) startBid = 0n;
    if (startBid >= startAsk) {
      throw new MechanismError(
        'invalid_option',
        `the first bid must lie below the first ask, got startBid ${scaledToDecimal(startBid, scale).toString()} and startAsk ${scaledToDecimal(startAsk, scale).toString()}`,
        startBidOption !== undefined ? 'options.startBid' : 'options.startAsk',
      );
    }

    const buyers = new Side(book.bids, factor, true, startBid);
    const sellers = new Side(book.asks, factor, false, startAsk);
    const fills: FillInput[] = [];
    const trades: Trade[] = [];
    let rounds = 0n;
    let buyersNext = true;
    const cap = maxRounds === Number.POSITIVE_INFINITY ? undefined : BigInt(maxRounds);
    let capped = false;
    for (;;) {
      // Every pair whose quotes meet trades at once, best first (the quotes only moved towards each other).
      for (;;) {
        const b = buyers.best();
        const s = sellers.best();
        if (b === undefined || s === undefined || b.quote < s.quote) break;
        const price = scaledToDecimal(b.quote + s.quote, scale).div(2);
        const quantity = Math.min(buyers.units[b.position] as number, sellers.units[s.position] as number);
        const buyer = buyers.ids[b.position] as string;
        const seller = sellers.ids[s.position] as string;
        fills.push(
          { id: buyer, side: 'buy', quantity, price },
          { id: seller, side: 'sell', quantity, price },
        );
        trades.push({ buyer, seller, quantity });
        buyers.match(b.position);
        sellers.match(s.position);
      }
      const vmax = buyers.bestLimit();
      const cmin = sellers.bestLimit();
      let m: bigint;
      let end = false;
      if (vmax === undefined || cmin === undefined || vmax < cmin) {
        // No pair can ever meet: quotes move until each side's last one reaches its limit, then
        // one full round changes nothing.
        const buyerMoves = vmax === undefined ? 0n : ceilDiv(vmax - buyers.level, step);
        const sellerMoves = cmin === undefined ? 0n : ceilDiv(sellers.level - cmin, step);
        const a = roundsFor(buyerMoves, buyersNext);
        const c = roundsFor(sellerMoves, !buyersNext);
        m = maxBig(a, c) + 2n;
        end = true;
      } else {
        // The first round with min(B, vmax) ≥ max(S, cmin): B ≥ cmin, S ≤ vmax and B ≥ S, each
        // monotone in the rounds, so the first round meeting all three is the latest of the three.
        const a = roundsFor(ceilDiv(cmin - buyers.level, step), buyersNext);
        const c = roundsFor(ceilDiv(sellers.level - vmax, step), !buyersNext);
        const d = ceilDiv(sellers.level - buyers.level, step);
        m = maxBig(maxBig(a, c), d);
      }
      if (cap !== undefined && rounds + m > cap) {
        rounds = cap;
        capped = true;
        break;
      }
      rounds += m;
      if (end) break;
      const buyerMoves = buyersNext ? (m + 1n) / 2n : m / 2n;
      buyers.move(buyerMoves * step);
      sellers.move((m - buyerMoves) * step);
      if (m % 2n === 1n) buyersNext = !buyersNext;
    }
    const outcome = buildOutcome(market, { mechanism: 'ida', fills, trades });
    Object.defineProperty(outcome, 'rounds', { enumerable: true, value: Number(rounds) });
    Object.defineProperty(outcome, 'capped', { enumerable: true, value: capped });
    return outcome as IdaOutcome;
  },
};
