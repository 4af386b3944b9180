/**
 * A behaviour-cloning warm start of the paper's actor–critic on the physical model, before its
 * PPO (a departure from the paper, which trains from scratch; docs/policies.md says why and what it
 * is worth). A teacher policy runs episodes on training seeds; each slot's labels are read off its
 * action: a_e = 1 iff the teacher caches the pair, and b_e = the share of the pair's requests (those
 * whose preferred server is the pair's) that it serves at the edge: b's meaning before it became an
 * admission price (physical.ts), so under the price the b labels are an approximation (the price
 * that would reproduce the teacher's routes is not 4·(1 − share), and requests the teacher sends to
 * another caching server are not counted). The actor is fitted to them by
 * maximum likelihood (the Bernoulli's cross-entropy on every entry; the Gaussian's squared error of
 * its mean against logit(b_e) where the teacher caches the pair and it has requests), the critic to
 * the teacher's discounted returns (γ of the outer PPO), all unrolled from W0 over whole episodes as
 * PPO's gradient steps are, so the TTT layer's W0, projections and gate are trained too.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Scenario } from '../../../src/edge/scenario-schema.js';
import type { Observation } from '../../../src/edge/types.js';
import type { TraceRecord } from '../../../src/edge/workload/request.js';
import type { Policy } from '../../../src/policy.js';
import type { Rng } from '../../../src/random.js';
import { betweenEpisodes, edgeEpisodeCost } from '../../episode.js';
import { concat } from '../arrays.js';
import { assignedDemand, pairFeatures } from '../features.js';
import { type ActorCritic, actorCriticVariables, forwardEpisode } from './actor-critic.js';
import { PHYSICAL_ENTRY_FEATURES } from './physical.js';
import { clipByGlobalNorm } from './ppo.js';

/** One teacher episode: entry features, labels and rewards per slot. */
export interface TeacherEpisode {
  readonly entries: number;
  readonly features: Float32Array[];
  /** a_e: 1 iff the teacher cached the pair. */
  readonly cache: Float32Array[];
  /** logit(b_e), b_e clamped to [0.05, 0.95]. */
  readonly u: Float32Array[];
  /** 1 where u_e is a label: the teacher caches the pair and it has requests. */
  readonly uMask: Float32Array[];
  readonly reward: number[];
}

const B_CLAMP = 0.05;

/**
 * The labels of one slot read off the teacher's action; `fraction` is b_e unclamped (0 where the
 * pair has no requests or is not cached).
 */
export function teacherLabels(
  observation: Observation,
  cache: Readonly<Record<string, readonly string[]>>,
  route: Readonly<Record<string, string>>,
): { cache: Float32Array; fraction: Float32Array; u: Float32Array; uMask: Float32Array } {
  const models = observation.modelIds;
  const n = observation.servers.length * models.length;
  const a = new Float32Array(n);
  const u = new Float32Array(n);
  const fraction = new Float32Array(n);
  const uMask = new Float32Array(n);
  const demand = assignedDemand(observation);
  const served = new Map<string, number>();
  for (const v of observation.requests) {
    const server = v.residentServer ?? v.nearestServer;
    if (route[v.request.id] !== server) continue;
    const key = `${server}\u0000${v.request.modelId}`;
    served.set(key, (served.get(key) ?? 0) + 1);
  }
  observation.servers.forEach((server, s) => {
    models.forEach((id, m) => {
      const e = s * models.length + m;
      a[e] = cache[server.id]?.includes(id) === true ? 1 : 0;
      const requests = demand.get(server.id)?.get(id) ?? 0;
      if (a[e] === 1 && requests > 0) {
        fraction[e] = (served.get(`${server.id}\u0000${id}`) ?? 0) / requests;
        const b = Math.min(1 - B_CLAMP, Math.max(B_CLAMP, fraction[e] as number));
        u[e] = Math.log(b / (1 - b));
        uMask[e] = 1;
      }
    });
  });
  return { cache: a, fraction, u, uMask };
}

/**
 * Runs `teacher` (prepared) for one episode per seed and records its labels; the teacher's own
 * rewards are the episodes'.
 */
