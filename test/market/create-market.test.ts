import { describe, expect, it } from 'vitest';
import { createMarket, Decimal, MarketError, orderStatistics } from '../../src/index.js';

function errorOf(fn: () => unknown): MarketError {
  try {
    fn();
  } catch (error) {
    if (error instanceof MarketError) return error;
    throw error;
  }
  throw new Error('expected a MarketError');
}

describe('createMarket', () => {
  it('accepts numbers, decimal strings and Decimals, and exposes exact Decimals', () => {
    const market = createMarket({
      bids: [
        { id: 'b1', value: 17 },
        { id: 'b2', value: '14.5', quantity: 2 },
        { id: 'b3', value: new Decimal('0.1') },
      ],
      asks: [
        { id: 's1', cost: 0.1 },
        { id: 's2', cost: '4.000' },
      ],
    });
    expect(market.bids.map((b) => b.value.toString())).toEqual(['17', '14.5', '0.1']);
    expect(market.bids[1]?.quantity).toBe(2);
    expect(market.asks.map((a) => a.cost.toString())).toEqual(['0.1', '4']);
    expect(market.bidUnits).toBe(4);
    expect(market.askUnits).toBe(2);
  });

  it('reads a double as its shortest decimal representation (0.1 + 0.2 stays exact)', () => {
    const market = createMarket({ bids: [{ id: 'b', value: 0.3 }], asks: [{ id: 's', cost: 0.1 + 0.2 }] });
    // 0.1 + 0.2 is the double 0.30000000000000004, which is what the user passed.
    expect(market.asks[0]?.cost.toString()).toBe('0.30000000000000004');
    expect(orderStatistics(market).k).toBe(0);
  });

  it.each([
    [{ bids: [{ id: 'b', value: -1 }], asks: [] }, 'negative_price', 'bids[0].value'],
    [{ bids: [], asks: [{ id: 's', cost: '-0.5' }] }, 'negative_price', 'asks[0].cost'],
    [{ bids: [{ id: 'b', value: Number.NaN }], asks: [] }, 'non_finite_price', 'bids[0].value'],
    [{ bids: [{ id: 'b', value: Number.POSITIVE_INFINITY }], asks: [] }, 'non_finite_price', 'bids[0].value'],
    [{ bids: [{ id: 'b', value: 'Infinity' }], asks: [] }, 'non_finite_price', 'bids[0].value'],
    [{ bids: [{ id: 'b', value: 'ten' }], asks: [] }, 'invalid_price', 'bids[0].value'],
    [{ bids: [{ id: 'b', value: true }], asks: [] }, 'invalid_price', 'bids[0].value'],
    [{ bids: [{ id: 'b' }], asks: [] }, 'missing_field', 'bids[0].value'],
    [{ bids: [{ value: 3 }], asks: [] }, 'missing_field', 'bids[0].id'],
    [{ bids: [{ id: '', value: 3 }], asks: [] }, 'invalid_id', 'bids[0].id'],
    [{ bids: [{ id: 7, value: 3 }], asks: [] }, 'invalid_id', 'bids[0].id'],
    [{ bids: [{ id: 'b', value: 3, quantity: 0 }], asks: [] }, 'invalid_quantity', 'bids[0].quantity'],
    [{ bids: [{ id: 'b', value: 3, quantity: 1.5 }], asks: [] }, 'invalid_quantity', 'bids[0].quantity'],
    [{ bids: [], asks: [{ id: 's', cost: 3, quantity: '2' }] }, 'invalid_quantity', 'asks[0].quantity'],
    [
      {
        bids: [{ id: 'x', value: 3 }],
        asks: [
          { id: 's', cost: 1 },
          { id: 'x', cost: 2 },
        ],
      },
      'duplicate_id',
      'asks[1].id',
    ],
    [
      {
        bids: [
          { id: 'x', value: 3 },
          { id: 'x', value: 3 },
        ],
        asks: [],
      },
      'duplicate_id',
      'bids[1].id',
    ],
    // Exponents beyond decimal.js's range used to become 0 or Infinity silently (issue 16).
    [{ bids: [{ id: 'b', value: '1e-99999999999999999' }], asks: [] }, 'too_precise', 'bids[0].value'],
    [{ bids: [], asks: [{ id: 's', cost: '1e99999999999999999' }] }, 'too_precise', 'asks[0].cost'],
    [{ bids: [{ id: 'b', value: '-1e-99999999999999999' }], asks: [] }, 'negative_price', 'bids[0].value'],
    // Totals beyond 2^53 − 1 units cannot be counted exactly (issue 16).
    [
      {
        bids: [
          { id: 'b0', value: 3, quantity: 2 ** 52 },
          { id: 'b1', value: 3, quantity: 2 ** 52 },
        ],
        asks: [],
      },
      'too_many_units',
      'bids[1].quantity',
    ],
    [{ bids: [null], asks: [] }, 'invalid_order', 'bids[0]'],
    [{ asks: [] }, 'missing_field', 'bids'],
  ])('rejects %j with %s at %s', (input, code, field) => {
    const error = errorOf(() => createMarket(input as never));
    expect(error.code).toBe(code);
    expect(error.field).toBe(field);
    expect(error.message).toContain(field);
  });

  it('counts a side of exactly 2^53 − 1 units, and every mechanism clears it', async () => {
    const { getMechanism, listMechanisms } = await import('../../src/index.js');
    const market = createMarket({
      bids: [
        { id: 'b0', value: 9, quantity: 2 ** 52 },
        { id: 'b1', value: 8, quantity: 2 ** 52 - 1 },
      ],
      asks: [{ id: 's0', cost: 1, quantity: 3 }],
    });
    expect(market.bidUnits).toBe(Number.MAX_SAFE_INTEGER);
    for (const name of listMechanisms()) {
      const bought = getMechanism(name)
        .clear(market, { seed: 1 })
        .fills.filter((f) => f.side === 'buy')
        .reduce((sum, f) => sum + f.quantity, 0);
      expect(bought, name).toBeLessThanOrEqual(3);
    }
  });

  it('never reorders or drops input: bids and asks keep the input order', () => {
    const market = createMarket({
      bids: [
        { id: 'z', value: 1 },
        { id: 'a', value: 9 },
      ],
      asks: [{ id: 'm', cost: 5 }],
    });
    expect(market.bids.map((b) => b.id)).toEqual(['z', 'a']);
  });

  it('keeps prices exact beyond double precision (the bigint path)', () => {
    const market = createMarket({
      bids: [{ id: 'b', value: '123456789012345678901234.000000000001' }],
      asks: [{ id: 's', cost: '123456789012345678901234' }],
    });
    const stats = orderStatistics(market);
    expect(stats.k).toBe(1);
    expect(stats.optimalWelfare.toString()).toBe('0.000000000001');
  });

  it('keeps 40-digit prices exact through every mechanism, and refuses wider ranges naming the field', async () => {
    const { getMechanism, listMechanisms } = await import('../../src/index.js');
    const high = '123456789012345678901234567890.1234567891'; // 40 significant digits
    const market = createMarket({
      bids: [{ id: 'b', value: high }],
      asks: [{ id: 's', cost: high }],
    });
    for (const name of listMechanisms()) {
      const outcome = getMechanism(name).clear(market, { seed: 1 });
      for (const fill of outcome.fills) expect(fill.price.toFixed(), name).toBe(high);
    }
    const tiny = createMarket({
      bids: [{ id: 'b', value: '1234567890123456789' }],
      asks: [{ id: 's', cost: '1e-21' }],
    });
    expect(orderStatistics(tiny).optimalWelfare.toFixed()).toBe('1234567890123456788.999999999999999999999');
    const wide = errorOf(() =>
      createMarket({ bids: [{ id: 'b', value: `${high}1` }], asks: [{ id: 's', cost: 1 }] }),
    );
    expect([wide.code, wide.field]).toEqual(['too_precise', 'bids[0].value']);
    expect(wide.message).toContain('span 41 digits');
    // The bound counts digits exactly, at the boundary and for markets of only small prices.
    const within = [
      [['9'.repeat(40)], [1]],
      [[`9.${'9'.repeat(39)}`], [1]],
      [['999999999999999999'], ['1e-22']],
      [['1e-45'], ['2e-45']],
      [[0.05], [1e-40]],
    ];
    for (const [values, costs] of within)
      expect(() =>
        createMarket({
          bids: (values as (string | number)[]).map((value, i) => ({ id: `b${i}`, value })),
          asks: (costs as (string | number)[]).map((cost, i) => ({ id: `s${i}`, cost })),
        }),
      ).not.toThrow();
    const justOver = errorOf(() =>
      createMarket({ bids: [{ id: 'b', value: '999999999999999999' }], asks: [{ id: 's', cost: '1e-23' }] }),
    );
    expect([justOver.code, justOver.field]).toEqual(['too_precise', 'asks[0].cost']);
    const huge = errorOf(() =>
      createMarket({ bids: [{ id: 'b', value: 1 }], asks: [{ id: 's', cost: 1e300 }] }),
    );
    expect([huge.code, huge.field]).toEqual(['too_precise', 'asks[0].cost']);
  });
});

