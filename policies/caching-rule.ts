/**
 * The shared skeleton of the classic caching baselines (LRU, LFU, FIFO, least-context): each
 * request is assigned to the server holding its context, else to its nearest server; each server
 * wants the models its assigned requests need (most requested first), then keeps the models it
 * already caches in the order of its eviction rule, and the environment keeps the longest prefix
 * that fits in GPU memory, which evicts exactly the rule's victims. Requests whose model does not
 * make it into their server's cache go to the cloud.
 */

import { type CostWeights, latencyCostUsd } from '../src/edge/cost-model.js';
import type { Action, Observation, ServerModelView, ServerView } from '../src/edge/types.js';
import { fittingModels } from '../src/edge/valuations.js';
import type { Policy } from '../src/policy.js';
import { estimatedDecision } from './decision.js';

/** This slot's demand for a model at a server: requests and the latest arrival. */
export interface SlotDemand {
  readonly count: number;
  readonly lastArrivalS: number;
}

/**
 * Orders a server's cached models by how much the rule wants to keep them (most wanted first);
 * `demand` holds this slot's requests assigned to the server, by model.
 */
export type KeepOrder = (
  server: ServerView,
  models: ServerModelView[],
  demand: ReadonlyMap<string, SlotDemand>,
) => ServerModelView[];

/**
 * The action of a caching rule for one observation. Admission control keeps the rule honest: a
 * request goes to its server only while the cost estimated there, queueing behind the requests
 * already sent this slot included, stays below its cloud cost; otherwise to the cloud.
 *
 * @category policies
 */
export function cachingRuleAction(
  observation: Observation,
  keepOrder: KeepOrder,
  weights: CostWeights,
): Action {
  const assigned = new Map<string, Map<string, SlotDemand>>();
  const serverOf = new Map<string, string>();
  for (const v of observation.requests) {
    const serverId = v.residentServer ?? v.nearestServer;
    serverOf.set(v.request.id, serverId);
    const wants = assigned.get(serverId) ?? new Map<string, SlotDemand>();
    const before = wants.get(v.request.modelId);
    wants.set(v.request.modelId, { count: (before?.count ?? 0) + 1, lastArrivalS: v.request.arrivalS });
    assigned.set(serverId, wants);
  }
  const cache: Record<string, string[]> = {};
  for (const server of observation.servers) {
    const demand = assigned.get(server.id) ?? new Map<string, SlotDemand>();
    const cached = server.models.filter((m) => m.cached);
    // A miss forces a load, as in the classic rules: the missed models go in (most requested
    // first, ties by id); the rule chooses its victims among the models already cached.
    const missed = [...demand]
      .filter(([id]) => !cached.some((m) => m.modelId === id))
      .sort((a, b) => b[1].count - a[1].count || (a[0] < b[0] ? -1 : 1))
      .map(([id]) => id);
    const kept = keepOrder(server, cached, demand).map((m) => m.modelId);
    cache[server.id] = fittingModels([...missed, ...kept], observation.modelWeightBytes, server.memoryBytes);
  }
  const route = admissionRoutes(observation, cache, weights, serverOf);
  return { cache, route };
}

/**
 * A policy from a keep order.
 *
 * @category policies
 */
export function cachingRulePolicy(name: string, keepOrder: KeepOrder): Policy {
  return {
    name,
    decide: (observation, context) =>
      estimatedDecision(
        observation,
        cachingRuleAction(observation, keepOrder, context.scenario.costWeights),
        context,
      ),
  };
}

/** Sorts by a key descending (the key may use this slot's demand), ties by model id ascending. */
export function byDescending(key: (m: ServerModelView, demand: SlotDemand | undefined) => number): KeepOrder {
  return (_server, models, demand) =>
    [...models].sort(
      (a, b) =>
        key(b, demand.get(b.modelId)) - key(a, demand.get(a.modelId)) || (a.modelId < b.modelId ? -1 : 1),
    );
}

/**
 * Routes a slot's requests, in arrival order, given the caches: each request goes to the server
 * holding its model where its estimated cost, queueing behind the requests already sent there this
 * slot included, is lowest (its preferred server when given, if that server holds the model and
 * is not dearer than the cloud), or to the cloud when that is cheaper. `surchargeS`, when given,
 * adds seconds of latency to a request's cost at a server (priced, not queued: T2DRL's admission
 * price, policies/t2drl/ttt/physical.ts); a NaN surcharge keeps the request off that server.
 *
 * @category policies
 */
export function admissionRoutes(
  observation: Observation,
  cache: Readonly<Record<string, readonly string[]>>,
  weights: CostWeights,
  preferred?: ReadonlyMap<string, string>,
  surchargeS?: (serverId: string, request: Observation['requests'][number]) => number,
): Record<string, string> {
  const route: Record<string, string> = {};
  const freeAtS = new Map(observation.servers.map((s) => [s.id, s.busyUntilS]));
  for (const v of observation.requests) {
    const r = v.request;
    const wanted = preferred?.get(r.id);
    const candidates = wanted !== undefined ? [wanted] : observation.servers.map((s) => s.id);
    let best = 'cloud';
    let bestCost = v.cloudCostUsd;
    let bestStart = 0;
    for (const serverId of candidates) {
      if (!cache[serverId]?.includes(r.modelId)) continue;
      const startS = Math.max(freeAtS.get(serverId) ?? 0, r.arrivalS);
      const waitS = startS - r.arrivalS;
      const cost =
        (v.edgeCostUsd[serverId] ?? Number.POSITIVE_INFINITY) +
        latencyCostUsd(weights, surchargeS === undefined ? waitS : waitS + surchargeS(serverId, v));
      if (cost < bestCost) {
        best = serverId;
        bestCost = cost;
        bestStart = startS;
      }
    }
    route[r.id] = best;
    if (best !== 'cloud') freeAtS.set(best, bestStart + (v.edgeBusyS[best] ?? 0));
  }
  return route;
}
