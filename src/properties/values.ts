import type { Market } from '../market/create-market.js';
import type { Side } from '../market/types.js';
import type { Decimal } from '../money.js';

/** A lookup of each participant's reported value (bids) or cost (asks). */
export function reportLookup(market: Market): (id: string, side: Side) => Decimal {
  const bids = new Map(market.bids.map((b) => [b.id, b.value]));
  const asks = new Map(market.asks.map((a) => [a.id, a.cost]));
  return (id, side) => {
    const v = side === 'buy' ? bids.get(id) : asks.get(id);
    if (v === undefined) throw new Error(`no ${side === 'buy' ? 'bid' : 'ask'} with id '${id}'`);
    return v;
  };
}
