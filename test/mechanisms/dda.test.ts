// The double Dutch auction (DESIGN.md §2.2; McCabe, Rassenti & Smith, EJ 1992). Worked examples are
// traced by hand from the clock rules; the property tests are theorems about every market.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  arbitraryMarket,
  checkFeasibility,
  checkIr,
  checkMisreport,
  createMarket,
  Decimal,
  dda,
  ddaInitialState,
  ddaIsTerminal,
  ddaNextClock,
  ddaOutcome,
  ddaStep,
  ddaTr,
  getMechanism,
  MechanismError,
  orderStatistics,
} from '../../src/index.js';
import { fillsOf, unitsTraded } from '../helpers.js';

// Bids 10, 9, 7, 4; asks 2, 3, 6, 8: k = 3, [L, H] = [6, 7].
const textbook = createMarket({
  bids: [10, 9, 7, 4].map((value, i) => ({ id: `b${i + 1}`, value })),
  asks: [2, 3, 6, 8].map((cost, i) => ({ id: `s${i + 1}`, cost })),
});

describe('dda on the textbook market (tick 1, clocks start at 11 and 1)', () => {
  const outcome = dda.clear(textbook, { trace: true });

  it('follows the clock rules step by step', () => {
    // 0–0 committed: the buyer clock runs (firstClock) to 10, b1 commits; 1–0: the seller clock to 2,
    // s1 commits; 1–1: buyer to 9 (b2); 2–1: seller to 3 (s2); 2–2: buyer to 7 (b3); 3–2: seller to 6
    // (s3); 3–3: the buyer clock's next commit (4) lies below the seller clock, so it stops where
    // it meets it, at 6.
    const steps = outcome.trace?.map((t) => [
      t.clock,
      t.buyerPrice.toNumber(),
      t.sellerPrice.toNumber(),
      t.buyerCommitted,
      t.sellerCommitted,
      t.round,
    ]);
    expect(steps).toEqual([
      ['start', 11, 1, 0, 0, 0],
      ['buyer', 10, 1, 1, 0, 1],
      ['seller', 10, 2, 1, 1, 2],
      ['buyer', 9, 2, 2, 1, 3],
      ['seller', 9, 3, 2, 2, 4],
      ['buyer', 7, 3, 3, 2, 6],
      ['seller', 7, 6, 3, 3, 9],
      ['buyer', 6, 6, 3, 3, 10],
    ]);
  });

  it('trades the three committed pairs at the crossing price 6', () => {
    expect(fillsOf(outcome)).toEqual(['b1:1@6', 'b2:1@6', 'b3:1@6', 's1:1@6', 's2:1@6', 's3:1@6']);
    expect(outcome.surplus.toString()).toBe('0');
    expect(outcome.welfare.toString()).toBe('15');
    expect(outcome.finalBuyerPrice.toString()).toBe('6');
  });

  it('midpoint pricing trades at the midpoint of the final clocks (6 + 6)/2', () => {
    expect(dda.clear(textbook, { pricing: 'midpoint' }).fills[0]?.price.toString()).toBe('6');
  });

  it('starting with the seller clock changes the path but not the efficient outcome', () => {
    const o = dda.clear(textbook, { firstClock: 'seller', trace: true });
    expect(o.trace?.[1]?.clock).toBe('seller');
    expect(unitsTraded(o)).toBe(3);
  });
});

describe('dda-tr on the textbook market', () => {
  it('drops the marginal pair: b1, b2 pay the buyer clock at b3’s commit (7), s1, s2 receive 6', () => {
    const o = ddaTr.clear(textbook);
    expect(fillsOf(o)).toEqual(['b1:1@7', 'b2:1@7', 's1:1@6', 's2:1@6']);
    expect(o.surplus.toString()).toBe('2');
  });

  it('when a coarse tick leaves no trade, the surplus is 0, not -0', () => {
    // The clocks cross with the buyer clock (4) below the seller clock (6): no pair can trade.
    const market = createMarket({
      bids: [
        { id: 'b12', value: '7' },
        { id: 'b40', value: '3' },
        { id: 'b0', value: '4' },
        { id: 'b22', value: '6' },
      ],
      asks: [
        { id: 's27', cost: '6' },
        { id: 's38', cost: '4' },
        { id: 's32', cost: '0' },
      ],
    });
    const o = ddaTr.clear(market, { tick: '3' });
    expect(o.fills).toEqual([]);
    expect(o.surplus.isNegative()).toBe(false);
    expect(JSON.stringify({ surplus: o.surplus, welfare: o.welfare })).toBe('{"surplus":"0","welfare":"0"}');
  });
});

