// Worked examples, computed by hand from the definitions in DESIGN.md §2.1 and the papers cited in
// each mechanism's TSDoc. Notation: b_1 ≥ b_2 ≥ … bids, s_1 ≤ s_2 ≤ … asks, k efficient trades,
// L = max(s_k, b_{k+1}), H = min(b_k, s_{k+1}).
import { describe, expect, it } from 'vitest';
import { createMarket, getMechanism, type MarketInput } from '../../src/index.js';
import { fillsOf, unitsTraded } from '../helpers.js';

const bids = (...values: number[]) => values.map((value, i) => ({ id: `b${i + 1}`, value }));
const asks = (...costs: number[]) => costs.map((cost, i) => ({ id: `s${i + 1}`, cost }));
const clear = (name: string, input: MarketInput, options?: object) =>
  getMechanism(name).clear(createMarket(input), options);

// Bids 10, 9, 7, 4; asks 2, 3, 6, 8: k = 3, L = max(6, 4) = 6, H = min(7, 8) = 7, OPT = 8 + 6 + 1 = 15.
const textbook: MarketInput = { bids: bids(10, 9, 7, 4), asks: asks(2, 3, 6, 8) };

describe('the textbook market (k = 3, [L, H] = [6, 7], OPT = 15)', () => {
  it('welfare-max: all 3 pairs at (6 + 7)/2 = 6.5', () => {
    const o = clear('welfare-max', textbook);
    expect(fillsOf(o)).toEqual(['b1:1@6.5', 'b2:1@6.5', 'b3:1@6.5', 's1:1@6.5', 's2:1@6.5', 's3:1@6.5']);
    expect(o.surplus.toString()).toBe('0');
    expect(o.welfare.toString()).toBe('15');
    expect(o.optimalWelfare.toString()).toBe('15');
    expect(o.efficientTrades).toBe(3);
    expect(o.clearingInterval?.map(String)).toEqual(['6', '7']);
  });

  it('k-double: (1 − k)·L + k·H for k = 0, 0.25, 1', () => {
    expect(clear('k-double', textbook, { k: 0 }).fills[0]?.price.toString()).toBe('6');
    expect(clear('k-double', textbook, { k: '0.25' }).fills[0]?.price.toString()).toBe('6.25');
    expect(clear('k-double', textbook, { k: 1 }).fills[0]?.price.toString()).toBe('7');
    expect(clear('k-double', textbook).fills[0]?.price.toString()).toBe('6.5');
  });

  it('average: all 3 pairs at (b_3 + s_3)/2 = (7 + 6)/2 = 6.5', () => {
    const o = clear('average', textbook);
    expect(unitsTraded(o)).toBe(3);
    expect(o.fills.every((f) => f.price.eq(6.5))).toBe(true);
  });

  it('vcg: buyers pay L = 6, sellers receive H = 7, deficit 3·(7 − 6) = 3', () => {
    const o = clear('vcg', textbook);
    expect(fillsOf(o)).toEqual(['b1:1@6', 'b2:1@6', 'b3:1@6', 's1:1@7', 's2:1@7', 's3:1@7']);
    expect(o.surplus.toString()).toBe('-3');
    expect(o.welfare.toString()).toBe('15');
  });

  it('trade-reduction: b1, b2 pay b_3 = 7; s1, s2 receive s_3 = 6; surplus 2, welfare 14', () => {
    const o = clear('trade-reduction', textbook);
    expect(fillsOf(o)).toEqual(['b1:1@7', 'b2:1@7', 's1:1@6', 's2:1@6']);
    expect(o.surplus.toString()).toBe('2');
    expect(o.welfare.toString()).toBe('14');
  });

  it('mcafee: p0 = (b_4 + s_4)/2 = 6 lies in [s_3, b_3] = [6, 7], so all 3 pairs trade at 6', () => {
    const o = clear('mcafee', textbook);
    expect(fillsOf(o)).toEqual(['b1:1@6', 'b2:1@6', 'b3:1@6', 's1:1@6', 's2:1@6', 's3:1@6']);
    expect(o.surplus.toString()).toBe('0');
  });

  it('sbba: p = min(b_3, s_4) = 7 = b_3, so b1, b2 buy at 7 and 2 of s1..s3 sell; E[welfare] = 19 − (2/3)·11', () => {
    const o = clear('sbba', textbook, { seed: 3 });
    expect(o.lottery?.side).toBe('sell');
    expect(o.lottery?.pool).toEqual(['s1', 's2', 's3']);
    expect(o.lottery?.winners).toBe(2);
    expect(o.lottery?.price.toString()).toBe('7');
    expect(o.fills.filter((f) => f.side === 'buy').map((f) => f.id)).toEqual(['b1', 'b2']);
    expect(unitsTraded(o)).toBe(2);
    expect(o.surplus.toString()).toBe('0');
    // 35/3, rounded (half-even) at the 100th significant digit.
    expect(o.expectedWelfare.toFixed()).toBe(`11.${'6'.repeat(97)}7`);
  });
});

