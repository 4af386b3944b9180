// The seed paper's baseline DDA (PAPER.md §4.7: synchronised clocks, one price from the terminal
// clocks). The paper gives no formula; these tests pin the reading documented in docs/dda.md.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  arbitraryMarket,
  checkFeasibility,
  checkIr,
  checkMisreport,
  createMarket,
  Decimal,
  ddaSync,
  getMechanism,
  MechanismError,
} from '../../src/index.js';
import { fillsOf, marketOf as market } from '../helpers.js';

describe('dda-sync on PAPER.md §4.9’s first market (bids 10, 8, 4; asks 2, 5, 9)', () => {
  it('the clocks (11 down, 1 up, Θ = 1) cross at tick 5 at 6 and 6: b1, b2 and s1, s2 trade at 6', () => {
    const o = ddaSync.clear(market([10, 8, 4], [2, 5, 9]), { trace: true });
    expect(o.rounds).toBe(5);
    expect(o.trace?.at(-1)).toMatchObject({ round: 5, buyerCommitted: 2, sellerCommitted: 2 });
    expect(fillsOf(o)).toEqual(['b1:1@6', 'b2:1@6', 's1:1@6', 's2:1@6']);
    expect(o.surplus.toString()).toBe('0');
  });

  it.each([
    ['0', '7'],
    ['0.25', '6.75'],
    [undefined, '6.5'],
    ['1', '6'],
  ])('weight %s: p = w·C_B + (1 − w)·C_S = %s with terminal clocks C_B = 6, C_S = 7', (weight, price) => {
    // p_max = 12: the clocks cross at tick ⌈(12 − 1)/2⌉ = 6, the buyer clock at 6, the seller clock at 7.
    const options = { startBuyerPrice: 12, ...(weight === undefined ? {} : { weight }) };
    const o = ddaSync.clear(market([10, 8, 4], [2, 5, 9]), options);
    expect([o.finalBuyerPrice.toString(), o.finalSellerPrice.toString()]).toEqual(['6', '7']);
    expect(new Set(o.fills.map((f) => f.price.toString()))).toEqual(new Set([price]));
    expect(o.fills.length).toBe(4);
  });
});

describe('claims', () => {
  it('is not truthful: the buyer whose bid sets p_max lowers the price by shading it', () => {
    // Bids [10], asks [2]: clocks 11 and 1 cross at 6; reporting 8 moves p_max to 9, the crossing to
    // 5: the buyer pays 5 instead of 6.
    const m = market([10], [2]);
    expect(fillsOf(ddaSync.clear(m))).toEqual(['b1:1@6', 's1:1@6']);
    const check = checkMisreport(ddaSync, m, { id: 'b1', side: 'buy' }, new Decimal(8));
    expect(check.holds).toBe(false);
    expect(check.gain).toBe('1');
  });

  it('is not efficient: the clocks cross where the start prices put them, not at the marginal orders', () => {
    // Bids 10, 9; asks 1, 8: k = 2 at any price in [8, 9], but the clocks (11 and 0) cross at 5.5.
    const o = ddaSync.clear(market([10, 9], [1, 8]));
    expect(fillsOf(o)).toEqual(['b1:1@5.5', 's1:1@5.5']);
    expect(o.welfare.lt(o.optimalWelfare)).toBe(true);
  });

  it('is feasible, individually rational and strongly budget balanced with any tick and start prices', () => {
    const options = fc.record({
      tick: fc.constantFrom('0.000001', '0.01', '0.3', '1', '2.5', '7'),
      startBuyerPrice: fc.integer({ min: 2100, max: 4000 }).map((n) => (n / 100).toString()),
      startSellerPrice: fc.integer({ min: 0, max: 2000 }).map((n) => (n / 100).toString()),
      weight: fc.integer({ min: 0, max: 8 }).map((n) => (n / 8).toString()),
    });
    fc.assert(
      fc.property(arbitraryMarket({ decimals: 2, multiUnit: true }), options, (input, opts) => {
        const m = createMarket(input);
        const o = ddaSync.clear(m, opts);
        expect(checkFeasibility(m, o).holds).toBe(true);
        expect(checkIr(m, o)).toEqual({ holds: true });
        expect(o.surplus.isZero()).toBe(true);
      }),
    );
  });

  it('is registered as dda-sync', () => {
    expect(getMechanism('dda-sync')).toBe(ddaSync);
  });
});

describe('bad input: a typed error naming the option', () => {
  const m = market([10, 8, 4], [2, 5, 9]);
  it.each([
    [{ weight: '1.5' }, 'options.weight'],
    [{ weight: -0.1 }, 'options.weight'],
    [{ weight: 'heavy' }, 'options.weight'],
    [{ tick: 0 }, 'options.tick'],
    [{ startBuyerPrice: 3, startSellerPrice: 4 }, 'options.startSellerPrice'],
    [{ maxRounds: 0 }, 'options.maxRounds'],
  ])('rejects %j naming %s', (options, field) => {
    let caught: unknown;
    try {
      ddaSync.clear(m, options as never);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(MechanismError);
    expect((caught as MechanismError).code).toBe('invalid_option');
    expect((caught as MechanismError).field).toBe(field);
  });

  it('maxRounds: a max_rounds error when the clocks need more ticks', () => {
    expect(() => ddaSync.clear(m, { maxRounds: 4 })).toThrow(/more than 4 ticks/);
    expect(ddaSync.clear(m, { maxRounds: 5 }).fills.length).toBe(4);
  });
});