describe('orderStatistics', () => {
  // The worked example of McAfee (JET 1992), Section 2 style: bids 10, 9, 7, 4; asks 2, 3, 6, 8.
  const market = createMarket({
    bids: [
      { id: 'b4', value: 4 },
      { id: 'b1', value: 10 },
      { id: 'b3', value: 7 },
      { id: 'b2', value: 9 },
    ],
    asks: [
      { id: 's3', cost: 6 },
      { id: 's1', cost: 2 },
      { id: 's4', cost: 8 },
      { id: 's2', cost: 3 },
    ],
  });
  const stats = orderStatistics(market);

  it('finds k, L, H and the optimum by hand', () => {
    expect(stats.k).toBe(3);
    expect(stats.clearingInterval?.map(String)).toEqual(['6', '7']);
    expect(stats.optimalWelfare.toString()).toBe('15'); // (10-2)+(9-3)+(7-6)
    expect([1, 2, 3, 4].map((i) => stats.bid(i)?.toString())).toEqual(['10', '9', '7', '4']);
    expect([1, 2, 3, 4].map((i) => stats.ask(i)?.toString())).toEqual(['2', '3', '6', '8']);
    expect(stats.bid(5)).toBeUndefined();
  });

  it('counts a zero-gain trade in k', () => {
    const s = orderStatistics(createMarket({ bids: [{ id: 'b', value: 5 }], asks: [{ id: 's', cost: 5 }] }));
    expect(s.k).toBe(1);
    expect(s.clearingInterval?.map(String)).toEqual(['5', '5']);
  });

  it('expands multi-unit orders into units', () => {
    const s = orderStatistics(
      createMarket({
        bids: [{ id: 'b', value: 10, quantity: 3 }],
        asks: [
          { id: 's1', cost: 2, quantity: 2 },
          { id: 's2', cost: 12, quantity: 5 },
        ],
      }),
    );
    expect(s.k).toBe(2);
    expect(s.bidUnits).toBe(3);
    expect(s.askUnits).toBe(7);
    expect(s.clearingInterval?.map(String)).toEqual(['10', '10']); // L = max(s2=2, b3=10), H = min(b2=10, s3=12)
    expect(s.optimalWelfare.toString()).toBe('16');
    expect(s.asker(3)).toBe('s2');
  });

  it('breaks ties by ascending id', () => {
    const s = orderStatistics(
      createMarket({
        bids: [
          { id: 'bz', value: 5 },
          { id: 'ba', value: 5 },
          { id: 'bm', value: 5 },
        ],
        asks: [],
      }),
    );
    expect([1, 2, 3].map((i) => s.bidder(i))).toEqual(['ba', 'bm', 'bz']);
    expect(s.k).toBe(0);
    expect(s.clearingInterval).toBeUndefined();
  });
});

