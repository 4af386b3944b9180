/**
 * The market in the loop (docs/experiments.md): in each slot, one double auction per model. Buyers are the
 * slot's requests for the model, bidding the valuation their policy supplies; sellers are the
 * servers that will hold the model, offering capacity units at their marginal cost. Winners are
 * served at the edge by the server they trade with, at the mechanism's prices; losers go to the
 * cloud. Valuations are floats from the simulation; they enter the market in USD rounded to
 * 10^−9 USD (the markets' price step, also the tick of clock auctions), and from there on all money
 * is exact. Every price a mechanism, a chart or a user sees is in USD (issue 15): the market core
 * holds these prices as scaled integers internally (its fast path), so nothing is lost by that.
 */
import type { Action, Observation, RequestView, Valuations } from '../edge/types.js';
import { DoubleDutchError, MarketError } from '../errors.js';
import { createMarket, type Market } from '../market/create-market.js';
import { orderField } from '../market/order-field.js';
import type { Outcome } from '../market/outcome.js';
import { getMechanism, type Mechanism, takesOption } from '../mechanism.js';
import { Decimal } from '../money.js';
import { MAX_SEED } from '../seed.js';
import { escapeControl } from '../text.js';

/** Market figures of one slot, summed over its per-model markets (USD). @category experiments */
export interface MarketSlotMetrics {
  readonly welfare: number;
  readonly surplus: number;
  readonly trades: number;
  readonly irViolations: number;
  readonly clearingMs: number;
  readonly markets: number;
}

/**
 * The mechanism name that means "no market: the policy's routes stand", wherever a mechanism is
 * named (options, `summary.csv`, grids, the CLI).
 *
 * @category experiments
 */
export const NO_MARKET = 'none';

/**
 * The price step of the slot markets, in USD: valuations are rounded to it, and mechanisms get it
 * as their `tick` (a clock auction's step) unless the caller's options set one.
 *
 * @category experiments
 */
export const MARKET_TICK_USD = '0.000000001';

/** The metrics of a slot without a market: no trades, no welfare; the one zero of the market's metrics. */
export const NO_MARKET_METRICS: MarketSlotMetrics = Object.freeze({
  welfare: 0,
  surplus: 0,
  trades: 0,
  irViolations: 0,
  clearingMs: 0,
  markets: 0,
});

/** A mechanism option of `simulate` resolved: `undefined` (or {@link NO_MARKET}) runs without a market. */
export function resolveMechanism(mechanism: string | Mechanism | undefined): Mechanism | undefined {
  if (mechanism === undefined || mechanism === NO_MARKET) return undefined;
  return typeof mechanism === 'string' ? getMechanism(mechanism) : mechanism;
}

/**
 * The options `mechanism` clears a slot's markets with: a seed per slot, the tick (only for a
 * mechanism that takes one, or declares no options), then the caller's.
 */
export function marketOptions(
  mechanism: Pick<Mechanism, 'name' | 'options'>,
  runSeed: number,
  slot: number,
  options: Readonly<Record<string, unknown>> | undefined,
): Readonly<Record<string, unknown>> {
  return {
    // Wrapped into the seed range, so that a run seeded near 2^32 − 1 gives its lottery a valid
    // seed in every slot (unchanged wherever seed + slot ≤ 2^32 − 1).
    seed: (runSeed + slot) % (MAX_SEED + 1),
    ...(takesOption(mechanism, 'tick') ? { tick: MARKET_TICK_USD } : {}),
    ...(options ?? {}),
  };
}

const NANO = 1e9;
/** A float valuation in USD, rounded to the price step (a double with at most 9 decimals: exact in the market). */
const usd = (x: number): number => (Number.isFinite(x) && x > 0 ? Math.round(x * NANO) / NANO : 0);

