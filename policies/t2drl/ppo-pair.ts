/**
 * PPO with credit per decision (the `t2drl-pair` variant; `ppo.ts` has the slot-reward one): every (server, model) pair is one keep/evict decision with its own reward
 * (the cost its requests saved against the cloud, less the cost of loading it) and its own value
 * (a critic that sees the pair's features and the mean over all pairs), so each slot yields one
 * learning signal per pair rather than one for all of them. Advantages come from generalised
 * advantage estimation (GAE) along each pair's own sequence of slots.
 */
import * as tf from '@tensorflow/tfjs-core';
import { concat } from './arrays.js';
import { PAIR_FEATURES } from './features.js';
import type { Networks } from './network.js';
import { DEFAULT_PPO, normalise, type PpoConfig, ppoEpochs } from './ppo.js';

/** One slot of experience: per pair, its features, action, log-probability, value and reward. */
export interface PairExperience {
  readonly features: Float32Array;
  readonly actions: Float32Array;
  readonly logProbs: Float32Array;
  readonly values: Float32Array;
  readonly rewards: Float32Array;
}

/** Critic input per pair: the pair's features and the mean of all pairs' features. */
export function pairCriticInput(features: tf.Tensor2D): tf.Tensor2D {
  const mean = tf.mean(features, 0, true);
  return tf.concat([features, tf.tile(mean, [features.shape[0], 1])], 1) as tf.Tensor2D;
}

/** Actor logits and critic values, one per pair, for one state's features. */
export function evaluatePairs(
  networks: Networks,
  features: Float32Array,
): { logits: Float32Array; values: Float32Array } {
  return tf.tidy(() => {
    const x = tf.tensor2d(features, [features.length / PAIR_FEATURES, PAIR_FEATURES]);
    const logits = (networks.actor.predict(x) as tf.Tensor).dataSync() as Float32Array;
    const values = (networks.critic.predict(pairCriticInput(x)) as tf.Tensor).dataSync() as Float32Array;
    return { logits: Float32Array.from(logits), values: Float32Array.from(values) };
  });
}

/**
 * GAE advantages and returns per step and pair (row-major [steps × pairs]); the values after the
 * last step are `bootstrap` (zeros at the end of an episode).
 */
export function pairAdvantages(
  steps: readonly PairExperience[],
  config: PpoConfig,
  bootstrap?: Float32Array,
): { adv: Float32Array; ret: Float32Array } {
  const n = steps.length;
  const pairs = (steps[0] as PairExperience).actions.length;
  const adv = new Float32Array(n * pairs);
  const ret = new Float32Array(n * pairs);
  for (let i = 0; i < pairs; i++) {
    let running = 0;
    for (let t = n - 1; t >= 0; t--) {
      const s = steps[t] as PairExperience;
      const nextValue =
        t + 1 < n ? ((steps[t + 1] as PairExperience).values[i] as number) : (bootstrap?.[i] ?? 0);
      const delta = (s.rewards[i] as number) + config.gamma * nextValue - (s.values[i] as number);
      running = delta + config.gamma * config.lambda * running;
      adv[t * pairs + i] = running;
      ret[t * pairs + i] = running + (s.values[i] as number);
    }
  }
  return { adv, ret };
}

/** One PPO update on a batch of steps (all with the same pairs). Resolves to the last loss. */
export async function ppoUpdatePairs(
  networks: Networks,
  optimizer: tf.Optimizer,
  steps: readonly PairExperience[],
  config: PpoConfig = DEFAULT_PPO,
  bootstrap?: Float32Array,
): Promise<number> {
  if (steps.length === 0) return 0;
  const { adv, ret } = pairAdvantages(steps, config, bootstrap);
  const normalised = normalise(adv);
  const pairs = (steps[0] as PairExperience).actions.length;
  const rows = steps.length * pairs;
  return ppoEpochs(networks, optimizer, config, () => {
    const x = tf.tensor2d(concat(steps.map((s) => s.features)), [rows, PAIR_FEATURES]);
    return {
      x,
      actions: tf.tensor1d(concat(steps.map((s) => s.actions))),
      oldLogProb: tf.tensor1d(concat(steps.map((s) => s.logProbs))),
      advantage: tf.tensor1d(normalised),
      returns: tf.tensor1d(ret),
      criticX: tf.concat(
        steps.map((_, t) =>
          pairCriticInput(tf.slice(x, [t * pairs, 0], [pairs, PAIR_FEATURES]) as tf.Tensor2D),
        ),
        0,
      ),
      logitsShape: [rows],
      sumOverPairs: false,
    };
  });
}