export async function collectTeacherEpisodes(
  scenario: Scenario,
  teacher: Policy,
  seeds: readonly number[],
  options: { readonly records?: readonly TraceRecord[]; readonly policyRng?: Rng } = {},
): Promise<{ episodes: TeacherEpisode[]; costs: number[] }> {
  const episodes: TeacherEpisode[] = [];
  const costs: number[] = [];
  for (const seed of seeds) {
    const episode: TeacherEpisode = { entries: 0, features: [], cache: [], u: [], uMask: [], reward: [] };
    const recorder: Policy = {
      name: 'teacher',
      decide: (observation, context) => {
        const decision = teacher.decide(observation, context);
        const features = pairFeatures(observation);
        (episode as { entries: number }).entries = features.length / PHYSICAL_ENTRY_FEATURES;
        const labels = teacherLabels(observation, decision.action.cache, decision.action.route);
        episode.features.push(features);
        episode.cache.push(labels.cache);
        episode.u.push(labels.u);
        episode.uMask.push(labels.uMask);
        return decision;
      },
      // The teacher's promise is the episode's to await: a learning teacher's update must finish
      // (or fail loudly) before its next decision and before the episodes are returned.
      observe: (transition) => {
        episode.reward.push(transition.reward);
        return teacher.observe?.(transition);
      },
    };
    costs.push(
      await edgeEpisodeCost(scenario, recorder, seed, {
        ...(options.records === undefined ? {} : { records: options.records }),
        ...(options.policyRng === undefined ? {} : { policyRng: options.policyRng }),
      }),
    );
    episodes.push(episode);
    await betweenEpisodes();
  }
  return { episodes, costs };
}

/** Options of {@link cloneTeacher}. */
export interface CloneOptions {
  readonly epochs: number;
  readonly learningRate: number;
  /** Rewards are divided by this (as PPO's are), so the critic's targets match PPO's. */
  readonly rewardScale: number;
  readonly gamma: number;
  readonly maxGradNorm: number;
  readonly shuffle: (n: number) => number[];
  readonly onEpoch?: (epoch: number, loss: { cache: number; fraction: number; value: number }) => void;
}

/** Fits `net` to the teacher's episodes; one gradient step per episode and epoch. */
export function cloneTeacher(
  net: ActorCritic,
  episodes: readonly TeacherEpisode[],
  options: CloneOptions,
): void {
  const optimizer: tf.Optimizer = tf.train.adam(options.learningRate);
  const variables = actorCriticVariables(net);
  const f = net.config.entryFeatures;
  const returns = episodes.map((e) => {
    const g = new Float32Array(e.reward.length);
    let running = 0;
    for (let t = e.reward.length - 1; t >= 0; t--) {
      running = (e.reward[t] as number) / options.rewardScale + options.gamma * running;
      g[t] = running;
    }
    return g;
  });
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    const sums = { cache: 0, fraction: 0, value: 0 };
    for (const i of options.shuffle(episodes.length)) {
      const e = episodes[i] as TeacherEpisode;
      const t = e.reward.length;
      const p = e.entries;
      tf.tidy(() => {
        const { value, grads } = tf.variableGrads(() => {
          const out = forwardEpisode(net, tf.tensor3d(concat(e.features.slice(0, t)), [t, p, f]));
          const a = tf.tensor2d(concat(e.cache.slice(0, t)), [t, p]);
          // Binary cross-entropy with logits: softplus(l) − a·l.
          const cacheLoss = tf.mean(tf.sub(tf.softplus(out.cacheLogits), tf.mul(a, out.cacheLogits)));
          const mask = tf.tensor2d(concat(e.uMask.slice(0, t)), [t, p]);
          const u = tf.tensor2d(concat(e.u.slice(0, t)), [t, p]);
          const fractionLoss = tf.div(
            tf.sum(tf.mul(mask, tf.square(tf.sub(out.fractionMeans, u)))),
            tf.maximum(tf.sum(mask), 1),
          );
          const valueLoss = tf.mean(tf.square(tf.sub(out.values, tf.tensor1d(returns[i] as Float32Array))));
          sums.cache += cacheLoss.dataSync()[0] as number;
          sums.fraction += fractionLoss.dataSync()[0] as number;
          sums.value += valueLoss.dataSync()[0] as number;
          return tf.add(tf.add(cacheLoss, fractionLoss), tf.mul(0.25, valueLoss)) as tf.Scalar;
        }, variables);
        value.dispose();
        optimizer.applyGradients(clipByGlobalNorm(grads, options.maxGradNorm));
      });
    }
    const n = Math.max(1, episodes.length);
    options.onEpoch?.(epoch + 1, {
      cache: sums.cache / n,
      fraction: sums.fraction / n,
      value: sums.value / n,
    });
  }
  optimizer.dispose();
}
