/**
 * Proximal policy optimisation (Schulman et al., 2017) for the factorised Bernoulli policy: the
 * log-probability of an action is the sum over (server, model) pairs of the log-probabilities of
 * their keep/evict bits, and advantages come from generalised advantage estimation (GAE).
 */
import * as tf from '@tensorflow/tfjs-core';
import { nextTurn } from '../../src/event-loop.js';
import { concat } from './arrays.js';
import { PAIR_FEATURES } from './features.js';
import { type Networks, trainableVariables } from './network.js';

/** One step of experience. */
export interface Experience {
  readonly features: Float32Array;
  readonly actions: Float32Array;
  readonly logProb: number;
  readonly value: number;
  readonly reward: number;
}

/** PPO hyper-parameters. */
export interface PpoConfig {
  readonly gamma: number;
  readonly lambda: number;
  readonly clip: number;
  readonly epochs: number;
  readonly valueCoefficient: number;
  readonly entropyCoefficient: number;
}

/** Defaults: short horizons (a slot's cost is mostly its own decision's). */
export const DEFAULT_PPO: PpoConfig = {
  gamma: 0.9,
  lambda: 0.9,
  clip: 0.2,
  epochs: 4,
  valueCoefficient: 0.5,
  entropyCoefficient: 0.01,
};

/** Pooled critic input: mean and max of the pair features. */
export function criticInput(features: tf.Tensor2D): tf.Tensor2D {
  return tf.concat([tf.mean(features, 0, true), tf.max(features, 0, true)], 1) as tf.Tensor2D;
}

/** Actor logits [pairs] and critic value for one state's features. */
export function evaluate(
  networks: Networks,
  features: Float32Array,
): { logits: Float32Array; value: number } {
  return tf.tidy(() => {
    const x = tf.tensor2d(features, [features.length / PAIR_FEATURES, PAIR_FEATURES]);
    const logits = (networks.actor.predict(x) as tf.Tensor).dataSync() as Float32Array;
    const value = (networks.critic.predict(criticInput(x)) as tf.Tensor).dataSync()[0] as number;
    return { logits: Float32Array.from(logits), value };
  });
}

/** GAE advantages and returns; the value after the last step is `bootstrap`. */
export function advantages(
  steps: readonly Experience[],
  config: PpoConfig,
  bootstrap = 0,
): { adv: Float32Array; ret: Float32Array } {
  const n = steps.length;
  const adv = new Float32Array(n);
  const ret = new Float32Array(n);
  let running = 0;
  for (let t = n - 1; t >= 0; t--) {
    const s = steps[t] as Experience;
    const nextValue = t + 1 < n ? (steps[t + 1] as Experience).value : bootstrap;
    const delta = s.reward + config.gamma * nextValue - s.value;
    running = delta + config.gamma * config.lambda * running;
    adv[t] = running;
    ret[t] = running + s.value;
  }
  return { adv, ret };
}

/** One PPO update on a batch of steps (all with the same number of pairs). Resolves to the last loss. */
export async function ppoUpdate(
  networks: Networks,
  optimizer: tf.Optimizer,
  steps: readonly Experience[],
  config: PpoConfig = DEFAULT_PPO,
  bootstrap = 0,
): Promise<number> {
  if (steps.length === 0) return 0;
  const { adv, ret } = advantages(steps, config, bootstrap);
  const normalised = normalise(adv);
  const pairs = (steps[0] as Experience).features.length / PAIR_FEATURES;
  return ppoEpochs(networks, optimizer, config, () => {
    const x = tf.tensor2d(concat(steps.map((s) => s.features)), [steps.length * pairs, PAIR_FEATURES]);
    return {
      x,
      actions: tf.tensor2d(concat(steps.map((s) => s.actions)), [steps.length, pairs]),
      oldLogProb: tf.tensor1d(steps.map((s) => s.logProb)),
      advantage: tf.tensor1d(normalised),
      returns: tf.tensor1d(ret),
      criticX: tf.concat(
        steps.map((_, t) => criticInput(tf.slice(x, [t * pairs, 0], [pairs, PAIR_FEATURES]) as tf.Tensor2D)),
        0,
      ),
      logitsShape: [steps.length, pairs],
      sumOverPairs: true,
    };
  });
}