describe('the double Dutch auction is not truthful: a profitable delay', () => {
  // One buyer (value 1), one seller (cost 0), tick 1: the seller clock starts at 0 and s0 commits at
  // once; the buyer clock runs 2 → 1 (b0 commits), then on to 0 where it meets the seller clock:
  // they trade at 0. If s0 delays, reporting 1, the seller clock must climb to 1 to meet the buyer
  // clock, and they trade at 1: s0 gains 1.
  const market = createMarket({ bids: [{ id: 'b0', value: 1 }], asks: [{ id: 's0', cost: 0 }] });

  it('truthful: trade at 0; delayed: trade at 1', () => {
    expect(fillsOf(dda.clear(market))).toEqual(['b0:1@0', 's0:1@0']);
    const delayed = createMarket({ bids: [{ id: 'b0', value: 1 }], asks: [{ id: 's0', cost: 1 }] });
    expect(fillsOf(dda.clear(delayed))).toEqual(['b0:1@1', 's0:1@1']);
    const check = checkMisreport(dda, market, { id: 's0', side: 'sell' }, new Decimal(1));
    expect(check.holds).toBe(false);
    expect(check.gain).toBe('1');
  });

  it('the trade-reduced variant removes the gain', () => {
    expect(checkMisreport(ddaTr, market, { id: 's0', side: 'sell' }, new Decimal(1)).holds).toBe(true);
  });
});

describe('differential: with a tick dividing every price, dda trades k units at a price in [L, H]', () => {
  it.each([
    ['the market step', {}],
    ['tick 0.5', { tick: '0.5' }],
    ['tick 0.001 with midpoint pricing', { tick: '0.001', pricing: 'midpoint' as const }],
    ['seller clock first', { firstClock: 'seller' as const }],
  ])('%s', (_label, options) => {
    fc.assert(
      fc.property(arbitraryMarket({ multiUnit: true }), (input) => {
        const market = createMarket(input);
        const o = dda.clear(market, options);
        const stats = orderStatistics(market);
        expect(unitsTraded(o)).toBe(stats.k);
        expect(o.welfare.eq(stats.optimalWelfare)).toBe(true);
        const [low, high] = stats.clearingInterval ?? [];
        for (const f of o.fills)
          expect(f.price.gte(low as Decimal) && f.price.lte(high as Decimal)).toBe(true);
      }),
    );
  });
});

