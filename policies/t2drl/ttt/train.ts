/**
 * Training the paper's T2DRL or PPO on the physical model: episodes of the scenario on training
 * seeds, a PPO update (paper hyper-parameters) every `episodesPerUpdate` episodes (and one on any
 * remainder at the end), then the weights saved with the scenario's hash. Optionally a behaviour-cloning warm start first
 * (warm-start.ts; a departure from the paper). Episodes run through `edgeEpisodeCost`, not
 * `simulate`: policies import no experiment code (issue 11).
 */

import * as tf from '@tensorflow/tfjs-core';
import { scenarioHash } from '../../../src/edge/scenario.js';
import type { Scenario } from '../../../src/edge/scenario-schema.js';
import type { TraceRecord } from '../../../src/edge/workload/request.js';
import type { Policy } from '../../../src/policy.js';
import { createRng, RUN_STREAMS } from '../../../src/random.js';
import { betweenEpisodes, edgeEpisodeCost } from '../../episode.js';
import { initTensorflow } from '../backend.js';
import { drlFrozenPolicy } from '../policies.js';
import { type Restart, VALIDATION_SEEDS } from '../train.js';
import { type ActorCritic, actorCriticVariables, createActorCritic } from './actor-critic.js';
import { type ActorCriticKind, physicalNetworkConfig } from './index.js';
import { createLearner } from './learner.js';
import { PHYSICAL_REWARD_SCALE, physicalPolicy } from './physical.js';
import { type OuterPpoConfig, PAPER_PPO, type UpdateStats } from './ppo.js';
import { bestOfRestarts } from './restarts.js';
import { type CloneOptions, cloneTeacher, collectTeacherEpisodes } from './warm-start.js';
import { saveActorCritic } from './weights.js';

/** A behaviour-cloning warm start (warm-start.ts): a departure from the paper. */
export interface WarmStartOptions {
  /** The teacher, prepared (default `drl-frozen`, the shipped t2drl-online network, frozen). */
  readonly teacher?: Policy;
  /** Teacher episodes, on training seeds disjoint from PPO's. */
  readonly episodes: number;
  readonly epochs: number;
  /** Adam's step size for the cloning (default 10⁻³). */
  readonly learningRate?: number;
  readonly onEpoch?: CloneOptions['onEpoch'];
}

/** Options of {@link trainPaperActorCritic}. @category policies */
export interface PaperTrainOptions {
  /** The network to train: `t2drl` (with the TTT layer) or `ppo` (the same without it). */
  readonly kind: ActorCriticKind;
  /** The physical-model scenario trained on; its hash is saved with the weights. */
  readonly scenario: Scenario;
  /**
   * Training episodes (`doubledutch train`'s default: 300), episode e on the training seed
   * 1,000,000 + seed·10,000 + e, disjoint from evaluation (1, 2, …) and validation (101–108) seeds.
   */
  readonly episodes: number;
  /** Seeds the network's initial weights and every draw of training (actions, PPO's minibatch order). */
  readonly seed: number;
  /** The scenario's trace, already parsed (read once for many episodes); read from the scenario otherwise. */
  readonly records?: readonly TraceRecord[];
  /** Save the weights here (meta.json, weights.bin). */
  readonly out?: string;
  /**
   * Episodes collected per PPO update (default 4); when `episodes` is not a multiple of it, one
   * last update learns from the remainder.
   */
  readonly episodesPerUpdate?: number;
  /** PPO settings overriding the paper's ({@link PAPER_PPO}). */
  readonly ppo?: Partial<OuterPpoConfig>;
  /** Called after each training episode with its system cost (USD; the policy drawing its actions). */
  readonly onEpisode?: (episode: number, systemCost: number) => void;
  /** Called after each PPO update with its mean losses, entropy and gradient steps. */
  readonly onUpdate?: (stats: UpdateStats) => void;
  /**
   * Drop the log-probability terms that cannot matter this slot (physical.ts `creditMasks`;
   * default true). False: every a and every u where a = 1 count, as first built.
   */
  readonly masked?: boolean;
  /** A behaviour-cloning warm start before PPO (a departure from the paper; docs/policies.md); none by default. */
  readonly warmStart?: WarmStartOptions;
  /** Called after the warm start with the cloned network's validation cost, when measured. */
  readonly onWarmStart?: (info: { teacherCost: number; validationCost?: number }) => void;
  /**
   * Validate the network after the warm start and after PPO and keep the cheaper (validation
   * seeds 101–108; default false).
   */
  readonly keepBetter?: boolean;
}

/**
 * Trains a fresh network for `episodes` episodes; returns it with its learning curve (system cost
 * per training episode, the policy drawing its actions).
 *
 * @category policies
 */