/**
 * Individual rationality of one outcome, ex post (a lottery's every realisation): no buyer pays
 * above its bid, no seller receives below its ask. Counted for the report; the verifier's
 * `checkIr` says the same with a counterexample, and is not run in the simulation loop.
 */
function individuallyRational(outcome: Outcome, bid: Map<string, number>, ask: Map<string, number>): boolean {
  const fair = (id: string, side: 'buy' | 'sell', price: Decimal) =>
    side === 'buy' ? !price.gt(new Decimal(bid.get(id) ?? 0)) : !price.lt(new Decimal(ask.get(id) ?? 0));
  if (!outcome.fills.every((f) => fair(f.id, f.side, f.price))) return false;
  const lottery = outcome.lottery;
  return (
    lottery === undefined ||
    lottery.winners === 0 ||
    lottery.pool.every((id) => fair(id, lottery.side, lottery.price))
  );
}

/** Where each market key of an order comes from in a policy's `Valuations`. */
const VALUATION_KEY: Readonly<Record<string, string>> = {
  id: 'requestId',
  value: 'valueUsd',
  cost: 'costUsd',
  quantity: 'quantity',
};

/**
 * Builds a slot's market from a policy's valuations. A policy (a plug-in's too) can hand over
 * entries no market accepts (a fractional quantity, a repeated request id, a value too large for
 * the price step); the market names them as its own input (`asks[0].quantity`), which says nothing
 * to the user, so the error is rethrown naming the policy's entry (`valuations.asks[3].quantity`),
 * with the market's error as its cause (issue 16 item 6).
 */
function marketOf(
  valuations: Valuations,
  bids: Valuations['bids'],
  asks: Valuations['asks'],
  modelId: string,
  build: () => Market,
): Market {
  try {
    return build();
  } catch (error) {
    const at = error instanceof MarketError ? orderField(error.field) : undefined;
    if (at === undefined) throw error;
    const inner = (error as MarketError).message.slice(`${(error as MarketError).field}: `.length);
    const buyer = at.side === 'buy';
    const entry = buyer ? bids[at.index] : asks[at.index];
    const index = buyer
      ? valuations.bids.indexOf(entry as Valuations['bids'][number])
      : valuations.asks.indexOf(entry as Valuations['asks'][number]);
    const key =
      at.key === undefined
        ? ''
        : `.${buyer || at.key !== 'id' ? (VALUATION_KEY[at.key] ?? at.key) : 'serverId'}`;
    const who = buyer
      ? `the bid of request '${escapeControl(String((entry as Valuations['bids'][number]).requestId))}'`
      : `the ask of server '${escapeControl(String((entry as Valuations['asks'][number]).serverId))}'`;
    throw new DoubleDutchError(
      'invalid_valuations',
      `${who} for model '${escapeControl(modelId)}' cannot enter the slot's market: ${inner}`,
      `valuations.${buyer ? 'bids' : 'asks'}[${index}]${key}`,
      { cause: error },
    );
  }
}

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
    const bidUsd = new Map(bids.map((b) => [b.requestId, usd(b.valueUsd)]));
    const askUsd = new Map(asks.map((a) => [`${a.serverId}|${modelId}`, usd(a.costUsd)]));
    const t0 = performance.now();
    const market = marketOf(valuations, bids, asks, modelId, () =>
      createMarket({
        bids: bids.map((b) => ({ id: b.requestId, value: bidUsd.get(b.requestId) as number })),
        asks: asks.map((a) => ({
          id: `${a.serverId}|${modelId}`,
          cost: askUsd.get(`${a.serverId}|${modelId}`) as number,
          quantity: a.quantity,
        })),
      }),
    );
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
    welfare += outcome.welfare.toNumber();
    surplus += outcome.surplus.toNumber();
    if (!individuallyRational(outcome, bidUsd, askUsd)) irViolations++;
  }
  return {
    action: { cache: action.cache, route },
    metrics: { welfare, surplus, trades, irViolations, clearingMs, markets },
  };
}
