/**
 * The paper's T2DRL and PPO on the physical edge model. Entries are (server, model) pairs with
 * today's 12 pair features (features.ts). The decision (a, b) per pair becomes an `Action` by a
 * deterministic projection, the physical counterpart of PAPER.md §3.2:
 * 1. memory: per server, the pairs with a = 1 ranked by σ(logit) per GB of weights, admitted
 *    greedily while they fit in GPU memory (a model that does not fit is skipped, the next tried);
 * 2. b is how much of the model's demand the pair takes at the edge, as an admission price: the
 *    slot's requests, in arrival order (as a server's queue serves them), each go to the server
 *    caching their model where their estimated cost plus the server's queue so far plus
 *    (1 − b)·MAX_ADMISSION_PRICE times their work (all at the latency price) is lowest, or to the
 *    cloud when that is cheaper. A request's work is its service time on the fastest server
 *    (`requestWorkS`). b = 1 admits every request that is cheaper at the edge given its own wait
 *    (the classic rules' admission, across servers); lower b keeps server time free for the
 *    requests that save the most per unit of work. An uncached pair takes nothing;
 *    b outside [0, 1] is clamped, and a NaN b (a diverged network) takes nothing either, as the
 *    paper model's projection reads a NaN b as 0. The routing is `admissionRoutes` (the classic
 *    rules') with the price as its surcharge.
 * The physical model has no energy budget (3): its energy is a cost, not a constraint.
 */
import type { CostWeights } from '../../../src/edge/cost-model.js';
import type { Action, Observation } from '../../../src/edge/types.js';
import type { Policy, PolicyContext, Transition } from '../../../src/policy.js';
import { admissionRoutes } from '../../caching-rule.js';
import { estimatedDecision } from '../../decision.js';
import { initTensorflow } from '../backend.js';
import { PAIR_FEATURES, pairFeatures } from '../features.js';
import type { Decision } from './actor-critic.js';
import type { Learner } from './learner.js';

/** Features per (server, model) entry on the physical model. */
export const PHYSICAL_ENTRY_FEATURES = PAIR_FEATURES;

/** USD per slot by which physical rewards are divided (a default-scenario slot costs about 2 USD). */
export const PHYSICAL_REWARD_SCALE = 2;

/**
 * The largest admission price (latency-seconds charged per second of work) that b = 0 sets;
 * b = 1 sets none. Measured on the default scenario with every pair that fits cached (seeds 1–5),
 * one price for every pair of 0.5, 1, 1.5, 2, 3 and 4 costs 111.25, 107.21, 104.86, 104.68,
 * 106.60 and 108.16 USD/h, so the range holds the best fixed price near its middle (b = ½).
 */
export const MAX_ADMISSION_PRICE = 4;

/**
 * A request's work: the seconds it would keep the fastest server busy. The price is charged on
 * work, not on the chosen server's seconds, because a slow server's time is less contested: fewer
 * requests would queue behind it. Measured (default scenario, seeds 1–5), the best fixed price per
 * server second costs 106.09 USD/h, per unit of work 104.68, and the best fixed price per second
 * chosen separately for each server 104.28 (docs/policies.md, "Fourth shift").
 */
export function requestWorkS(edgeBusyS: Readonly<Record<string, number>>): number {
  let work = Number.POSITIVE_INFINITY;
  for (const busyS of Object.values(edgeBusyS)) work = Math.min(work, busyS);
  return Number.isFinite(work) ? work : 0;
}

/** The admission price of a pair whose offload share is `b`. */
export function admissionPrice(b: number): number {
  return MAX_ADMISSION_PRICE * (1 - Math.min(1, Math.max(0, b)));
}

/** The projection of a decision onto the physical model's action; see the module comment. */
export function physicalAction(observation: Observation, decision: Decision, weights: CostWeights): Action {
  const cache: Record<string, string[]> = {};
  observation.servers.forEach((server, s) => {
    cache[server.id] = admitted(observation, s, decision.cache, decision.cacheProbability);
  });
  const models = observation.modelIds;
  const modelIndex = new Map(models.map((id, m) => [id, m]));
  const serverIndex = new Map(observation.servers.map((server, s) => [server.id, s]));
  // The queue so far is a request's own wait; the admission price charges the wait its work will
  // add to the requests after it, which the request itself does not see.
  const route = admissionRoutes(observation, cache, weights, undefined, (serverId, v) => {
    const e =
      (serverIndex.get(serverId) as number) * models.length + (modelIndex.get(v.request.modelId) as number);
    return admissionPrice(decision.fraction[e] as number) * requestWorkS(v.edgeBusyS);
  });
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
 * pair is admitted and its model is requested this slot: otherwise b routes nothing. Both masks
 * depend on the other entries' draws and the observation but never on the entry's own draw, so for
 * each entry the dropped term is one whose expectation given the rest is zero (E[∇log π(a_e)] = 0
 * and the return does not depend on a_e there): the policy-gradient estimator keeps its
 * expectation and loses only terms that are pure noise.
 */
export function creditMasks(
  observation: Observation,
  decision: Decision,
): { creditA: Uint8Array; creditU: Uint8Array } {
  const models = observation.modelIds;
  const entries = observation.servers.length * models.length;
  const creditA = new Uint8Array(entries);
  const creditU = new Uint8Array(entries);
  const requested = new Set(observation.requests.map((v) => v.request.modelId));
  const bits = Uint8Array.from(decision.cache);
  observation.servers.forEach((_server, s) => {
    const kept = admitted(observation, s, bits, decision.cacheProbability).join('\u0000');
    models.forEach((id, m) => {
      const e = s * models.length + m;
      bits[e] = 1 - (bits[e] as number);
      const flipped = admitted(observation, s, bits, decision.cacheProbability).join('\u0000');
      bits[e] = decision.cache[e] as number;
      creditA[e] = flipped === kept ? 0 : 1;
      const cached = kept.split('\u0000').includes(id);
      creditU[e] = cached && requested.has(id) ? 1 : 0;
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
