/**
 * Training the paper's T2DRL or PPO on any environment of the Gymnasium-style contract through an
 * episode adapter (episode.ts), such as the seed paper's model: episodes on training seeds, the
 * paper's PPO every `episodesPerUpdate` episodes (and once more on any remainder), restarts kept by the mean cost (minus the
 * episode's reward) on the validation seeds 101–108, acting on the policy's mode.
 */
import type { Environment } from '../../../src/environment.js';
import { createRng, RUN_STREAMS } from '../../../src/random.js';
import { betweenEpisodes } from '../../episode.js';
import { initTensorflow } from '../backend.js';
import { VALIDATION_SEEDS } from '../train.js';
import { type ActorCritic, createActorCritic } from './actor-critic.js';
import { type EpisodeAdapter, runEpisode } from './episode.js';
import { type ActorCriticKind, paperNetworkConfig } from './index.js';
import { createLearner } from './learner.js';
import { type OuterPpoConfig, PAPER_PPO, type UpdateStats } from './ppo.js';
import { bestOfRestarts } from './restarts.js';

/** Options of {@link trainOnEnvironment}. */
export interface EnvironmentTrainOptions<O, A> {
  readonly kind: ActorCriticKind;
  /** A fresh environment (one is made per training and per validation). */
  readonly environment: () => Environment<O, A, unknown, unknown>;
  readonly adapter: EpisodeAdapter<O, A>;
  readonly episodes: number;
  readonly seed: number;
  /** Rewards are divided by this before learning. */
  readonly rewardScale: number;
  /**
   * Episodes collected per PPO update (default 4); when `episodes` is not a multiple of it, one
   * last update learns from the remainder.
   */
  readonly episodesPerUpdate?: number;
  readonly ppo?: Partial<OuterPpoConfig>;
  /** Called after each training episode with its cost (minus its total reward). */
  readonly onEpisode?: (episode: number, cost: number) => void;
  readonly onUpdate?: (stats: UpdateStats) => void;
}

/** Trains a fresh network; returns it with its learning curve (cost per training episode). */
export async function trainOnEnvironment<O, A>(
  options: EnvironmentTrainOptions<O, A>,
): Promise<{ net: ActorCritic; curve: { episode: number; cost: number }[]; backend: string }> {
  const backend = await initTensorflow();
  const net = createActorCritic(
    paperNetworkConfig(options.kind, options.adapter.entryFeatures),
    options.seed,
  );
  // One stream for all of training's draws, derived from its seed as a run's policy stream is.
  const rng = createRng(options.seed).derive(RUN_STREAMS.policy);
  const learner = createLearner({
    net,
    learn: true,
    sample: true,
    rewardScale: options.rewardScale,
    ...(options.episodesPerUpdate === undefined ? {} : { episodesPerUpdate: options.episodesPerUpdate }),
    ...(options.onUpdate === undefined ? {} : { onUpdate: options.onUpdate }),
    ppo: { ...PAPER_PPO, ...options.ppo },
  });
  const env = options.environment();
  const curve: { episode: number; cost: number }[] = [];
  for (let episode = 1; episode <= options.episodes; episode++) {
    // Training seeds: disjoint from evaluation (1, 2, …) and validation (101–108) seeds.
    const seed = 1_000_000 + options.seed * 10_000 + episode;
    const { totalReward } = await runEpisode(env, options.adapter, learner, seed, rng);
    curve.push({ episode, cost: -totalReward });
    options.onEpisode?.(episode, -totalReward);
    await betweenEpisodes();
  }
  // The episodes after the last full update (episodes not a multiple of episodesPerUpdate) are learned from too.
  await learner.finish();
  learner.dispose();
  return { net, curve, backend };
}

/** Mean cost (minus total reward) of `net` on the validation seeds, acting on its mode. */
export async function environmentValidationCost<O, A>(
  net: ActorCritic,
  environment: () => Environment<O, A, unknown, unknown>,
  adapter: EpisodeAdapter<O, A>,
): Promise<number> {
  const env = environment();
  let total = 0;
  for (const seed of VALIDATION_SEEDS) {
    const learner = createLearner({ net, learn: false, sample: false, rewardScale: 1 });
    total -= (await runEpisode(env, adapter, learner, seed)).totalReward;
    learner.dispose();
    await betweenEpisodes();
  }
  return total / VALIDATION_SEEDS.length;
}

/**
 * `restarts` trainings from seeds `seed`, `seed + 1`, …, keeping the network with the lowest
 * {@link environmentValidationCost}.
 */
export async function trainOnEnvironmentWithRestarts<O, A>(
  options: EnvironmentTrainOptions<O, A> & {
    readonly restarts: number;
    readonly onRestart?: (restart: { seed: number; validationCost: number }) => void;
  },
): Promise<{
  net: ActorCritic;
  curve: { episode: number; cost: number }[];
  backend: string;
  seed: number;
  restarts: { seed: number; validationCost: number }[];
}> {
  const { best, restarts } = await bestOfRestarts(
    options,
    (seed) => trainOnEnvironment({ ...options, seed }),
    (net) => environmentValidationCost(net, options.environment, options.adapter),
  );
  return { net: best.net, curve: best.curve, backend: best.backend, seed: best.seed, restarts };
}