/** Advantages scaled to mean 0 and sd 1, so that the step size does not depend on the cost scale. */
export function normalise(adv: Float32Array): Float32Array {
  const mean = adv.reduce((a, b) => a + b, 0) / adv.length;
  const std = Math.sqrt(adv.reduce((a, b) => a + (b - mean) ** 2, 0) / adv.length) + 1e-8;
  return adv.map((a) => (a - mean) / std);
}

/** The tensors of one PPO update, made inside the update's `tf.tidy` scope. */
export interface PpoBatch {
  /** The actor's input, one row per (step, pair). */
  readonly x: tf.Tensor2D;
  /** The keep bits, shaped like the logits. */
  readonly actions: tf.Tensor;
  /** The log-probabilities the actions were drawn with, one per advantage. */
  readonly oldLogProb: tf.Tensor1D;
  readonly advantage: tf.Tensor1D;
  readonly returns: tf.Tensor1D;
  /** The critic's input, one row per return. */
  readonly criticX: tf.Tensor2D;
  /** The logits' shape: [steps, pairs], or [steps × pairs] when each pair has its own advantage. */
  readonly logitsShape: number[];
  /** Whether an advantage belongs to a whole step (its pairs' log-probabilities summed) or to one pair. */
  readonly sumOverPairs: boolean;
}

/**
 * `config.epochs` epochs of the clipped PPO objective with a value loss and an entropy bonus, on a
 * batch made afresh (inside each epoch's `tf.tidy`) by `batch`. Resolves to the last loss.
 *
 * The event loop gets a turn after every epoch, as between runs: an update takes up to hundreds of
 * milliseconds, and `train` only hears Ctrl-C on a turn (issue 16 item 1). The arithmetic is the
 * same, so training stays bit for bit what it was.
 */
export async function ppoEpochs(
  networks: Networks,
  optimizer: tf.Optimizer,
  config: PpoConfig,
  batch: () => PpoBatch,
): Promise<number> {
  const variables = trainableVariables(networks);
  let last = 0;
  for (let epoch = 0; epoch < config.epochs; epoch++) {
    const loss = tf.tidy(() => {
      const b = batch();
      const cost = optimizer.minimize(
        () => {
          const logits = tf.reshape(networks.actor.apply(b.x) as tf.Tensor, b.logitsShape);
          // log σ(l) = −softplus(−l); tf.logSigmoid's custom gradient fails inside minimize (tfjs 4.22).
          const logP = tf.neg(tf.softplus(tf.neg(logits)));
          const logQ = tf.neg(tf.softplus(logits));
          const perPair = tf.add(tf.mul(b.actions, logP), tf.mul(tf.sub(1, b.actions), logQ));
          const logProb = b.sumOverPairs ? tf.sum(perPair, 1) : perPair;
          const ratio = tf.exp(tf.sub(logProb, b.oldLogProb));
          const clipped = tf.clipByValue(ratio, 1 - config.clip, 1 + config.clip);
          const policyLoss = tf.neg(
            tf.mean(tf.minimum(tf.mul(ratio, b.advantage), tf.mul(clipped, b.advantage))),
          );
          const p = tf.sigmoid(logits);
          const entropy = tf.mean(tf.neg(tf.add(tf.mul(p, logP), tf.mul(tf.sub(1, p), logQ))));
          const values = tf.reshape(networks.critic.apply(b.criticX) as tf.Tensor, [b.returns.shape[0]]);
          const valueLoss = tf.mean(tf.square(tf.sub(values, b.returns)));
          return tf.sub(
            tf.add(policyLoss, tf.mul(config.valueCoefficient, valueLoss)),
            tf.mul(config.entropyCoefficient, entropy),
          ) as tf.Scalar;
        },
        true,
        variables,
      );
      return cost ?? tf.scalar(0);
    });
    last = loss.dataSync()[0] as number;
    loss.dispose();
    await nextTurn();
  }
  return last;
}
