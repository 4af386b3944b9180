// The iterative double auction (DESIGN.md §8.4's reading of PAPER.md §4.8). The event-driven
// implementation jumps over the rounds between trades; a slow, obviously correct reference that
// plays every round is the oracle.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  arbitraryMarket,
  checkFeasibility,
  checkIr,
  createMarket,
  Decimal,
  getMechanism,
  ida,
  type Market,
  MechanismError,
} from '../../src/index.js';
import { fillsOf, marketOf as market } from '../helpers.js';

interface Trader {
  id: string;
  limit: Decimal;
  units: number;
  quote: Decimal;
  matched: boolean;
}

/** Every round played one by one, straight from the rule's words. */
function referenceIda(
  m: Market,
  step: Decimal,
  startBid: Decimal,
  startAsk: Decimal,
  maxRounds: number,
): { fills: string[]; rounds: number } {
  const buyers: Trader[] = m.bids.map((b) => ({
    id: b.id,
    limit: b.value,
    units: b.quantity,
    quote: Decimal.min(b.value, startBid),
    matched: false,
  }));
  const sellers: Trader[] = m.asks.map((a) => ({
    id: a.id,
    limit: a.cost,
    units: a.quantity,
    quote: Decimal.max(a.cost, startAsk),
    matched: false,
  }));
  const fills: string[] = [];
  const best = (side: Trader[], better: (a: Decimal, b: Decimal) => boolean): Trader | undefined => {
    let top: Trader | undefined;
    for (const t of side) {
      if (t.matched) continue;
      if (top === undefined || better(t.quote, top.quote) || (t.quote.eq(top.quote) && t.id < top.id))
        top = t;
    }
    return top;
  };
  let rounds = 0;
  let quiet = 0;
  while (rounds < maxRounds) {
    rounds++;
    const buyersMove = rounds % 2 === 1;
    let changed = false;
    for (const t of buyersMove ? buyers : sellers) {
      if (t.matched) continue;
      const next = buyersMove
        ? Decimal.min(t.limit, t.quote.plus(step))
        : Decimal.max(t.limit, t.quote.minus(step));
      if (!next.eq(t.quote)) changed = true;
      t.quote = next;
    }
    for (;;) {
      const b = best(buyers, (x, y) => x.gt(y));
      const s = best(sellers, (x, y) => x.lt(y));
      if (b === undefined || s === undefined || b.quote.lt(s.quote)) break;
      const price = b.quote.plus(s.quote).div(2).toString();
      const q = Math.min(b.units, s.units);
      fills.push(`${b.id}:${q}@${price}`, `${s.id}:${q}@${price}`);
      b.matched = true;
      s.matched = true;
      changed = true;
    }
    quiet = changed ? 0 : quiet + 1;
    if (quiet === 2) break;
  }
  return { fills: fills.sort(), rounds };
}

describe('ida, traced by hand', () => {
  it('bids 6, 10; asks 1, 8 (step 1, bids from 0, asks from 11): b1 meets s1 at 6, b2 meets s2 at 8; welfare 7 of 9', () => {
    // After 11 rounds (6 buyer moves, 5 seller moves) every bid ≥ 6 quotes 6 and every ask ≤ 6
    // quotes 6: b1 (value 6) and b2 (10) tie at 6 and b1 has the lower id; s1 is the only ask at
    // 6. Four rounds later b2's bid reaches s2's cost 8. Two quiet rounds end it: 17 rounds.
    const o = ida.clear(market([6, 10], [1, 8]));
    expect(fillsOf(o)).toEqual(['b1:1@6', 'b2:1@8', 's1:1@6', 's2:1@8']);
    expect(o.welfare.toString()).toBe('7');
    expect(o.optimalWelfare.toString()).toBe('9');
    expect(o.surplus.toString()).toBe('0');
    expect(o.rounds).toBe(17);
    expect(o.capped).toBe(false);
  });

  it('maxRounds stops it with the trades made so far', () => {
    const o = ida.clear(market([6, 10], [1, 8]), { maxRounds: 12 });
    expect(fillsOf(o)).toEqual(['b1:1@6', 's1:1@6']);
    expect([o.rounds, o.capped]).toEqual([12, true]);
  });

  it('a pair of multi-unit traders trades as many units as both hold, and each trader trades once', () => {
    const m = createMarket({
      bids: [{ id: 'b1', value: 10, quantity: 2 }],
      asks: [
        { id: 's1', cost: 1 },
        { id: 's2', cost: 2 },
      ],
    });
    // Bids from 0 and asks from 11 meet at 6 after 11 rounds; b1 takes s1 (lower id), one unit.
    expect(fillsOf(ida.clear(m))).toEqual(['b1:1@6', 's1:1@6']);
  });
});

