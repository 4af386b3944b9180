import type { Market } from '../market/create-market.js';
import type { Outcome } from '../market/outcome.js';
import { type Check, HOLDS } from './types.js';
import { reportLookup } from './values.js';

/**
 * Individual rationality, ex post: in the outcome (and in every realisation of its lottery) no
 * buyer pays more than its value per unit and no seller receives less than its cost per unit,
 * taking reports as the truth.
 *
 * @example
 * ```ts
 * checkIr(market, getMechanism('mcafee').clear(market)).holds; // true
 * ```
 * @category properties
 */
export function checkIr(market: Market, outcome: Outcome): Check {
  const report = reportLookup(market);
  for (const f of outcome.fills) {
    const truth = report(f.id, f.side);
    if (f.side === 'buy' ? f.price.gt(truth) : f.price.lt(truth)) {
      return violation(f.id, f.side === 'buy', f.price.toString(), truth.toString());
    }
  }
  const lottery = outcome.lottery;
  if (lottery !== undefined && lottery.winners > 0) {
    for (const id of lottery.pool) {
      const truth = report(id, lottery.side);
      if (lottery.side === 'buy' ? lottery.price.gt(truth) : lottery.price.lt(truth)) {
        return violation(id, lottery.side === 'buy', lottery.price.toString(), truth.toString());
      }
    }
  }
  return HOLDS;
}

function violation(id: string, buyer: boolean, price: string, truth: string): Check {
  return {
    holds: false,
    participant: id,
    reason: buyer
      ? `buyer ${id} pays ${price} per unit, above its value ${truth}`
      : `seller ${id} receives ${price} per unit, below its cost ${truth}`,
  };
}