describe('coarse ticks: clocks overshoot, outcomes stay feasible and individually rational', () => {
  const tick = fc.constantFrom('0.000001', '0.001', '0.01', '0.3', '1', '2.5', '7', '10');
  const start = fc.option(
    fc.integer({ min: 0, max: 3000 }).map((n) => (n / 100).toString()),
    { nil: undefined },
  );
  const options = fc.record({
    tick,
    startBuyerPrice: start,
    startSellerPrice: start,
    pricing: fc.constantFrom('crossing' as const, 'midpoint' as const),
    firstClock: fc.constantFrom('buyer' as const, 'seller' as const),
  });
  const clean = (o: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

  it.each([
    ['dda', dda],
    ['dda-tr', ddaTr],
  ])('%s: feasible, IR and (weakly) budget balanced on tick grids from 10^-6 to 10', (name, mechanism) => {
    fc.assert(
      fc.property(arbitraryMarket({ decimals: 2, multiUnit: true }), options, (input, opts) => {
        const market = createMarket(input);
        const o = mechanism.clear(market, clean(opts));
        expect(checkFeasibility(market, o).holds).toBe(true);
        expect(checkIr(market, o)).toEqual({ holds: true });
        if (name === 'dda') expect(o.surplus.isZero()).toBe(true);
        else expect(o.surplus.gte(0)).toBe(true);
      }),
    );
  });
});

describe('the state machine', () => {
  it('stepping it by hand reaches the outcome clear() returns, and every step obeys the clock rules', () => {
    fc.assert(
      fc.property(
        arbitraryMarket({ multiUnit: true }),
        fc.constantFrom('buyer' as const, 'seller' as const),
        (input, firstClock) => {
          const market = createMarket(input);
          let state = ddaInitialState(market, { firstClock });
          let steps = 0;
          while (!ddaIsTerminal(state)) {
            const runs = ddaNextClock(state);
            if (state.buyerCommitted !== state.sellerCommitted) {
              expect(runs).toBe(state.buyerCommitted < state.sellerCommitted ? 'buyer' : 'seller');
            } else expect(runs).toBe(firstClock);
            const next = ddaStep(state);
            expect(next.lastMoved).toBe(runs);
            // The buyer clock only descends, the seller clock only ascends; commitments are never withdrawn.
            expect(next.buyerClock <= state.buyerClock && next.sellerClock >= state.sellerClock).toBe(true);
            expect(
              next.buyerCommitted >= state.buyerCommitted && next.sellerCommitted >= state.sellerCommitted,
            ).toBe(true);
            state = next;
            steps++;
          }
          // Event-driven: each move commits an order or ends the auction.
          expect(steps).toBeLessThanOrEqual(input.bids.length + input.asks.length + 2);
          expect(fillsOf(ddaOutcome(state))).toEqual(fillsOf(dda.clear(market, { firstClock })));
        },
      ),
    );
  });

  it('never iterates over the price range: tick 10^-6 across prices up to 10^6 takes a handful of moves', () => {
    const market = createMarket({
      bids: [
        { id: 'b1', value: 1_000_000 },
        { id: 'b2', value: 2 },
      ],
      asks: [
        { id: 's1', cost: 1 },
        { id: 's2', cost: 999_999 },
      ],
    });
    const o = dda.clear(market, { tick: '0.000001', trace: true });
    expect(o.trace?.length).toBeLessThanOrEqual(6);
    expect(o.trace?.at(-1)?.round).toBeGreaterThan(1e12 - 1e7);
    expect(unitsTraded(o)).toBe(1);
  });
});

describe('options', () => {
  const error = (fn: () => unknown): MechanismError => {
    try {
      fn();
    } catch (e) {
      if (e instanceof MechanismError) return e;
      throw e;
    }
    throw new Error('expected a MechanismError');
  };

  it('maxRounds: a clear error when the clocks need more ticks', () => {
    const e = error(() => dda.clear(textbook, { maxRounds: 5 }));
    expect(e.code).toBe('max_rounds');
    expect(e.field).toBe('options.maxRounds');
    expect(e.message).toContain('did not cross within 5 ticks');
    expect(unitsTraded(dda.clear(textbook, { maxRounds: 10 }))).toBe(3);
  });

  it.each([
    [{ tick: 0 }, 'options.tick'],
    [{ tick: '-1' }, 'options.tick'],
    [{ tick: 'fine' }, 'options.tick'],
    [{ startBuyerPrice: -3 }, 'options.startBuyerPrice'],
    [{ firstClock: 'both' }, 'options.firstClock'],
    [{ pricing: 'vwap' }, 'options.pricing'],
    [{ maxRounds: -1 }, 'options.maxRounds'],
  ])('rejects %j naming %s', (options, field) => {
    // Looked up by an untyped name: these options are wrong on purpose, as a user's JSON might be.
    expect(error(() => getMechanism('dda' as string).clear(textbook, options)).field).toBe(field);
  });

  it('clocks that start crossed stop at once and trade at their midpoint', () => {
    const o = dda.clear(textbook, { startBuyerPrice: 6, startSellerPrice: 7 });
    // Midpoint 6.5: bids ≥ 6.5 are b1, b2, b3 and asks ≤ 6.5 are s1, s2, s3.
    expect(unitsTraded(o)).toBe(3);
    expect(o.fills[0]?.price.toString()).toBe('6.5');
  });
});
