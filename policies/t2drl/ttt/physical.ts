/**
 * The paper's T2DRL and PPO on the physical edge model. Entries are (server, model) pairs with
 * today's 12 pair features (features.ts). The decision (a, b) per pair becomes an `Action` by a
 * deterministic projection, the physical counterpart of PAPER.md §3.2:
 * 1. memory: per server, the pairs with a = 1 ranked by σ(logit) per GB of weights, admitted
 *    greedily while they fit in GPU memory (a model that does not fit is skipped, the next tried);
 * 2. b is the fraction of the pair's requests served at the edge: the slot's requests whose
 *    preferred server (their context's, else their nearest) is the pair's server are ranked by
 *    their value (the cost the edge saves against the cloud, as the observation estimates it), and
 *    the first ⌊b·n + ½⌋ go to the server while their value, less the server's queue so far this
 *    slot at the latency price, stays positive; the rest,
 *    and every request of an uncached pair (b = 0 there), go to the cloud.
 * The physical model has no energy budget (3): its energy is a cost, not a constraint.
 */
import { type CostWeights, latencyCostUsd } from '../../../src/edge/cost-model.js';
import type { Action, Observation } from '../../../src/edge/types.js';
import type { Policy, PolicyContext, Transition } from '../../../src/policy.js';
import { estimatedDecision } from '../../decision.js';
import { initTensorflow } from '../backend.js';
import { assignedDemand, PAIR_FEATURES, pairFeatures } from '../features.js';
import type { Decision } from './actor-critic.js';
import type { Learner } from './learner.js';

/** Features per (server, model) entry on the physical model. */
export const PHYSICAL_ENTRY_FEATURES = PAIR_FEATURES;

/** USD per slot by which physical rewards are divided (a default-scenario slot costs about 2 USD). */
export const PHYSICAL_REWARD_SCALE = 2;

/** The projection of a decision onto the physical model's action; see the module comment. */
export function physicalAction(observation: Observation, decision: Decision, weights: CostWeights): Action {
  const cache: Record<string, string[]> = {};
  observation.servers.forEach((server, s) => {
    cache[server.id] = admitted(observation, s, decision.cache, decision.cacheProbability);
  });
  const route: Record<string, string> = {};
  const groups = new Map<string, { view: Observation['requests'][number]; value: number }[]>();
  for (const v of observation.requests) {
    const server = v.residentServer ?? v.nearestServer;
    route[v.request.id] = 'cloud';
    if (!cache[server]?.includes(v.request.modelId)) continue;
    const key = `${server}\u0000${v.request.modelId}`;
    const list = groups.get(key) ?? [];
    list.push({ view: v, value: v.cloudCostUsd - (v.edgeCostUsd[server] ?? Number.POSITIVE_INFINITY) });
    groups.set(key, list);
  }
  const models = observation.modelIds;
  const freeAtS = new Map(observation.servers.map((s) => [s.id, s.busyUntilS]));
  const serverIndex = new Map(observation.servers.map((s, i) => [s.id, i]));
  // Each pair's ⌊b·n + ½⌋ highest-value requests may go to the edge; they are then admitted in
  // arrival order, as the server's queue serves them, while their value exceeds the queue so far.
  const allowed: { view: Observation['requests'][number]; server: string; value: number }[] = [];
  for (const [key, list] of groups) {
    const [server, modelId] = key.split('\u0000') as [string, string];
    const e = (serverIndex.get(server) as number) * models.length + models.indexOf(modelId);
    const count = Math.floor((decision.fraction[e] as number) * list.length + 0.5);
    list.sort((a, b) => b.value - a.value || (a.view.request.id < b.view.request.id ? -1 : 1));
    for (const { view, value } of list.slice(0, count)) allowed.push({ view, server, value });
  }
  allowed.sort(
    (a, b) =>
      a.view.request.arrivalS - b.view.request.arrivalS || (a.view.request.id < b.view.request.id ? -1 : 1),
  );
  for (const { view, server, value } of allowed) {
    // The queue the server has so far this slot is charged at the latency price, as the classic
    // rules' admission does (caching-rule.ts).
    const startS = Math.max(freeAtS.get(server) ?? 0, view.request.arrivalS);
    if (value - latencyCostUsd(weights, startS - view.request.arrivalS) <= 0) continue;
    route[view.request.id] = server;
    freeAtS.set(server, startS + (view.edgeBusyS[server] ?? 0));
  }
  return { cache, route };
}