describe("McAfee's reduction branch", () => {
  // Bids 10, 9, 7, 6.5; asks 2, 3, 6, 9: k = 3, p0 = (6.5 + 9)/2 = 7.75 > b_3 = 7, so trade reduction.
  it('drops the third pair: b1, b2 pay 7, s1, s2 receive 6', () => {
    const o = clear('mcafee', { bids: bids(10, 9, 7, 6.5), asks: asks(2, 3, 6, 9) });
    expect(fillsOf(o)).toEqual(['b1:1@7', 'b2:1@7', 's1:1@6', 's2:1@6']);
    expect(o.surplus.toString()).toBe('2');
    expect(o.mechanism).toBe('mcafee');
  });
});

describe('no trade (k = 0: b_1 = 1 < s_1 = 5)', () => {
  it.each(['welfare-max', 'k-double', 'average', 'vcg', 'trade-reduction', 'mcafee', 'sbba'])(
    '%s makes no fills',
    (name) => {
      const o = clear(name, { bids: bids(1), asks: asks(5) });
      expect(o.fills).toEqual([]);
      expect(o.trades).toEqual([]);
      expect(o.welfare.toString()).toBe('0');
      expect(o.surplus.toString()).toBe('0');
      expect(o.efficientTrades).toBe(0);
      expect(o.clearingInterval).toBeUndefined();
    },
  );

  it('an empty market is a valid market with no trade', () => {
    expect(clear('mcafee', { bids: [], asks: [] }).fills).toEqual([]);
  });
});

describe('one efficient trade with no (k+1)-th orders (b_1 = 5, s_1 = 3: L = 3, H = 5)', () => {
  const one: MarketInput = { bids: bids(5), asks: asks(3) };
  it('welfare-max, average and k-double trade at 4', () => {
    for (const name of ['welfare-max', 'average', 'k-double'])
      expect(fillsOf(clear(name, one))).toEqual(['b1:1@4', 's1:1@4']);
  });
  it('vcg: the buyer pays L = 3 and the seller receives H = 5', () => {
    expect(fillsOf(clear('vcg', one))).toEqual(['b1:1@3', 's1:1@5']);
  });
  it('mcafee has no p0 without a (k+1)-th bid and reduces to no trade', () => {
    expect(clear('mcafee', one).fills).toEqual([]);
    expect(clear('trade-reduction', one).fills).toEqual([]);
  });
  it('sbba: p = min(b_1, s_2 = +∞) = 5 = b_1, so k − 1 = 0 units trade', () => {
    const o = clear('sbba', one);
    expect(o.fills).toEqual([]);
    expect(o.lottery?.winners).toBe(0);
    expect(o.expectedWelfare.toString()).toBe('0');
  });
});

