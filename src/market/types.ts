import type { Decimal, PriceInput } from '../money.js';

/**
 * A buyer's order as a user gives it. `quantity` defaults to 1.
 *
 * @category mechanisms
 */
export interface BidInput {
  readonly id: string;
  readonly value: PriceInput;
  readonly quantity?: number;
}

/**
 * A seller's order as a user gives it. `quantity` defaults to 1.
 *
 * @category mechanisms
 */
export interface AskInput {
  readonly id: string;
  readonly cost: PriceInput;
  readonly quantity?: number;
}

/**
 * What `createMarket` takes: buyers' bids and sellers' asks. Ids are unique across both sides.
 *
 * @category mechanisms
 */
export interface MarketInput {
  readonly bids: readonly BidInput[];
  readonly asks: readonly AskInput[];
}

/**
 * A validated bid: its value per unit as an exact `Decimal`.
 *
 * @category mechanisms
 */
export interface Bid {
  readonly id: string;
  readonly value: Decimal;
  readonly quantity: number;
}

/**
 * A validated ask: its cost per unit as an exact `Decimal`.
 *
 * @category mechanisms
 */
export interface Ask {
  readonly id: string;
  readonly cost: Decimal;
  readonly quantity: number;
}

/** Which side of the market a participant is on. @category mechanisms */
export type Side = 'buy' | 'sell';
