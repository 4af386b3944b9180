// SBBA's lottery held per order: memory and time independent of quantities (one bid and one ask
// of 10^8 units ran out of memory, 2^52 units crashed V8, beyond 2^32 the draw looped forever),
// with the per-unit lottery's distribution and, for every seed, its realisation.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildOutcome,
  createMarket,
  createRng,
  Decimal,
  getMechanism,
  listMechanisms,
  type Market,
  type MarketInput,
  OutcomeError,
  orderStatistics,
} from '../../src/index.js';
import { fillsOf } from '../helpers.js';

const sbba = getMechanism('sbba');

/**
 * The per-unit SBBA this file guards the old behaviour of: a pool with one entry per ask unit,
 * one unit excluded by `createRng(seed).int(k)` (only usable on small markets).
 */
function perUnitReference(market: Market, seed: number) {
  const stats = orderStatistics(market);
  const { k } = stats;
  const bk = stats.bid(k) as Decimal;
  const pool: string[] = [];
  for (let i = 1; i <= k; i++) pool.push(stats.asker(i) as string);
  const excluded = createRng(seed).int(k);
  const fills: string[] = [];
  const buyers = new Map<string, number>();
  for (let i = 1; i < k; i++)
    buyers.set(stats.bidder(i) as string, (buyers.get(stats.bidder(i) as string) ?? 0) + 1);
  for (const [id, q] of buyers) fills.push(`${id}:${q}@${bk.toString()}`);
  const sellers = new Map<string, number>();
  pool.forEach((id, unit) => {
    if (unit !== excluded) sellers.set(id, (sellers.get(id) ?? 0) + 1);
  });
  for (const [id, q] of sellers) fills.push(`${id}:${q}@${bk.toString()}`);
  return { pool, fills: fills.sort() };
}

const price = fc.integer({ min: 0, max: 12 }).map((n) => n / 2);
const multiUnitMarket: fc.Arbitrary<MarketInput> = fc
  .record({
    bids: fc.array(fc.record({ value: price, quantity: fc.integer({ min: 1, max: 4 }) }), { maxLength: 6 }),
    asks: fc.array(fc.record({ cost: price, quantity: fc.integer({ min: 1, max: 4 }) }), { maxLength: 6 }),
  })
  .map(({ bids, asks }) => ({
    bids: bids.map((b, i) => ({ id: `b${i}`, ...b })),
    asks: asks.map((a, i) => ({ id: `s${i}`, ...a })),
  }));

describe('sbba with multi-unit orders', () => {
  it('draws as the per-unit lottery did: same pool (expanded), same realisation for every seed', () => {
    fc.assert(
      fc.property(multiUnitMarket, fc.integer({ min: 0, max: 2 ** 31 }), (input, seed) => {
        const market = createMarket(input);
        const o = sbba.clear(market, { seed });
        if (o.lottery === undefined) return;
        const reference = perUnitReference(market, seed);
        const expanded = o.lottery.pool.flatMap((id, n) => Array<string>(o.lottery?.units[n] ?? 0).fill(id));
        expect(expanded).toEqual(reference.pool);
        expect(new Set(o.lottery.pool).size).toBe(o.lottery.pool.length);
        expect(fillsOf(o)).toEqual(reference.fills);
      }),
    );
  });
});

describe('sbba with huge quantities', () => {
  // One bid (value 9) and one ask (cost 1) of q units: k = q, no s_{k+1}, so p = b_k = 9 and
  // q − 1 of the seller's q units trade; E[welfare] = (q − 1)·9 − (q − 1)·1 = 8(q − 1), exactly.
  it.each([1e8, 2 ** 32 + 1, 2 ** 40, 2 ** 52, 2 ** 53 - 1])(
    'one bid and one ask of %d units clear at once with exact expected welfare',
    (q) => {
      const market = createMarket({
        bids: [{ id: 'b', value: 9, quantity: q }],
        asks: [{ id: 's', cost: 1, quantity: q }],
      });
      const started = performance.now();
      const o = sbba.clear(market, { seed: 7 });
      expect(performance.now() - started).toBeLessThan(1000);
      expect(o.lottery?.pool).toEqual(['s']);
      expect(o.lottery?.units).toEqual([q]);
      expect(o.lottery?.winners).toBe(q - 1);
      expect(o.fills.map((f) => f.quantity)).toEqual([q - 1, q - 1]);
      expect(o.expectedWelfare.toString()).toBe(new Decimal(q - 1).times(8).toString());
      expect(o.surplus.toString()).toBe('0');
    },
  );

  it('excludes the unit at rank createRng(seed).int(k) when k passes 2^32', () => {
    // Two sellers of 2^40 units each: the excluded unit is the first seller's when its rank is
    // below 2^40, else the second's.
    const half = 2 ** 40;
    const market = createMarket({
      bids: [{ id: 'b', value: 9, quantity: 2 * half }],
      asks: [
        { id: 's1', cost: 1, quantity: half },
        { id: 's2', cost: 2, quantity: half },
      ],
    });
    const short = new Set<string>();
    for (let seed = 0; seed < 8; seed++) {
      const o = sbba.clear(market, { seed });
      const shortOne = createRng(seed).int(2 * half) < half ? 's1' : 's2';
      short.add(shortOne);
      const sold = Object.fromEntries(
        o.fills.filter((f) => f.side === 'sell').map((f) => [f.id, f.quantity]),
      );
      expect(sold).toEqual({
        s1: shortOne === 's1' ? half - 1 : half,
        s2: shortOne === 's2' ? half - 1 : half,
      });
      // E[welfare] = (2^41 − 1)·9 − (2^41 − 1)/2^41 · (2^40·1 + 2^40·2) = (2^41 − 1)·(9 − 1.5).
      expect(o.expectedWelfare.toString()).toBe(new Decimal(2 * half - 1).times('7.5').toString());
    }
    expect(short.size).toBe(2);
  });
});

