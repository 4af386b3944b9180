/**
 * Outer training of the paper's T2DRL and PPO (PAPER.md §3.4, §3.6): PPO's clipped surrogate with
 * standard GAE (the tail exponent T−t−1, gap G19), on an on-policy buffer of whole episodes. Each
 * gradient step re-runs its episodes through the network from W0, so the TTT layer's inner
 * updates are unrolled over the whole episode and the outer gradient flows through all of them
 * (no truncation: an episode is 60 slots on the physical model's default scenario). Gradients are
 * clipped to a global norm of 0.5 and applied by Adam.
 */
import * as tf from '@tensorflow/tfjs-core';
import { nextTurn } from '../../../src/event-loop.js';
import { concat } from '../arrays.js';
import { type ActorCritic, actorCriticVariables, forwardEpisode, logProbAndEntropy } from './actor-critic.js';

/** PPO hyper-parameters; {@link PAPER_PPO} holds the paper's. */
export interface OuterPpoConfig {
  readonly learningRate: number;
  readonly gamma: number;
  readonly lambda: number;
  readonly clip: number;
  readonly valueCoefficient: number;
  readonly entropyCoefficient: number;
  readonly maxGradNorm: number;
  /** Steps per gradient step: whole episodes are grouped to about this many. */
  readonly batchSteps: number;
  /** Passes over the buffer per update (the paper does not say; 4). */
  readonly epochs: number;
}

/** The paper's values (Section VI); epochs are not given there. */
export const PAPER_PPO: OuterPpoConfig = {
  learningRate: 3e-4,
  gamma: 0.95,
  lambda: 0.95,
  clip: 0.2,
  valueCoefficient: 0.25,
  entropyCoefficient: 0,
  maxGradNorm: 0.5,
  batchSteps: 128,
  epochs: 4,
};

/** One episode of experience, as the learner recorded it. */
export interface EpisodeRecord {
  readonly entries: number;
  readonly features: Float32Array[];
  readonly cache: Uint8Array[];
  readonly u: Float32Array[];
  /**
   * Per step and entry, whether its Bernoulli (`creditA`) and Gaussian (`creditU`) terms count in
   * the log-probability (see `logProbAndEntropy`); `logProb` is the masked sum.
   */
  readonly creditA: Uint8Array[];
  readonly creditU: Uint8Array[];
  readonly logProb: number[];
  readonly value: number[];
  readonly reward: number[];
}

/** An episode's record before its first step. */
export function emptyEpisodeRecord(entries: number): EpisodeRecord {
  return {
    entries,
    features: [],
    cache: [],
    u: [],
    creditA: [],
    creditU: [],
    logProb: [],
    value: [],
    reward: [],
  };
}

/**
 * Generalised advantage estimation (Schulman et al. 2016) in its standard form:
 * Â_t = Σ_{l ≥ 0} (γλ)^l δ_{t+l}, δ_t = r_t + γV(s_{t+1}) − V(s_t), V after the last step =
 * `bootstrap` (0 at an episode's natural end). Returns advantages and returns Â + V.
 */
export function gae(
  rewards: readonly number[],
  values: readonly number[],
  gamma: number,
  lambda: number,
  bootstrap = 0,
): { advantages: Float32Array; returns: Float32Array } {
  const n = rewards.length;
  const advantages = new Float32Array(n);
  const returns = new Float32Array(n);
  let running = 0;
  for (let t = n - 1; t >= 0; t--) {
    const next = t + 1 < n ? (values[t + 1] as number) : bootstrap;
    const delta = (rewards[t] as number) + gamma * next - (values[t] as number);
    running = delta + gamma * lambda * running;
    advantages[t] = running;
    returns[t] = running + (values[t] as number);
  }
  return { advantages, returns };
}

/** Statistics of one update (means over its gradient steps). */
export interface UpdateStats {
  readonly policyLoss: number;
  readonly valueLoss: number;
  readonly entropy: number;
  readonly gradientSteps: number;
}

/**
 * One PPO update on `episodes` (each with the same number of entries throughout). `shuffle` orders
 * the episodes of each epoch (seeded by the caller). The event loop gets a turn after every
 * gradient step (so between minibatches and between epochs): an update of the default scenario's
 * T2DRL took up to 2.4 s in one piece, during which `doubledutch train` could not hear Ctrl-C. The
 * turns change no arithmetic.
 */
