/**
 * Training the paper's T2DRL or PPO on the physical model: episodes of the scenario on training
 * seeds, a PPO update (paper hyper-parameters) every `episodesPerUpdate` episodes, then the
 * weights saved with the scenario's hash.
 */

import { scenarioHash } from '../../../src/edge/scenario.js';
import type { Scenario } from '../../../src/edge/scenario-schema.js';
import type { TraceRecord } from '../../../src/edge/workload/request.js';
import { betweenRuns, simulate } from '../../../src/experiment/simulate.js';
import { initTensorflow } from '../backend.js';
import { type Restart, VALIDATION_SEEDS } from '../train.js';
import { type ActorCritic, createActorCritic, disposeActorCritic } from './actor-critic.js';
import { type ActorCriticKind, paperNetworkConfig } from './index.js';
import { createLearner } from './learner.js';
import { PHYSICAL_ENTRY_FEATURES, PHYSICAL_REWARD_SCALE, physicalPolicy } from './physical.js';
import { type OuterPpoConfig, PAPER_PPO, type UpdateStats } from './ppo.js';
import { saveActorCritic } from './weights.js';

/** Options of {@link trainPaperActorCritic}. @category policies */
export interface PaperTrainOptions {
  readonly kind: ActorCriticKind;
  readonly scenario: Scenario;
  readonly episodes: number;
  readonly seed: number;
  readonly records?: readonly TraceRecord[];
  /** Save the weights here (meta.json, weights.bin). */
  readonly out?: string;
  readonly episodesPerUpdate?: number;
  /** PPO settings overriding the paper's ({@link PAPER_PPO}). */
  readonly ppo?: Partial<OuterPpoConfig>;
  readonly onEpisode?: (episode: number, systemCost: number) => void;
  readonly onUpdate?: (stats: UpdateStats) => void;
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
  const net = createActorCritic(paperNetworkConfig(options.kind, PHYSICAL_ENTRY_FEATURES), options.seed);
  const learner = createLearner({
    net,
    seed: options.seed,
    learn: true,
    sample: true,
    rewardScale: PHYSICAL_REWARD_SCALE,
    ...(options.episodesPerUpdate === undefined ? {} : { episodesPerUpdate: options.episodesPerUpdate }),
    ...(options.onUpdate === undefined ? {} : { onUpdate: options.onUpdate }),
    ppo: { ...PAPER_PPO, ...options.ppo },
  });
  const policy = physicalPolicy(options.kind, async () => learner);
  await policy.prepare?.();
  const curve: { episode: number; systemCost: number }[] = [];
  for (let episode = 1; episode <= options.episodes; episode++) {
    // Training seeds are disjoint from evaluation (1, 2, ...) and validation (101–108) seeds.
    const result = await simulate({
      scenario: options.scenario,
      policy,
      seed: 1_000_000 + options.seed * 10_000 + episode,
      ...(options.records === undefined ? {} : { records: options.records }),
    });
    curve.push({ episode, systemCost: result.metrics.systemCost });
    options.onEpisode?.(episode, result.metrics.systemCost);
    await betweenRuns();
  }
  learner.dispose();
  if (options.out !== undefined) savePaperWeights(net, options.out, options, options.seed, backend);
  return { net, curve, backend };
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
    const learner = createLearner({
      net,
      seed,
      learn: false,
      sample: false,
      rewardScale: PHYSICAL_REWARD_SCALE,
    });
    const policy = physicalPolicy('validation', async () => learner);
    const result = await simulate({ scenario, policy, seed, ...(records === undefined ? {} : { records }) });
    learner.dispose();
    total += result.metrics.systemCost;
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
  let best:
    | {
        net: ActorCritic;
        curve: { episode: number; systemCost: number }[];
        backend: string;
        seed: number;
        cost: number;
      }
    | undefined;
  const restarts: Restart[] = [];
  const { out, ...rest } = options;
  for (let r = 0; r < Math.max(1, options.restarts); r++) {
    const seed = options.seed + r;
    const trained = await trainPaperActorCritic({ ...rest, seed });
    const cost = await paperValidationCost(trained.net, options.scenario, options.records);
    restarts.push({ seed, validationCost: cost });
    options.onRestart?.({ seed, validationCost: cost });
    if (best === undefined || cost < best.cost) {
      if (best !== undefined) disposeActorCritic(best.net);
      best = { ...trained, seed, cost };
    } else disposeActorCritic(trained.net);
  }
  const chosen = best as NonNullable<typeof best>;
  if (out !== undefined) savePaperWeights(chosen.net, out, options, chosen.seed, chosen.backend);
  return { net: chosen.net, curve: chosen.curve, backend: chosen.backend, seed: chosen.seed, restarts };
}

/** Saves a trained network with the scenario's hash (the layout `paperActorCriticPolicy` loads). */
export function savePaperWeights(
  net: ActorCritic,
  dir: string,
  options: Pick<PaperTrainOptions, 'kind' | 'scenario' | 'episodes'>,
  seed: number,
  backend: string,
): void {
  saveActorCritic(net, dir, {
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
