/**
 * Training the paper's T2DRL or PPO on the seed paper's own environment (kind 'paper'): the
 * environment-independent trainer (train-env.ts) with the paper environment's adapter, the weights
 * saved with the paper scenario's hash (`environment: 'paper'`, the layout `paperEnvironmentPolicy`
 * loads).
 */
import { PaperEnvironment } from '../../../src/paper/environment.js';
import type { PaperScenario } from '../../../src/paper/scenario-schema.js';
import type { ActorCritic } from './actor-critic.js';
import type { ActorCriticKind } from './index.js';
import { PAPER_REWARD_SCALE, paperAdapter, paperScenarioHash } from './paper.js';
import { trainOnEnvironmentWithRestarts } from './train-env.js';
import { saveActorCritic } from './weights.js';

/** Options of {@link trainOnPaperScenario}. */
export interface PaperEnvironmentTrainOptions {
  readonly kind: ActorCriticKind;
  readonly scenario: PaperScenario;
  readonly episodes: number;
  readonly seed: number;
  readonly restarts: number;
  readonly onEpisode?: (episode: number, cost: number) => void;
  readonly onRestart?: (restart: { seed: number; validationCost: number }) => void;
}

/**
 * `restarts` trainings on the paper's environment, keeping the one cheapest on the validation
 * seeds; the curve is the system cost (the paper's units, summed over the episode's slots) per
 * training episode.
 */
export async function trainOnPaperScenario(options: PaperEnvironmentTrainOptions): Promise<{
  net: ActorCritic;
  curve: { episode: number; systemCost: number }[];
  backend: string;
  seed: number;
  restarts: { seed: number; validationCost: number }[];
}> {
  const result = await trainOnEnvironmentWithRestarts({
    kind: options.kind,
    environment: () => new PaperEnvironment(options.scenario),
    adapter: paperAdapter,
    episodes: options.episodes,
    seed: options.seed,
    restarts: options.restarts,
    rewardScale: PAPER_REWARD_SCALE,
    ...(options.onEpisode === undefined ? {} : { onEpisode: options.onEpisode }),
    ...(options.onRestart === undefined ? {} : { onRestart: options.onRestart }),
  });
  return { ...result, curve: result.curve.map((p) => ({ episode: p.episode, systemCost: p.cost })) };
}

/**
 * Saves a network trained on the paper's environment with the scenario's hash, and the restarts
 * it was kept from when there were several.
 */
export function savePaperEnvironmentWeights(
  net: ActorCritic,
  dir: string,
  options: { readonly kind: ActorCriticKind; readonly scenario: PaperScenario; readonly episodes: number },
  seed: number,
  backend: string,
  restarts: readonly { readonly seed: number; readonly validationCost: number }[] = [],
): void {
  saveActorCritic(net, dir, {
    ...(restarts.length > 1 ? { restarts } : {}),
    policy: options.kind,
    environment: 'paper',
    scenarioHash: paperScenarioHash(options.scenario),
    scenarioName: options.scenario.name,
    seed,
    episodes: options.episodes,
    backend,
    trainedAt: new Date().toISOString(),
  });
}