describe('event-driven = every round played', () => {
  it('same trades, prices and round count as the round-by-round reference, for any step, start quotes and cap', () => {
    const options = fc.record({
      step: fc.constantFrom('0.01', '0.25', '1', '3', '7.5'),
      startBid: fc.integer({ min: 0, max: 1000 }).map((n) => new Decimal(n).div(100)),
      spread: fc.integer({ min: 1, max: 1500 }).map((n) => new Decimal(n).div(100)),
      maxRounds: fc.integer({ min: 1, max: 6000 }),
    });
    fc.assert(
      fc.property(arbitraryMarket({ decimals: 1, multiUnit: true }), options, (input, o) => {
        const m = createMarket(input);
        const startAsk = o.startBid.plus(o.spread);
        const fast = ida.clear(m, { step: o.step, startBid: o.startBid, startAsk, maxRounds: o.maxRounds });
        const slow = referenceIda(m, new Decimal(o.step), o.startBid, startAsk, o.maxRounds);
        expect(fillsOf(fast)).toEqual(slow.fills);
        expect(fast.rounds).toBe(slow.rounds);
        expect(checkFeasibility(m, fast).holds).toBe(true);
        expect(checkIr(m, fast)).toEqual({ holds: true });
        expect(fast.surplus.isZero()).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('defaults: the market step, bids from the lowest order − step (≥ 0), asks from the highest + step', () => {
    const m = market([6, 10], [1, 8]);
    expect(fillsOf(ida.clear(m))).toEqual(
      referenceIda(m, new Decimal(1), new Decimal(0), new Decimal(11), 1e6).fills,
    );
  });

  it('never iterates over the price range: step 10^-6 across prices up to 10^6', () => {
    const o = ida.clear(
      createMarket({
        bids: [
          { id: 'b1', value: 1_000_000 },
          { id: 'b2', value: 2 },
        ],
        asks: [
          { id: 's1', cost: 1 },
          { id: 's2', cost: 999_999 },
        ],
      }),
      { step: '0.000001' },
    );
    // Bids start at 1 − 10^-6, asks at 10^6 + 10^-6: the quotes meet halfway, at 500,000.5, after
    // ~10^12 rounds; b1 buys from s1 there, and b2 and s2 never meet.
    expect(o.rounds).toBeGreaterThan(1e11);
    expect(fillsOf(o)).toEqual(['b1:1@500000.5', 's1:1@500000.5']);
  });

  it('is registered as ida', () => {
    expect(getMechanism('ida')).toBe(ida);
  });
});

describe('bad input: a typed error naming the option', () => {
  const m = market([6, 10], [1, 8]);
  it.each([
    [{ step: 0 }, 'options.step'],
    [{ step: '-1' }, 'options.step'],
    [{ startBid: 5, startAsk: 5 }, 'options.startBid'],
    [{ startAsk: '0' }, 'options.startAsk'],
    [{ maxRounds: 0 }, 'options.maxRounds'],
    [{ maxRounds: -3 }, 'options.maxRounds'],
  ])('rejects %j naming %s', (options, field) => {
    let caught: unknown;
    try {
      ida.clear(m, options as never);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(MechanismError);
    expect((caught as MechanismError).code).toBe('invalid_option');
    expect((caught as MechanismError).field).toBe(field);
  });
});
