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
import { type ActorCritic, createActorCritic } from './actor-critic.js';
import { type ActorCriticKind, paperNetworkConfig } from './index.js';
import { createLearner } from './learner.js';
import { PHYSICAL_ENTRY_FEATURES, PHYSICAL_REWARD_SCALE, physicalPolicy } from './physical.js';
import type { UpdateStats } from './ppo.js';
import { saveActorCritic } from './weights.js';

/** Options of {@link trainPaperActorCritic}. */
export interface PaperTrainOptions {
  readonly kind: ActorCriticKind;
  readonly scenario: Scenario;
  readonly episodes: number;
  readonly seed: number;
  readonly records?: readonly TraceRecord[];
  /** Save the weights here (meta.json, weights.bin). */
  readonly out?: string;
  readonly episodesPerUpdate?: number;
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
  if (options.out !== undefined)
    saveActorCritic(net, options.out, {
      policy: options.kind,
      environment: 'physical',
      scenarioHash: scenarioHash(options.scenario),
      scenarioName: options.scenario.name,
      seed: options.seed,
      episodes: options.episodes,
      backend,
      trainedAt: new Date().toISOString(),
    });
  return { net, curve, backend };
}
