import { describe, expect, it } from 'vitest';
import { buildOutcome, createMarket, Decimal, type FillInput, OutcomeError } from '../../src/index.js';

// Bids 10, 9, 7, 4; asks 2, 3, 6, 8: k = 3, OPT = 15.
const market = createMarket({
  bids: [10, 9, 7, 4].map((value, i) => ({ id: `b${i + 1}`, value })),
  asks: [2, 3, 6, 8].map((cost, i) => ({ id: `s${i + 1}`, cost })),
});

function outcomeError(fills: FillInput[], extra: object = {}): OutcomeError {
  try {
    buildOutcome(market, { mechanism: 'test', fills, ...extra });
  } catch (error) {
    if (error instanceof OutcomeError) return error;
    throw error;
  }
  throw new Error('expected an OutcomeError');
}

describe('buildOutcome', () => {
  it('derives surplus, welfare and the optimum of a pay-as-bid outcome by hand', () => {
    // b1 pays its bid 10, s1 receives its ask 2: surplus 8, welfare 10 − 2 = 8.
    const o = buildOutcome(market, {
      mechanism: 'pay-as-bid',
      fills: [
        { id: 'b1', side: 'buy', quantity: 1, price: 10 },
        { id: 's1', side: 'sell', quantity: 1, price: '2' },
      ],
    });
    expect(o.mechanism).toBe('pay-as-bid');
    expect(o.surplus.toString()).toBe('8');
    expect(o.welfare.toString()).toBe('8');
    expect(o.expectedWelfare.toString()).toBe('8');
    expect(o.optimalWelfare.toString()).toBe('15');
    expect(o.efficientTrades).toBe(3);
    expect(o.clearingInterval?.map(String)).toEqual(['6', '7']);
    expect(o.trades).toEqual([{ buyer: 'b1', seller: 's1', quantity: 1 }]);
    expect(o.fills[0]?.price).toBeInstanceOf(Decimal);
  });

  it('computes exact expected welfare over a symbolic lottery', () => {
    // b1 buys; one of s1 (cost 2), s2 (cost 3) sells: E[welfare] = 10 − (2 + 3)/2 = 7.5.
    const o = buildOutcome(market, {
      mechanism: 'lottery',
      fills: [
        { id: 'b1', side: 'buy', quantity: 1, price: 5 },
        { id: 's2', side: 'sell', quantity: 1, price: 5 },
      ],
      lottery: { side: 'sell', pool: ['s1', 's2'], winners: 1, price: 5 },
    });
    expect(o.welfare.toString()).toBe('7');
    expect(o.expectedWelfare.toString()).toBe('7.5');
  });

  it.each([
    [[{ id: 'b1', side: 'buy', quantity: 1, price: 5 }], 'unbalanced', 'fills'],
    [[{ id: 'bx', side: 'buy', quantity: 1, price: 5 }], 'unknown_participant', 'fills[0].id'],
    [[{ id: 's1', side: 'buy', quantity: 1, price: 5 }], 'wrong_side', 'fills[0].id'],
    [[{ id: 'b1', side: 'buy', quantity: 2, price: 5 }], 'invalid_quantity', 'fills[0].quantity'],
    [[{ id: 'b1', side: 'buy', quantity: 1, price: 'x' }], 'invalid_price', 'fills[0].price'],
    [
      [
        { id: 'b1', side: 'buy', quantity: 1, price: 5 },
        { id: 'b1', side: 'buy', quantity: 1, price: 5 },
      ],
      'duplicate_fill',
      'fills[1].id',
    ],
  ] as [FillInput[], string, string][])('rejects infeasible fills %j (%s at %s)', (fills, code, field) => {
    const error = outcomeError(fills);
    expect(error.code).toBe(code);
    expect(error.field).toBe(field);
  });

  it('rejects trades that do not match the fills', () => {
    const fills: FillInput[] = [
      { id: 'b1', side: 'buy', quantity: 1, price: 5 },
      { id: 's1', side: 'sell', quantity: 1, price: 5 },
    ];
    expect(outcomeError(fills, { trades: [{ buyer: 'b1', seller: 's2', quantity: 1 }] }).code).toBe(
      'unknown_participant',
    );
    expect(outcomeError(fills, { trades: [] }).code).toBe('trades_mismatch');
  });

  it('rejects a lottery whose realisation draws the wrong number of winners', () => {
    const error = outcomeError(
      [
        { id: 'b1', side: 'buy', quantity: 1, price: 5 },
        { id: 's1', side: 'sell', quantity: 1, price: 5 },
      ],
      { lottery: { side: 'sell', pool: ['s1', 's2'], winners: 2, price: 5 } },
    );
    expect(error.code).toBe('invalid_realisation');
  });
});
