/**
 * The market in the loop (docs/experiments.md): in each slot, one double auction per model. Buyers are the
 * slot's requests for the model, bidding the valuation their policy supplies; sellers are the
 * servers that will hold the model, offering capacity units at their marginal cost. Winners are
 * served at the edge by the server they trade with, at the mechanism's prices; losers go to the
 * cloud. Valuations are floats from the simulation; they enter the market rounded to 10^−9 USD,
 * and from there on all money is exact.
 */
import type { Action, Observation, RequestView, Valuations } from '../edge/types.js';
import { createMarket, type Market } from '../market/create-market.js';
import type { Mechanism } from '../mechanism.js';
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

/** USD to integer nano-USD: the market's unit, exact from here on (and on the fast integer path). */
const NANO = 1e9;
const nanoUsd = (x: number): number => (Number.isFinite(x) && x > 0 ? Math.round(x * NANO) : 0);

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
  onMarket?: (modelId: string, market: Market) => void,
): { action: Action; metrics: MarketSlotMetrics } {
  const route: Record<string, string> = {};
  let welfare = 0;
  let surplus = 0;
  let trades = 0;
  let irViolations = 0;
  let clearingMs = 0;
  let markets = 0;
  const views = new Map(observation.requests.map((v) => [v.request.id, v]));
  const bidOf = new Map(valuations.bids.map((b) => [b.requestId, b.valueUsd]));
  for (const modelId of observation.modelIds) {
    const bids = valuations.bids.filter((b) => b.modelId === modelId && b.valueUsd > 0);
    const asks = valuations.asks.filter((a) => a.modelId === modelId && a.quantity > 0);
    if (bids.length === 0 || asks.length === 0) continue;
    const sellerServer = new Map(asks.map((a) => [`${a.serverId}|${modelId}`, a.serverId]));
    const t0 = performance.now();
    const market = createMarket({
      bids: bids.map((b) => ({ id: b.requestId, value: nanoUsd(b.valueUsd) })),
      asks: asks.map((a) => ({
        id: `${a.serverId}|${modelId}`,
        cost: nanoUsd(a.costUsd),
        quantity: a.quantity,
      })),
    });
    const outcome = mechanism.clear(market, options);
    clearingMs += performance.now() - t0;
    onMarket?.(modelId, market);
    markets++;
    // The mechanism decides who trades and at what price, treating capacity units as one good.
    // Which server each winner uses is the operator's choice among the winning sellers' units:
    // each winner, highest bid first, takes the server where its estimated cost is lowest (its
    // context's server, usually), as long as that seller sold units left.
    const unitsLeft = new Map<string, number>();
    for (const f of outcome.fills)
      if (f.side === 'sell') unitsLeft.set(sellerServer.get(f.id) as string, f.quantity);
    const winners = outcome.fills
      .filter((f) => f.side === 'buy')
      .map((f) => views.get(f.id) as RequestView)
      .sort(
        (a, b) =>
          (bidOf.get(b.request.id) ?? 0) - (bidOf.get(a.request.id) ?? 0) ||
          (a.request.id < b.request.id ? -1 : 1),
      );
    for (const v of winners) {
      let best: string | undefined;
      for (const [serverId, left] of unitsLeft) {
        if (left <= 0) continue;
        if (best === undefined || (v.edgeCostUsd[serverId] ?? Infinity) < (v.edgeCostUsd[best] ?? Infinity))
          best = serverId;
      }
      if (best === undefined) continue;
      unitsLeft.set(best, (unitsLeft.get(best) as number) - 1);
      route[v.request.id] = best;
      trades++;
    }
    welfare += outcome.welfare.toNumber() / NANO;
    surplus += outcome.surplus.toNumber() / NANO;
    if (!checkIr(market, outcome).holds) irViolations++;
  }
  return {
    action: { cache: action.cache, route },
    metrics: { welfare, surplus, trades, irViolations, clearingMs, markets },
  };
}