describe('the three sorting paths agree (counting sort, packed-key sort, comparator sort)', () => {
  it('scaling every price by 10^6 or 10^30 changes no order statistic but the prices', async () => {
    const fc = (await import('fast-check')).default;
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 30 }), { maxLength: 40 }),
        fc.array(fc.integer({ min: 0, max: 30 }), { maxLength: 40 }),
        (values, costs) => {
          const build = (factor: string) =>
            orderStatistics(
              createMarket({
                bids: values.map((v, i) => ({
                  id: `b${(i * 7) % 41}-${i}`,
                  value: new Decimal(v).times(factor),
                })),
                asks: costs.map((c, i) => ({
                  id: `s${(i * 5) % 37}-${i}`,
                  cost: new Decimal(c).times(factor),
                })),
              }),
            );
          const small = build('1'); // counting sort
          const packed = build('1000000'); // packed keys in a Float64Array
          const big = build('1e30'); // bigint prices, comparator sort
          for (const other of [packed, big]) {
            expect(other.k).toBe(small.k);
            for (let i = 1; i <= values.length; i++) expect(other.bidder(i)).toBe(small.bidder(i));
            for (let i = 1; i <= costs.length; i++) expect(other.asker(i)).toBe(small.asker(i));
          }
        },
      ),
    );
  });
});
