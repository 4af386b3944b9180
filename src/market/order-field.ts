/**
 * Where in a market's input a `MarketError` points. `createMarket` names the offending input as
 * `bids[12].value`; a caller that built the orders from something else (the slot market from a
 * scenario's agents and cost weights) reads the side and index back here, and throws its own error
 * naming the field its user can fix, with the `MarketError` as its `cause` (issue 16 item 6).
 */
import type { Side } from './types.js';

/** An order of a market's input, and the key of it at fault, if one. */
export interface OrderField {
  /** `buy` for `bids[i]`, `sell` for `asks[i]`. */
  readonly side: Side;
  /** The index in the input array. */
  readonly index: number;
  /** `id`, `value`, `cost` or `quantity`; undefined when the whole order is at fault. */
  readonly key: string | undefined;
}

const ORDER_FIELD = /^(bids|asks)\[(\d+)\](?:\.(\w+))?$/;

/**
 * Reads a `MarketError`'s `field` (`bids[12].value`) back into side, index and key; undefined for
 * fields that name no single order (`bids`, `market`).
 *
 * @example
 * ```ts
 * try {
 *   createMarket({ bids, asks });
 * } catch (error) {
 *   const at = error instanceof MarketError ? orderField(error.field) : undefined;
 *   if (at?.side === 'buy') throw new ScenarioError(..., 'costWeights.latencyUsdPerS', { cause: error });
 *   throw error;
 * }
 * ```
 */
export function orderField(field: string | undefined): OrderField | undefined {
  const match = field === undefined ? null : ORDER_FIELD.exec(field);
  if (match === null) return undefined;
  return {
    side: match[1] === 'bids' ? 'buy' : 'sell',
    index: Number(match[2]),
    key: match[3],
  };
}
