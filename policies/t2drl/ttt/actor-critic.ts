/**
 * The seed paper's T2DRL actor–critic (PAPER.md §3.3) and its PPO baseline. An observation is a
 * set of entries (one per decision: (server, model) on the physical model, (server, agent, model)
 * on the paper's), each a feature vector. One slot's observation becomes one token: the mean and
 * the max of its entries' features, embedded to the TTT width (32). The TTT-Linear layer (residual:
 * h = x + TTT(x)) is the hidden state shared by actor and critic, and its W adapts to the episode's
 * tokens. Heads (two tanh layers of 128): per entry, from [entry features, h], a caching logit
 * (Bernoulli a) and the mean of a Gaussian u whose sigmoid is the local fraction b; the critic V(h).
 * `ppo` is the same network without the TTT layer (h = x), the paper's PPO baseline.
 *
 * Entry heads share their weights, so one network serves any number of servers, agents and models.
 */
import * as tf from '@tensorflow/tfjs-core';
import {
  createTttOnline,
  createTttParams,
  namedVariable,
  normalVariable,
  seededNormal,
  type TttConfig,
  type TttOnline,
  type TttParams,
  tttSequence,
  tttVariables,
} from './ttt-linear.js';

/** Sizes of the actor–critic. */
export interface ActorCriticConfig {
  /** Features per entry (set by the environment adapter). */
  readonly entryFeatures: number;
  /** Token width (the TTT hidden size, 32). */
  readonly embed: number;
  /** Width of the heads' two hidden layers (the paper's 128). */
  readonly hidden: number;
  /** The TTT layer (`t2drl`), or none (`ppo`). */
  readonly ttt?: TttConfig;
  /** Initial caching logit (+1: keep with probability 0.73) and initial mean of u (+2: b ≈ 0.88). */
  readonly initialCacheLogit?: number;
  readonly initialFractionMean?: number;
}

/** A dense layer's variables. */
interface Dense {
  readonly kernel: tf.Variable;
  readonly bias: tf.Variable;
}

/** The actor–critic's parameters. */
export interface ActorCritic {
  readonly config: ActorCriticConfig;
  readonly embed: Dense;
  readonly ttt?: TttParams;
  readonly actor: readonly Dense[];
  readonly critic: readonly Dense[];
  /** log σ of the Gaussian u (state-independent, as in standard continuous PPO). */
  readonly logStd: tf.Variable;
}

function dense(
  inputs: number,
  outputs: number,
  normal: () => number,
  name: string,
  bias = 0,
  gain = 1,
): Dense {
  return {
    kernel: normalVariable([inputs, outputs], gain / Math.sqrt(inputs), normal, `${name}/kernel`),
    bias: namedVariable(tf.fill([outputs], bias), `${name}/bias`),
  };
}

/** A fresh, seeded actor–critic. */
export function createActorCritic(config: ActorCriticConfig, seed: number): ActorCritic {
  const normal = seededNormal(seed);
  const f = config.entryFeatures;
  const h = config.hidden;
  const outputBias = namedVariable(
    tf.tensor1d([config.initialCacheLogit ?? 1, config.initialFractionMean ?? 2]),
    'actor/out/bias',
  );
  return {
    config,
    embed: dense(2 * f, config.embed, normal, 'embed'),
    ...(config.ttt === undefined ? {} : { ttt: createTttParams(config.ttt, seed + 1, 'ttt') }),
    actor: [
      dense(f + config.embed, h, normal, 'actor/1'),
      dense(h, h, normal, 'actor/2'),
      // Small output weights: the initial policy is the biases', the same for every entry.
      { kernel: normalVariable([h, 2], 0.01 / Math.sqrt(h), normal, 'actor/out/kernel'), bias: outputBias },
    ],
    critic: [
      dense(config.embed, h, normal, 'critic/1'),
      dense(h, h, normal, 'critic/2'),
      dense(h, 1, normal, 'critic/out'),
    ],
    logStd: namedVariable(tf.scalar(-0.5), 'logStd'),
  };
}

/** Every trainable variable, in a fixed order (saving relies on it). */
export function actorCriticVariables(net: ActorCritic): tf.Variable[] {
  return [
    net.embed.kernel,
    net.embed.bias,
    ...(net.ttt === undefined ? [] : tttVariables(net.ttt)),
    ...net.actor.flatMap((d) => [d.kernel, d.bias]),
    ...net.critic.flatMap((d) => [d.kernel, d.bias]),
    net.logStd,
  ];
}

/**
 * `net` with its inner loop switched off (base inner rate 0), so that W stays at W0 all episode:
 * the ablation that measures what test-time training is worth. It shares `net`'s variables (free
 * them once); a network without a TTT layer is returned as it is.
 */
