// The seed paper's truthful double Dutch auction (PAPER.md §4.3–4.4, DESIGN.md §8.4). Worked
// examples are the paper's own (PAPER.md §4.9, re-checked by hand there); the property tests are
// theorems about every market.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  arbitraryMarket,
  checkDsic,
  checkFeasibility,
  checkIr,
  checkMisreport,
  createMarket,
  Decimal,
  ddaClockChartSpec,
  getMechanism,
  MechanismError,
  mcafee,
  orderStatistics,
  syncClockContext,
  syncInitialState,
  syncStep,
  tDda,
} from '../../src/index.js';
import { fillsOf, marketOf as market, unitsTraded } from '../helpers.js';

describe('PAPER.md §4.9 worked examples', () => {
  it('bids [10, 8, 4], asks [2, 5, 9]: k* = 2, p_mid = 6.5 ∈ [5, 8], Case A: two trades at 6.5, Π = 0, SW = 11', () => {
    const o = tDda.clear(market([10, 8, 4], [2, 5, 9]));
    expect(o.clearing.kStar).toBe(2);
    expect(o.clearing.case).toBe('A');
    expect(o.clearing.midpoint?.toString()).toBe('6.5');
    expect(fillsOf(o)).toEqual(['b1:1@6.5', 'b2:1@6.5', 's1:1@6.5', 's2:1@6.5']);
    expect(o.surplus.toString()).toBe('0');
    expect(o.welfare.toString()).toBe('11');
  });

  it('bids [10, 8, 1], asks [2, 5, 6]: k* = 2, p_mid = 3.5 < 5, Case B: one trade, buyer pays 8, seller gets 5, Π = 3, SW = 8 of 11', () => {
    const o = tDda.clear(market([10, 8, 1], [2, 5, 6]));
    expect(o.clearing).toMatchObject({ kStar: 2, case: 'B' });
    expect(o.clearing.midpoint?.toString()).toBe('3.5');
    expect(fillsOf(o)).toEqual(['b1:1@8', 's1:1@5']);
    expect(o.surplus.toString()).toBe('3');
    // SW = u_buyer + u_seller + Π = 2 + 3 + 3 (35)–(36)
    expect(o.welfare.toString()).toBe('8');
    expect(o.optimalWelfare.toString()).toBe('11');
  });
});

describe('ties need the fixed tie-break (G25)', () => {
  it('two buyers at 9 and two sellers at 1: k* = 2, Case B, and only the buyer and seller with the lower ids trade', () => {
    const m = createMarket({
      bids: [
        { id: 'b2', value: 9 },
        { id: 'b1', value: 9 },
      ],
      asks: [
        { id: 's2', cost: 1 },
        { id: 's1', cost: 1 },
      ],
    });
    const o = tDda.clear(m);
    expect(o.clearing).toMatchObject({ kStar: 2, case: 'B' });
    expect(fillsOf(o)).toEqual(['b1:1@9', 's1:1@1']);
  });
});