describe('every built-in mechanism with huge quantities', () => {
  // None may expand orders into units: one bid and one ask of q units clear in well under a second.
  const cases = listMechanisms().flatMap((name) => [1e8, 2 ** 40].map((q) => [name, q] as const));
  it.each(cases)('%s clears one bid and one ask of %d units', (name, q) => {
    const market = createMarket({
      bids: [{ id: 'b', value: 9, quantity: q }],
      asks: [{ id: 's', cost: 1, quantity: q }],
    });
    const started = performance.now();
    const o = getMechanism(name).clear(market);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(o.efficientTrades).toBe(q);
    expect(o.optimalWelfare.toString()).toBe(String(8 * q));
    // Every mechanism here trades all k units or k − 1 of them (trade reduction, SBBA's lottery).
    expect([q, q - 1]).toContain(o.fills.find((f) => f.side === 'buy')?.quantity);
  });
});

describe('createRng(seed).int(n)', () => {
  // The draw before 53-bit draws existed, rebuilt from next() (= one 32-bit draw / 2^32).
  function int32Reference(seed: number, n: number, draws: number): number[] {
    const rng = createRng(seed);
    const out: number[] = [];
    const limit = 2 ** 32 - (2 ** 32 % n);
    for (let d = 0; d < draws; d++) {
      let x = rng.next() * 2 ** 32;
      while (x >= limit) x = rng.next() * 2 ** 32;
      out.push(x % n);
    }
    return out;
  }

  it.each([1, 3, 1000, 2 ** 31 + 1, 2 ** 32 - 1, 2 ** 32])('is unchanged for n = %d (≤ 2^32)', (n) => {
    for (const seed of [0, 1, 42]) {
      const rng = createRng(seed);
      expect(Array.from({ length: 50 }, () => rng.int(n))).toEqual(int32Reference(seed, n, 50));
    }
  });

  it.each([2 ** 32 + 1, 3 * 2 ** 40 + 7, 2 ** 53 - 1])('covers [0, %d) beyond 2^32', (n) => {
    const rng = createRng(3);
    const draws = Array.from({ length: 400 }, () => rng.int(n));
    for (const x of draws) {
      expect(Number.isSafeInteger(x) && x >= 0 && x < n).toBe(true);
    }
    // Each quarter of the range is hit (400 draws miss one with probability ≈ 4·(3/4)^400).
    const quarters = new Set(draws.map((x) => Math.floor((4 * x) / n)));
    expect(quarters.size).toBe(4);
  });

  it('refuses n beyond 2^53 − 1 rather than drawing from a range doubles cannot hold', () => {
    expect(() => createRng(0).int(2 ** 53)).toThrow(RangeError);
  });
});

describe('buildOutcome lottery pools', () => {
  const market = createMarket({
    bids: [{ id: 'b', value: 9, quantity: 3 }],
    asks: [
      { id: 's1', cost: 1, quantity: 2 },
      { id: 's2', cost: 2, quantity: 2 },
    ],
  });
  const fills = [
    { id: 'b', side: 'buy', quantity: 3, price: 5 },
    { id: 's1', side: 'sell', quantity: 2, price: 5 },
    { id: 's2', side: 'sell', quantity: 1, price: 5 },
  ] as const;

  it('takes a per-unit pool (ids repeated) as before and holds it per order', () => {
    const o = buildOutcome(market, {
      mechanism: 'x',
      fills,
      lottery: { side: 'sell', pool: ['s1', 's1', 's2', 's2'], winners: 3, price: 5 },
    });
    expect(o.lottery?.pool).toEqual(['s1', 's2']);
    expect(o.lottery?.units).toEqual([2, 2]);
    // 27 − 3/4 · (2·1 + 2·2) = 22.5
    expect(o.expectedWelfare.toString()).toBe('22.5');
  });

  it('takes a per-order pool with units', () => {
    const o = buildOutcome(market, {
      mechanism: 'x',
      fills,
      lottery: { side: 'sell', pool: ['s1', 's2'], units: [2, 2], winners: 3, price: 5 },
    });
    expect(o.expectedWelfare.toString()).toBe('22.5');
  });

  it.each([
    [{ pool: ['s1', 's2'], units: [2] }, 'invalid_pool', 'lottery.units'],
    [{ pool: ['s1', 's2'], units: [2, 3] }, 'invalid_quantity', 'lottery.units[1]'],
    [{ pool: ['s1', 's2'], units: [2, 0] }, 'invalid_quantity', 'lottery.units[1]'],
    [{ pool: ['s1', 's1'], units: [1, 1] }, 'invalid_pool', 'lottery.pool[1]'],
    [{ pool: ['s1', 's1', 's1'] }, 'invalid_pool', 'lottery.pool[2]'],
  ])('refuses %j (%s at %s)', (pool, code, field) => {
    try {
      buildOutcome(market, {
        mechanism: 'x',
        fills,
        lottery: { side: 'sell', winners: 3, price: 5, ...pool },
      });
    } catch (error) {
      expect(error).toBeInstanceOf(OutcomeError);
      expect((error as OutcomeError).code).toBe(code);
      expect((error as OutcomeError).field).toBe(field);
      return;
    }
    throw new Error('expected an OutcomeError');
  });
});
