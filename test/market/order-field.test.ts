// Issue 16 item 6: a caller that built a market from something else (the slot market from a
// scenario) reads back which order a MarketError points at, and rethrows naming its own field with
// the MarketError as the cause.
import { describe, expect, it } from 'vitest';
import { createMarket, DoubleDutchError, MarketError } from '../../src/index.js';
import { orderField } from '../../src/market/order-field.js';

describe('orderField', () => {
  it('reads bids[i].key and asks[i] back, and nothing from fields of no single order', () => {
    expect(orderField('bids[12].value')).toEqual({ side: 'buy', index: 12, key: 'value' });
    expect(orderField('asks[0]')).toEqual({ side: 'sell', index: 0, key: undefined });
    expect(orderField('bids')).toBeUndefined();
    expect(orderField('market')).toBeUndefined();
    expect(orderField(undefined)).toBeUndefined();
  });

  it("lets a caller name its own field and keep the market's error as the cause", () => {
    const values = Array.from({ length: 13 }, (_, i) => (i === 12 ? Number.POSITIVE_INFINITY : i));
    let rethrown: unknown;
    try {
      createMarket({ bids: values.map((value, i) => ({ id: `agent-${i}`, value })), asks: [] });
    } catch (error) {
      if (!(error instanceof MarketError)) throw error;
      const at = orderField(error.field);
      rethrown = new DoubleDutchError(
        'invalid_scenario',
        `makes agent ${at?.index}'s bid ${error.message.replace(/^[^:]*: /, '')}`,
        'costWeights.latencyUsdPerS',
        { cause: error },
      );
    }
    expect(rethrown).toBeInstanceOf(DoubleDutchError);
    const error = rethrown as DoubleDutchError;
    expect(error.field).toBe('costWeights.latencyUsdPerS');
    expect(error.message).toBe(
      "costWeights.latencyUsdPerS: makes agent 12's bid must be a finite number, got Infinity",
    );
    expect(error.cause).toBeInstanceOf(MarketError);
    expect((error.cause as MarketError).field).toBe('bids[12].value');
  });
});