/**
 * Step 1 of the projection on server `s`: its pairs with a = 1 ranked by σ(logit) per GB of
 * weights, admitted greedily while they fit in GPU memory.
 */
function admitted(
  observation: Observation,
  s: number,
  cacheBits: Uint8Array,
  cacheProbability: Float32Array,
): string[] {
  const models = observation.modelIds;
  const server = observation.servers[s] as Observation['servers'][number];
  const candidates = models
    .map((id, m) => ({ id, e: s * models.length + m }))
    .filter((c) => cacheBits[c.e] === 1)
    .map((c) => ({
      id: c.id,
      perGb: (cacheProbability[c.e] as number) / ((observation.modelWeightBytes[c.id] ?? 1) / 2 ** 30),
    }))
    .sort((a, b) => b.perGb - a.perGb || (a.id < b.id ? -1 : 1));
  const kept: string[] = [];
  let bytes = 0;
  for (const c of candidates) {
    const w = observation.modelWeightBytes[c.id] ?? Number.POSITIVE_INFINITY;
    if (bytes + w > server.memoryBytes) continue;
    kept.push(c.id);
    bytes += w;
  }
  return kept;
}

/**
 * Which terms of a decision's log-probability can carry credit (1) on this slot. a_e counts iff
 * flipping it, the other bits held, changes its server's admitted set: a drawn a = 1 that the
 * knapsack then skips, or a = 0 where a 1 would be skipped too, changes nothing. u_e counts iff the
 * pair is admitted and has requests this slot: otherwise b routes nothing. Both masks depend on the
 * other entries' draws and the observation but never on the entry's own draw, so for each entry the
 * dropped term is one whose expectation given the rest is zero (E[∇log π(a_e)] = 0 and the return
 * does not depend on a_e there): the policy-gradient estimator keeps its expectation and loses
 * only terms that are pure noise.
 */
export function creditMasks(
  observation: Observation,
  decision: Decision,
): { creditA: Uint8Array; creditU: Uint8Array } {
  const models = observation.modelIds;
  const entries = observation.servers.length * models.length;
  const creditA = new Uint8Array(entries);
  const creditU = new Uint8Array(entries);
  const demand = assignedDemand(observation);
  const bits = Uint8Array.from(decision.cache);
  observation.servers.forEach((server, s) => {
    const kept = admitted(observation, s, bits, decision.cacheProbability).join('\u0000');
    models.forEach((id, m) => {
      const e = s * models.length + m;
      bits[e] = 1 - (bits[e] as number);
      const flipped = admitted(observation, s, bits, decision.cacheProbability).join('\u0000');
      bits[e] = decision.cache[e] as number;
      creditA[e] = flipped === kept ? 0 : 1;
      const cached = kept.split('\u0000').includes(id);
      creditU[e] = cached && (demand.get(server.id)?.get(id) ?? 0) > 0 ? 1 : 0;
    });
  });
  return { creditA, creditU };
}

/**
 * A `Policy` on the physical model driving `learner` (made in `prepare` by `makeLearner`, so that
 * weights load asynchronously): one decision per slot, the reward back after it, a new episode at
 * slot 0.
 */
export function physicalPolicy(
  name: string,
  makeLearner: () => Promise<Learner>,
  options: { readonly masked?: boolean } = {},
): Policy {
  let learner: Learner | undefined;
  const act = (observation: Observation, context: PolicyContext): Action => {
    if (learner === undefined) throw new Error(`${name}: call prepare() before decide()`);
    if (observation.slot === 0) learner.startEpisode();
    const features = pairFeatures(observation);
    const decision = learner.decide(features, features.length / PHYSICAL_ENTRY_FEATURES, context.rng);
    if (options.masked ?? true) {
      const { creditA, creditU } = creditMasks(observation, decision);
      learner.credit(creditA, creditU);
    }
    return physicalAction(observation, decision, context.scenario.costWeights);
  };
  return {
    name,
    prepare: async () => {
      await initTensorflow();
      learner ??= await makeLearner();
    },
    decide: (observation, context) => estimatedDecision(observation, act(observation, context), context),
    // The learner's PPO update, when this step ends its buffer, is the episode's to await.
    observe: (transition: Transition) => learner?.reward(transition.reward, transition.terminated),
    dispose: () => {
      learner?.dispose();
      learner = undefined;
    },
  };
}
