/**
 * The market in the loop (DESIGN.md §5): in each slot, one double auction per model. Buyers are the
 * slot's requests for the model, bidding the valuation their policy supplies; sellers are the
 * servers that will hold the model, offering capacity units at their marginal cost. Winners are
 * served at the edge by the server they trade with, at the mechanism's prices; losers go to the
 * cloud. Valuations are floats from the simulation; they enter the market rounded to 10^−9 USD,
 * and from there on all money is exact.
 */
import type { Action, Observation } from '../edge/types.js';
import { createMarket } from '../market/create-market.js';
import type { Mechanism } from '../mechanism.js';
import type { Valuations } from '../policy.js';
import { checkIr } from '../properties/ir.js';

/** Market figures of one slot, summed over its per-model markets (USD). @category experiments */
export interface MarketSlotMetrics {
  readonly welfare: number;
  readonly surplus: number;
  readonly trades: number;
  readonly irViolations: number;
  readonly clearingMs: number;
  readonly markets: number;
}

const usd = (x: number): string => (Number.isFinite(x) && x > 0 ? x.toFixed(9) : '0');

/**
 * Clears one market per model and returns the action with its routes replaced by the outcome.
 *
 * @category experiments
 */
export function clearSlotMarkets(
  observation: Observation,
  action: Action,
  valuations: Valuations,
  mechanism: Mechanism,
  options: Readonly<Record<string, unknown>>,
): { action: Action; metrics: MarketSlotMetrics } {
  const route: Record<string, string> = {};
  let welfare = 0;
  let surplus = 0;
  let trades = 0;
  let irViolations = 0;
  let clearingMs = 0;
  let markets = 0;
  for (const modelId of observation.modelIds) {
    const bids = valuations.bids.filter((b) => b.modelId === modelId && b.valueUsd > 0);
    const asks = valuations.asks.filter((a) => a.modelId === modelId && a.quantity > 0);
    if (bids.length === 0 || asks.length === 0) continue;
    const sellerServer = new Map(asks.map((a) => [`${a.serverId}|${modelId}`, a.serverId]));
    const t0 = performance.now();
    const market = createMarket({
      bids: bids.map((b) => ({ id: b.requestId, value: usd(b.valueUsd) })),
      asks: asks.map((a) => ({ id: `${a.serverId}|${modelId}`, cost: usd(a.costUsd), quantity: a.quantity })),
    });
    const outcome = mechanism.clear(market, options);
    clearingMs += performance.now() - t0;
    markets++;
    for (const t of outcome.trades) {
      route[t.buyer] = sellerServer.get(t.seller) as string;
      trades += t.quantity;
    }
    welfare += outcome.welfare.toNumber();
    surplus += outcome.surplus.toNumber();
    if (!checkIr(market, outcome).holds) irViolations++;
  }
  return {
    action: { cache: action.cache, route },
    metrics: { welfare, surplus, trades, irViolations, clearingMs, markets },
  };
}