export async function trainPaperActorCritic(
  options: PaperTrainOptions,
): Promise<{ net: ActorCritic; curve: { episode: number; systemCost: number }[]; backend: string }> {
  const backend = await initTensorflow();
  const net = createActorCritic(physicalNetworkConfig(options.kind), options.seed);
  // One stream for all of training's draws, derived from its seed as a run's policy stream is.
  const rng = createRng(options.seed).derive(RUN_STREAMS.policy);
  const records = options.records === undefined ? {} : { records: options.records };
  const ppo = { ...PAPER_PPO, ...options.ppo };
  let cloned: { cost: number; variables: Float32Array[] } | undefined;
  if (options.warmStart !== undefined) {
    const w = options.warmStart;
    const teacher = w.teacher ?? drlFrozenPolicy(options.seed);
    if (w.teacher === undefined) await teacher.prepare?.();
    // Teacher seeds: disjoint from PPO's (below), validation (101–108) and evaluation (1, 2, …).
    const seeds = Array.from({ length: w.episodes }, (_, i) => 2_000_000 + options.seed * 10_000 + i + 1);
    const { episodes, costs } = await collectTeacherEpisodes(options.scenario, teacher, seeds, {
      ...records,
      policyRng: rng,
    });
    if (w.teacher === undefined) teacher.dispose?.();
    cloneTeacher(net, episodes, {
      epochs: w.epochs,
      learningRate: w.learningRate ?? 1e-3,
      rewardScale: PHYSICAL_REWARD_SCALE,
      gamma: ppo.gamma,
      maxGradNorm: 1,
      shuffle: shuffler(rng),
      ...(w.onEpoch === undefined ? {} : { onEpoch: w.onEpoch }),
    });
    const teacherCost = costs.reduce((a, b) => a + b, 0) / Math.max(1, costs.length);
    if (options.keepBetter === true) {
      const cost = await paperValidationCost(net, options.scenario, options.records);
      cloned = { cost, variables: actorCriticVariables(net).map((v) => Float32Array.from(v.dataSync())) };
      options.onWarmStart?.({ teacherCost, validationCost: cost });
    } else options.onWarmStart?.({ teacherCost });
  }
  const learner = createLearner({
    net,
    learn: true,
    sample: true,
    rewardScale: PHYSICAL_REWARD_SCALE,
    ...(options.episodesPerUpdate === undefined ? {} : { episodesPerUpdate: options.episodesPerUpdate }),
    ...(options.onUpdate === undefined ? {} : { onUpdate: options.onUpdate }),
    ppo,
  });
  const policy = physicalPolicy(options.kind, async () => learner, { masked: options.masked ?? true });
  await policy.prepare?.();
  const curve: { episode: number; systemCost: number }[] = [];
  for (let episode = 1; episode <= options.episodes; episode++) {
    // Training seeds are disjoint from evaluation (1, 2, ...) and validation (101–108) seeds.
    const systemCost = await edgeEpisodeCost(
      options.scenario,
      policy,
      1_000_000 + options.seed * 10_000 + episode,
      {
        ...records,
        policyRng: rng,
      },
    );
    curve.push({ episode, systemCost });
    options.onEpisode?.(episode, systemCost);
    await betweenEpisodes();
  }
  // The episodes after the last full update (episodes not a multiple of episodesPerUpdate) are learned from too.
  await learner.finish();
  learner.dispose();
  if (cloned !== undefined && options.episodes > 0) {
    const cost = await paperValidationCost(net, options.scenario, options.records);
    if (cloned.cost < cost) {
      const saved = cloned.variables;
      actorCriticVariables(net).forEach((v, i) => {
        const values = tf.tensor(saved[i] as Float32Array, v.shape);
        v.assign(values);
        values.dispose();
      });
    }
  }
  if (options.out !== undefined) savePaperWeights(net, options.out, options, options.seed, backend);
  return { net, curve, backend };
}

function shuffler(rng: { next(): number }): (n: number) => number[] {
  return (n) => {
    const order = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(rng.next() * (i + 1));
      [order[i], order[j]] = [order[j] as number, order[i] as number];
    }
    return order;
  };
}

/**
 * Mean system cost of a network on the validation seeds (101–108, disjoint from evaluation and
 * training seeds), acting on the policy's mode with W adapting as at test time.
 */
export async function paperValidationCost(
  net: ActorCritic,
  scenario: Scenario,
  records?: readonly TraceRecord[],
): Promise<number> {
  let total = 0;
  for (const seed of VALIDATION_SEEDS) {
    const learner = createLearner({ net, learn: false, sample: false, rewardScale: PHYSICAL_REWARD_SCALE });
    const policy = physicalPolicy('validation', async () => learner, { masked: false });
    await policy.prepare?.();
    total += await edgeEpisodeCost(scenario, policy, seed, records === undefined ? {} : { records });
    learner.dispose();
  }
  return total / VALIDATION_SEEDS.length;
}

/**
 * `restarts` trainings from seeds `seed`, `seed + 1`, …, keeping the network with the lowest
 * {@link paperValidationCost} (as `train --restarts` does for t2drl-online); saves the kept one
 * to `out`.
 *
 * @category policies
 */
export async function trainPaperWithRestarts(
  options: PaperTrainOptions & { readonly restarts: number; readonly onRestart?: (restart: Restart) => void },
): Promise<{
  net: ActorCritic;
  curve: { episode: number; systemCost: number }[];
  backend: string;
  seed: number;
  restarts: Restart[];
}> {
  const { out, ...rest } = options;
  const { best, restarts } = await bestOfRestarts(
    options,
    (seed) => trainPaperActorCritic({ ...rest, seed }),
    (net) => paperValidationCost(net, options.scenario, options.records),
  );
  if (out !== undefined) savePaperWeights(best.net, out, options, best.seed, best.backend, restarts);
  return { net: best.net, curve: best.curve, backend: best.backend, seed: best.seed, restarts };
}

/**
 * Saves a trained network with the scenario's hash (the layout `paperActorCriticPolicy` loads),
 * and the restarts it was kept from when there were several.
 */
export function savePaperWeights(
  net: ActorCritic,
  dir: string,
  options: Pick<PaperTrainOptions, 'kind' | 'scenario' | 'episodes'>,
  seed: number,
  backend: string,
  restarts: readonly Restart[] = [],
): void {
  saveActorCritic(net, dir, {
    ...(restarts.length > 1 ? { restarts } : {}),
    policy: options.kind,
    environment: 'physical',
    scenarioHash: scenarioHash(options.scenario),
    scenarioName: options.scenario.name,
    seed,
    episodes: options.episodes,
    backend,
    trainedAt: new Date().toISOString(),
  });
}