export async function ppoUpdate(
  net: ActorCritic,
  optimizer: tf.Optimizer,
  episodes: readonly EpisodeRecord[],
  config: OuterPpoConfig,
  shuffle: (n: number) => number[],
): Promise<UpdateStats> {
  const prepared = episodes
    .filter((e) => e.reward.length > 0)
    .map((e) => ({ episode: e, ...gae(e.reward, e.value, config.gamma, config.lambda) }));
  if (prepared.length === 0) return { policyLoss: 0, valueLoss: 0, entropy: 0, gradientSteps: 0 };
  // Advantages normalised over the buffer, so that the step size does not depend on the cost unit.
  const all = prepared.flatMap((p) => Array.from(p.advantages));
  const mean = all.reduce((a, b) => a + b, 0) / all.length;
  const sd = Math.sqrt(all.reduce((a, b) => a + (b - mean) ** 2, 0) / all.length) + 1e-8;
  const meanLength = all.length / prepared.length;
  const perBatch = Math.max(1, Math.round(config.batchSteps / meanLength));
  const variables = actorCriticVariables(net);
  let policySum = 0;
  let valueSum = 0;
  let entropySum = 0;
  let steps = 0;
  for (let epoch = 0; epoch < config.epochs; epoch++) {
    const order = shuffle(prepared.length);
    for (let start = 0; start < order.length; start += perBatch) {
      const group = order.slice(start, start + perBatch).map((i) => prepared[i] as (typeof prepared)[number]);
      const parts = { policy: 0, value: 0, entropy: 0 };
      tf.tidy(() => {
        const { value: loss, grads } = tf.variableGrads(() => {
          let policy: tf.Scalar = tf.scalar(0);
          let valueLoss: tf.Scalar = tf.scalar(0);
          let entropy: tf.Scalar = tf.scalar(0);
          let count = 0;
          for (const { episode, advantages, returns } of group) {
            const t = episode.reward.length;
            const p = episode.entries;
            const f = net.config.entryFeatures;
            const features = tf.tensor3d(concat(episode.features), [t, p, f]);
            const out = forwardEpisode(net, features);
            const cache = tf.tensor2d(concat(episode.cache), [t, p]);
            const u = tf.tensor2d(concat(episode.u), [t, p]);
            const creditA = tf.tensor2d(concat(episode.creditA), [t, p]);
            const creditU = tf.tensor2d(concat(episode.creditU), [t, p]);
            const { logProb, entropy: h } = logProbAndEntropy(net, out, cache, u, { creditA, creditU });
            const ratio = tf.exp(tf.sub(logProb, tf.tensor1d(episode.logProb)));
            const adv = tf.tensor1d(advantages.map((a) => (a - mean) / sd));
            const surrogate = tf.minimum(
              tf.mul(ratio, adv),
              tf.mul(tf.clipByValue(ratio, 1 - config.clip, 1 + config.clip), adv),
            );
            policy = tf.sub(policy, tf.sum(surrogate)) as tf.Scalar;
            valueLoss = tf.add(
              valueLoss,
              tf.sum(tf.square(tf.sub(out.values, tf.tensor1d(returns)))),
            ) as tf.Scalar;
            entropy = tf.add(entropy, tf.sum(h)) as tf.Scalar;
            count += t;
          }
          policy = tf.div(policy, count);
          valueLoss = tf.div(valueLoss, count);
          entropy = tf.div(entropy, count);
          parts.policy = policy.dataSync()[0] as number;
          parts.value = valueLoss.dataSync()[0] as number;
          parts.entropy = entropy.dataSync()[0] as number;
          return tf.sub(
            tf.add(policy, tf.mul(config.valueCoefficient, valueLoss)),
            tf.mul(config.entropyCoefficient, entropy),
          ) as tf.Scalar;
        }, variables);
        loss.dispose();
        optimizer.applyGradients(clipByGlobalNorm(grads, config.maxGradNorm));
      });
      policySum += parts.policy;
      valueSum += parts.value;
      entropySum += parts.entropy;
      steps++;
      // One gradient step of T2DRL unrolls whole episodes through the TTT layer (~0.3 s each).
      await nextTurn();
    }
  }
  return {
    policyLoss: policySum / steps,
    valueLoss: valueSum / steps,
    entropy: entropySum / steps,
    gradientSteps: steps,
  };
}

/** Gradients scaled so that their global L2 norm is at most `maxNorm` (PyTorch's clip_grad_norm_). */
export function clipByGlobalNorm(grads: tf.NamedTensorMap, maxNorm: number): tf.NamedTensorMap {
  return tf.tidy(() => {
    const tensors = Object.values(grads);
    const norm = Math.sqrt(tensors.reduce((s, g) => s + (tf.sum(tf.square(g)).dataSync()[0] as number), 0));
    const scale = norm > maxNorm ? maxNorm / (norm + 1e-6) : 1;
    const out: tf.NamedTensorMap = {};
    for (const [name, g] of Object.entries(grads)) out[name] = scale === 1 ? tf.clone(g) : tf.mul(g, scale);
    return out;
  });
}