describe('the clocks', () => {
  it('run together, on past the crossing, until b_(k*+1) and a_[k*+1] are revealed (first worked example, Θ = 1)', () => {
    // p_max = 10 + 1, p_min = 2 − 1. Acceptance ticks: b1 at 1 (clock 10), b2 at 3 (8), b3 at 7 (4);
    // s1 at 1 (2), s2 at 4 (5), s3 at 8 (9). The clocks cross at tick 5 (6, 6) and stop at 8, when
    // s3 = a_[k*+1] accepts.
    const o = tDda.clear(market([10, 8, 4], [2, 5, 9]), { trace: true });
    const steps = o.trace?.map((t) => [
      t.round,
      t.clock,
      t.buyerPrice.toNumber(),
      t.sellerPrice.toNumber(),
      t.buyerCommitted,
      t.sellerCommitted,
    ]);
    expect(steps).toEqual([
      [0, 'start', 11, 1, 0, 0],
      [1, 'both', 10, 2, 1, 1],
      [3, 'both', 8, 4, 2, 1],
      [4, 'both', 7, 5, 2, 2],
      [5, 'both', 6, 6, 2, 2],
      [7, 'both', 4, 8, 3, 2],
      [8, 'both', 3, 9, 3, 3],
    ]);
    expect(o.rounds).toBe(8);
    expect([o.finalBuyerPrice.toString(), o.finalSellerPrice.toString()]).toEqual(['3', '9']);
  });

  it('stepping the state machine by hand reaches the stop tick clear() reports; clocks move monotonically; acceptances are never withdrawn', () => {
    fc.assert(
      fc.property(arbitraryMarket({ multiUnit: true }), (input) => {
        const m = createMarket(input);
        const o = tDda.clear(m, { trace: true });
        const context = syncClockContext(m);
        let state = syncInitialState(context, BigInt(o.rounds));
        let steps = 1;
        while (!state.done) {
          const next = syncStep(state);
          expect(next.time > state.time).toBe(true);
          expect(
            next.buyerCommitted >= state.buyerCommitted && next.sellerCommitted >= state.sellerCommitted,
          ).toBe(true);
          state = next;
          steps++;
        }
        expect(steps).toBe(o.trace?.length);
        expect(state.buyerCommitted).toBe(o.trace?.at(-1)?.buyerCommitted);
        // Event-driven: each move is an acceptance, the crossing or the stop.
        expect(steps).toBeLessThanOrEqual(input.bids.length + input.asks.length + 3);
      }),
    );
  });

  it('never iterates over the price range: Θ = 10^-6 across prices up to 10^6 takes a handful of moves', () => {
    const m = createMarket({
      bids: [
        { id: 'b1', value: 1_000_000 },
        { id: 'b2', value: 2 },
      ],
      asks: [
        { id: 's1', cost: 1 },
        { id: 's2', cost: 999_999 },
      ],
    });
    const o = tDda.clear(m, { tick: '0.000001', trace: true });
    expect(o.trace?.length).toBeLessThanOrEqual(7);
    expect(o.rounds).toBeGreaterThan(1e12 - 1e7);
  });

  it('draws as a clock chart with the crossing and the stop marked apart', () => {
    const o = tDda.clear(market([10, 8, 4], [2, 5, 9]), { trace: true });
    const spec = ddaClockChartSpec(o.trace ?? []) as { layer: { data: { values: { round: number }[] } }[] };
    const marks = spec.layer[1]?.data.values.map((v) => v.round);
    expect(marks).toEqual([5, 8]);
  });
});

describe('the default grid reads the book; any other run steps the clocks', () => {
  it('both give the same outcome, clearing and clock state on every market', () => {
    const view = (o: ReturnType<typeof tDda.clear>) => ({
      fills: fillsOf(o),
      surplus: o.surplus.toString(),
      kStar: o.clearing.kStar,
      case: o.clearing.case,
      nextBid: o.clearing.nextBid?.toString(),
      nextAsk: o.clearing.nextAsk?.toString(),
      midpoint: o.clearing.midpoint?.toString(),
      rounds: o.rounds,
      clocks: [o.finalBuyerPrice.toString(), o.finalSellerPrice.toString()],
    });
    fc.assert(
      fc.property(arbitraryMarket({ multiUnit: true, decimals: 1 }), (input) => {
        const m = createMarket(input);
        const onTheBook = view(tDda.clear(m));
        // A round cap (or a trace) sends the same market through the clocks.
        expect(view(tDda.clear(m, { maxRounds: Number.MAX_SAFE_INTEGER }))).toEqual(onTheBook);
        expect(view(tDda.clear(m, { trace: true }))).toEqual(onTheBook);
      }),
    );
  });
});

