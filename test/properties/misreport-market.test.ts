// withMisreport reprices one order in the scaled book instead of rebuilding the market through
// createMarket (the DSIC check's hot path): the market it returns must be the one createMarket
// makes of the same orders, for every critical misreport, at any scale.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bookOf, createMarket, type Market } from '../../src/market/create-market.js';
import { Decimal } from '../../src/money.js';
import { arbitraryMarket } from '../../src/properties/arbitrary-market.js';
import { criticalMisreports } from '../../src/properties/dsic.js';
import { withMisreport } from '../../src/properties/misreport.js';

/** Everything of a market a mechanism can read: its orders, scale and scaled, sorted book. */
function snapshot(market: Market): unknown {
  const book = bookOf(market);
  const side = (s: typeof book.bids) => ({
    ids: [...s.ids],
    quantity: [...s.quantity],
    scaled: [...s.scaled].map(String),
    scaledType: s.scaled instanceof Float64Array ? 'double' : 'bigint',
    sorted: [...s.sorted],
    cumUnits: s.cumUnits === undefined ? undefined : [...s.cumUnits],
    units: s.units,
  });
  return {
    json: JSON.stringify(market),
    scale: book.scale,
    bids: side(book.bids),
    asks: side(book.asks),
    bidUnits: market.bidUnits,
    askUnits: market.askUnits,
    index: [...book.bids.ids, ...book.asks.ids].map((id) => book.index.get(id)),
  };
}

/** The market createMarket makes with one order's report changed. */
function rebuilt(market: Market, id: string, side: 'buy' | 'sell', report: Decimal): Market {
  return createMarket({
    bids: market.bids.map((b) => ({ ...b, value: side === 'buy' && b.id === id ? report : b.value })),
    asks: market.asks.map((a) => ({ ...a, cost: side === 'sell' && a.id === id ? report : a.cost })),
  });
}

describe('withMisreport', () => {
  it('is the market createMarket makes, for every critical misreport', () => {
    const markets = fc.oneof(
      arbitraryMarket({ maxBids: 5, maxAsks: 5 }),
      arbitraryMarket({ maxBids: 5, maxAsks: 5, decimals: 2, priceRange: ['0', '3'], multiUnit: true }),
      arbitraryMarket({ maxBids: 4, maxAsks: 4, decimals: 1, ties: false }),
    );
    fc.assert(
      fc.property(markets, (input) => {
        const market = createMarket(input);
        // Also misreports with more places than the market (its scale grows) and integers that
        // drop the only price with places (its scale shrinks): both take the createMarket path.
        const reports = [...criticalMisreports(market), new Decimal('0.125'), new Decimal(7)];
        const participants = [
          ...market.bids.map((b) => ({ id: b.id, side: 'buy' as const })),
          ...market.asks.map((a) => ({ id: a.id, side: 'sell' as const })),
        ];
        for (const { id, side } of participants)
          for (const report of reports)
            expect(snapshot(withMisreport(market, id, side, report))).toEqual(
              snapshot(rebuilt(market, id, side, report)),
            );
      }),
      { numRuns: 60 },
    );
  });

  it('keeps a scale that only the misreported order had, as createMarket does', () => {
    const market = createMarket({ bids: [{ id: 'b1', value: '2.5' }], asks: [{ id: 's1', cost: 1 }] });
    const lowered = withMisreport(market, 'b1', 'buy', new Decimal(3));
    expect(bookOf(lowered).scale).toBe(0);
    expect(snapshot(lowered)).toEqual(snapshot(rebuilt(market, 'b1', 'buy', new Decimal(3))));
    const kept = withMisreport(market, 's1', 'sell', new Decimal(2));
    expect(bookOf(kept).scale).toBe(1);
    expect(kept.asks[0]?.cost.toString()).toBe('2');
  });
});
