export { createMarket, MAX_PRICE_DIGITS, type Market } from './create-market.js';
export { type OrderField, orderField } from './order-field.js';
export {
  buildOutcome,
  type Fill,
  type FillInput,
  type Lottery,
  type Outcome,
  type OutcomeSpec,
  type Trade,
} from './outcome.js';
export { type OrderStatistics, orderStatistics } from './statistics.js';
export type { Ask, AskInput, Bid, BidInput, MarketInput, Side } from './types.js';