describe('equals McAfee (JET 1992) with the default tick and start prices', () => {
  it('wherever both (k*+1)-th orders exist: same traders, same prices, same surplus', () => {
    let compared = 0;
    fc.assert(
      fc.property(arbitraryMarket({ multiUnit: true, decimals: 2 }), (input) => {
        const m = createMarket(input);
        const stats = orderStatistics(m);
        fc.pre(stats.bid(stats.k + 1) !== undefined && stats.ask(stats.k + 1) !== undefined);
        compared++;
        const o = tDda.clear(m);
        const reference = mcafee.clear(m);
        expect(fillsOf(o)).toEqual(fillsOf(reference));
        expect(o.surplus.eq(reference.surplus)).toBe(true);
      }),
      { numRuns: 300 },
    );
    expect(compared).toBeGreaterThan(100);
  });

  it('without a (k*+1)-th bid the paper’s sentinel b = 0 gives p_mid = a_[k*+1]/2 where mcafee reduces', () => {
    // Bids [10], asks [1, 2]: k* = 1; p_mid = (0 + 2)/2 = 1 ∈ [a_[1], b_(1)] = [1, 10]: Case A.
    const m = market([10], [1, 2]);
    const o = tDda.clear(m);
    expect(o.clearing).toMatchObject({ kStar: 1, case: 'A' });
    expect(o.clearing.nextBid).toBeUndefined();
    expect(o.clearing.midpoint?.toString()).toBe('1');
    expect(fillsOf(o)).toEqual(['b1:1@1', 's1:1@1']);
    expect(fillsOf(mcafee.clear(m))).toEqual([]);
  });

  it('the sentinel case is truthful too: no profitable misreport on markets without a (k*+1)-th bid', () => {
    let seen = 0;
    fc.assert(
      fc.property(arbitraryMarket({ maxBids: 4, maxAsks: 7 }), (input) => {
        const m = createMarket(input);
        const stats = orderStatistics(m);
        fc.pre(stats.k >= 1 && stats.bid(stats.k + 1) === undefined && stats.ask(stats.k + 1) !== undefined);
        seen++;
        expect(checkDsic(tDda, m).holds).toBe(true);
      }),
      { numRuns: 100 },
    );
    expect(seen).toBeGreaterThan(30);
  });

  it('without a (k*+1)-th ask the sentinel a = +∞ makes p_mid infinite: always Case B, as mcafee', () => {
    const m = market([10, 9, 3], [1, 2]);
    const o = tDda.clear(m);
    expect(o.clearing).toMatchObject({ kStar: 2, case: 'B' });
    expect(o.clearing.midpoint).toBeUndefined();
    expect(fillsOf(o)).toEqual(fillsOf(mcafee.clear(m)));
    expect(fillsOf(o)).toEqual(['b1:1@9', 's1:1@2']);
  });

  it('a seller above p_max never accepts and counts as missing', () => {
    // p_max = 8: s3 (cost 9) is never reached, so a_[k*+1] is the sentinel: Case B.
    const m = market([10, 8, 4], [2, 5, 9]);
    const o = tDda.clear(m, { startBuyerPrice: 8 });
    expect(o.clearing.nextAsk).toBeUndefined();
    expect(o.clearing.case).toBe('B');
    expect(fillsOf(o)).toEqual(['b1:1@8', 's1:1@5']);
  });
});