describe('sbba first branch: s_{k+1} ≤ b_k', () => {
  // Bids 10, 8; asks 1, 2, 6: k = 2, p = min(b_2 = 8, s_3 = 6) = 6 = s_3, so both pairs trade at 6.
  it('all k pairs trade at s_{k+1}', () => {
    const o = clear('sbba', { bids: bids(10, 8), asks: asks(1, 2, 6) });
    expect(fillsOf(o)).toEqual(['b1:1@6', 'b2:1@6', 's1:1@6', 's2:1@6']);
    expect(o.lottery).toBeUndefined();
  });
  it('takes the first branch on the tie b_k = s_{k+1}', () => {
    const o = clear('sbba', { bids: bids(10, 6), asks: asks(1, 2, 6) });
    expect(unitsTraded(o)).toBe(2);
    expect(o.lottery).toBeUndefined();
  });
});

describe('ties are broken by ascending id', () => {
  // Three bids of 5 (ids b2, b1, b3 in input order), asks 1, 1: k = 2, L = max(s_2, b_3) = 5, H = 5.
  const tied: MarketInput = {
    bids: [
      { id: 'b2', value: 5 },
      { id: 'b3', value: 5 },
      { id: 'b1', value: 5 },
    ],
    asks: [
      { id: 's2', cost: 1 },
      { id: 's1', cost: 1 },
    ],
  };
  it('welfare-max picks b1 and b2', () => {
    expect(fillsOf(clear('welfare-max', tied))).toEqual(['b1:1@5', 'b2:1@5', 's1:1@5', 's2:1@5']);
  });
  it('mcafee (no s_3, so it reduces) keeps b1 and s1', () => {
    expect(fillsOf(clear('mcafee', tied))).toEqual(['b1:1@5', 's1:1@1']);
  });
});

describe('multi-unit orders expand into units', () => {
  // B wants 3 units at 10; S1 offers 2 at 2, S2 5 at 12: units b = 10,10,10; s = 2,2,12,…
  // k = 2, L = max(s_2 = 2, b_3 = 10) = 10, H = min(b_2 = 10, s_3 = 12) = 10.
  const multi: MarketInput = {
    bids: [{ id: 'B', value: 10, quantity: 3 }],
    asks: [
      { id: 'S1', cost: 2, quantity: 2 },
      { id: 'S2', cost: 12, quantity: 5 },
    ],
  };
  it('welfare-max: B buys 2 units of S1 at 10', () => {
    const o = clear('welfare-max', multi);
    expect(fillsOf(o)).toEqual(['B:2@10', 'S1:2@10']);
    expect(o.trades).toEqual([{ buyer: 'B', seller: 'S1', quantity: 2 }]);
    expect(o.welfare.toString()).toBe('16');
  });
  it('mcafee: p0 = (10 + 12)/2 = 11 > b_2, so one unit trades, B pays 10, S1 receives 2', () => {
    const o = clear('mcafee', multi);
    expect(fillsOf(o)).toEqual(['B:1@10', 'S1:1@2']);
    expect(o.surplus.toString()).toBe('8');
  });
  it('trades split a multi-unit order across sellers', () => {
    const o = clear('welfare-max', {
      bids: [{ id: 'B', value: 10, quantity: 3 }],
      asks: [
        { id: 'S1', cost: 2, quantity: 2 },
        { id: 'S2', cost: 3, quantity: 5 },
      ],
    });
    expect(o.trades).toEqual([
      { buyer: 'B', seller: 'S1', quantity: 2 },
      { buyer: 'B', seller: 'S2', quantity: 1 },
    ]);
  });
});

describe('decimal prices stay exact', () => {
  it('average of 0.1 and 0.2 is 0.15, not 0.15000000000000002', () => {
    const o = clear('average', { bids: [{ id: 'b', value: 0.2 }], asks: [{ id: 's', cost: 0.1 }] });
    expect(o.fills[0]?.price.toString()).toBe('0.15');
    expect(o.welfare.toString()).toBe('0.1');
  });
});
