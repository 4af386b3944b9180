/**
 * How T2DRL turns a slot into learning signal. `slot`: one reward for the whole slot (its negative
 * system cost) and one value for the state. `pair`: one reward per (server, model) decision (what
 * its requests saved, less its load; `rewards.ts`) and one value per decision. Both draw the same
 * keep/evict actions from the same actor; they differ in what the PPO step learns from.
 */
import type * as tf from '@tensorflow/tfjs-core';
import type { Observation } from '../../src/edge/types.js';
import type { Transition } from '../../src/policy.js';
import { pairFeatures } from './features.js';
import type { Networks } from './network.js';
import { type Experience, evaluate, type PpoConfig, ppoUpdate } from './ppo.js';
import { evaluatePairs, type PairExperience, ppoUpdatePairs } from './ppo-pair.js';
import { pairRewards, uncreditedReward } from './rewards.js';

/** The credit schemes. @category policies */
export type CreditScheme = 'slot' | 'pair';

/** One credit scheme's experience buffer and update. */
export interface Learner {
  /** Scores the pairs of a state, remembering what the update will need of it. */
  score(networks: Networks, features: Float32Array): Float32Array;
  /** Records the actions drawn for the state just scored, with each pair's log-probability. */
  chose(actions: Float32Array, logProbs: Float32Array): void;
  /**
   * The slot's reward as this scheme splits it, in USD before scaling: the parts it learns from
   * (`slot`: the one slot reward; `pair`: one per decision) and the part it credits to no decision.
   * The parts sum to the transition's reward, minus the slot's system cost.
   */
  rewardParts(transition: Transition): { readonly credited: ArrayLike<number>; readonly uncredited: number };
  /** Adds the outcome of the last chosen step; returns the number of steps buffered. */
  record(transition: Transition): number;
  /**
   * A PPO step on the buffered steps, which are then dropped; it resolves when done, having given
   * the event loop a turn after each epoch.
   */
  update(
    networks: Networks,
    optimizer: tf.Optimizer,
    config: PpoConfig,
    next: Observation | undefined,
  ): Promise<void>;
}

/** The learner of a credit scheme; rewards are divided by `rewardScale` (USD) to stay near 1. */
export function createLearner(scheme: CreditScheme, rewardScale?: number): Learner {
  return scheme === 'pair' ? pairLearner(rewardScale ?? 0.01) : slotLearner(rewardScale ?? 2);
}

function slotLearner(rewardScale: number): Learner {
  const buffer: Experience[] = [];
  let scored: { features: Float32Array; value: number } | undefined;
  let pending: Omit<Experience, 'reward'> | undefined;
  return {
    score(networks, features) {
      const { logits, value } = evaluate(networks, features);
      scored = { features, value };
      return logits;
    },
    chose(actions, logProbs) {
      if (scored === undefined) return;
      pending = { ...scored, actions, logProb: logProbs.reduce((a, b) => a + b, 0) };
    },
    rewardParts: (transition) => ({ credited: [transition.reward], uncredited: 0 }),
    record(transition) {
      if (pending !== undefined) buffer.push({ ...pending, reward: transition.reward / rewardScale });
      pending = undefined;
      return buffer.length;
    },
    async update(networks, optimizer, config, next) {
      const bootstrap = next === undefined ? 0 : evaluate(networks, pairFeatures(next)).value;
      // The steps are taken out of the buffer first: nothing is recorded while the update yields.
      const steps = buffer.splice(0);
      await ppoUpdate(networks, optimizer, steps, config, bootstrap);
    },
  };
}

function pairLearner(rewardScale: number): Learner {
  const buffer: PairExperience[] = [];
  let scored: { features: Float32Array; values: Float32Array } | undefined;
  let pending: Omit<PairExperience, 'rewards'> | undefined;
  return {
    score(networks, features) {
      const { logits, values } = evaluatePairs(networks, features);
      scored = { features, values };
      return logits;
    },
    chose(actions, logProbs) {
      if (scored === undefined) return;
      pending = { ...scored, actions, logProbs };
    },
    rewardParts: (transition) => {
      const credited = pairRewards(transition);
      return { credited, uncredited: uncreditedReward(transition) };
    },
    record(transition) {
      if (pending !== undefined)
        buffer.push({ ...pending, rewards: pairRewards(transition).map((r) => r / rewardScale) });
      pending = undefined;
      return buffer.length;
    },
    async update(networks, optimizer, config, next) {
      const bootstrap = next === undefined ? undefined : evaluatePairs(networks, pairFeatures(next)).values;
      const steps = buffer.splice(0);
      await ppoUpdatePairs(networks, optimizer, steps, config, bootstrap);
    },
  };
}