describe('coarse ticks and start prices off the grid', () => {
  const options = fc.record({
    tick: fc.constantFrom('0.000001', '0.01', '0.3', '1', '2.5', '7'),
    startBuyerPrice: fc.integer({ min: 2100, max: 4000 }).map((n) => (n / 100).toString()),
    startSellerPrice: fc.integer({ min: 0, max: 2000 }).map((n) => (n / 100).toString()),
  });

  it('stay feasible, individually rational and weakly budget balanced', () => {
    fc.assert(
      fc.property(arbitraryMarket({ decimals: 2, multiUnit: true }), options, (input, opts) => {
        const m = createMarket(input);
        const o = tDda.clear(m, opts);
        expect(checkFeasibility(m, o).holds).toBe(true);
        expect(checkIr(m, o)).toEqual({ holds: true });
        expect(o.surplus.gte(0)).toBe(true);
      }),
    );
  });

  it('a stop price lies up to Θ inside the value (G23), so a buyer can gain, by less than Θ, by overbidding', () => {
    // Θ = 2, p_max = 11, p_min = 0: buyer grid 11, 9, 7, 5, 3, …; seller grid 0, 2, 4, 6, 8, 10, 11.
    // Truthful stops: buyers 9, 5, 3 (values 10, 6.9, 4), sellers 2, 6, 10 (costs 1, 6, 9); k* = 1,
    // p_mid = (5 + 6)/2 = 5.5, Case A: b1 and s1 trade at 5.5 and b2 gets 0. Reporting 7 makes b2's
    // stop 7 ≥ a_[2] = 6: k* = 2, p_mid = (3 + 10)/2 = 6.5 ∈ [6, 7], b2 buys at 6.5 and gains 0.4.
    const m = createMarket({
      bids: [
        { id: 'b1', value: 10 },
        { id: 'b2', value: '6.9' },
        { id: 'b3', value: 4 },
      ],
      asks: [1, 6, 9].map((cost, i) => ({ id: `s${i + 1}`, cost })),
    });
    const coarse = { tick: 2, startBuyerPrice: 11, startSellerPrice: 0 };
    const coarseTdda = { ...tDda, clear: (mm: typeof m) => tDda.clear(mm, coarse) };
    expect(fillsOf(tDda.clear(m, coarse))).toEqual(['b1:1@5.5', 's1:1@5.5']);
    const check = checkMisreport(coarseTdda, m, { id: 'b2', side: 'buy' }, new Decimal(7));
    expect(check.holds).toBe(false);
    expect(check.gain).toBe('0.4');
    // With the default tick (the market's step, 0.1) stops are the reports: no gain.
    expect(checkMisreport(tDda, m, { id: 'b2', side: 'buy' }, new Decimal(7)).holds).toBe(true);
  });
});

describe('registered and checked like every mechanism', () => {
  it('is in the registry under t-dda', () => {
    expect(getMechanism('t-dda')).toBe(tDda);
  });
});

describe('bad input: a typed error naming the option', () => {
  const error = (fn: () => unknown): MechanismError => {
    try {
      fn();
    } catch (e) {
      if (e instanceof MechanismError) return e;
      throw e;
    }
    throw new Error('expected a MechanismError');
  };
  const m = market([10, 8, 4], [2, 5, 9]);

  it.each([
    [{ tick: 0 }, 'options.tick', 'must be > 0'],
    [{ tick: '-0.5' }, 'options.tick', '≥ 0'],
    [{ tick: 'fine' }, 'options.tick', 'decimal number'],
    [{ startBuyerPrice: 5, startSellerPrice: 5 }, 'options.startSellerPrice', 'p_min < p_max'],
    [{ startSellerPrice: 20 }, 'options.startSellerPrice', 'p_min < p_max'],
    [{ startBuyerPrice: -1 }, 'options.startBuyerPrice', '≥ 0'],
    [{ maxRounds: 0 }, 'options.maxRounds', 'positive integer'],
    [{ maxRounds: 2.5 }, 'options.maxRounds', 'positive integer'],
  ])('rejects %j naming %s', (options, field, message) => {
    const e = error(() => tDda.clear(m, options as never));
    expect(e.code).toBe('invalid_option');
    expect(e.field).toBe(field);
    expect(e.message).toContain(message);
  });

  it('maxRounds: a max_rounds error when the clocks need more ticks, and the outcome when they do not', () => {
    const e = error(() => tDda.clear(m, { maxRounds: 7 }));
    expect(e.code).toBe('max_rounds');
    expect(e.field).toBe('options.maxRounds');
    expect(unitsTraded(tDda.clear(m, { maxRounds: 8 }))).toBe(2);
  });
});
