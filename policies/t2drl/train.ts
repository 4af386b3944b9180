/**
 * Training T2DRL: episodes of the scenario with fresh seeds, a PPO update every `updateEvery`
 * slots, the same learning loop the agent keeps running at test time.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Scenario } from '../../src/edge/scenario-schema.js';
import type { TraceRecord } from '../../src/edge/workload/request.js';
import { simulate } from '../../src/experiment/simulate.js';
import { createT2drlAgent } from './agent.js';
import { initTensorflow } from './backend.js';
import { createNetworks, type Networks, saveNetworks } from './network.js';
import { scenarioHash } from './weights.js';

/** Options of {@link trainT2drl}. */
export interface TrainOptions {
  readonly scenario: Scenario;
  readonly episodes: number;
  readonly seed: number;
  readonly records?: readonly TraceRecord[];
  readonly out?: string;
  readonly learningRate?: number;
  readonly onEpisode?: (episode: number, systemCost: number) => void;
}

/** One point of the learning curve. */
export interface LearningPoint {
  readonly episode: number;
  readonly systemCost: number;
}

/**
 * Trains networks from scratch and, with `out`, saves them with the scenario hash and seed.
 *
 * @category policies
 */
export async function trainT2drl(
  options: TrainOptions,
): Promise<{ networks: Networks; curve: LearningPoint[]; backend: string }> {
  const backend = await initTensorflow();
  tf.util.assert(options.episodes > 0, () => 'episodes must be > 0');
  const networks = createNetworks(options.seed);
  const curve: LearningPoint[] = [];
  const agent = createT2drlAgent({
    name: 't2drl',
    networks,
    seed: options.seed,
    learn: true,
    learningRate: options.learningRate ?? 3e-3,
    updateEvery: 20,
  });
  await agent.prepare();
  for (let episode = 1; episode <= options.episodes; episode++) {
    // Training seeds are disjoint from the evaluation seeds (1, 2, 3, ...).
    const result = await simulate({
      scenario: options.scenario,
      policy: agent,
      seed: 1_000_000 + options.seed * 10_000 + episode,
      ...(options.records === undefined ? {} : { records: options.records }),
    });
    curve.push({ episode, systemCost: result.metrics.systemCost });
    options.onEpisode?.(episode, result.metrics.systemCost);
  }
  if (options.out !== undefined) {
    await saveNetworks(networks, options.out, {
      scenarioHash: scenarioHash(options.scenario),
      seed: options.seed,
      episodes: options.episodes,
      backend,
      trainedAt: new Date().toISOString(),
    });
  }
  return { networks, curve, backend };
}
