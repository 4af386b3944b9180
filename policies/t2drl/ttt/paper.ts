/**
 * The paper's T2DRL and PPO on the seed paper's own environment (`PaperEnvironment`, kind
 * 'paper'): entries are (server, agent, model) triples, k = (n·I + i)·M + m, each seen through the
 * paper's observation O^t = (a^{t−1}, R^t, κ^{t−1}) plus the thought stock K^{t−1} and the slot's
 * place in the episode. The decision (a, b) per entry is the environment's raw action: a cache
 * score (a = 1 asks with score ½ + ½·σ(logit), so the environment's knapsack ranks the asked
 * entries by the network's confidence per GB; a = 0 scores 0) and b; the environment projects it
 * onto (1)–(3) itself (src/paper/projection.ts, PAPER.md §3.2). No credit masks here: every a
 * counts, and u where a = 1, as first built.
 */
import { createHash } from 'node:crypto';
import type { PaperObservation } from '../../../src/paper/environment.js';
import type { PaperPolicy } from '../../../src/paper/policy.js';
import type { PaperAction } from '../../../src/paper/projection.js';
import type { PaperScenario } from '../../../src/paper/scenario-schema.js';
import { initTensorflow } from '../backend.js';
import type { Decision } from './actor-critic.js';
import type { EpisodeAdapter } from './episode.js';
import type { Learner } from './learner.js';

/** Features per (server, agent, model) entry on the paper's environment. */
export const PAPER_ENTRY_FEATURES = 6;

/**
 * Paper-model rewards are divided by this before learning (a FIFO slot of `paperScenario()`
 * costs about this much in the paper's units).
 */
export const PAPER_REWARD_SCALE = 1;

/** The hash a paper scenario's weights are saved with (as `scenarioHash` for physical ones). */
export function paperScenarioHash(scenario: PaperScenario): string {
  return createHash('sha256').update(JSON.stringify(scenario)).digest('hex').slice(0, 16);
}

/** The entry features, row-major [entries × PAPER_ENTRY_FEATURES], each about in [0, 1]. */
export function paperFeatures(o: PaperObservation): Float32Array {
  const n = o.demand.length;
  const out = new Float32Array(n * PAPER_ENTRY_FEATURES);
  let maxDemand = 1;
  for (const r of o.demand) maxDemand = Math.max(maxDemand, r);
  for (let k = 0; k < n; k++) {
    const f = k * PAPER_ENTRY_FEATURES;
    const demand = o.demand[k] ?? 0;
    out[f] = o.cached[k] ?? 0;
    out[f + 1] = demand / maxDemand;
    out[f + 2] = Math.log1p(demand) / 5;
    out[f + 3] = Math.log1p(o.ageOfThought[k] ?? 0) / 10;
    out[f + 4] = Math.log1p(o.thoughtStock[k] ?? 0) / 10;
    out[f + 5] = o.slots > 0 ? o.slot / o.slots : 0;
  }
  return out;
}

/** The environment's raw action for a decision (its projection is the environment's). */
export function paperAction(_o: PaperObservation, d: Decision): PaperAction {
  return {
    cache: Array.from(d.cache, (a, e) => (a === 1 ? 0.5 + 0.5 * (d.cacheProbability[e] as number) : 0)),
    local: Array.from(d.fraction),
  };
}

/** The adapter `runEpisode` drives the agent with on the paper's environment. */
export const paperAdapter: EpisodeAdapter<PaperObservation, PaperAction> = {
  features: paperFeatures,
  entryFeatures: PAPER_ENTRY_FEATURES,
  action: paperAction,
};

/**
 * A `PaperPolicy` driving `learner` (made in `prepare`): one decision per slot, drawn from the
 * run's policy stream, the reward back after it, a new episode at slot 0.
 */
export function paperLearnerPolicy(name: string, makeLearner: () => Promise<Learner>): PaperPolicy {
  let learner: Learner | undefined;
  return {
    name,
    prepare: async () => {
      await initTensorflow();
      learner ??= await makeLearner();
    },
    decide(observation, context) {
      if (learner === undefined) throw new Error(`${name}: call prepare() before decide()`);
      if (observation.slot === 0) learner.startEpisode();
      const features = paperFeatures(observation);
      const decision = learner.decide(features, features.length / PAPER_ENTRY_FEATURES, context.rng);
      return { action: paperAction(observation, decision) };
    },
    observe(transition) {
      learner?.reward(transition.reward, transition.terminated);
    },
    dispose() {
      learner?.dispose();
      learner = undefined;
    },
  };
}