export function withInnerLoopOff(net: ActorCritic): ActorCritic {
  const ttt = net.config.ttt;
  return ttt === undefined ? net : { ...net, config: { ...net.config, ttt: { ...ttt, baseLr: 0 } } };
}

/** Frees the network's variables. */
export function disposeActorCritic(net: ActorCritic): void {
  for (const v of actorCriticVariables(net)) v.dispose();
}

function mlp(layers: readonly Dense[], x: tf.Tensor2D): tf.Tensor2D {
  let out = x;
  layers.forEach((layer, i) => {
    const z = tf.add(tf.matMul(out, layer.kernel), layer.bias) as tf.Tensor2D;
    out = i < layers.length - 1 ? tf.tanh(z) : z;
  });
  return out;
}

/** The tokens [T, embed] of T observations' entry features [T, P, F]. */
export function tokens(net: ActorCritic, features: tf.Tensor3D): tf.Tensor2D {
  return tf.tidy(() => {
    const pooled = tf.concat([tf.mean(features, 1), tf.max(features, 1)], 1) as tf.Tensor2D;
    return tf.tanh(tf.add(tf.matMul(pooled, net.embed.kernel), net.embed.bias)) as tf.Tensor2D;
  });
}

/** The heads on hidden states [T, embed]: per-entry caching logits and u means [T, P], values [T]. */
export function heads(
  net: ActorCritic,
  features: tf.Tensor3D,
  hidden: tf.Tensor2D,
): { cacheLogits: tf.Tensor2D; fractionMeans: tf.Tensor2D; values: tf.Tensor1D } {
  return tf.tidy(() => {
    const [t, p, f] = features.shape;
    const tiled = tf.tile(tf.expandDims(hidden, 1), [1, p, 1]);
    const input = tf.reshape(tf.concat([features, tiled], 2), [t * p, f + net.config.embed]) as tf.Tensor2D;
    const out = tf.reshape(mlp(net.actor, input), [t, p, 2]);
    const [cacheLogits, fractionMeans] = tf.split(out, 2, 2).map((x) => tf.reshape(x, [t, p]) as tf.Tensor2D);
    const values = tf.reshape(mlp(net.critic, hidden), [t]) as tf.Tensor1D;
    return { cacheLogits: cacheLogits as tf.Tensor2D, fractionMeans: fractionMeans as tf.Tensor2D, values };
  });
}

/**
 * The network over one episode (or a chunk of one) of entry features [T, P, F], the TTT layer
 * unrolled from W0 (or from `state`) over its tokens: differentiable through every inner update.
 */
export function forwardEpisode(
  net: ActorCritic,
  features: tf.Tensor3D,
  state?: tf.Tensor3D,
): { cacheLogits: tf.Tensor2D; fractionMeans: tf.Tensor2D; values: tf.Tensor1D } {
  return tf.tidy(() => {
    const x = tokens(net, features);
    let hidden = x;
    if (net.ttt !== undefined && net.config.ttt !== undefined)
      hidden = tf.add(x, tttSequence(net.ttt, net.config.ttt, x, state).output) as tf.Tensor2D;
    return heads(net, features, hidden);
  });
}

/** The log-probability of a Bernoulli(σ(l)) outcome: log σ(l) = −softplus(−l). */
function bernoulliLogProb(logits: tf.Tensor, outcomes: tf.Tensor): tf.Tensor {
  // tf.logSigmoid's custom gradient fails inside variableGrads (tfjs 4.22), as ppo.ts notes.
  return tf.add(
    tf.mul(outcomes, tf.neg(tf.softplus(tf.neg(logits)))),
    tf.mul(tf.sub(1, outcomes), tf.neg(tf.softplus(logits))),
  );
}

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/**
 * Log-probabilities [T] of actions (cache bits a [T, P], pre-sigmoid fractions u [T, P]) and the
 * policy's entropy [T]. Each entry's terms count where its credit mask is 1: `creditA` for its
 * Bernoulli term, `creditU` for its Gaussian term. Without masks, every a counts and u counts where
 * a = 1 (b is projected to 0 where a model is not cached, PAPER.md §3.2 step 2). The physical
 * adapter masks the terms whose draw cannot change the action (physical.ts, `creditMasks`).
 */
