// Theorems every built-in mechanism must satisfy whatever it claims: the outcome does not depend
// on the order of the input, inputs are never mutated, seeded lotteries are reproducible, and the
// order statistics agree with an exhaustive search.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createMarket,
  getMechanism,
  listMechanisms,
  type MarketInput,
  orderStatistics,
} from '../../src/index.js';
import { fillsOf } from '../helpers.js';

const price = fc.integer({ min: 0, max: 12 }).map((n) => n / 2);
const marketInput = (multiUnit: boolean): fc.Arbitrary<MarketInput> =>
  fc
    .record({
      bids: fc.array(
        fc.record({ value: price, quantity: multiUnit ? fc.integer({ min: 1, max: 3 }) : fc.constant(1) }),
        {
          maxLength: 6,
        },
      ),
      asks: fc.array(
        fc.record({ cost: price, quantity: multiUnit ? fc.integer({ min: 1, max: 3 }) : fc.constant(1) }),
        {
          maxLength: 6,
        },
      ),
    })
    .map(({ bids, asks }) => ({
      bids: bids.map((b, i) => ({ id: `b${i}`, ...b })),
      asks: asks.map((a, i) => ({ id: `s${i}`, ...a })),
    }));

function deepFreeze<T>(x: T): T {
  if (typeof x === 'object' && x !== null) {
    for (const v of Object.values(x)) deepFreeze(v);
    Object.freeze(x);
  }
  return x;
}

describe.each(listMechanisms())('%s', (name) => {
  const mechanism = getMechanism(name);

  it('is invariant under permutation of the bids and of the asks', () => {
    fc.assert(
      fc.property(
        marketInput(true).chain((m) =>
          fc.tuple(
            fc.constant(m),
            fc.shuffledSubarray([...m.bids], { minLength: m.bids.length }),
            fc.shuffledSubarray([...m.asks], { minLength: m.asks.length }),
          ),
        ),
        ([input, bids, asks]) => {
          const a = mechanism.clear(createMarket(input), { seed: 7 });
          const b = mechanism.clear(createMarket({ bids, asks }), { seed: 7 });
          expect(fillsOf(b)).toEqual(fillsOf(a));
          expect(b.surplus.eq(a.surplus)).toBe(true);
          expect(b.expectedWelfare.eq(a.expectedWelfare)).toBe(true);
        },
      ),
    );
  });

  it('never mutates its input and is a pure function of market and options', () => {
    fc.assert(
      fc.property(marketInput(true), (input) => {
        const frozen = deepFreeze(structuredClone(input));
        const market = createMarket(frozen);
        const first = mechanism.clear(market, { seed: 1 });
        const second = mechanism.clear(market, { seed: 1 });
        expect(fillsOf(second)).toEqual(fillsOf(first));
        expect(frozen).toEqual(input);
      }),
    );
  });

  it('trades are a matching consistent with the fills', () => {
    fc.assert(
      fc.property(marketInput(true), (input) => {
        const o = mechanism.clear(createMarket(input));
        const perId = new Map<string, number>();
        for (const t of o.trades) {
          perId.set(t.buyer, (perId.get(t.buyer) ?? 0) + t.quantity);
          perId.set(t.seller, (perId.get(t.seller) ?? 0) + t.quantity);
        }
        for (const f of o.fills) expect(perId.get(f.id)).toBe(f.quantity);
        expect(perId.size).toBe(o.fills.length);
      }),
    );
  });
});

describe('seeded lotteries (sbba)', () => {
  // Bids 10, 9, 7, 4; asks 2, 3, 6, 8: SBBA draws 2 of the 3 cheapest sellers.
  const market = createMarket({
    bids: [10, 9, 7, 4].map((value, i) => ({ id: `b${i + 1}`, value })),
    asks: [2, 3, 6, 8].map((cost, i) => ({ id: `s${i + 1}`, cost })),
  });
  const sbba = getMechanism('sbba');

  it('the same seed gives the same realisation', () => {
    for (const seed of [0, 1, 2, 99])
      expect(fillsOf(sbba.clear(market, { seed }))).toEqual(fillsOf(sbba.clear(market, { seed })));
  });

  it('every seller of the pool is excluded for some seed, and expected welfare does not depend on the seed', () => {
    const excluded = new Set<string>();
    for (let seed = 0; seed < 50; seed++) {
      const o = sbba.clear(market, { seed });
      const sold = new Set(o.fills.filter((f) => f.side === 'sell').map((f) => f.id));
      for (const id of ['s1', 's2', 's3']) if (!sold.has(id)) excluded.add(id);
      expect(o.expectedWelfare.eq(sbba.clear(market, { seed: 0 }).expectedWelfare)).toBe(true);
    }
    expect([...excluded].sort()).toEqual(['s1', 's2', 's3']);
  });
});

describe('orderStatistics against exhaustive search', () => {
  // The optimum over every pair of equally large buyer and seller subsets (a slow, obviously
  // correct reference), on single-unit markets small enough to enumerate.
  function bruteForceOptimum(input: MarketInput): number {
    const values = input.bids.map((b) => Number(b.value));
    const costs = input.asks.map((a) => Number(a.cost));
    let best = 0;
    for (let bm = 0; bm < 1 << values.length; bm++) {
      for (let sm = 0; sm < 1 << costs.length; sm++) {
        const buyers = values.filter((_, i) => bm & (1 << i));
        const sellers = costs.filter((_, i) => sm & (1 << i));
        if (buyers.length !== sellers.length) continue;
        const gain = buyers.reduce((s, v) => s + v, 0) - sellers.reduce((s, c) => s + c, 0);
        if (gain > best) best = gain;
      }
    }
    return best;
  }

  it('optimal welfare equals the best matching, and k is the largest efficient trade count', () => {
    fc.assert(
      fc.property(marketInput(false), (input) => {
        const stats = orderStatistics(createMarket(input));
        expect(stats.optimalWelfare.toNumber()).toBe(bruteForceOptimum(input));
        // k counts zero-gain trades: b_k ≥ s_k, and b_{k+1} < s_{k+1} whenever both exist.
        const { k } = stats;
        if (k > 0) expect(stats.bid(k)?.gte(stats.ask(k) ?? 0)).toBe(true);
        const b = stats.bid(k + 1);
        const s = stats.ask(k + 1);
        if (b !== undefined && s !== undefined) expect(b.lt(s)).toBe(true);
      }),
    );
  });
});