export function logProbAndEntropy(
  net: ActorCritic,
  out: { cacheLogits: tf.Tensor2D; fractionMeans: tf.Tensor2D },
  cache: tf.Tensor2D,
  u: tf.Tensor2D,
  masks?: { creditA: tf.Tensor2D; creditU: tf.Tensor2D },
): { logProb: tf.Tensor1D; entropy: tf.Tensor1D } {
  return tf.tidy(() => {
    const creditA: tf.Tensor = masks?.creditA ?? tf.onesLike(cache);
    const creditU: tf.Tensor = masks?.creditU ?? cache;
    const logA = bernoulliLogProb(out.cacheLogits, cache);
    const z = tf.div(tf.sub(u, out.fractionMeans), tf.exp(net.logStd));
    const logU = tf.sub(tf.mul(-0.5, tf.square(z)), tf.add(net.logStd, HALF_LOG_2PI));
    const logProb = tf.sum(tf.add(tf.mul(creditA, logA), tf.mul(creditU, logU)), 1) as tf.Tensor1D;
    const p = tf.sigmoid(out.cacheLogits);
    const entropyA = tf.neg(
      tf.add(
        tf.mul(p, bernoulliLogProb(out.cacheLogits, tf.onesLike(p))),
        tf.mul(tf.sub(1, p), bernoulliLogProb(out.cacheLogits, tf.zerosLike(p))),
      ),
    );
    const entropyU = tf.mul(creditU, tf.add(net.logStd, 0.5 + HALF_LOG_2PI));
    return { logProb, entropy: tf.sum(tf.add(tf.mul(creditA, entropyA), entropyU), 1) as tf.Tensor1D };
  });
}

/** One slot's decision drawn from the policy. */
export interface Decision {
  /** Cache bits a (before the projection), one per entry. */
  readonly cache: Uint8Array;
  /** u (pre-sigmoid) and b = σ(u), one per entry. */
  readonly u: Float32Array;
  readonly fraction: Float32Array;
  /** σ(caching logit): the projection's score. */
  readonly cacheProbability: Float32Array;
  /** Each entry's Bernoulli log-probability log π(a_e) and Gaussian log-density log π(u_e). */
  readonly logProbA: Float32Array;
  readonly logProbU: Float32Array;
  /** Σ logProbA + Σ_{a = 1} logProbU: the unmasked log-probability. */
  readonly logProb: number;
  readonly value: number;
}

/**
 * The network run online in an episode: one call per slot with that slot's entry features; the
 * TTT state advances by one token per call and returns to W0 at `reset` (each episode).
 */
export interface OnlineActorCritic {
  /** Draws a decision (`sample`), or takes the mode (a = 1 iff σ(l) ≥ ½, u = mean). */
  decide(features: Float32Array, entries: number, uniform: () => number, sample: boolean): Decision;
  reset(): void;
  dispose(): void;
}

/** An online runner of `net`; see {@link OnlineActorCritic}. */
export function createOnline(net: ActorCritic): OnlineActorCritic {
  const online: TttOnline | undefined =
    net.ttt !== undefined && net.config.ttt !== undefined
      ? createTttOnline(net.ttt, net.config.ttt)
      : undefined;
  const normal = gaussianFrom();
  return {
    decide(features, entries, uniform, sample) {
      const f = net.config.entryFeatures;
      const { logits, means, value, std } = tf.tidy(() => {
        const x3 = tf.tensor3d(features, [1, entries, f]);
        const token = tokens(net, x3);
        let hidden: tf.Tensor2D = token;
        if (online !== undefined) {
          const ttt = online.step(token.dataSync() as Float32Array);
          hidden = tf.add(token, tf.tensor2d(ttt, [1, net.config.embed])) as tf.Tensor2D;
        }
        const out = heads(net, x3, hidden);
        return {
          logits: Float32Array.from(out.cacheLogits.dataSync()),
          means: Float32Array.from(out.fractionMeans.dataSync()),
          value: out.values.dataSync()[0] as number,
          std: Math.exp(net.logStd.dataSync()[0] as number),
        };
      });
      const cache = new Uint8Array(entries);
      const u = new Float32Array(entries);
      const fraction = new Float32Array(entries);
      const cacheProbability = new Float32Array(entries);
      const logProbA = new Float32Array(entries);
      const logProbU = new Float32Array(entries);
      let logProb = 0;
      for (let e = 0; e < entries; e++) {
        const l = logits[e] as number;
        const p = 1 / (1 + Math.exp(-l));
        cacheProbability[e] = p;
        const keep = sample ? uniform() < p : p >= 0.5;
        cache[e] = keep ? 1 : 0;
        logProbA[e] = -softplus(keep ? -l : l);
        logProb += logProbA[e] as number;
        const mean = means[e] as number;
        const draw = sample ? mean + std * normal(uniform) : mean;
        u[e] = draw;
        fraction[e] = 1 / (1 + Math.exp(-draw));
        logProbU[e] = -0.5 * ((draw - mean) / std) ** 2 - Math.log(std) - HALF_LOG_2PI;
        if (keep) logProb += logProbU[e] as number;
      }
      return { cache, u, fraction, cacheProbability, logProbA, logProbU, logProb, value };
    },
    reset() {
      online?.reset();
    },
    dispose() {
      online?.dispose();
    },
  };
}

/** log(1 + eˣ) without overflow. */
function softplus(x: number): number {
  return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
}

/** A standard normal draw from a uniform source (Box–Muller). */
function gaussianFrom(): (uniform: () => number) => number {
  return (uniform) => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}
